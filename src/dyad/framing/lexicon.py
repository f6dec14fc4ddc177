"""The loaded-language lexicon: word n-grams that mark a propaganda technique, looked up in text.

Words are runs of letters/digits joined by apostrophes or hyphens ("so-called", "Kiev's"); an n-gram
is matched case-insensitively on whole words, the longest first, without overlaps. The data file
(data/loaded_language.tsv) is built by eval/framing_lexicon.py: see data/SOURCES.md.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")
MAX_WORDS = 4


@dataclass(frozen=True)
class Entry:
    technique: str
    precision: float  # share of its occurrences in the training text that lay inside a marked span
    count: int  # its occurrences there


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) for each word of `text`."""
    return [(m.start(), m.end(), m.group().lower().replace("\u2019", "'")) for m in WORD.finditer(text)]


@lru_cache(maxsize=4)
def load(path: Path = DATA / "loaded_language.tsv", min_precision: float = 0.0) -> dict[tuple[str, ...], Entry]:
    out: dict[tuple[str, ...], Entry] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if float(row["precision"]) >= min_precision:
                out[tuple(row["phrase"].split())] = Entry(row["technique"], float(row["precision"]), int(row["count"]))
    return out


def find(text: str, lexicon: dict[tuple[str, ...], Entry]) -> list[tuple[int, int, Entry]]:
    """(start, end, entry) for each lexicon n-gram in `text`: longest first, left to right, no overlaps."""
    toks = words(text)
    found, i = [], 0
    while i < len(toks):
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            entry = lexicon.get(tuple(t[2] for t in toks[i:i + n]))
            if entry is not None:
                found.append((toks[i][0], toks[i + n - 1][1], entry))
                i += n
                break
        else:
            i += 1
    return found
