"""Query benchmark: the dyad timeline (target < 100 ms) and the events page (target < 200 ms) on a
database of synthetic events (bench/make_events.py), read-only as the dashboard opens it.

    .venv/bin/python bench/make_events.py --events 10000000 --db out/bench/events.duckdb
    .venv/bin/python bench/queries.py --db out/bench/events.duckdb

Dyads: the biggest, the median and a small one (by events). Each query runs once cold (first in a
fresh connection) and then --repeat times; prints min, median and p95 milliseconds, writes JSON.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path

import duckdb
from report import conditions, write_json

from dyad.queries import dyad_timeline, events_page, summaries_fresh

TARGET_MS = {"timeline": 100, "events_page": 200}


def pick_dyads(con) -> dict[str, tuple[str, str, int]]:
    rows = con.execute("""SELECT pair_a, pair_b, sum(events)::BIGINT AS n FROM dyad_month
                          GROUP BY ALL ORDER BY n DESC, pair_a, pair_b""").fetchall()
    return {"biggest": rows[0], "median": rows[len(rows) // 2], "small": rows[int(len(rows) * 0.9)]}


def timed(fn, repeat: int) -> dict:
    t0 = time.perf_counter()
    fn()
    cold = (time.perf_counter() - t0) * 1000
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    runs.sort()
    return {"cold_ms": round(cold, 2), "min_ms": round(runs[0], 2), "median_ms": round(statistics.median(runs), 2),
            "p95_ms": round(runs[min(len(runs) - 1, int(len(runs) * 0.95))], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path("out/bench/events.duckdb"))
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--json", type=Path, default=Path("out/bench/queries.json"))
    args = ap.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    if not summaries_fresh(con):
        raise SystemExit(f"{args.db}: summaries are stale; open it writable once (or rerun make_events.py)")
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    conds = conditions(db=str(args.db), events=n_events, duckdb=duckdb.__version__, repeat=args.repeat)
    cases = {
        "timeline": lambda a, b: dyad_timeline(con, a, b),
        "events_page": lambda a, b: events_page(con, a, b, types=["SANCTION", "THREATEN", "ACCUSE"],
                                                start=dt.date(2018, 1, 1), end=dt.date(2021, 12, 31), limit=50),
        "events_page_deep": lambda a, b: events_page(con, a, b, newest_first=True, limit=50, offset=1000),
    }
    results = []
    for label, (a, b, n) in pick_dyads(con).items():
        for name, fn in cases.items():
            r = timed(lambda: fn(a, b), args.repeat)
            r.update(query=name, dyad=f"{a}-{b}", dyad_events=n, which=label)
            results.append(r)
    print(f"{n_events:,} events in {args.db}; {os.cpu_count()} CPUs, load average {conds['load_average'][0]:.2f} "
          f"before, {os.getloadavg()[0]:.2f} after; DuckDB {duckdb.__version__}")
    print(f"{'query':<17} {'dyad':<8} {'events':>9} {'cold ms':>8} {'min ms':>7} {'median':>7} {'p95':>7} target")
    for r in results:
        target = TARGET_MS.get(r["query"].replace("_deep", ""))
        ok = "ok" if r["p95_ms"] < target else "MISSED"
        print(f"{r['query']:<17} {r['dyad']:<8} {r['dyad_events']:9,} {r['cold_ms']:8.1f} {r['min_ms']:7.1f} "
              f"{r['median_ms']:7.1f} {r['p95_ms']:7.1f} <{target} {ok}")
    write_json(args.json, conds, results)


if __name__ == "__main__":
    main()
