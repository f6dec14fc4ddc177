"""The loaded-language lexicon: word n-grams that mark a propaganda technique, looked up in text.

Words are runs of letters/digits joined by hyphens or inner apostrophes ("so-called", "don't"; not a
possessive 's); an n-gram
is matched case-insensitively on whole words, the longest first, without overlaps. The data file
(data/loaded_language.tsv) is built by eval/framing_lexicon.py; data/loaded_language_extra.tsv is
written by hand: see data/SOURCES.md.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# a possessive 's is not part of the word: "the Kiev regime's" holds "Kiev regime"
WORD = re.compile(r"\w+(?:(?:-|['\u2019](?!s\b))\w+)*")
MAX_WORDS = 4


@dataclass(frozen=True)
class Entry:
    technique: str
    precision: float  # share of its occurrences in the training text that lay inside a marked span
    count: int  # its occurrences there


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) for each word of `text`."""
    return [(m.start(), m.end(), m.group().lower().replace("\u2019", "'")) for m in WORD.finditer(text)]


FILES = (DATA / "loaded_language.tsv", DATA / "loaded_language_extra.tsv")


@lru_cache(maxsize=4)
def load(paths: tuple[Path, ...] = FILES, min_precision: float = 0.0) -> dict[tuple[str, ...], Entry]:
    """The lexicon from the learned file and the hand-written one (a later file wins a shared phrase)."""
    out: dict[tuple[str, ...], Entry] = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
                if float(row["precision"]) >= min_precision:
                    key = tuple(w for _, _, w in words(row["phrase"]))
                    out[key] = Entry(row["technique"], float(row["precision"]), int(row["count"]))
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
