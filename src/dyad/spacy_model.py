"""Loading the spaCy pipeline that every stage after the parse shares."""
from __future__ import annotations

import functools

from .sentences import add_paragraph_breaks


@functools.lru_cache(maxsize=4)
def load_spacy(name: str):
    """The spaCy pipeline `name` (an installed package or a saved pipeline's folder), once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # not installed: say which setting to change
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed (set DYAD_SPACY_MODEL)") from exc
    # Paragraph breaks are hard sentence boundaries for every stage that reads `doc.sents`.
    return add_paragraph_breaks(nlp)


def doc_text(sdoc) -> str:
    """The parsed text, built once per Doc and kept in its `user_data` (spaCy's `Doc.text` joins every
    token anew on each call: a walk over the whole article per call on the per-sentence paths)."""
    text = sdoc.user_data.get("dyad_text")
    if text is None:
        text = sdoc.user_data["dyad_text"] = sdoc.text
    return text


def text_length(sdoc) -> int:
    """`len(sdoc.text)` without building the text: spaCy's `Doc.text` joins every token anew on each
    call, which costs a walk over the whole article wherever a stage checks the parse's length."""
    if not len(sdoc):
        return 0
    last = sdoc[-1]
    return last.idx + len(last.text_with_ws)
