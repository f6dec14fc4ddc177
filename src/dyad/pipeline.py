"""The only place that knows the order of the stages.

Every stage is a small class (`stage.Stage`): built once as `Stage(settings=..., kb=..., nlp=...)`,
then `stage(doc)` fills the `Document` slots it declares in `writes` from those in `reads`.
Stages before the parse work on text; stages after it read the shared spaCy parse. Documents stream
through `nlp.pipe` in batches, so the corpus is never held in memory.
"""
from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import time
from collections import defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .clean import Clean
from .conditions import Conditions
from .config import Settings
from .dates import Dates, TextDates
from .document import Document
from .events import Events
from .extract import Extract
from .framing import Framing
from .ingest import admit
from .kb import KnowledgeBase
from .language import Language
from .metadata import Metadata
from .model import ArticleRecord
from .people import CaptionPeople, People, RolesAtDate
from .quotes import Quotes
from .spacy_model import load_spacy
from .stage import Stage
from .timelimit import ItemTimeout, time_limit

TEXT_STAGES: tuple[type[Stage], ...] = (Extract, Clean, Metadata, Language)
PARSE_STAGES: tuple[type[Stage], ...] = (People, Dates, RolesAtDate, CaptionPeople, Quotes, Events, Framing, Conditions)
# Settings.metadata_only: after the text stages only the publication date, from text evidence.
METADATA_STAGES: tuple[type[Stage], ...] = (TextDates,)
# Slots the pipeline fills itself: before the first stage, and (the parse) between the two lists.
INPUT_SLOTS = ("id", "input", "record.id")
PARSE_SLOTS = ("spacy",)


# Invented articles that make every stage load what it loads on first use: a short one and one long
# enough for the language stage's full model (each identifier takes half a second to load).
WARM_UP = ({"id": "warm-up", "text": "Japan and Russia held talks in Moscow on Monday, Foreign Minister Ivanov said."},
           {"id": "warm-up-long", "text": "Ruritania and Freedonia resumed talks on fishing rights in Strelsau on "
                                          "Tuesday. \"We expect progress,\" Foreign Minister Anna Vogel told "
                                          "reporters after the first round, which lasted four hours. The two "
                                          "governments had suspended the talks in March after a patrol boat "
                                          "detained a trawler near the disputed islands, and officials on both "
                                          "sides said a new round would follow next month."})


class StageOrderError(ValueError):
    """A stage reads a slot that no earlier stage (nor the pipeline) writes, or names no slot."""


def slot_names() -> set[str]:
    """Every slot a stage may read or write: `Document` fields and `record.<field>`."""
    doc = {f.name for f in dataclasses.fields(Document) if not f.name.startswith("_")}
    return doc | {f"record.{f.name}" for f in dataclasses.fields(ArticleRecord)}


def check_order(text_stages: Sequence[type[Stage]], parse_stages: Sequence[type[Stage]]) -> None:
    """Fail with a clear message unless every slot a stage reads is written before it."""
    known = slot_names()
    written = set(INPUT_SLOTS)
    later = {slot: stage.name for stage in (*text_stages, *parse_stages) for slot in stage.writes}
    for group, stages in (("text", text_stages), ("parse", parse_stages)):
        if group == "parse":
            written.update(PARSE_SLOTS)
        for stage in stages:
            for slot in (*stage.reads, *stage.writes):
                if slot not in known:
                    raise StageOrderError(f"stage {stage.name!r} names {slot!r}, which is no Document slot")
            for slot in stage.reads:
                if slot not in written:
                    hint = (f" ({later[slot]!r} writes it, later)" if slot in later
                            else f" (the parse writes it: put {stage.name!r} after it)" if slot in PARSE_SLOTS
                            else "")
                    raise StageOrderError(f"stage {stage.name!r} reads {slot!r}, which no earlier stage "
                                          f"writes{hint}")
            written.update(stage.writes)


ARCHITECTURE_DOC = Path(__file__).resolve().parents[2] / "docs" / "ARCHITECTURE.md"
DOC_BEGIN = "<!-- stages: generated from dyad.pipeline by `python -m dyad.pipeline`; do not edit -->"
DOC_END = "<!-- end of generated stages -->"


