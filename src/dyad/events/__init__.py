"""The `events` stage: PLOVER events per sentence, with modality, date, quote and evidence.

The coder is chosen by name from the registry in `coder.py` (`DYAD_EVENT_CODER`, default
"pattern"); it sees one spaCy sentence at a time and returns `model.Event`s in body offsets.
A sentence that makes the coder fail loses its events, not the article.
"""
from __future__ import annotations

import logging
import os

from .coder import CODERS, EventCoder, PatternCoder, get_coder, register

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
        for sent in doc.spacy.sents:
            if not sent.text.strip():
                continue
            try:
                events.extend(self.coder.code(sent, doc, self.kb))
            except Exception as exc:  # one odd sentence must not cost the article its events
                log.warning("events: %s: sentence at %d skipped: %s: %s", doc.id, sent.start_char,
                            type(exc).__name__, exc)
        doc.events = events
