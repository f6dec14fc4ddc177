"""Language of the body with py3langid (the model ships with the package; no download)."""
from __future__ import annotations

import functools
from pathlib import Path

from .stage import Stage

# The identifier needs only a sample; long bodies do not change the answer.
SAMPLE_CHARS = 5000
MIN_LETTERS = 3
# Below this length the full 97-language model often picks a rare language for an English headline
# (e.g. Nigerian Pidgin); short texts are judged among the major languages of international news.
SHORT_CHARS = 300
NEWS_LANGUAGES = tuple(line.strip() for line in (Path(__file__).parent / "data" / "news_languages.txt")
                       .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=2)
def _identifier(restricted: bool):
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    if restricted:
        ident.set_languages([code for code in NEWS_LANGUAGES if code in ident.nb_classes])
    return ident


def identify(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of a text; (None, 0.0) when it has almost no letters."""
    sample = (text or "")[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    lang, prob = _identifier(len(sample.strip()) < SHORT_CHARS).classify(sample)
    return lang, float(prob)


class Language(Stage):
    name = "language"
    reads = ("input", "body")
    writes = ("record.language",)

    def __call__(self, doc) -> None:
        hint = doc.input.get("language")
        lang, _ = identify(doc.body)
        if lang is None and isinstance(hint, str) and hint.strip():
            lang = hint.strip().lower()
        doc.record.language = lang
