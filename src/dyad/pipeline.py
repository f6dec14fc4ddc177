"""The only place that knows the order of the stages.

Every stage is a small class: `Stage(kb=...)` then `stage(doc)` mutates one `Document`.
Stages before `nlp` work on text; stages after it read the shared spaCy parse. Documents stream
through `nlp.pipe` in batches, so the corpus is never held in memory.
"""
from __future__ import annotations

import functools
import time
from collections import defaultdict
from typing import Iterable, Iterator

from .clean import Clean
from .config import Settings
from .dates import Dates
from .document import Document
from .events import Events
from .extract import Extract
from .ingest import admit
from .kb import KnowledgeBase
from .language import Language
from .metadata import Metadata
from .model import ArticleRecord
from .people import People
from .quotes import Quotes
from .timelimit import ItemTimeout, time_limit

TEXT_STAGES = (Extract, Clean, Metadata, Language)
PARSE_STAGES = (People, Dates, Quotes, Events)


@functools.lru_cache(maxsize=4)
def load_spacy(name: str):
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # not installed: say which setting to change
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed (set DYAD_SPACY_MODEL)") from exc


class Pipeline:
    def __init__(self, settings: Settings | None = None, kb: KnowledgeBase | None = None):
        self.settings = settings or Settings()
        self.kb = kb or KnowledgeBase.default()
        self.text_stages = [cls(kb=self.kb) for cls in TEXT_STAGES]
        self.parse_stages = [cls(kb=self.kb) for cls in PARSE_STAGES]
        self.nlp = load_spacy(self.settings.spacy_model)
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_body_chars + 1)
        # Cumulative seconds per stage ("nlp" = spaCy), for benchmarks; cheap enough to keep on.
        self.timings: dict[str, float] = defaultdict(float)

    def _run(self, stages, doc: Document) -> None:
        """Run stages on one document, within the per-item time limit."""
        try:
            with time_limit(self.settings.item_time_limit_s):
                for stage in stages:
                    if doc.failed:
                        return
                    t0 = time.perf_counter()
                    try:
                        stage(doc)
                    except Exception as exc:  # one bad article must not stop the run (ItemTimeout too)
                        doc.fail(f"{stage.name}: {type(exc).__name__}: {exc}")
                    self.timings[stage.name] += time.perf_counter() - t0
        except ItemTimeout as exc:  # the alarm rang between two stages
            doc.fail(f"ItemTimeout: {exc}")

    def _prepare(self, item: dict) -> Document:
        if isinstance(item, dict):  # refused before any work: too long, nested too deep
            item = admit(item, self.settings.max_body_chars, self.settings.max_html_chars)
        doc = Document(id=str(item.get("id", "")) if isinstance(item, dict) else "", input=item)
        self._run(self.text_stages, doc)
        if not doc.failed and len(doc.body) > self.settings.max_body_chars:
            doc.fail(f"body too long: {len(doc.body)} characters > {self.settings.max_body_chars}")
        return doc

    def annotate(self, items: Iterable[dict]) -> Iterator[ArticleRecord]:
        """Contract input dicts in, article records out, same order."""
        docs = (self._prepare(item) for item in items)
        pairs = ((("" if d.failed else d.body), d) for d in docs)
        parsed = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size,
                               n_process=self.settings.n_process)
        for sdoc, doc in self._timed(parsed):
            if not doc.failed:
                doc.spacy = sdoc
                self._run(self.parse_stages, doc)
            yield doc.finish()

    def _timed(self, parsed: Iterator) -> Iterator:
        """Pass the spaCy stream through, booking its time to "nlp" less the text stages, which run
        lazily inside it."""
        def text_time() -> float:
            return sum(self.timings[s.name] for s in self.text_stages)

        while True:
            t0, before = time.perf_counter(), text_time()
            try:
                item = next(parsed)
            except StopIteration:
                return
            self.timings["nlp"] += time.perf_counter() - t0 - (text_time() - before)
            yield item

    def annotate_one(self, item: dict) -> ArticleRecord:
        return next(iter(self.annotate([item])))
