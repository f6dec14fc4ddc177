"""The framing stage: `framing.loaded_language` (lexicon spans with PTC techniques) and
`framing.tone` (tone toward each country, clause level; see tone.py)."""
from __future__ import annotations

from ..document import Document
from ..model import LoadedSpan
from ..stage import Stage
from . import lexicon, tone


class Framing(Stage):
    name = "framing"
    reads = ("body", "spacy")
    writes = ("loaded_language", "record.framing")

    def __call__(self, doc: Document) -> None:
        body = doc.body
        doc.loaded_language = [LoadedSpan(body[s:e], entry.technique, s, e)
                               for s, e, entry in lexicon.find(body, lexicon.load())]
        sentences = [(s.start_char, s.end_char) for s in doc.spacy.sents] if doc.spacy is not None else []
        doc.record.framing.tone = tone.tone_by_country(body, sentences, self.kb.actors)
