"""Boilerplate removal: classify the lines of `doc.text`, keep the article's, `doc.set_body(ranges)`.

Two kinds of evidence decide (patterns in `data/boilerplate.yaml`):
- explicit patterns: interface words, promotion, credits, bylines, section/time lines, line prefixes
  (scraper metadata, "/ site name/") and datelines ("TOKYO, February 14. /TASS/.");
- general signals: position (header lines above a dateline lead; a title line before the first
  paragraph; a footer after the last paragraph once promotion starts), length and terminal
  punctuation (what reads like a paragraph), and script (Cyrillic UI strings in an English page).
Characters inside kept ranges are never altered; a range may start mid-line to drop a prefix.
`analyse()` is shared with `metadata.py`, which reads the title, dateline and hints it found.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

import yaml

from .outlets import OutletRegistry
from .stage import Stage
from .timexp import month_numbers

MONTHS = "(?i:" + "|".join(sorted(month_numbers(), key=len, reverse=True)) + ")"
DATE = (rf"(?P<date>{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\.?(?:,?\s+\d{{4}})?)")
PLACE = (r"(?P<place>[A-Z][A-Z'’.]+(?:[ /-][A-Z][A-Z'’.]+){0,3}"
         r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)")
# The same with a region only when abbreviated ("FAIRVIEW, W.Va.") or absent.
SPLACE = (r"(?P<place>[A-Z][A-Z'’.]+(?:[ /-][A-Z][A-Z'’.]+){0,3}"
          r"(?:, (?:(?:[A-Z][a-z]{0,4}\.)+|[A-Z]{3,}(?: [A-Z]{2,})?))?)")
TPLACE = r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
CREDIT = r"[A-Z][\w&.'’ -]{1,40}?"
DASH = r"\s*(?:--|-|–|—)\s*"
_PARTS = {"{DATE}": DATE, "{PLACE}": PLACE, "{SPLACE}": SPLACE, "{TPLACE}": TPLACE, "{CREDIT}": CREDIT,
          "{DASH}": DASH}

TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]"
# A paragraph: this many words ending in terminal punctuation, or twice as many.
PARAGRAPH_WORDS = 12
HEADER_SCAN_LINES = 12  # a dateline lead is looked for among the first lines only
HEADER_MAX_WORDS = 80  # a line above a dateline longer than this is article text, not header


def _expand(pattern: str, not_places: tuple = ()) -> str:
    for key, value in _PARTS.items():
        if not_places and "place" in value:
            value = value.replace("(?P<place>", rf"(?!(?:{'|'.join(not_places)})\b)(?P<place>", 1)
        pattern = pattern.replace(key, value)
    return pattern


@dataclass(frozen=True)
class Patterns:
    ui_lines: frozenset
    drop_lines: tuple
    prefixes: tuple
    section_time: tuple
    datelines: tuple

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Patterns":
        raw = yaml.safe_load(resources.files("dyad").joinpath("data/boilerplate.yaml")
                             .read_text(encoding="utf-8"))
        flags = re.IGNORECASE
        return cls(
            ui_lines=frozenset(s.casefold() for s in raw["ui_lines"]),
            drop_lines=tuple(re.compile(_expand(p), flags) for p in raw["drop_lines"]),
            prefixes=tuple(re.compile(_expand(p), flags) for p in raw["prefixes"]),
            section_time=tuple(re.compile(_expand(p), flags) for p in raw["section_time"]),
            datelines=tuple(re.compile(_expand(p, tuple(map(re.escape, raw.get("not_places") or ()))))
                            for p in raw["datelines"]),  # case matters
        )


@dataclass
class Line:
    start: int  # first non-space character of the line in `text`
    end: int  # end of the line's content (trailing space excluded)
    keep_from: int  # where kept text starts (after a stripped prefix or dateline)
    text: str  # text[keep_from:end]
    kind: str = "body"  # body | ui | promo | meta | site | title | header | footer | script

    @property
    def kept(self) -> bool:
        return self.kind == "body" and self.keep_from < self.end


@dataclass
class DatelineHit:
    place: str
    date: Optional[str]
    credit: Optional[str]
    line: int


@dataclass
class Layout:
    text: str
    lines: list[Line]
    title: Optional[str] = None
    title_line: Optional[int] = None
    title_removed: bool = False
    all_boilerplate: bool = False  # every line matched a boilerplate pattern (kept whole anyway)
    dateline: Optional[DatelineHit] = None
    # (kind, name, line index): site | brand | prefix | promo | signoff | copyright | credit | source
    outlet_hints: list[tuple[str, str, int]] = field(default_factory=list)
    # (kind, text, line index): kind is metadata | header
    date_hints: list[tuple[str, str, int]] = field(default_factory=list)

    def ranges(self) -> list[tuple[int, int]]:
        return [(ln.keep_from, ln.end) for ln in self.lines if ln.kept]

    def first_kept(self) -> int:
        """Index of the first kept line (0 when none is kept)."""
        return min((i for i, ln in enumerate(self.lines) if ln.kept), default=0)


def _words(s: str) -> int:
    return len(s.split())


def _ends_terminal(s: str) -> bool:
    s = s.rstrip().rstrip(CLOSERS).rstrip()
    return bool(s) and s[-1] in TERMINAL


def _paragraph_like(s: str) -> bool:
    n = _words(s)
    return (n >= PARAGRAPH_WORDS and _ends_terminal(s)) or n >= 2 * PARAGRAPH_WORDS


def _title_case(s: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s) if len(w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _headline_like(s: str) -> bool:
    """A title: short, starts like a sentence, no final period (a ?/! only in title case)."""
    n = _words(s)
    if not 2 <= n <= 30 or not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘«"):
        return False
    last = s.rstrip()[-1]
    if last in ".,;:…" or (last in CLOSERS and _ends_terminal(s)):
        return False
    if last in "?!":
        return _title_case(s)
    return True


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "LATIN"
    if 0x400 <= o < 0x530:
        return "CYRILLIC"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "OTHER"


def _script_counts(s: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in s:
        if ch.isalpha():
            sc = _script(ch)
            counts[sc] = counts.get(sc, 0) + 1
    return counts


def _split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        # A byte-order mark or zero-width space before a line is not text either.
        stripped_left = len(raw) - len(raw.lstrip().lstrip("\ufeff\u200b").lstrip())
        start, end = pos + stripped_left, pos + len(raw.rstrip())
        if end > start:
            lines.append(Line(start, end, start, text[start:end]))
        pos += len(raw) + 1
    return lines


def _set_keep(line: Line, text: str, pos: int) -> None:
    while pos < line.end and text[pos].isspace():
        pos += 1
    line.keep_from = pos
    line.text = text[pos:line.end]


def _menu_like(s: str) -> bool:
    """A navigation bar: "News | World | Business", "Home  About  Contact" (short segments, no sentence)."""
    if _ends_terminal(s):
        return False
    for sep in (r"\s*[|•·]\s*", r"\s{2,}"):
        parts = [p for p in re.split(sep, s) if p.strip()]
        if len(parts) >= (2 if sep.startswith(r"\s*[") else 3) and all(_words(p) <= 4 for p in parts):
            return True
    return False


def _caps_line(s: str) -> bool:
    """A short line in capitals: a masthead or section label ("KYODO NEWS", "NATIONAL / POLITICS")."""
    letters = [ch for ch in s if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and _words(s) <= 6 \
        and not _ends_terminal(s)


def _outlet_line(s: str) -> Optional[str]:
    """The line is just an outlet's name from the registry ("Reuters", "The Japan Times", "==Kyodo")."""
    name = s.strip(" =-–—|·•:()[]")
    if not name or _words(name) > 6:
        return None
    return name if OutletRegistry.default().by_name(name) else None


