"""API speed: N concurrent clients on loopback against `dyad serve` over the demo database.

    make demo && .venv/bin/python bench/web_api.py [--db out/demo.duckdb] [--clients 20] [--requests 30]

Bounded: each client sends `--requests` requests (a mix of the API's list, timeline and article
calls), so the run ends after clients x requests calls. Prints one JSON line: p50/p95/p99/max in ms,
requests per second, errors, and the machine's load average at the start (the figure depends on it).
Not a timed test: the target (p95 < 100 ms) is for a quiet machine."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time
import urllib.request

from dyad.web.local_server import running_server


def paths(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/events?dyad=JPN-RUS&limit=20") as r:
        hashes = [e["article_hash"] for e in json.load(r)["items"]]
    return ["/api/events?dyad=JPN-RUS&limit=50", "/api/events?dyad=JPN-RUS&type=SANCTION&limit=20",
            "/api/events?limit=50&offset=50", "/api/dyads", "/api/timeline?dyad=JPN-RUS&by=month",
            "/api/people?limit=50", "/api/outlets?dyad=JPN-RUS", "/api/alerts?dyad=JPN-RUS",
            *[f"/api/articles/{h}" for h in hashes[:4]]]


def client(base: str, todo: list[str], out: list[float], errors: list[str]) -> None:
    for path in todo:
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as r:
                r.read()
            out.append((time.perf_counter() - t) * 1000)
        except OSError as exc:
            errors.append(f"{path}: {exc}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="out/demo.duckdb")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=30, help="requests per client")
    ap.add_argument("--memo-size", type=int, default=512, help="dyad serve --memo-size (0: every answer computed)")
    args = ap.parse_args()
    load = os.getloadavg()
    with running_server(args.db, extra_args=("--memo-size", str(args.memo_size))) as base:
        mix = paths(base)
        client(base, mix, [], [])  # warm-up: the first timeline call loads the knowledge base and pandas paths
        times: list[float] = []
        errors: list[str] = []
        threads = [threading.Thread(target=client, args=(base, [mix[(i + k) % len(mix)] for k in range(args.requests)],
                                                         times, errors)) for i in range(args.clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    q = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    print(json.dumps({"clients": args.clients, "memo_size": args.memo_size, "requests": len(times), "errors": len(errors),
                      "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1),
                      "max_ms": round(max(times), 1), "rps": round(len(times) / wall, 1),
                      "cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in load]}))
    for e in errors[:5]:
        print("error:", e)


if __name__ == "__main__":
    main()