def stage_table(text_stages: Sequence[type[Stage]] = TEXT_STAGES,
                parse_stages: Sequence[type[Stage]] = PARSE_STAGES) -> str:
    """The stage table of docs/ARCHITECTURE.md: each stage in order with the slots it reads and writes."""
    def slots(names) -> str:
        return ", ".join(f"`{n}`" for n in names)

    rows = [("(pipeline)", "`pipeline.Pipeline`", "", slots(INPUT_SLOTS))]
    rows += [(s.name, f"`{s.__module__.removeprefix('dyad.')}.{s.__name__}`", slots(s.reads), slots(s.writes))
             for s in text_stages]
    rows.append(("(parse)", "spaCy `nlp.pipe`", "`body`", slots(PARSE_SLOTS)))
    rows += [(s.name, f"`{s.__module__.removeprefix('dyad.')}.{s.__name__}`", slots(s.reads), slots(s.writes))
             for s in parse_stages]
    lines = [DOC_BEGIN, "| stage | class | reads | writes |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines + [DOC_END])


def architecture_doc(current: str) -> str:
    """`current` (docs/ARCHITECTURE.md) with its stage table rebuilt."""
    head, rest = current.split(DOC_BEGIN, 1)
    _, tail = rest.split(DOC_END, 1)
    return head + stage_table() + tail


class Pipeline:
    def __init__(self, settings: Settings | None = None, kb: KnowledgeBase | None = None,
                 text_stages: Sequence[type[Stage]] = TEXT_STAGES,
                 parse_stages: Sequence[type[Stage]] = PARSE_STAGES):
        self.settings = settings or Settings()
        if self.settings.metadata_only:
            parse_stages = METADATA_STAGES
        check_order(text_stages, parse_stages)
        self.kb = kb or KnowledgeBase.default(self.settings.offices_extra)
        self.nlp = None if self.settings.metadata_only else load_spacy(self.settings.spacy_model)
        if self.nlp is not None:
            self.nlp.max_length = max(self.nlp.max_length, self.settings.max_body_chars + 1)
        given = {"settings": self.settings, "kb": self.kb, "nlp": self.nlp}
        self.text_stages = [cls(**given) for cls in text_stages]
        self.parse_stages = [cls(**given) for cls in parse_stages]
        # Cumulative seconds per stage ("nlp" = spaCy), for benchmarks; cheap enough to keep on.
        self.timings: dict[str, float] = defaultdict(float)

    def stage(self, name: str) -> Stage:
        """The built stage called `name`."""
        for stage in (*self.text_stages, *self.parse_stages):
            if stage.name == name:
                return stage
        raise KeyError(name)

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
        """Contract input dicts in, article records out, same order. With `Settings.n_process` > 1
        the whole per-article pipeline runs in worker processes (see `_annotate_in_workers`)."""
        if self.settings.n_process > 1:
            return self._annotate_in_workers(items)
        return self._annotate_here(items)

    def _annotate_here(self, items: Iterable[dict]) -> Iterator[ArticleRecord]:
        docs = (self._prepare(item) for item in items)
        if self.nlp is None:  # metadata only: no parse
            for doc in docs:
                self._run(self.parse_stages, doc)
                yield doc.finish()
            return
        pairs = ((("" if d.failed else d.body), d) for d in docs)
        # one process here: more processes are workers that each run all of this (_annotate_in_workers)
        parsed = itertools.chain.from_iterable(
            self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch), n_process=1)
            for batch in parse_batches(pairs, self.settings.batch_size, self.settings.batch_chars))
        for sdoc, doc in self._timed(parsed):
            if not doc.failed:
                doc.spacy = sdoc
                self._run(self.parse_stages, doc)
            yield doc.finish()

    def _annotate_in_workers(self, items: Iterable[dict]) -> Iterator[ArticleRecord]:
        """Batches of `batch_size` input dicts go to `n_process` worker processes, each with its own
        one-process Pipeline; only input dicts and records cross process boundaries (spaCy's own
        `n_process` pickles every parsed Doc back, which costs more than two processes gain).
        At most two batches per worker are in flight, so memory stays bounded; records come back
        in input order."""
        workers = self.settings.n_process
        settings = dataclasses.replace(self.settings, n_process=1)
        batches = iter(lambda it=iter(items): list(itertools.islice(it, self.settings.batch_size)), [])
        # What stages load on first use (language model, event tables) is loaded here once, not per worker.
        self.warm_up()
        # fork: a worker starts with this process's model and KB already loaded (copy-on-write)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 initargs=(settings, self.kb)) as pool:
            pending: deque = deque()
            for batch in itertools.chain(batches, [None]):
                if batch is not None:
                    pending.append(pool.submit(_annotate_batch, batch))
                while pending and (batch is None or len(pending) > 2 * workers):
                    records, timings = pending.popleft().result()
                    for name, seconds in timings.items():
                        self.timings[name] += seconds
                    yield from records

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

    def warm_up(self) -> None:
        """Load here what stages load on first use (before timing a run, or forking workers); the
        warm-up's own seconds are not booked in `timings`."""
        booked = dict(self.timings)
        for _ in self._annotate_here(WARM_UP):
            pass
        self.timings.clear()
        self.timings.update(booked)

    def annotate_one(self, item: dict) -> ArticleRecord:
        return next(iter(self.annotate([item])))


def parse_batches(pairs: Iterable[tuple[str, Document]], size: int, chars: int) -> Iterator[list]:
    """(body, doc) pairs in lists of at most `size` pairs, closed early once their bodies reach `chars`
    characters (a list holds at least one pair): the parse's memory follows a batch's length."""
    batch: list = []
    length = 0
    for pair in pairs:
        batch.append(pair)
        length += len(pair[0])
        if len(batch) >= size or length >= chars:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


_worker_pipeline: Pipeline | None = None


def _start_worker(settings: Settings, kb: KnowledgeBase) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings, kb)


def _annotate_batch(items: list[dict]) -> tuple[list[ArticleRecord], dict[str, float]]:
    """In a worker: one batch's records, and the seconds each stage took on it."""
    _worker_pipeline.timings.clear()
    records = list(_worker_pipeline.annotate(items))
    return records, dict(_worker_pipeline.timings)


if __name__ == "__main__":  # rewrite docs/ARCHITECTURE.md's stage table after changing a stage's slots
    ARCHITECTURE_DOC.write_text(architecture_doc(ARCHITECTURE_DOC.read_text(encoding="utf-8")), encoding="utf-8")