CREDIT_AFTER_RE = re.compile(r"(?P<credit>[A-Z][\w&'’ -]{1,30}?)[.:]\s+")


def _credit_after(text: str, line: Line) -> Optional[re.Match]:
    """"MOSCOW, March 7 - RIA Novosti. The government...": an agency name closing the dateline."""
    m = CREDIT_AFTER_RE.match(text, line.keep_from, line.end)
    return m if m and OutletRegistry.default().by_name(m.group("credit")) else None


def _choose_title(text: str, lines: list[Line], candidates: list[int]) -> Optional[int]:
    """The headline among header lines: headline-like, not chrome; preferably 4-20 words (a
    masthead tagline is shorter, an unpunctuated standfirst longer) and standing as its own
    paragraph (a site name with its tagline under it does not); the first such line wins, as the
    title comes before the standfirst."""
    ok = [j for j in candidates if lines[j].kind == "body" and not _caps_line(lines[j].text)
          and not _menu_like(lines[j].text) and _headline_like(lines[j].text)]
    best = [j for j in ok if 4 <= _words(lines[j].text) <= 20]
    alone = [j for j in best if _is_blank_after(text, lines[j]) and _is_blank_before(text, lines[j])]
    return (alone or best or ok or [None])[0]


def analyse(text: str, patterns: Optional[Patterns] = None) -> Layout:
    """Classify the lines of `text`; the Layout says what to keep and what was found on the way."""
    pat = patterns or Patterns.default()
    lines = _split_lines(text)
    layout = Layout(text=text, lines=lines)
    if not lines:
        return layout

    # 1. Prefixes on the first lines: scraper metadata ("date 2025-11-12"), "/ site name/".
    for i, line in enumerate(lines[:HEADER_SCAN_LINES]):
        changed = True
        while changed and line.keep_from < line.end:
            changed = False
            for rx in pat.prefixes:
                m = rx.match(text, line.keep_from, line.end)
                if m and m.end() > line.keep_from:
                    if m.groupdict().get("outlet") and i < 3:
                        layout.outlet_hints.append(("prefix", m.group("outlet").strip(), i))
                    if m.groupdict().get("date"):
                        layout.date_hints.append(("metadata", m.group("date"), i))
                    _set_keep(line, text, m.end())
                    changed = True
                    break
            if i >= 3 and line.keep_from < line.end:
                # Below the top, a prefix counts only when it is the whole line ("date 2022-03-21").
                if changed:
                    line.keep_from, line.text = line.start, text[line.start:line.end]
                    layout.date_hints = [h for h in layout.date_hints if h[2] != i]
                break
        if line.keep_from >= line.end:
            line.kind = "meta"

    # 2. Explicit line patterns and line-level signals.
    scripts = _script_counts(text)
    main_script = max(scripts, key=scripts.get) if scripts else None
    for i, line in enumerate(lines):
        if line.kind != "body":
            continue
        s = line.text
        if s.casefold().rstrip(":").strip() in pat.ui_lines:
            line.kind = "ui"
            continue
        if any(rx.fullmatch(s) for rx in pat.section_time):
            line.kind = "meta"
            if re.search(r"\b\d{4}\b", s):
                layout.date_hints.append(("header", s, i))
            continue
        for rx in pat.drop_lines:
            m = rx.fullmatch(s)
            if m:
                line.kind = "promo"
                if m.groupdict().get("outlet"):
                    low = s.casefold()
                    kind = "promo" if low.startswith(("subscribe", "follow", "read")) else \
                        "site" if s[0] in "-–—|·•" else "source" if low.startswith("source") else \
                        "signoff" if s.startswith("=") else "copyright"
                    layout.outlet_hints.append((kind, m.group("outlet").strip(" .-"), i))
                if i < HEADER_SCAN_LINES and re.search(r"\b(?:19|20)\d{2}\b", s):
                    layout.date_hints.append(("header", s, i))
                break
        if line.kind != "body":
            continue
        if _menu_like(s):
            line.kind = "ui"
            continue
        if (name := _outlet_line(s)) is not None:
            line.kind = "site"
            layout.outlet_hints.append(("brand", name, i))
            continue
        counts = _script_counts(s)
        letters = sum(counts.values())
        # Interface strings in another script; a whole paragraph in it (a quoted original) stays.
        if main_script and letters >= 3 and counts.get(main_script, 0) < 0.5 * letters \
                and not _paragraph_like(s):
            line.kind = "script"

    # A text whose every line is explicit boilerplate is left whole: better noise than nothing.
    if not any(ln.kept for ln in lines):
        layout.all_boilerplate = True
        layout.outlet_hints.clear()
        for ln in lines:
            ln.kind, ln.keep_from, ln.text = "body", ln.start, text[ln.start:ln.end]
        return layout

    content = [i for i, ln in enumerate(lines) if ln.kept]

    # 3. Dateline lead: lines above it are header (title, section/time, standfirst).
    for i in content[:HEADER_SCAN_LINES]:
        above = [j for j in content if j < i]
        if any(_words(lines[j].text) > HEADER_MAX_WORDS for j in above) or \
                sum(_paragraph_like(lines[j].text) for j in above) > 3:
            break
        line = lines[i]
        m = next((m for rx in pat.datelines if (m := rx.match(text, line.keep_from, line.end))), None)
        if not m:
            continue
        groups = m.groupdict()
        if not groups.get("credit") and any(_paragraph_like(lines[j].text) for j in above):
            continue  # "NATO - ..." below article paragraphs is not a lead; a credited one would be
        place = groups["place"].strip()
        if re.search(r"[A-Z]{2}\.$", place):  # "TOKYO. /TASS/.": the period closes the place
            place = place[:-1]
        layout.dateline = DatelineHit(place=place, date=groups.get("date"),
                                      credit=(groups.get("credit") or "").strip() or None, line=i)
        _set_keep(line, text, m.end())
        if not layout.dateline.credit and (c := _credit_after(text, line)):
            layout.dateline.credit = c.group("credit").strip()
            _set_keep(line, text, c.end())
        if layout.dateline.credit:
            layout.outlet_hints.append(("credit", layout.dateline.credit, i))
        t = _choose_title(text, lines, above)
        if t is None:  # "A Title-Case Headline With A Period." above the dateline
            t = next((j for j in above if _title_case(lines[j].text) and not _caps_line(lines[j].text)
                      and not _menu_like(lines[j].text) and 2 <= _words(lines[j].text) <= 30), None)
        for j in above:
            lines[j].kind = "header"
        if t is not None:
            layout.title, layout.title_line, layout.title_removed = lines[t].text, t, True
            lines[t].kind = "title"
        if line.keep_from >= line.end:
            line.kind = "meta"
        break

    content = [i for i, ln in enumerate(lines) if ln.kept]
    paragraphs = [i for i in content if _paragraph_like(lines[i].text)]

    # 4. No dateline: the title before the first paragraph; above it site chrome, below it short labels.
    if layout.dateline is None and paragraphs:
        first = paragraphs[0]
        before = [i for i in content if i < first]
        t = _choose_title(text, lines, before)
        if t is not None:
            layout.title, layout.title_line, layout.title_removed = lines[t].text, t, True
            lines[t].kind = "title"
            for i in before:
                if i < t:
                    lines[i].kind = "header"
        elif before in ([], [content[0]]) and _title_case(lines[content[0]].text) \
                and _words(lines[content[0]].text) <= 30 and len(content) > 1 \
                and _is_blank_after(text, lines[content[0]]):
            # "Title Case Headline With A Period." as its own paragraph: a title, kept as text.
            layout.title, layout.title_line = lines[content[0]].text, content[0]
        for i in before:
            if lines[i].kind == "body" and (_caps_line(lines[i].text) or (
                    _words(lines[i].text) <= 4 and not _ends_terminal(lines[i].text))):
                lines[i].kind = "header"

    # 5. Footer: after the last paragraph, once promotion/chrome starts, the rest is footer.
    if paragraphs:
        last = paragraphs[-1]
        tail_chrome = [i for i in range(last + 1, len(lines))
                       if lines[i].kind in ("ui", "promo", "script", "site")]
        if tail_chrome:
            for i in range(tail_chrome[0], len(lines)):
                if lines[i].kind == "body":
                    lines[i].kind = "footer"

    if not any(ln.kept for ln in lines):  # never empty a text by position alone
        for i in content:
            lines[i].kind = "body"
    return layout


