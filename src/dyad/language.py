"""Language of the body with py3langid (the model ships with the package; no download)."""
from __future__ import annotations

import functools

from .stage import Stage

# The identifier needs only a sample; long bodies do not change the answer.
SAMPLE_CHARS = 5000
MIN_LETTERS = 3
# Below this length the full 97-language model often picks a rare language for an English headline
# (e.g. Nigerian Pidgin); short texts are judged among the major languages of international news.
SHORT_CHARS = 300
NEWS_LANGUAGES = ("en", "ru", "uk", "zh", "ja", "ko", "ar", "fa", "tr", "fr", "de", "es", "it", "pt",
                  "pl", "nl", "sv", "no", "da", "fi", "cs", "el", "he", "hi", "ur", "id", "vi", "th",
                  "ro", "hu", "bg", "sr", "hr", "ka", "hy", "az", "kk")


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
