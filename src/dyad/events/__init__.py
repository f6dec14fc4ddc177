"""The `events` stage: PLOVER events per sentence, with modality, date, quote and evidence.

The coder is chosen by name from the registry in `coder.py` (`DYAD_EVENT_CODER`, default
"pattern"); it sees one spaCy sentence at a time and returns `model.Event`s in body offsets.
A sentence that makes the coder fail loses its events, not the article.
"""
from __future__ import annotations

import logging
import os

from .coder import CODERS, EventCoder, PatternCoder, get_coder, register
from . import learned  # noqa: F401,E402  registers the "learned" and "hybrid" coders

__all__ = ["Events", "EventCoder", "PatternCoder", "CODERS", "get_coder", "register"]

log = logging.getLogger(__name__)


class Events:
    name = "events"

    def __init__(self, kb=None, coder: EventCoder | None = None):
        self.kb = kb
        self._coder = coder

    @property
    def coder(self) -> EventCoder:
        if self._coder is None:
            self._coder = get_coder(os.environ.get("DYAD_EVENT_CODER", "pattern"))
        return self._coder

    def __call__(self, doc) -> None:
        if doc.spacy is None:
            return
        events = []
        previous: set = set()
        for sent in doc.spacy.sents:
            if not sent.text.strip():
                continue
            try:
                found = self.coder.code(sent, doc, self.kb)
            except Exception as exc:  # one odd sentence must not cost the article its events
                log.warning("events: %s: sentence at %d skipped: %s: %s", doc.id, sent.start_char,
                            type(exc).__name__, exc)
                continue
            # a lead restated by the next sentence (a headline, then its lead; a summary, then the quote)
            # is one act: keep the first mention of a (type, source, target) with both sides known
            keys = [dyad_key(e) for e in found]
            events.extend(e for e, k in zip(found, keys) if k is None or k not in previous)
            previous = {k for k in keys if k is not None}
        doc.events = events


def dyad_key(event):
    src = event.source and event.source.country
    tgt = event.target and event.target.country
    return (event.type, src, tgt) if src and tgt else None
