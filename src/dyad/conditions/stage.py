"""The conditions stage: statements that make a change in a relationship depend on something.

Per sentence: a change word (data/conditions.yaml `change`: normalisation, restoring ties, lifting
sanctions, a peace treaty, ...) and a condition marker (`markers`: only if, only after, unless, if,
when ... then, ...). The condition runs from the marker to the end of its clause (`clause_end`, or
"then" for "when ... then") and is split into one clause per condition (`split`). The claimed change
is the change word's phrase (its spaCy subtree, cut at the marker and at a comma). The dyad is the
countries the sentence names, completed by the speaker's country and then the article's most named
countries; the speaker is the quote's speaker when the sentence is quoted, else the person it names.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..document import Document
from ..model import Clause, Condition
from ..stage import Stage

DATA = Path(__file__).parent / "data"


def _optional(regex: Optional[str]) -> Optional[re.Pattern]:
    return re.compile(regex, re.IGNORECASE) if regex else None


class _Patterns:
    def __init__(self, raw: dict):
        self.change = re.compile(r"\b(?:" + "|".join(raw["change"]) + r")\b", re.IGNORECASE)
        # (name, regex, needs "then", not after this, only after this)
        self.markers = [(m["name"], re.compile(r"(?<!\bas )(?<!\beven )\b(?:" + m["regex"] + r")\b", re.IGNORECASE),
                         bool(m.get("then")), _optional(m.get("not_after")), _optional(m.get("needs_before")))
                        for m in raw["markers"]]
        self.then = re.compile(r"\bthen\b", re.IGNORECASE)
        self.clause_end = re.compile(raw["clause_end"], re.IGNORECASE)
        self.split = re.compile(raw["split"], re.IGNORECASE)
        self.pronoun = re.compile(raw["pronoun"], re.IGNORECASE)
        self.before_change = re.compile(raw["before_change"], re.IGNORECASE)
        self.clause_start = re.compile(raw["clause_start"])


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    return _Patterns(yaml.safe_load((DATA / "conditions.yaml").read_text(encoding="utf-8")))


def _trim(text: str, start: int, end: int) -> Optional[Clause]:
    """The clause text[start:end] without surrounding spaces and punctuation (None when empty)."""
    while start < end and (text[start].isspace() or text[start] in ",.;:\u2026\"'\u201c\u201d()"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:\u2026\"'\u201c\u201d("
                           or (text[end - 1] == ")" and "(" not in text[start:end])):
        end -= 1
    return Clause(text[start:end], start, end) if end > start else None


def find_conditions(body: str, sentence: tuple[int, int]) -> list[tuple[str, Clause, list[Clause], int]]:
    """(marker name, change, conditions, marker offset) found in one sentence (body offsets), before
    the change phrase is widened by the parse. At most one claim per sentence: the first marker that
    qualifies. A condition that is only a pronoun ("... resolved first, and a treaty concluded after
    that") is the clause before the change instead."""
    p = patterns()
    s, e = sentence
    text = body[s:e]
    changes = list(p.change.finditer(text))
    if not changes:
        return []
    for name, regex, needs_then, not_after, needs_before in p.markers:
        for m in regex.finditer(text):
            if not_after and not_after.search(text, 0, m.start()):
                continue
            if needs_before and not needs_before.search(text, 0, m.start()):
                continue
            if needs_then:
                then = p.then.search(text, m.end())
                if then is None:
                    continue
                end = then.start()
            else:
                stop = p.clause_end.search(text, m.end())
                end = stop.start() if stop else len(text)
            # the change named outside the condition, nearest the marker
            outside = [c for c in changes if c.end() <= m.start() or c.start() >= end]
            if not outside:
                continue
            change = min(outside, key=lambda c: min(abs(c.start() - end), abs(m.start() - c.end())))
            parts, pos = [], m.end()
            for cut in p.split.finditer(text, m.end(), end):
                parts.append((pos, cut.start()))
                pos = cut.end()
            parts.append((pos, end))
            requires = [c for a, b in parts if (c := _trim(body, s + a, s + b))]
            if len(requires) == 1 and p.pronoun.fullmatch(requires[0].text) and change.start() < m.start():
                before = text[:change.start()]
                cut = p.before_change.search(before)
                start = max((b.end() for b in p.clause_start.finditer(before)), default=0)
                requires = [c] if cut and (c := _trim(body, s + start, s + cut.start())) else []
            if requires:
                return [(name, Clause(change.group(), s + change.start(), s + change.end()), requires, s + m.start())]
    return []


class Conditions(Stage):
    name = "conditions"
    reads = ("body", "spacy", "quotes", "record.people", "mentions", "record.published")
    writes = ("conditions",)

    def __call__(self, doc: Document) -> None:
        body = doc.body
        actors = self.kb.actors
        named = Counter(m.country for m in actors.find_all(body) if m.country)
        doc.conditions = []
        for sent in doc.spacy.sents:
            s, e = sent.start_char, sent.end_char
            for marker, change, requires, marker_at in find_conditions(body, (s, e)):
                change = self._phrase(doc, change, requires, marker_at)
                speaker, speaker_country = self._speaker(doc, s, e)
                # the sentence's countries, those the article names most first ("in Singapore" loses)
                found = list(dict.fromkeys(m.country for m in actors.find_all(body[s:e]) if m.country))
                countries = sorted(found, key=lambda c: (-named[c], found.index(c)))
                for extra in [speaker_country] + [c for c, _ in named.most_common()]:
                    if len(countries) >= 2:
                        break
                    if extra and extra not in countries:
                        countries.append(extra)
                countries += [None, None]
                doc.conditions.append(Condition(
                    countries[0], countries[1], change, requires, marker, speaker,
                    doc.record.published.date, body[s:e].strip(), s, s + len(body[s:e].rstrip())))

    @staticmethod
    def _phrase(doc: Document, change: Clause, requires: list[Clause], marker_at: int) -> Clause:
        """The change word widened to its phrase: its subtree in the parse, cut at the marker, a
        condition, a comma or a semicolon."""
        span = doc.spacy.char_span(change.start, change.end, alignment_mode="expand")
        if span is None:
            return change
        head = span.root
        end = max(change.end, head.right_edge.idx + len(head.right_edge))
        for cut in [marker_at] + [r.start for r in requires]:
            if cut >= change.end:
                end = min(end, cut)
        stop = re.search(r"[,;]|\s(?:if|only|unless|when|provided)\b", doc.body[change.end:end])
        if stop:
            end = change.end + stop.start()
        return _trim(doc.body, change.start, end) or change

    @staticmethod
    def _speaker(doc: Document, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
        people = doc.record.people

        def country(name: Optional[str]) -> Optional[str]:
            return next((p.country for p in people if p.name == name), None)

        for q in doc.quotes:
            if q.start < end and start < q.end and q.speaker:
                return q.speaker, country(q.speaker)
        for m in doc.mentions:
            if start <= m.start < end and 0 <= m.person < len(people):
                return people[m.person].name, people[m.person].country
        return None, None
