"""The `events` stage: PLOVER events per sentence, with modality, date, quote and evidence.

The coder is chosen by name (`Settings.event_coder`, env DYAD_EVENT_CODER, default "pattern") from
the registry in `coder.py` and built with the pipeline's spaCy model (`nlp=`); it sees one spaCy
sentence at a time and returns `model.Event`s in body offsets.
A coder that raises fails the article with its error (the pipeline records it), like any stage.
"""
from __future__ import annotations

from ..stage import Stage
from .actors import answer_targets, person_spans, referent_spans
from .coder import CODERS, EventCoder, PatternCoder, get_coder, register
from . import learned  # noqa: F401,E402  registers the "learned" and "hybrid" coders

__all__ = ["Events", "EventCoder", "PatternCoder", "CODERS", "get_coder", "register"]


class Events(Stage):
    name = "events"
    reads = ("spacy", "record.people", "mentions", "quotes", "times", "record.published")
    writes = ("person_actors", "referent_actors", "events")

    def __init__(self, settings=None, kb=None, nlp=None, coder: EventCoder | None = None):
        super().__init__(settings, kb, nlp)
        self.coder = coder or get_coder(self.settings.event_coder, nlp=nlp)

    def __call__(self, doc) -> None:
        if doc.spacy is None:
            return
        doc.person_actors = person_spans(doc, self.kb)
        doc.referent_actors = referent_spans(doc, self.kb, doc.person_actors)
        events = []
        previous: set = set()
        last: list = []
        for sent in doc.spacy.sents:
            if not sent.text.strip():
                continue
            found = answer_targets(self.coder.code(sent, doc, self.kb), last)
            last = found
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
