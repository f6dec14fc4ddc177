"""Time expressions: find them in text and resolve them against a reference date.

`find_times(text)` returns `RawTime`s (character offsets into `text`): absolute dates ("February 7,
2026", "on September 8-10"), months ("in late April", "in March 2022"), years ("since 2022"), seasons
("this spring"), weekdays ("late on Wednesday"), relative days and units ("yesterday", "last month",
"three weeks ago"). `resolve(raw, ref, tense)` turns one into `(date, precision)` with a FIXED
reference date (the article's publication date), never today's date. Words live in
`data/dates/lexicon.yaml`.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

import yaml

LEXICON_PATH = Path(__file__).parent / "data" / "dates" / "lexicon.yaml"


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(LEXICON_PATH, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def month_numbers() -> dict[str, int]:
    """The one month table: lower-case names and abbreviations ("january", "jan", "sept") -> 1..12."""
    return lexicon()["months"]


@dataclass(frozen=True)
class RawTime:
    """One time expression as written; fields not stated are None."""
    start: int
    end: int
    text: str
    kind: str  # date | month | year | season | weekday | day | unit | ago
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    weekday: Optional[int] = None  # 0 = Monday
    late: bool = False  # "late on Wednesday", "Wednesday night": late in that day
    offset: Optional[int] = None  # last -1 / this 0 / next +1; days for "yesterday"; -n for "n ... ago"
    unit: Optional[str] = None  # week | month | year (kind unit/ago); season name (kind season)
    lead: Optional[str] = None  # the preposition before it: in, on, since, by ...


# ---------------------------------------------------------------------------------------------
# finding
# ---------------------------------------------------------------------------------------------

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# last/this/next (and their synonyms) -> offset
_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
_LEADS = r"in|on|since|from|until|till|by|before|after|during|of|through|as of|ahead of|between"


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    lex = lexicon()
    # Month and weekday names must be capitalised ("May" the month, not "may" the verb).
    month_words = [m.capitalize() for m in lex["months"]]
    month = rf"(?P<month>(?:{_alt(month_words)})(?:\.(?!\w))?)"
    month_full = rf"(?P<month>{_alt([m.capitalize() for m, n in lex['months'].items() if m not in lex['ambiguous_months']])})"
    weekday = rf"(?P<weekday>{_alt([w.capitalize() for w in lex['weekdays']])})"
    seasons = _alt(lex["seasons"])
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?:\s*(?:-|–|—|to|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
    lead = rf"(?:(?P<lead>(?i:{_LEADS}))\s+(?:the\s+)?)"
    part = r"(?:(?i:early|mid|late|the end of|the beginning of|the start of|the middle of)[\s-]+)"
    late = "(?i:" + _alt(lex["late_day_words"]) + ")"
    suffix = _alt(lex["late_day_suffixes"] + ["morning", "afternoon"])
    rel = r"(?P<rel>(?i:last|this|next|past|coming|previous))"
    nums = _alt(_NUMBER_WORDS)
    return [
        ("iso", re.compile(rf"(?<![\w-]){lead}?(?P<year>\d{{4}})-(?P<month>\d\d)-(?P<day>\d\d)(?![\w-])")),
        ("mdy", re.compile(rf"\b{lead}?{part}?{month}\s+{day}{day2}(?:,?\s+{year})?(?![\w-])")),
        ("dmy", re.compile(rf"\b{lead}?{day}{day2}\s+{month}(?:,?\s+{year})?(?![\w-])")),
        ("my", re.compile(rf"\b{lead}?{part}?{month},?\s+(?:of\s+)?{year}\b")),
        ("season_year", re.compile(rf"\b{lead}?(?:the\s+)?{part}?(?P<season>{seasons})\s+(?:of\s+)?{year}\b", re.I)),
        # (a month followed by a number that is no valid day is no time at all)
        ("rel_month", re.compile(rf"\b{rel}\s+{month}\b(?!\s*\d)")),
        ("lead_month", re.compile(rf"\b(?:{lead}{part}?|{part}){month}\b(?!\s*\d)")),
        ("bare_month", re.compile(rf"\b{month_full}\b")),
        ("year", re.compile(rf"\b(?:{lead}{part}?|{part}){year}\b")),
        ("rel_season", re.compile(rf"\b(?:{lead})?{rel}\s+(?P<season>{seasons})\b", re.I)),
        ("lead_season", re.compile(rf"\b(?:in|during)\s+(?:the\s+)?{part}?(?P<season>spring|summer|autumn|winter)\b", re.I)),
        ("weekday", re.compile(rf"(?:\b(?P<late>{late})\s+|\b{rel}\s+|\b(?i:on|early on|early)\s+)?{weekday}"
                               rf"(?:\s+(?P<suffix>{suffix}))?\b")),
        ("ago", re.compile(rf"\b(?P<range>(?:\d+|{nums})\s*(?:-|–|to|or)\s*)?(?P<n>\d+|{nums})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
        ("part_unit", re.compile(rf"\b{lead}?(?i:the\s+(?:end|start|beginning|middle)\s+of\s+)"
                                 rf"(?P<rel>(?i:the|this|last|next|past|previous))\s+(?P<unit>(?i:week|month|year))\b")),
        ("unit", re.compile(rf"\b(?:(?P<when>earlier|later|early|late)\s+)?{rel}\s+(?P<unit>week|month|year)\b", re.I)),
        # lower case or capitalised only: "USA TODAY" is a newspaper
        ("day", re.compile(rf"(?<!USA )\b(?P<word>{_alt(list(lex['relative_days']) + [w.capitalize() for w in lex['relative_days']])})\b")),
    ]


def _month_number(word: str) -> Optional[int]:
    return lexicon()["months"].get(word.lower().rstrip("."))


def _g(m: re.Match, name: str) -> Optional[str]:
    return m.groupdict().get(name)


def _build(kind: str, m: re.Match, text: str) -> Optional[RawTime]:
    lex = lexicon()
    start, end = m.start(), m.end()
    if re.match(r"['’]s\b", text[end:end + 3]):
        return None  # a possessive is a name: "May's cabinet", "Today's show"
    lead = (_g(m, "lead") or "").lower() or None
    common = dict(start=start, end=end, text=text[start:end], lead=lead)
    year = int(_g(m, "year")) if _g(m, "year") else None
    if kind == "iso":
        try:
            d = date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            return None
        return RawTime(kind="date", year=d.year, month=d.month, day=d.day, **common)
    if kind in ("mdy", "dmy"):
        month, day = _month_number(m["month"]), int(m["day"])
        if not month or not 1 <= day <= 31 or day > (calendar.monthrange(year or 2000, month)[1]):
            return None
        return RawTime(kind="date", year=year, month=month, day=day, **common)
    if kind in ("my", "lead_month", "bare_month", "rel_month"):
        month = _month_number(m["month"])
        if not month:
            return None
        rel = (_g(m, "rel") or "").lower()
        offset = _REL_OFFSET.get(rel)
        if kind == "bare_month" and not _month_context(text, start, end):
            return None
        return RawTime(kind="month", year=year, month=month, offset=offset, **common)
    if kind == "year":
        return RawTime(kind="year", year=year, **common)
    if kind in ("season_year", "rel_season", "lead_season"):
        season = m["season"].lower()
        rel = (_g(m, "rel") or "").lower()
        if season == "fall" and kind == "lead_season":
            return None  # "the fall of ..." is rarely a season without last/this/next or a year
        offset = _REL_OFFSET.get(rel)
        return RawTime(kind="season", year=year, unit=season, offset=offset, **common)
    if kind == "weekday":
        wd = lex["weekdays"][m["weekday"].lower()]
        rel = (_g(m, "rel") or "").lower()
        offset = _REL_OFFSET.get(rel)
        suffix = (_g(m, "suffix") or "").lower()
        late = bool(_g(m, "late")) or suffix in lex["late_day_suffixes"]
        return RawTime(kind="weekday", weekday=wd, late=late, offset=offset, **common)
    if kind == "ago":
        n = m["n"].lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        if _g(m, "range"):  # "10-20 years ago": too vague to date
            return RawTime(kind="ago", offset=None, unit=m["unit"].lower(), **common)
        return RawTime(kind="ago", offset=-count, unit=m["unit"].lower(), **common)
    if kind in ("unit", "part_unit"):
        rel = m["rel"].lower()
        offset = 0 if rel == "the" else _REL_OFFSET[rel]
        return RawTime(kind="unit", offset=offset, unit=m["unit"].lower(), **common)
    if kind == "day":
        return RawTime(kind="day", offset=lex["relative_days"][m["word"].lower()], **common)
    return None


def _month_context(text: str, start: int, end: int) -> bool:
    """A bare month name counts as a time only as an adjective before a noun-like word
    ("the October meeting"); otherwise month names are too often names or words."""
    before = text[max(0, start - 5):start].lower()
    return before.endswith("the ") or before.endswith("this ")


def find_times(text: str) -> list[RawTime]:
    """All time expressions in `text`, longest first where they overlap, in text order."""
    found: list[RawTime] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            raw = _build(kind, m, text)
            if raw is not None and raw.end > raw.start:
                found.append(raw)
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[RawTime] = []
    taken: list[tuple[int, int]] = []
    for raw in sorted(found, key=lambda r: -(r.end - r.start)):
        if any(raw.start < e and s < raw.end for s, e in taken):
            continue
        taken.append((raw.start, raw.end))
        out.append(raw)
    return sorted(out, key=lambda r: r.start)


# ---------------------------------------------------------------------------------------------
# resolving
# ---------------------------------------------------------------------------------------------

def period(d_start: date, d_end: date) -> tuple[Optional[date], Optional[str]]:
    """The smallest calendar unit (day, month, year) holding both days: (its first day, precision)."""
    if d_start == d_end:
        return d_start, "day"
    if (d_start.year, d_start.month) == (d_end.year, d_end.month):
        return d_start.replace(day=1), "month"
    if d_start.year == d_end.year:
        return date(d_start.year, 1, 1), "year"
    return None, None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _season_span(season: str, year: int) -> tuple[date, date]:
    first, length = lexicon()["seasons"][season]
    y2, m2 = _shift_month(year, first, length - 1)
    return date(year, first, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])


def _pick(options: list[date], ref: date, tense: Optional[str]) -> date:
    """Among candidate dates, the latest not after `ref` (past, the default for news), or the
    earliest not before it (future)."""
    if tense == "future":
        later = [d for d in options if d >= ref]
        return min(later) if later else max(options)
    earlier = [d for d in options if d <= ref]
    return max(earlier) if earlier else min(options)


def resolve(raw: RawTime, ref: Optional[date], tense: Optional[str] = None
            ) -> tuple[Optional[date], Optional[str]]:
    """`(first day, precision)` of what `raw` names, relative to `ref`; (None, None) if unknown."""
    k = raw.kind
    if k == "date":
        return _resolve_date(raw, ref, tense)
    if k == "month":
        return _resolve_month(raw, ref, tense)
    if k == "year":
        return date(raw.year, 1, 1), "year"
    if k == "season":
        return _resolve_season(raw, ref, tense)
    if ref is None:
        return None, None
    if k == "weekday":
        return _resolve_weekday(raw, ref, tense)
    if k == "day":
        return ref + timedelta(days=raw.offset), "day"
    if k in ("unit", "ago"):
        return _resolve_unit(raw, ref)
    return None, None


def _resolve_date(raw: RawTime, ref: Optional[date], tense: Optional[str]) -> tuple[Optional[date], Optional[str]]:
    """A day of a month ("March 3"): the year stated, else the one `tense` points to around `ref`."""
    if raw.year is not None:
        return date(raw.year, raw.month, raw.day), "day"
    if ref is None:
        return None, None
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(y, raw.month, raw.day))
        except ValueError:
            pass
    return (_pick(options, ref, tense), "day") if options else (None, None)


def _resolve_month(raw: RawTime, ref: Optional[date], tense: Optional[str]) -> tuple[Optional[date], Optional[str]]:
    """A month ("last March", "in May"): the year stated, else by offset or tense around `ref`."""
    if raw.year is not None:
        return date(raw.year, raw.month, 1), "month"
    if ref is None:
        return None, None
    this = date(ref.year, raw.month, 1)
    if raw.offset == -1:  # "last March": the one before this year's, unless that is still ahead
        y = ref.year - 1 if raw.month >= ref.month else ref.year
        return date(y, raw.month, 1), "month"
    if raw.offset == 1:
        y = ref.year + 1 if raw.month <= ref.month else ref.year
        return date(y, raw.month, 1), "month"
    if raw.offset == 0:
        return this, "month"
    options = [date(ref.year - 1, raw.month, 1), this, date(ref.year + 1, raw.month, 1)]
    return _pick(options, ref.replace(day=1), tense), "month"


def _resolve_season(raw: RawTime, ref: Optional[date], tense: Optional[str]) -> tuple[Optional[date], Optional[str]]:
    """A season ("last spring"): the year stated, else by offset or tense around `ref`."""
    if raw.year is not None:
        start, end = _season_span(raw.unit, raw.year)
        return period(start, end)
    if ref is None:
        return None, None
    spans = [_season_span(raw.unit, y) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    current = [s for s in spans if s[0] <= ref <= s[1]]
    if raw.offset == -1:
        start, end = max(s for s in spans if s[1] < ref)
    elif raw.offset == 1:
        start, end = min(s for s in spans if s[0] > ref)
    elif current:
        start, end = current[0]
    elif raw.offset == 0:  # "this spring": the one in the reference year
        start, end = [s for s in spans if s[0].year == ref.year][0]
    elif tense == "future":
        start, end = min(s for s in spans if s[0] > ref)
    else:
        start, end = max(s for s in spans if s[1] < ref)
    return period(start, end)


def _resolve_weekday(raw: RawTime, ref: date, tense: Optional[str]) -> tuple[Optional[date], Optional[str]]:
    """A weekday ("on Friday", "last Friday"): the one before `ref`, or after it in the future."""
    back = (ref.weekday() - raw.weekday) % 7
    if raw.offset == -1:  # "last Friday": in the week before
        return ref - timedelta(days=back or 7), "day"
    if raw.offset == 1 or (raw.offset is None and tense == "future"):
        ahead = (raw.weekday - ref.weekday()) % 7
        if raw.offset == 1:
            ahead = ahead or 7
        return ref + timedelta(days=ahead), "day"
    return ref - timedelta(days=back), "day"


def _resolve_unit(raw: RawTime, ref: date) -> tuple[Optional[date], Optional[str]]:
    """A count of units from `ref` ("three days ago", "next week", "last year")."""
    n = raw.offset
    if n is None:
        return None, None
    if raw.unit == "day":
        return ref + timedelta(days=n), "day"
    if raw.unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=n)
        return period(monday, monday + timedelta(days=6))
    if raw.unit == "month":
        y, m = _shift_month(ref.year, ref.month, n)
        return date(y, m, 1), "month"
    if raw.unit == "year":
        return date(ref.year + n, 1, 1), "year"
    return None, None


def lower_bound(raw: RawTime) -> Optional[date]:
    """First day of an expression that names its year by itself (no reference needed)."""
    if raw.year is None:
        return None
    if raw.kind == "season":
        return _season_span(raw.unit, raw.year)[0]
    return resolve(raw, None)[0]
