"""Events-stage benchmark: sentences per second of the event coder and its share of pipeline time.

Runs the whole pipeline over event inputs in one process, timing every stage (the spaCy parse is the
rest of the wall time). Prints ratios; asserts nothing.

    SHARED=../shared .venv/bin/python bench/events_bench.py [--limit N] [--input FILE.jsonl ...]
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
    ap.add_argument("--limit", type=int, default=None, help="lines to read per input file")
    ap.add_argument("--input", type=Path, nargs="*", default=None,
                    help="contract input JSONL (default: the three event sets in $SHARED/data/events)")
    args = ap.parse_args()
    shared = Path(os.environ.get("SHARED", "../shared"))
    paths = args.input or [shared / f"data/events/{n}.input.jsonl" for n in ("petr2_gsr", "ngec_probes", "conflibert")]
    items = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            items += [json.loads(line) for i, line in enumerate(fh) if not args.limit or i < args.limit]

    pipe = Pipeline()
    table: dict[str, float] = defaultdict(float)
    pipe.text_stages = [Timed(s, table) for s in pipe.text_stages]
    pipe.parse_stages = [Timed(s, table) for s in pipe.parse_stages]
    pipe.nlp("warm up")
    for stage in pipe.parse_stages:  # load lexicons outside the timed run
        if stage.name == "events":
            stage.stage.coder

    t0 = time.perf_counter()
    records = list(pipe.annotate(items))
    wall = time.perf_counter() - t0
    events = sum(len(r.events) for r in records)
    ev_time = table.get("events", 0.0)
    print(f"articles {len(records)}  events {events}  wall {wall:.2f}s")
    for name, secs in sorted(table.items(), key=lambda kv: -kv[1]):
        print(f"  {name:10s} {secs:7.3f}s  {100 * secs / wall:5.1f}% of wall")
    print(f"  {'parse+rest':10s} {wall - sum(table.values()):7.3f}s")
    print(f"events stage: {1000 * ev_time / max(1, len(records)):.2f} ms/article, "
          f"share of pipeline time {100 * ev_time / wall:.1f}%")


if __name__ == "__main__":
    main()
