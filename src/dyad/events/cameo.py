"""CAMEO code tables: CAMEO -> PLOVER (type, mode) and CAMEO -> Goldstein intensity.

Both are plain TSV files under `data/` (converted by `convert.py`; sources in data/SOURCES.md).
Lookups go from the most specific code to its prefixes ("1121" -> "112" -> "11"), as the
PLOVER conversion table itself is read.
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Optional

from ..model import PLOVER_TYPES

DATA = Path(__file__).parent / "data"

# Codes that PLOVER has no type for: public statements (01) and appeals (02) are dropped, not coded.
DROPPED_ROOTS = ("01", "02")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of one of our TSV data files ('#' lines are comments)."""
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _rows(name: str) -> list[dict[str, str]]:
    return read_tsv(DATA / name)


@functools.lru_cache(maxsize=1)
def plover_table() -> dict[str, tuple[str, Optional[str]]]:
    table = {}
    for row in _rows("cameo_plover.tsv"):
        kind = row["type"].strip().upper()
        if kind not in PLOVER_TYPES:
            raise ValueError(f"cameo_plover.tsv: unknown PLOVER type {kind!r} for {row['cameo']}")
        table[row["cameo"].strip()] = (kind, (row.get("mode") or "").strip() or None)
    return table


@functools.lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    return {row["cameo"].strip(): float(row["goldstein"]) for row in _rows("goldstein.tsv")}


def _longest_prefix(table: dict, code: Optional[str]):
    """The entry for the most specific prefix of `code` (at least two digits), or None."""
    for n in range(len(code or ""), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def plover(code: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """(PLOVER type, mode) for a CAMEO code, or None for codes PLOVER drops (01, 02) or unknown ones."""
    if not code or code.startswith(DROPPED_ROOTS):
        return None
    return _longest_prefix(plover_table(), code)


def goldstein(code: Optional[str]) -> Optional[float]:
    return _longest_prefix(goldstein_table(), code)