def _is_blank_before(text: str, line: Line) -> bool:
    """Nothing but white space on the line before (or the line opens the text)."""
    before = text[:line.start].rstrip(" \t\r")
    if not before.strip():
        return True
    return re.search(r"\n[ \t\r]*\n[ \t\r]*$", text[:line.start]) is not None


def _is_blank_after(text: str, line: Line) -> bool:
    """The line stands as its own paragraph (a blank line follows)."""
    return re.match(r"[ \t\r]*\n[ \t\r]*\n", text[line.end:]) is not None


class Clean(Stage):
    name = "clean"
    reads = ("text", "html_meta")
    writes = ("layout", "body", "record.body", "text")

    def __call__(self, doc) -> None:
        if not isinstance(doc.text, str):
            doc.fail("clean: text is not a string")
            return
        layout = doc.layout = analyse(doc.text)
        from_html = doc.html_meta is not None
        if from_html and layout.all_boilerplate:
            doc.fail("html: no article text found in the page (only navigation or boilerplate)")
            return
        doc.set_body(layout.ranges())
        if not doc.body.strip():
            doc.fail("clean: no article text left (empty or only boilerplate)")
            return
        if from_html:
            # html input: offsets are into `body` (CONTRACT), so the cleaned body becomes the base;
            # `doc.layout` still describes the extracted text, for metadata.py.
            doc.text = doc.body
            doc.set_body([(0, len(doc.text))])
