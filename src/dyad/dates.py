"""Publication date inference and time expressions (the `dates` stage).

Order of evidence: an explicit day date (input `date`, html date, scraper line, set by metadata)
wins. Otherwise every piece of evidence becomes a *constraint*, a set of date ranges the article
date must lie in:
- KB terms: a person named with a present-tense role ("Foreign Minister Fumio Kishida") held that
  office when the article was written; "former" -> after a term ended; "new" -> soon after it began;
  "late" -> after the person's death; "then-" and "when X was ..." say nothing about today;
- dated facts: the latest explicitly dated fact told in the past tense ("in January 2026") is a
  lower bound;
- dated events: a weekday named with a known event held on that weekday ("the Helsinki summit on
  Monday") fixes the week the article was written in (data/dates/dated_events.yaml).
With a dateline day without year ("September 11"), each candidate year is scored by the constraints
it satisfies, and weekdays in the lead ("said on Thursday", "late on Wednesday") break ties. Without
a dateline the constraints only bound the date: `date=None` with `not_before`/`not_after`.
Conflicting evidence is settled by the largest set of constraints that agree.

Then every time expression in the body is resolved against the publication date (or, where the
result does not depend on where in the bounds the article falls, against the bounds) -> `doc.times`.
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Optional

import yaml

from .document import Document, TimeExpression
from .model import Published
from .stage import Stage
from .spacy_model import text_length
from .timexp import RawTime, find_times, lexicon, lower_bound, resolve

log = logging.getLogger(__name__)

DATED_EVENTS_PATH = Path(__file__).parent / "data" / "dates" / "dated_events.yaml"
LEAD_SENTENCES = 4  # weekdays in the first sentences describe the news of the dateline day
FIRST_YEAR = 1946  # earliest year tried for a dateline without a year
KB_WEIGHT = 10  # one agreeing constraint outweighs any weekday evidence
HARD_WEIGHT = 1000  # bounds stated by metadata


@dataclass
class Constraint:
    """The article date lies in one of `spans` ([lo, hi], None = unbounded)."""
    spans: list[tuple[Optional[date], Optional[date]]]
    source: str  # "KB terms" | "death" | "dated facts" | "dated events" | "metadata"
    why: str
    weight: int = KB_WEIGHT

    def holds(self, d: date) -> bool:
        return any((lo is None or lo <= d) and (hi is None or d <= hi) for lo, hi in self.spans)


@dataclass
class Evidence:
    constraints: list[Constraint] = field(default_factory=list)
    weekdays: list[RawTime] = field(default_factory=list)
    horizon: Optional[date] = None  # KB `as_of`: open terms are known to run until then


def iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d else None


def parse_iso(text: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(text[:10]) if text and len(text) >= 10 else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# tense and sentences
# ---------------------------------------------------------------------------------------------

_FUTURE_AUX = frozenset(lexicon()["future_auxiliaries"])


@functools.lru_cache(maxsize=1)
def _future_cue_re() -> re.Pattern:
    words = sorted(lexicon()["future_cues"], key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def sentences(doc: Document) -> list[tuple[int, int]]:
    """Sentence spans in body offsets: from the spaCy parse when there is one."""
    if doc.spacy is not None and text_length(doc.spacy) == len(doc.body):
        return [(s.start_char, s.end_char) for s in doc.spacy.sents]
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?…])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n", doc.body):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(doc.body)))
    return [(a, b) for a, b in spans if doc.body[a:b].strip()]


def not_a_dated_fact(doc: Document, start: int, end: int) -> bool:
    """True when the parse shows the expression dates no fact: attached to a noun ("the 2020
    candidates", "a candidate in 2016", "the November 2020 election" name a thing), or to a negated
    verb ("has not ruled out a run in 2016"). Without a parse nothing is known: False."""
    sp = doc.spacy
    if sp is None or text_length(sp) != len(doc.body):
        return False
    span = sp.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.pos_ not in ("ADP", "DET")]  # "of the 2020": the date itself
    tok = span.doc[words[0].i:words[-1].i + 1].root if words else span.root
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head  # "in 2016": the preposition's own attachment decides
    head = tok.head
    if tok.dep_ != "ROOT" and head is not tok and head.pos_ in ("NOUN", "PROPN"):
        return True
    return any(c.dep_ == "neg" for c in head.children)


def tense(doc: Document, sents: list[tuple[int, int]], start: int, end: int) -> Optional[str]:
    """"future" when the clause of [start, end) looks ahead, "past" when its verb is past, else None."""
    # "scheduled for June 2027", "expected in May": the words right before decide, whatever the verb
    if _future_cue_re().search(doc.body[max(0, start - 30):start]):
        return "future"
    sp = doc.spacy
    if sp is not None and text_length(sp) == len(doc.body):
        span = sp.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tok = span.root
            for _ in range(6):  # climb to the governing verb
                if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                    break
                tok = tok.head
            auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in _FUTURE_AUX for a in auxes):
                return "future"
            if tok.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
                return "future"  # "plans to visit in March"
            if any(a.tag_ == "MD" for a in auxes):
                return None  # "could have cost them the Senate in 2014": not a told fact
            if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
                return "past"
            if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
                return "past"
    # Fallback (and no parse): a future cue earlier in the same sentence, else a past-tense verb
    # just before the expression in the same clause ("troops withdrew in March").
    sent_start = next((a for a, b in sents if a <= start < b), max(0, start - 200))
    if _future_cue_re().search(doc.body[sent_start:start]):
        return "future"
    clause = re.split(r"[,;:()\"“”]", doc.body[max(sent_start, start - 60):start])[-1]
    if _past_verb_re().search(clause):
        return "past"
    return None


@functools.lru_cache(maxsize=1)
def _past_verb_re() -> re.Pattern:
    words = "|".join(re.escape(w) for w in lexicon()["past_verbs"])
    return re.compile(rf"\b(?:{words}|[a-z]{{3,}}ed)\b(?!\s+(?:by|to)\b)")


# ---------------------------------------------------------------------------------------------
# evidence from people and their roles
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _qualifier_words() -> dict[str, str]:
    return {k.lower(): v for k, v in lexicon()["role_qualifiers"].items()}


@functools.lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    quals = sorted(_qualifier_words(), key=len, reverse=True)
    q = "|".join(re.escape(w) for w in quals)
    return re.compile(
        rf"(?:\b(?P<q>{q})(?:[-\u2013\u2014]|\s+))?(?P<title>(?:[A-Z][\w'’.-]*(?:\s+(?:of|for|to|on)(?:\s+the)?)?\s+)+)$",
        )


@functools.lru_cache(maxsize=1)
def _past_role_re() -> re.Pattern:
    """Right after a name, ", who served as ..." or "was ...": a role held before (-> "then")."""
    past = "|".join(re.escape(w) for w in lexicon()["past_role_verbs"])
    return re.compile(rf",?\s+(?:who\s+)?(?:{past})\b", re.I)


def _qualifier_of(text: Optional[str]) -> Optional[str]:
    """"former", "late", "then" or "new" when the role text starts with such a word."""
    if not text:
        return None
    words = _qualifier_words()
    m = re.match(r"\s*(?:the\s+)?([a-z]+(?:-appointed| appointed)?)(?:[-\u2013\u2014]|\s)", text.lower())
    if m and m.group(1) in words:
        return words[m.group(1)]
    m = re.match(r"\s*(?:the[\s-]+)?(ex|then)[-\u2013\u2014\s]", text.lower())
    return words.get(m.group(1)) if m else None


def _context_role(body: str, start: int, end: int, left: int = 0
                  ) -> tuple[Optional[str], Optional[str], list[str]]:
    """(title, qualifier, parenthetical roles) read from the words just around a name; `left` is
    where the previous name ends (a title never reaches back over another name)."""
    before = body[max(0, left, start - 120):start]
    # nor over the end of a sentence
    stop = max((m.end() for m in re.finditer(r"(?<!\b[A-Z])(?<!\b(?:Gen|Col|Maj|Adm|Sgt|Sen|Rep|Gov|Amb|Dep|Mrs))"
                                             r"(?<!\b(?:Lt|Dr|Mr|Ms|St|No))(?<!\bCapt|\bProf)[.!?;:]\s+|\n", before)),
               default=0)
    before = before[stop:]
    extra: list[str] = []
    paren = re.search(r"\(([^()]{2,80})\)\s*$", before)
    if paren:  # "new Cabinet Secretary General (former Foreign Minister) Yoshimasa Hayashi"
        extra.append(paren.group(1))
        before = before[:paren.start()]
        if not before.endswith((" ", "\n")):
            before += " "
    m = _title_re().search(before)
    title = qual = None
    if m:
        title = m.group("title").strip()
        if m.group("q"):
            qual = _qualifier_words().get(m.group("q").lower())
        qual = qual or _qualifier_of(title)  # "Former Foreign Minister" at the start of a sentence
    else:
        m2 = re.search(r"\b(the\s+)?(?P<q>late|former|then)\s+$", before, re.I)
        if m2:
            qual = _qualifier_words().get(m2.group("q").lower())
    if qual is None and _past_role_re().match(body, end, end + 40):
        qual = "then"
    if qual is None and re.search(r"\b(previous|predecessor)\b[^.]{0,40}$", before[-50:], re.I) \
            and not m:
        qual = "former"
    return title, qual, extra


def _stated_roles(doc: Document) -> tuple[list[tuple[int, Optional[str], Optional[str]]], dict[int, str]]:
    """(person index, role text, qualifier) for every role the article states, and the first
    qualifier each person's mentions carry."""
    people = doc.record.people
    stated: list[tuple[int, Optional[str], Optional[str]]] = []
    with_role: set[int] = set()
    mention_qual: dict[int, str] = {}
    left = 0
    for m in sorted(doc.mentions, key=lambda m: m.start):
        prev_end, left = left, max(left, m.end)
        if not isinstance(m.person, int) or not 0 <= m.person < len(people):
            continue
        title, qual_ctx, extra = _context_role(doc.body, m.start, m.end, prev_end)
        role = m.role or title
        qual = m.qualifier or _qualifier_of(m.role) or qual_ctx
        if qual:
            mention_qual.setdefault(m.person, qual)
        if qual == "late" or role:
            stated.append((m.person, role, qual))
            with_role.add(m.person)
        for text in extra:
            stated.append((m.person, text, _qualifier_of(text)))
    for i, person in enumerate(people):
        if i not in with_role and person.role:  # a role stated once, away from any mention
            stated.append((i, person.role, _qualifier_of(person.role) or mention_qual.get(i)))
    return stated, mention_qual


def role_evidence(doc: Document, kb, horizon: Optional[date]) -> list[Constraint]:
    """KB-term constraints from the people the article names with a role."""
    if kb is None:
        return []
    offices = kb.offices
    people = doc.record.people
    stated, mention_qual = _stated_roles(doc)

    out: list[Constraint] = []
    seen: set = set()
    new_days = int(lexicon().get("new_in_office_days", 92))
    for index, role, qual in stated:
        person = people[index]
        kb_id = person.kb_id
        kbp = offices.get(kb_id) if kb_id else None
        if kbp is None:
            continue
        if qual == "late":
            died = kbp.died
            key = (kb_id, "late")
            if died and key not in seen:
                seen.add(key)
                out.append(Constraint([(died, None)], "death", f"late {kbp.name} (died {died})"))
            continue
        if qual == "then" or not role or _not_yet(role):
            continue
        if qual is None and mention_qual.get(index) in ("then", "former"):
            continue  # "the then-ambassador X" once, "Ambassador X" after: the same past office
        matched = offices.match_role(_strip_qualifier(role))
        if not matched:
            continue
        office, country, target = matched.office, matched.country, matched.target
        terms = merge_terms([t for t in kbp.terms if t.office == office
                             and (country is None or t.country == country)
                             and (target is None or t.target in (None, target))])
        key = (kb_id, office, qual)
        if not terms or key in seen:
            continue
        seen.add(key)
        label = f"{kbp.name} {office}"
        if qual == "former":
            ended = [end for _, end in terms if end is not None]
            if ended:
                out.append(Constraint([(min(ended), None)], "KB terms", "former " + label))
        elif qual == "new":
            out.append(Constraint([(start, start + timedelta(days=new_days)) for start, _ in terms],
                                  "KB terms", "new " + label))
        else:
            out.append(Constraint([(start, end or horizon) for start, end in terms], "KB terms", label))
    return out


@functools.lru_cache(maxsize=1)
def _not_yet_re() -> re.Pattern:
    words = sorted(lexicon()["not_yet_role_words"], key=len, reverse=True)
    return re.compile(r"(?:\b|(?<=\w))(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _not_yet(role: str) -> bool:
    """"Trump's pick for secretary of state": an office not held yet."""
    return bool(_not_yet_re().search(role))


def merge_terms(terms) -> list[tuple[date, Optional[date]]]:
    """Consecutive terms in one office (a reappointment) as one stretch: a reappointed holder is
    not "new", and "former" means after the whole stretch."""
    out: list[list] = []
    for t in sorted(terms, key=lambda t: t.start):
        if out and (out[-1][1] is None or t.start <= out[-1][1] + timedelta(days=1)):
            if out[-1][1] is not None:
                out[-1][1] = None if t.end is None else max(out[-1][1], t.end)
            continue
        out.append([t.start, t.end])
    return [(a, b) for a, b in out]


def _strip_qualifier(role: str) -> str:
    return re.sub(r"^\s*(?:the\s+)?(?:former|ex-|late|then[-\u2013\u2014]?|new|newly appointed|previous|incoming)\s*",
                  "", role, flags=re.I)


# ---------------------------------------------------------------------------------------------
# inference
# ---------------------------------------------------------------------------------------------

def _dateline_times(dateline) -> tuple[Optional[RawTime], list[RawTime]]:
    """The day a dateline names (the first date in it), and the weekdays printed in it: a weekday
    in the dateline itself ("Thursday, September 11") names that very day."""
    text = dateline.text if dateline is not None else None
    raws = find_times(text) if text and isinstance(text, str) else []
    day = next((r for r in raws if r.kind == "date"), None)
    return day, [replace(r, late=False) for r in raws if r.kind == "weekday"]


def _weekday_points(raw: RawTime, d: date) -> int:
    """How well a weekday in the lead fits a dateline day: the news of the dateline day itself
    (2), or for "late on Wednesday" style reports the evening before (2) or the same day (1).
    A plain weekday one day off is common too (a statement reported the next morning), but it is
    no evidence for one year over another, so it scores nothing."""
    back = (d.weekday() - raw.weekday) % 7
    if raw.late:
        return 2 if back == 1 else 1 if back == 0 else 0
    return 2 if back == 0 else 0


def _precision_of(lo: Optional[date], hi: Optional[date]) -> Optional[str]:
    """The coarsest honest precision for a date known only to lie in [lo, hi]."""
    if lo is None or hi is None:
        return None
    span = (hi - lo).days
    return "month" if span <= 62 else "year" if span <= 366 else None


def _method(parts: Iterable[str]) -> str:
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return " + ".join(seen)


def infer(day: Optional[RawTime], ev: Evidence) -> Published:
    """The publication date from a dateline day (may be None) and the evidence."""
    cons = ev.constraints
    if day is not None and day.year is not None:
        return Published(date(day.year, day.month, day.day).isoformat(), "day", method="dateline")
    if day is not None:
        last = (ev.horizon.year + 1) if ev.horizon else max(
            [hi.year for c in cons for _, hi in c.spans if hi] +
            [lo.year for c in cons for lo, _ in c.spans if lo] + [FIRST_YEAR]) + 1
        scored: list[tuple[int, int, date]] = []
        for y in range(FIRST_YEAR, last + 1):
            try:
                d = date(y, day.month, day.day)
            except ValueError:
                continue
            kb = sum(c.weight for c in cons if c.holds(d))
            wd = sum(_weekday_points(w, d) for w in ev.weekdays)
            scored.append((kb + wd, kb, d))
        if scored:
            best = max(s for s, _, _ in scored)
            winners = [(s, kb, d) for s, kb, d in scored if s == best]
            if best > 0 and len(winners) == 1:
                _, kb_score, d = winners[0]
                used = [c.source for c in cons if c.holds(d)]
                wd_used = any(_weekday_points(w, d) for w in ev.weekdays)
                return Published(d.isoformat(), "day",
                                 method=_method(["dateline", *used, "weekday" if wd_used else ""]))
            if best > 0:
                lo, hi = winners[0][2], winners[-1][2]
                used = [c.source for c in cons if c.holds(lo)]
                # the ends of the years tried are no evidence
                lo = None if lo == scored[0][2] else lo
                hi = None if hi == scored[-1][2] else hi
                return Published(None, _precision_of(lo, hi), iso(lo), iso(hi),
                                 method=_method(["dateline", *used, f"{len(winners)} candidate years"]))
        # nothing tells the year: fall through to bounds, if any
    lo, hi = bounds(cons, ev.horizon)
    if lo is None and hi is None:
        return Published(method="dateline without year" if day is not None else "none")
    used = [c.source for c in cons if (lo is None or c.holds(lo))]
    prefix = "dateline without year; bounds from " if day is not None else "bounds from "
    return Published(None, _precision_of(lo, hi), iso(lo), iso(hi), method=prefix + _method(used))


def bounds(cons: list[Constraint], horizon: Optional[date]) -> tuple[Optional[date], Optional[date]]:
    """[lo, hi] of the days that satisfy every constraint. Stated metadata (a URL month) is kept
    whole; when the rest conflicts (a past president still called "President", a stale fact), any one
    of them may be the wrong one, so the bounds are only what their spans together cover. An upper
    end that is only the KB's `as_of` horizon (an open term) is no evidence about the article: None."""
    if not cons:
        return None, None
    hard = [c for c in cons if c.weight >= HARD_WEIGHT]
    soft = [c for c in cons if c.weight < HARD_WEIGHT and _agreed(hard + [c]) is not None]
    found = _agreed(hard + soft)
    if found is None or _only_a_handover(found, soft):
        found = _agreed(hard + [Constraint([_hull(soft)], "hull", "conflicting evidence")]) or (None, None)
    lo, hi = found
    if hi is not None and horizon is not None and hi >= horizon:
        hi = None
    return lo, hi


def _only_a_handover(found: tuple[Optional[date], Optional[date]], cons: list[Constraint]) -> bool:
    """Agreement on one day only, where one span ends and another begins, is no agreement: it is
    the day one office holder handed over to the next, both named as if in office."""
    lo, hi = found
    if lo is None or lo != hi:
        return False
    ends = {b for c in cons for _, b in c.spans}
    starts = {a for c in cons for a, _ in c.spans}
    return lo in ends and lo in starts


def _segments(cons: list[Constraint]) -> list[tuple[Optional[date], Optional[date]]]:
    """The elementary day ranges between all span ends, open ends included."""
    points = sorted({p for c in cons for lo, hi in c.spans
                     for p in (lo, (hi + timedelta(days=1)) if hi else None) if p})
    if not points:
        return [(None, None)]
    segments: list[tuple[Optional[date], Optional[date]]] = [(None, points[0] - timedelta(days=1))]
    segments += [(a, b - timedelta(days=1)) for a, b in zip(points, points[1:])]
    segments.append((points[-1], None))
    return segments


def _agreed(cons: list[Constraint]) -> Optional[tuple[Optional[date], Optional[date]]]:
    """The first and last day every constraint allows (None = open); None when no day does."""
    agreeing = [(lo, hi) for lo, hi in _segments(cons)
                if all(c.holds(lo or hi) if (lo or hi) else True for c in cons)]
    if not agreeing:
        return None
    return agreeing[0][0], agreeing[-1][1]


def _hull(cons: list[Constraint]) -> tuple[Optional[date], Optional[date]]:
    """The smallest range holding every span of every constraint (None = open)."""
    spans = [span for c in cons for span in c.spans]
    lo = None if any(a is None for a, _ in spans) else min(a for a, _ in spans)
    hi = None if any(b is None for _, b in spans) else max(b for _, b in spans)
    return lo, hi


# ---------------------------------------------------------------------------------------------
# the stage
# ---------------------------------------------------------------------------------------------

class Dates(Stage):
    name = "dates"
    reads = ("body", "spacy", "record.published", "record.dateline", "record.people", "mentions")
    writes = ("record.published", "times")

    def __call__(self, doc: Document) -> None:
        body = doc.body or ""
        raws = find_times(body)
        sents = sentences(doc) if body else []
        tenses = [tense(doc, sents, r.start, r.end) for r in raws]
        doc.record.published = self.publication_date(doc, raws, tenses, sents)
        doc.times = self.resolve_all(raws, tenses, doc.record.published)

    # -- publication date ---------------------------------------------------------------------
    def horizon(self) -> Optional[date]:
        return self.kb.offices.as_of if self.kb is not None else None

    def publication_date(self, doc: Document, raws: list[RawTime], tenses: list[Optional[str]],
                         sents: list[tuple[int, int]]) -> Published:
        stated = doc.record.published or Published()
        stated_day = parse_iso(stated.date)
        if stated_day and stated.precision in (None, "day") and len(stated.date) == 10:
            return Published(stated_day.isoformat(), "day", stated.not_before, stated.not_after,
                             stated.method if stated.method not in (None, "", "none") else "metadata")
        horizon = self.horizon()
        ev = Evidence(horizon=horizon)
        ev.constraints += _stated_bounds(stated)
        ev.constraints += role_evidence(doc, self.kb, horizon)
        told = [(r, t) for r, t in zip(raws, tenses) if not not_a_dated_fact(doc, r.start, r.end)]
        fact = latest_past_fact([r for r, _ in told], [t for _, t in told])
        if fact is not None:
            ev.constraints.append(Constraint([(fact, None)], "dated facts", f"dated fact {fact}"))
        ev.constraints += event_weekdays(doc.body, raws, tenses, sents)
        lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1][1] if sents else 0
        ev.weekdays = [r for r, t in zip(raws, tenses) if r.kind == "weekday" and r.offset is None
                       and t != "future" and r.end <= lead_end]
        day, dateline_weekdays = _dateline_times(doc.record.dateline)
        ev.weekdays += dateline_weekdays
        log.debug("%s: constraints %s; weekdays %s", doc.id, [(c.why, c.spans) for c in ev.constraints],
                  [w.text for w in ev.weekdays])
        pub = infer(day, ev)
        if pub.date is None and stated.date and not _within_a_week(pub):
            # a stated month or year beats bounds alone, unless they fit in a week
            return Published(stated.date, stated.precision, pub.not_before or stated.not_before,
                             pub.not_after or stated.not_after, stated.method)
        return pub

    # -- time expressions ---------------------------------------------------------------------
    @staticmethod
    def resolve_all(raws: list[RawTime], tenses: list[Optional[str]], pub: Published
                    ) -> list[TimeExpression]:
        ref = parse_iso(pub.date) if pub.precision == "day" else None
        lo, hi = parse_iso(pub.not_before), parse_iso(pub.not_after)
        out = []
        for raw, t in zip(raws, tenses):
            if ref is not None:
                d, prec = resolve(raw, ref, t)
            else:
                d, prec = resolve(raw, None, t)
                if d is None and lo is not None and hi is not None:
                    # the same answer at both ends of the bounds does not depend on the guess
                    a, b = resolve(raw, lo, t), resolve(raw, hi, t)
                    d, prec = a if a == b else (None, None)
            out.append(TimeExpression(raw.start, raw.end, raw.text, iso(d), prec if d else None))
        return out


def _stated_bounds(stated: Published) -> list[Constraint]:
    """Metadata that gave only a month or year, or bounds, limits the candidates hard."""
    out = []
    if stated.date and stated.precision in ("month", "year"):
        first = parse_iso(stated.date + ("-01" if len(stated.date) == 7 else "-01-01"
                                         if len(stated.date) == 4 else ""))
        if first:
            if stated.precision == "year":
                last = date(first.year, 12, 31)
            else:
                nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
                last = nxt - timedelta(days=1)
            out.append(Constraint([(first, last)], "metadata", stated.date, HARD_WEIGHT))
    lo, hi = parse_iso(stated.not_before), parse_iso(stated.not_after)
    if lo or hi:
        out.append(Constraint([(lo, hi)], "metadata", "stated bounds", HARD_WEIGHT))
    return out


def _within_a_week(pub: Published) -> bool:
    lo, hi = parse_iso(pub.not_before), parse_iso(pub.not_after)
    return lo is not None and hi is not None and (hi - lo).days < 7


@functools.lru_cache(maxsize=1)
def _dated_events() -> list[dict]:
    with open(DATED_EVENTS_PATH, encoding="utf-8") as fh:
        events = yaml.safe_load(fh)["events"]
    for event in events:
        event["regexes"] = [re.compile(c) for c in event["cues"]]
    return events


def event_weekdays(body: str, raws: list[RawTime], tenses: list[Optional[str]],
                   sents: list[tuple[int, int]]) -> list[Constraint]:
    """A weekday in a sentence that names a dated event (data/dates/dated_events.yaml) held on that
    weekday is that day ("the summit in Helsinki on Monday"): news names a day within the week by
    its weekday alone, so the article was written within six days after it when told in the past
    tense, within six days before it when told in the future, and either when the tense is unclear
    ("Tomorrow I go to Helsinki for a Monday meeting"). Every event that fits is kept (one span
    each). A weekday printed with its date ("Thursday, April 18") is not one of these."""
    out: list[Constraint] = []
    seen: set = set()
    dates_at = {r.start for r in raws if r.kind == "date"}
    week = timedelta(days=6)
    for raw, t in zip(raws, tenses):
        if raw.kind != "weekday" or raw.offset is not None:
            continue
        if any(raw.end < at <= raw.end + 3 for at in dates_at):
            continue
        a, b = next(((a, b) for a, b in sents if a <= raw.start < b), (raw.start, raw.end))
        sentence = body[a:b]
        spans, names = [], []
        for event in _dated_events():
            days = [d for d in event["days"] if d.weekday() == raw.weekday]
            if days and all(rx.search(sentence) for rx in event["regexes"]):
                before = timedelta(0) if t == "past" else week
                after = timedelta(0) if t == "future" else week
                spans += [(d - before, d + after) for d in days]
                names.append(event["name"])
        key = tuple(sorted(spans))
        if spans and key not in seen:
            seen.add(key)
            out.append(Constraint(spans, "dated events", f"{raw.text}: {'; '.join(names)}"))
    return out


def latest_past_fact(raws: list[RawTime], tenses: list[Optional[str]]) -> Optional[date]:
    """The first day of the latest explicitly dated fact told in the past tense ("troops withdrew in
    March 2019"). Undecided tense is no evidence: news names years it looks ahead to far more often
    than a bare clause shows ("the 2020 race", "faces pressure on 2020", "renewal in February 2021"),
    and a lower bound past the true date is worse than none."""
    skip = set(lexicon()["not_past_prepositions"])
    best = None
    for raw, t in zip(raws, tenses):
        if t != "past" or (raw.lead or "") in skip:
            continue
        d = lower_bound(raw)
        if d is not None and (best is None or d > best):
            best = d
    return best


class TextDates(Dates):
    """The dates stage without a parse (metadata-only mode): the publication date from the stated
    date, the dateline, weekdays and dated facts; no people, so no office terms."""
    reads = ("body", "record.published", "record.dateline")
