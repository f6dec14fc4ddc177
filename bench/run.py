"""Pipeline benchmark: throughput, each stage's share of time, quotes/s and events/s, as ratios to a
spaCy-only baseline over the same bodies in the same process. Prints a table; asserts nothing.

    SHARED=../shared .venv/bin/python bench/run.py                 # PolNeAR dev + the three event sets
    SHARED=../shared .venv/bin/python bench/run.py --set quotes/polnear_dev --limit 40
    .venv/bin/python bench/run.py --input my.jsonl
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from dyad.config import Settings
from dyad.pipeline import Pipeline

DEFAULT_SETS = ["quotes/polnear_dev", "events/petr2_gsr", "events/conflibert", "events/ngec_probes"]


def read_items(paths: list[Path], limit: int | None) -> list[dict]:
    items = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            items += [json.loads(line) for i, line in enumerate(fh) if not limit or i < limit]
    return items


def rate(n: int, secs: float) -> str:
    return f"{n / secs:,.0f}/s" if secs else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", dest="sets", help="gold set under $SHARED/data (repeatable)")
    ap.add_argument("--input", action="append", type=Path, default=[], help="contract input JSONL (repeatable)")
    ap.add_argument("--limit", type=int, default=None, help="items per file")
    args = ap.parse_args()
    shared = Path(os.environ.get("SHARED", "../shared"))
    paths = args.input or [shared / "data" / f"{name}.input.jsonl" for name in (args.sets or DEFAULT_SETS)]
    items = read_items(paths, args.limit)

    pipe = Pipeline(Settings.from_env())
    pipe.warm_up()  # load what stages load on first use

    t0 = time.perf_counter()
    records = list(pipe.annotate(items))
    total = time.perf_counter() - t0
    words = sum(len(r.body.split()) for r in records)

    t0 = time.perf_counter()
    for _ in pipe.nlp.pipe((r.body for r in records), batch_size=pipe.settings.batch_size):
        pass
    baseline = time.perf_counter() - t0

    quotes = sum(len(r.quotes) for r in records)
    events = sum(len(r.events) for r in records)
    print(f"inputs: {', '.join(str(p) for p in paths)}")
    print(f"articles {len(records)} ({sum(r.error is not None for r in records)} failed)  words {words:,}  "
          f"total {total:.2f}s  {rate(words, total)} words  spaCy-only baseline {baseline:.2f}s  "
          f"total/baseline {total / baseline:.2f}")
    print(f"quotes {quotes}: {rate(quotes, pipe.timings['quotes'])} in the quotes stage; "
          f"events {events}: {rate(events, pipe.timings['events'])} in the events stage")
    print(f"{'stage':<10} {'seconds':>8} {'share':>7} {'x baseline':>10}")
    for name, secs in sorted(pipe.timings.items(), key=lambda kv: -kv[1]):
        print(f"{name:<10} {secs:8.2f} {secs / total:7.1%} {secs / baseline:10.2f}")


if __name__ == "__main__":
    main()
