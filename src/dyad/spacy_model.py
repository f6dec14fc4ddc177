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
