"""Quotes-stage benchmark: quotes per second and the stage's share of total pipeline time.

Runs the whole pipeline over the PolNeAR dev inputs in one process, timing every stage (the spaCy
parse is the rest of the wall time). Prints ratios; asserts nothing.

    SHARED=../shared .venv/bin/python bench/quotes_bench.py [--limit N] [--input FILE.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

from dyad.pipeline import Pipeline


class Timed:
    """Wraps a stage and adds its run time to a shared table."""

    def __init__(self, stage, table: dict[str, float]):
        self.stage, self.table, self.name = stage, table, stage.name

    def __call__(self, doc) -> None:
        t0 = time.perf_counter()
        try:
            self.stage(doc)
        finally:
            self.table[self.name] += time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="articles to read")
    ap.add_argument("--input", type=Path, default=None, help="contract input JSONL (default: PolNeAR dev)")
    args = ap.parse_args()
    path = args.input or Path(os.environ.get("SHARED", "../shared")) / "data/quotes/polnear_dev.input.jsonl"
    with path.open(encoding="utf-8") as fh:
        items = [json.loads(line) for i, line in enumerate(fh) if not args.limit or i < args.limit]

    pipe = Pipeline()
    table: dict[str, float] = defaultdict(float)
    pipe.text_stages = [Timed(s, table) for s in pipe.text_stages]
    pipe.parse_stages = [Timed(s, table) for s in pipe.parse_stages]
    pipe.nlp("warm up")

    t0 = time.perf_counter()
    records = list(pipe.annotate(items))
    total = time.perf_counter() - t0

    quotes = sum(len(r.quotes) for r in records)
    direct = sum(q.direct for r in records for q in r.quotes)
    failed = sum(r.error is not None for r in records)
    q_secs = table.get("quotes", 0.0)
    stages = sum(table.values())
    print(f"input {path}  articles {len(records)} ({failed} failed)  total {total:.2f}s")
    print(f"quotes {quotes} ({direct} direct)  quotes stage {q_secs:.3f}s  "
          f"{quotes / q_secs if q_secs else float('nan'):,.0f} quotes/s  "
          f"{len(records) / q_secs if q_secs else float('nan'):,.0f} articles/s  "
          f"share of pipeline time {q_secs / total:.1%}")
    print(f"{'stage':<12} {'seconds':>8} {'share':>7}")
    for name, secs in sorted(table.items(), key=lambda kv: -kv[1]):
        print(f"{name:<12} {secs:8.3f} {secs / total:7.1%}")
    print(f"{'spaCy+rest':<12} {total - stages:8.3f} {(total - stages) / total:7.1%}")


if __name__ == "__main__":
    main()
