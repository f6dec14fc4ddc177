"""Quotation marks: straight, curly, doubled apostrophes, multi-paragraph and single quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'
# A single-quoted span outside double quotes: opener not after a letter, closer not before one.
SINGLE_RE = re.compile(r"(?<![\w])[‘']([^\W\d_][^‘’'\n]{0,300}?[\w.,!?…])[’'](?![\w])")


@dataclass
class Mark:
    """A quoted span: `start`/`end` are the words inside the marks; `outer_*` include the marks."""
    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool = True


def _next_nonspace(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _misused_opener(text: str, i: int) -> bool:
    """'…the region,“ noted Jane Doe': an opening mark right after a word or punctuation and before
    a space closes the quotation (a typing or conversion slip common in scraped text)."""
    return text[i] in OPEN_DOUBLE and 0 < i and not text[i - 1].isspace() \
        and (i + 1 >= len(text) or text[i + 1].isspace())


def _lost_opener(text: str, i: int, marks: list[Mark]) -> bool:
    """A closing mark with no quotation open in its paragraph, after a word or its punctuation:
    the paragraph opened the quotation without a mark."""
    para = text.rfind("\n", 0, i) + 1
    if marks and marks[-1].outer_end > para:
        return False
    return i > para and not text[i - 1].isspace() and not any(c in text[para:i] for c in OPEN_DOUBLE + STRAIGHT)


def find_marks(text: str) -> list[Mark]:
    """Quoted spans in `text`, in order. A quote left open at a paragraph end continues when the
    next paragraph opens with a quotation mark (newspaper style), else it ends with the paragraph."""
    text = text.replace("''", '"\x00')  # two apostrophes as one mark; same length, offsets hold
    marks: list[Mark] = []
    open_at: Optional[int] = None
    depth = 0
    skip = -1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = _next_nonspace(text, i)
            if j < n and text[j] in OPEN_DOUBLE + STRAIGHT:
                skip = j  # the repeated opening mark of a continued quote
            else:
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    marks.append(Mark(s, e, open_at, e, closed=False))
                open_at = None
        elif ch in OPEN_DOUBLE or ch in CLOSE_DOUBLE or ch == STRAIGHT:
            if i == skip:
                pass
            elif ch == STRAIGHT and 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
                pass  # a straight quote used as an apostrophe ("country"s")
            elif open_at is None:
                line_start = i == 0 or text[i - 1] == "\n"
                if ch in OPEN_DOUBLE or (ch == STRAIGHT and i + 1 < n and not text[i + 1].isspace()) \
                        or (ch in CLOSE_DOUBLE and line_start):  # ” misused as an opener
                    open_at = i
                    depth = 1
                elif ch in CLOSE_DOUBLE and _lost_opener(text, i, marks):
                    # 'We will stay,” she said.' opening a paragraph: the scrape lost the opening mark
                    para = text.rfind("\n", 0, i) + 1
                    s, e = _trim(text, para, i)
                    if e > s:
                        marks.append(Mark(s, e, s, i + 1))
            elif ch in CLOSE_DOUBLE or ch == STRAIGHT or _misused_opener(text, i):
                depth -= 1
                if depth > 0:
                    i += 1
                    continue  # closes a quotation nested with the same marks
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    marks.append(Mark(s, e, open_at, i + 1))
                open_at = None
            elif text[open_at] in OPEN_DOUBLE:  # “…“nested”…”: the same marks inside
                depth += 1
        i += 1
    if open_at is not None:
        s, e = _trim(text, open_at + 1, n)
        if e > s:
            marks.append(Mark(s, e, open_at, e, closed=False))
    marks = _apostrophe_pairs_undone(text, marks)
    marks += _single_quoted(text, marks)
    marks.sort(key=lambda m: m.start)
    return marks


def _apostrophe_pairs_undone(text: str, marks: list[Mark]) -> list[Mark]:
    """Marks whose edges skip the placeholder of a '' pair (two apostrophes read as one mark);
    those left empty go."""
    for m in marks:  # skip the second apostrophe of a '' pair
        if text[m.start:m.start + 1] == "\x00":
            m.start += 1
        while m.end > m.start and text[m.end - 1] in '"\x00':
            m.end -= 1
        if m.closed and text[m.outer_end - 1:m.outer_end] == '"' and text[m.outer_end:m.outer_end + 1] == "\x00":
            m.outer_end += 1
    return [m for m in marks if m.end > m.start]


def _single_quoted(text: str, marks: list[Mark]) -> list[Mark]:
    """Single-quoted spans, only outside the double-quoted `marks` (inside they are nested quotes
    of the same speaker)."""
    covered = [(m.outer_start, m.outer_end) for m in marks]
    return [Mark(m.start(1), m.end(1), m.start(), m.end()) for m in SINGLE_RE.finditer(text)
            if not any(a <= m.start() < b for a, b in covered)]
