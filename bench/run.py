"""Pipeline benchmark: throughput and each stage's share of time, as ratios to a spaCy-only baseline
run over the same bodies in the same process. Prints a table; asserts nothing.

    SHARED=../shared .venv/bin/python bench/run.py [--limit N]
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from dyad.pipeline import Pipeline

SETS = ["quotes/polnear_dev", "events/petr2_gsr", "events/conflibert", "events/ngec_probes"]


def read_inputs(shared: Path, limit: int | None):
    for name in SETS:
        path = shared / "data" / f"{name}.input.jsonl"
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if limit and i >= limit:
                    break
                yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="items per set")
    args = ap.parse_args()
    shared = Path(os.environ.get("SHARED", "../shared"))
    items = list(read_inputs(shared, args.limit))
    pipe = Pipeline()
    pipe.nlp("warm up")

    t0 = time.perf_counter()
    records = list(pipe.annotate(items))
    total = time.perf_counter() - t0
    words = sum(len(r.body.split()) for r in records)

    t0 = time.perf_counter()
    for _ in pipe.nlp.pipe((r.body for r in records), batch_size=pipe.settings.batch_size):
        pass
    baseline = time.perf_counter() - t0

    print(f"articles {len(records)}  words {words}  total {total:.2f}s  "
          f"{words / total:,.0f} words/s  spaCy-only baseline {baseline:.2f}s  "
          f"ratio total/baseline {total / baseline:.2f}")
    print(f"{'stage':<10} {'seconds':>8} {'share':>7} {'x baseline':>10}")
    for name, secs in sorted(pipe.timings.items(), key=lambda kv: -kv[1]):
        print(f"{name:<10} {secs:8.2f} {secs / total:7.1%} {secs / baseline:10.2f}")
    print(f"quotes {sum(len(r.quotes) for r in records)}  events {sum(len(r.events) for r in records)}")


if __name__ == "__main__":
    main()
