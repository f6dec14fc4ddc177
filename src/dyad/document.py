"""The one working object every pipeline stage reads and writes.

Stages work in *body* coordinates (the cleaned text that spaCy parses). The body is built only by
deleting ranges of the input text, so every body offset maps back to an exact input offset;
`finish()` does that mapping once, when the article record is emitted.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Optional

from .model import ArticleRecord, Clause, Condition, Event, LoadedSpan, PersonMention, Quote

if TYPE_CHECKING:
    from .clean import Layout

# (start, end, country, sector) of a person mention in body offsets, as the events stage reads people.
PersonActor = tuple[int, int, Optional[str], Optional[str]]


@dataclass
class Mention:
    """One mention of a person in the body (body offsets); `person` indexes `record.people`."""
    start: int
    end: int
    person: int
    text: str
    role: Optional[str] = None  # the role stated at this mention ("Foreign Minister")
    qualifier: Optional[str] = None  # "former" | "late" | "then" | None: how the role is dated


@dataclass
class TimeExpression:
    """A time expression in the body, resolved against the publication date."""
    start: int
    end: int
    text: str
    date: Optional[str]  # YYYY-MM-DD (first day of the period for month/year precision)
    precision: Optional[str]  # day | month | year


@dataclass
class Document:
    """The slots stages declare in `reads`/`writes` are these fields (and the record's fields)."""
    id: str
    input: dict[str, Any]  # the contract input dict, never changed
    text: str = ""  # the coordinate base: input text, or the extracted body for html input
    # html input: the page's own title, author, date, sitename, hostname, url (None for text input)
    html_meta: Optional[dict[str, Any]] = None
    layout: Optional["Layout"] = None  # clean.analyse of the text the body was cut from
    body: str = ""
    record: ArticleRecord = None  # type: ignore[assignment]
    spacy: Any = None  # spacy.tokens.Doc over `body`
    mentions: list[Mention] = field(default_factory=list)
    # (person index, mention in *input* offsets) of people named in image captions the body left out
    caption_mentions: list[tuple[int, PersonMention]] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)  # body offsets until finish()
    person_actors: list[PersonActor] = field(default_factory=list)  # people as event actors
    # countries and organisations referred back to ("the alliance", "the regime", "it") as event actors
    referent_actors: list[PersonActor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # body offsets until finish()
    loaded_language: list[LoadedSpan] = field(default_factory=list)  # body offsets until finish()
    conditions: list[Condition] = field(default_factory=list)  # body offsets until finish()
    # (body_start, text_start, length) for each kept piece of `text`, in order.
    _segments: list[tuple[int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.record is None:
            self.record = ArticleRecord(id=self.id)

    @property
    def failed(self) -> bool:
        return self.record.error is not None

    def fail(self, reason: str) -> None:
        if self.record.error is None:
            self.record.error = reason

    def set_body(self, ranges: list[tuple[int, int]]) -> None:
        """Build the body from kept `(start, end)` ranges of `text` (sorted, non-overlapping).

        Between two ranges the original text is reused when it is only white space, so adjacent
        kept lines stay exactly as they were; otherwise a newline stands for what was removed.
        """
        parts: list[str] = []
        segments: list[tuple[int, int, int]] = []
        pos = 0
        prev_end: Optional[int] = None
        for start, end in ranges:
            if end <= start:
                continue
            if prev_end is not None:
                gap = self.text[prev_end:start]
                sep = gap if gap.strip() == "" and gap else "\n"
                if sep == gap:
                    segments.append((pos, prev_end, len(gap)))
                parts.append(sep)
                pos += len(sep)
            segments.append((pos, start, end - start))
            parts.append(self.text[start:end])
            pos += end - start
            prev_end = end
        self.body = "".join(parts)
        self._segments = segments
        self.record.body = self.body

    def to_input(self, pos: int) -> int:
        """Map a body offset to the input offset (an offset in a separator maps to its start)."""
        if not self._segments:
            return pos
        i = bisect.bisect_right(self._segments, pos, key=lambda seg: seg[0]) - 1
        if i < 0:
            return self._segments[0][1]
        body_start, text_start, length = self._segments[i]
        return text_start + min(pos - body_start, length)

    def span_to_input(self, start: int, end: int) -> tuple[int, int]:
        return self.to_input(start), self.to_input(end)

    def finish(self) -> ArticleRecord:
        """Return the record with all stage outputs attached in input coordinates."""
        rec = self.record
        rec.body = self.body
        for person in rec.people:
            person.mentions = []
        for m in self.mentions:
            if 0 <= m.person < len(rec.people):
                a, b = self.span_to_input(m.start, m.end)
                rec.people[m.person].mentions.append(PersonMention(a, b, m.text, m.role, m.qualifier))
        for i, pm in self.caption_mentions:
            if 0 <= i < len(rec.people):
                rec.people[i].mentions.append(pm)
        rec.quotes = [replace(q, start=a, end=b) for q in self.quotes
                      for a, b in [self.span_to_input(q.start, q.end)]]
        rec.events = [replace(e, start=a, end=b) for e in self.events
                      for a, b in [self.span_to_input(e.start, e.end)]]
        rec.framing.loaded_language = [replace(x, start=a, end=b) for x in self.loaded_language
                                       for a, b in [self.span_to_input(x.start, x.end)]]
        rec.conditions = [replace(c, start=a, end=b, change=self._clause(c.change),
                                  requires=[self._clause(r) for r in c.requires])
                          for c in self.conditions for a, b in [self.span_to_input(c.start, c.end)]]
        return rec

    def _clause(self, clause: Clause) -> Clause:
        return replace(clause, start=self.to_input(clause.start), end=self.to_input(clause.end))
