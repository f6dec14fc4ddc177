"""Loading the spaCy pipeline that every stage after the parse shares."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=4)
def load_spacy(name: str):
    """The spaCy pipeline `name` (an installed package or a saved pipeline's folder), once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # not installed: say which setting to change
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed (set DYAD_SPACY_MODEL)") from exc
