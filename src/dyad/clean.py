"""Boilerplate removal: classify the lines of `doc.text`, keep the article's, `doc.set_body(ranges)`.

Two kinds of evidence decide (patterns in `data/boilerplate.yaml`):
- explicit patterns: interface words, promotion, credits, bylines, section/time lines, line prefixes
  (scraper metadata, "/ site name/") and datelines ("TOKYO, February 14. /TASS/.");
  caption and credit lines (caption markers at the start, photo credits at the end), related-story
  markers and the headline-like lines under them, promotion phrases, YAML front matter, author
  notes closing an opinion piece, and chrome inside a kept line (update stamps, hover cards of
  headlines, currency footnotes), cut out;
- general signals: position (header lines above a dateline lead; a title line before the first
  paragraph; a footer after the last paragraph once promotion starts), length and terminal
  punctuation (what reads like a paragraph), and script (Cyrillic UI strings in an English page).
Characters inside kept ranges are never altered; a range may start mid-line to drop a prefix, end
before a line's tail, or skip a cut inside the line.
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
PROMO_MAX_WORDS = 60  # a promotion phrase inside a longer line is article text quoting it
PROMO_FORM_MAX_WORDS = 400  # ... unless two of them make it a sign-up form
RELATED_MAX_WORDS = 20  # a linked headline under a "More:" marker is at most this long
RELATED_MARKER_MAX_WORDS = 80  # "Related Video" with its blurb; longer is article text
CARD_NAME_CHARS = 60  # how far before a hover card the mention's surname is looked for
FRONT_MATTER_LINES = 40
FRONT_MATTER_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)")


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
    related: tuple
    caption_starts: tuple
    credit_tails: tuple
    promo_phrases: tuple
    line_heads: tuple
    line_tails: tuple
    inline_cards: tuple
    front_matter_date_keys: frozenset
    author_bios: tuple

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Patterns":
        raw = yaml.safe_load(resources.files("dyad").joinpath("data/boilerplate.yaml")
                             .read_text(encoding="utf-8"))

        def compiled(key: str, wrap: str = "{}") -> tuple:
            return tuple(re.compile(wrap.format(_expand(p)), re.IGNORECASE) for p in raw[key])

        return cls(
            ui_lines=frozenset(s.casefold() for s in raw["ui_lines"]),
            drop_lines=compiled("drop_lines"),
            prefixes=compiled("prefixes"),
            section_time=compiled("section_time"),
            datelines=tuple(re.compile(_expand(p, tuple(map(re.escape, raw.get("not_places") or ()))))
                            for p in raw["datelines"]),  # case matters
            related=compiled("related"),
            caption_starts=compiled("caption_starts"),
            # A credit closes the line: nothing but white space after it.
            credit_tails=compiled("credit_tails", r"(?:{})\s*$"),
            promo_phrases=compiled("promo_phrases"),
            line_heads=compiled("line_heads"),
            line_tails=compiled("line_tails", r"(?:{})\s*$"),
            inline_cards=tuple(re.compile(p) for p in raw["inline_cards"]),  # case matters
            front_matter_date_keys=frozenset(k.casefold() for k in raw["front_matter_date_keys"]),
            author_bios=tuple(re.compile(p) for p in raw["author_bios"]),  # case matters
        )


@dataclass
class Line:
    start: int  # first non-space character of the line in `text`
    end: int  # end of the line's content (trailing space excluded)
    keep_from: int  # where kept text starts (after a stripped prefix or dateline)
    text: str  # text[keep_from:end]
    # body | ui | promo | meta | site | title | header | footer | script | caption | related
    kind: str = "body"
    cuts: list[tuple[int, int]] = field(default_factory=list)  # chrome inside a kept line

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
        out = []
        for ln in self.lines:
            if not ln.kept:
                continue
            pos = ln.keep_from
            for a, b in sorted(ln.cuts):
                out.append((pos, a))
                pos = max(pos, b)
            out.append((pos, ln.end))
        return [(a, b) for a, b in out if b > a]

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


def analyse(text: str, patterns: Optional[Patterns] = None, positional: bool = True,
            title: Optional[str] = None) -> Layout:
    """Classify the lines of `text`; the Layout says what to keep and what was found on the way.

    `positional=False` uses only what a line says about itself (its patterns and shape), not where
    it stands: for text an HTML extractor already took out of the page, where a short line under
    the title or a closing line is the article's own text. There, a line equal to the page's
    `title` is the title, and a dateline is looked for on the first line only."""
    pat = patterns or Patterns.default()
    layout = Layout(text=text, lines=_split_lines(text))
    if not layout.lines:
        return layout
    _mark_front_matter(layout, pat)
    _strip_prefixes(layout, pat)
    _classify_lines(layout, pat)
    if not any(ln.kept for ln in layout.lines):
        _keep_everything(layout)  # every line is explicit chrome: better noise than nothing
        return layout
    content = _content(layout)
    if title:
        _mark_known_title(layout, title)
    _find_dateline(layout, pat, HEADER_SCAN_LINES if positional else 1)
    if positional:
        _find_title(layout)
    _mark_related_runs(layout)
    if positional:
        _mark_footer(layout, pat)
    _cut_inline(layout, pat)
    if not any(ln.kept for ln in layout.lines):  # never empty a text by position alone
        for i in content:
            layout.lines[i].kind = "body"
    return layout


def _content(layout: Layout) -> list[int]:
    return [i for i, ln in enumerate(layout.lines) if ln.kept]


def _paragraphs(layout: Layout) -> list[int]:
    return [i for i in _content(layout) if _paragraph_like(layout.lines[i].text)]


def _mark_front_matter(layout: Layout, pat: Patterns) -> None:
    """YAML front matter ("---", "key: value" lines, "---") opening the text is metadata."""
    lines, text = layout.lines, layout.text
    if lines[0].text != "---" or lines[0].start != len(text) - len(text.lstrip()):
        return
    close = next((i for i in range(1, min(len(lines), FRONT_MATTER_LINES)) if lines[i].text == "---"), None)
    if close is None or not all(FRONT_MATTER_KEY.match(lines[i].text) or lines[i].text.startswith("- ")
                                for i in range(1, close)):
        return
    for i in range(close + 1):
        lines[i].kind = "meta"
        m = FRONT_MATTER_KEY.match(lines[i].text)
        if m and m.group("key").casefold() in pat.front_matter_date_keys:
            layout.date_hints.append(("metadata", m.group("value").strip(" '\""), i))


def _strip_prefixes(layout: Layout, pat: Patterns) -> None:
    """Prefixes on the first lines: scraper metadata ("date 2025-11-12"), "/ site name/"."""
    text = layout.text
    for i, line in enumerate(layout.lines[:HEADER_SCAN_LINES]):
        if line.kind != "body":
            continue
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


def _classify_lines(layout: Layout, pat: Patterns) -> None:
    """Explicit line patterns and line-level signals, one line at a time."""
    scripts = _script_counts(layout.text)
    main_script = max(scripts, key=scripts.get) if scripts else None
    for i, line in enumerate(layout.lines):
        if line.kind == "body":
            line.kind = _line_kind(layout, pat, i, main_script)


def _line_kind(layout: Layout, pat: Patterns, i: int, main_script: Optional[str]) -> str:
    s = layout.lines[i].text
    key = s.casefold().rstrip(":").strip()
    if key in pat.ui_lines or all(p in pat.ui_lines for p in re.split(r"\s*[/|]\s*", key)):
        return "ui"  # "Analysis/Opinion", "News | World"
    if any(rx.fullmatch(s) for rx in pat.section_time):
        if re.search(r"\b\d{4}\b", s):
            layout.date_hints.append(("header", s, i))
        return "meta"
    for rx in pat.drop_lines:
        if m := rx.fullmatch(s):
            _hint_from_drop(layout, m, s, i)
            return "promo"
    if not re.search(r"[^\W_]", s):  # "___", "* * *", "• • •": separators
        return "ui"
    if any(rx.match(s) for rx in pat.related) and _words(s) <= RELATED_MARKER_MAX_WORDS:
        return "related"
    if _caption_like(s, pat):
        return "caption"
    hits = sum(1 for rx in pat.promo_phrases if rx.search(s))
    # One promotion phrase marks a short line; a long one needs two (a sign-up form's text).
    if hits and (_words(s) <= PROMO_MAX_WORDS or hits >= 2 and _words(s) <= PROMO_FORM_MAX_WORDS):
        return "promo"
    if _menu_like(s):
        return "ui"
    if (name := _outlet_line(s)) is not None:
        layout.outlet_hints.append(("brand", name, i))
        return "site"
    counts = _script_counts(s)
    letters = sum(counts.values())
    # Interface strings in another script; a whole paragraph in it (a quoted original) stays.
    if main_script and letters >= 3 and counts.get(main_script, 0) < 0.5 * letters \
            and not _paragraph_like(s):
        return "script"
    return "body"


def _hint_from_drop(layout: Layout, m: re.Match, s: str, i: int) -> None:
    if m.groupdict().get("outlet"):
        low = s.casefold()
        kind = "promo" if low.startswith(("subscribe", "follow", "read")) else \
            "site" if s[0] in "-–—|·•" else "source" if low.startswith("source") else \
            "signoff" if s.startswith("=") else "copyright"
        layout.outlet_hints.append((kind, m.group("outlet").strip(" .-"), i))
    if i < HEADER_SCAN_LINES and re.search(r"\b(?:19|20)\d{2}\b", s):
        layout.date_hints.append(("header", s, i))


def _caption_like(s: str, pat: Patterns) -> bool:
    """An image/video caption or credit: opens with a caption marker ("Image copyright ...",
    "Media playback is unsupported ...", "FILE - In this photo ...") or ends with a photo credit
    ("(AP Photo/Jane Roe)", "REUTERS/Jane Roe", "Photo: AFP/Getty") and is not a closed sentence
    after it."""
    if any(rx.match(s) for rx in pat.caption_starts):
        return True
    return any(rx.search(s) for rx in pat.credit_tails)


def _keep_everything(layout: Layout) -> None:
    layout.all_boilerplate = True
    layout.outlet_hints.clear()
    for ln in layout.lines:
        ln.kind, ln.keep_from, ln.text = "body", ln.start, layout.text[ln.start:ln.end]


def _mark_known_title(layout: Layout, title: str) -> None:
    """Lines that repeat the title the page states are the title, not body."""
    want = " ".join(title.split()).casefold()
    for i, line in enumerate(layout.lines):
        if line.kept and " ".join(line.text.split()).casefold() == want:
            line.kind = "title"
            if layout.title is None:
                layout.title, layout.title_line, layout.title_removed = line.text, i, True


def _find_dateline(layout: Layout, pat: Patterns, scan: int) -> None:
    """Dateline lead among the first `scan` kept lines: lines above it are header (title,
    section/time, standfirst)."""
    lines, text = layout.lines, layout.text
    content = _content(layout)
    for i in content[:scan]:
        above = [j for j in content if j < i]
        if any(_words(lines[j].text) > HEADER_MAX_WORDS for j in above) or \
                sum(_paragraph_like(lines[j].text) for j in above) > 3:
            return
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
        return


def _find_title(layout: Layout) -> None:
    """No dateline: the title before the first paragraph; above it site chrome, below it short
    labels and bylines."""
    if layout.dateline is not None:
        return
    lines, text = layout.lines, layout.text
    content, paragraphs = _content(layout), _paragraphs(layout)
    if not paragraphs:
        return
    before = [i for i in content if i < paragraphs[0]]
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
        s = lines[i].text
        # Below the title, an open line (no closing punctuation) is a teaser, byline or label.
        if lines[i].kind == "body" and (_caps_line(s) or _name_list(s) or not _ends_terminal(s) and (
                _words(s) <= 4 or (t is not None and i > t and not s.endswith(":")))):
            lines[i].kind = "header"


def _name_list(s: str) -> bool:
    """A byline without "By": "Jane Roe and John Doe", "Jane Roe, John Doe & Ann Poe"."""
    names = [p for p in re.split(r"\s*(?:,|&|\band\b)\s*", s.strip()) if p]
    return 1 <= len(names) <= 4 and not _ends_terminal(s) and all(
        2 <= len(p.split()) <= 4 and all(re.fullmatch(r"[A-Z][\w.'’-]*", w) for w in p.split())
        for p in names)


def _mark_related_runs(layout: Layout) -> None:
    """After a related-stories marker ("More:", "Read more:"), the headline-like lines that follow
    it (no closing punctuation) are the linked headlines."""
    lines = layout.lines
    for i, line in enumerate(lines):
        if line.kind != "related":
            continue
        for j in range(i + 1, len(lines)):
            s = lines[j].text
            if lines[j].kind != "body" or not _headline_like(s) or _words(s) > RELATED_MAX_WORDS:
                break
            lines[j].kind = "related"


def _mark_footer(layout: Layout, pat: Patterns) -> None:
    """After the last paragraph, once promotion/chrome starts, the rest is footer; an author note
    closing the text is footer too."""
    paragraphs = _paragraphs(layout)
    if not paragraphs:
        return
    lines = layout.lines
    tail_chrome = [i for i in range(paragraphs[-1] + 1, len(lines))
                   if lines[i].kind in ("ui", "promo", "script", "site", "related")]
    if tail_chrome:
        for i in range(tail_chrome[0], len(lines)):
            # A closed sentence below the last chrome line (under an in-text ad marker) is the
            # article's last line, not footer.
            if lines[i].kind == "body" and not (i > tail_chrome[-1] and _ends_terminal(lines[i].text)
                                                and _words(lines[i].text) >= 6):
                lines[i].kind = "footer"
    kept = _content(layout)
    if len(kept) > 1 and any(rx.fullmatch(lines[kept[-1]].text) for rx in pat.author_bios):
        lines[kept[-1]].kind = "footer"


def _cut_inline(layout: Layout, pat: Patterns) -> None:
    """Chrome inside a kept line: update stamps opening it, hover cards of related headlines after
    a name, footnotes closing a paragraph ("($1 = 113.48 yen)")."""
    text = layout.text
    for line in layout.lines:
        if not line.kept:
            continue
        for rx in pat.line_heads:
            if (m := rx.match(text, line.keep_from, line.end)) and m.end() < line.end:
                _set_keep(line, text, m.end())
        for rx in pat.line_tails:
            if (m := rx.search(text, line.keep_from, line.end)) and m.end() == line.end \
                    and m.start() > line.keep_from:
                line.end = m.start()
                while line.end > line.keep_from and text[line.end - 1].isspace():
                    line.end -= 1
                line.text = text[line.keep_from:line.end]
        for rx in pat.inline_cards:
            for m in rx.finditer(text, line.keep_from, line.end):
                card = _card_span(text, m)
                if card:
                    line.cuts.append(card)


def _card_span(text: str, m: re.Match) -> Optional[tuple[int, int]]:
    """The card repeats the full name of the person just mentioned, glued to its first headline
    ("... Sen. Jane Roe Jane Q. RoeSenate passes ... MORE said"): it starts after the mention's
    surname, which the glued word repeats."""
    surname = m.group("surname")
    window = text[max(0, m.start("surname") - CARD_NAME_CHARS):m.start("surname")]
    hit = None
    for hit in re.finditer(rf"\b{re.escape(surname)}\b(?:[’']s)?\s", window):
        pass
    if hit is None:
        return None
    start = m.start("surname") - len(window) + hit.end()
    return start, m.end()


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
        from_html = doc.html_meta is not None
        # Where trafilatura chose the article's lines, only chrome by its own look is removed
        # after it, never lines by position (the body never falls below trafilatura's text);
        # the block-text fallback is judged like scraped text.
        chosen = from_html and doc.html_meta.get("extractor") == "trafilatura"
        title = doc.html_meta.get("title") if from_html else None
        layout = doc.layout = analyse(doc.text, positional=not chosen,
                                      title=title if isinstance(title, str) else None)
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
