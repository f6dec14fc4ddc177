"""Throughput benchmark on real text: dyad end to end (annotate + DuckDB write) against a bare spaCy
`nlp.pipe` (same model, batch size and processes) over the same bodies, for 1 and 2 processes.

Each configuration runs in its own subprocess, so its peak RSS is its own. Model loading and a warm-up
document are outside the timed part; with 2 processes spaCy starts its worker processes inside it
(the same for both). Prints a table and writes a JSON result. Besides wall time it gives CPU time (the
process and its workers): on a shared machine the CPU ratio dyad/bare is the steadier figure.

    make bench                                  # N = 500 articles of $SHARED/corpus/abp
    make bench BENCH_ARGS="--n 2581"            # all of them
    SHARED=/work/shared .venv/bin/python bench/throughput.py --n 30 --processes 1
    .venv/bin/python bench/throughput.py --input my.jsonl --dask   # also the Dask engine (LocalCluster)
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import conditions, write_json

ABP = "corpus/abp/abp.input.jsonl"


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of the largest child it waited for (spaCy workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_rss_children_mb": round(children, 1)}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (pool workers): on a shared machine a fairer
    comparison than wall time, which other people's jobs stretch."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def settings_for(processes: int):
    from dyad.config import Settings

    return dataclasses.replace(Settings.from_env(), n_process=processes)


def child_dyad(args) -> dict:
    """dyad end to end: read the JSONL, annotate, write DuckDB."""
    from dyad.ingest import iter_jsonl
    from dyad.pipeline import Pipeline
    from dyad.store import Store

    pipe = Pipeline(settings_for(args.processes))
    pipe.warm_up()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        t0, c0 = time.perf_counter(), cpu_seconds()
        with open(args.input, "rb") as fh:
            stats = store.ingest(iter_jsonl(fh), pipe)
        seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        bodies = [b or "" for (b,) in store.con.execute("SELECT body FROM articles ORDER BY seq").fetchall()]
    if args.bodies:
        Path(args.bodies).write_text(json.dumps(bodies), encoding="utf-8")
    return {"seconds": seconds, "cpu_seconds": cpu, "articles": stats.new + stats.skipped, "failed": stats.failed,
            "words": sum(len(b.split()) for b in bodies)}


def child_bare(args) -> dict:
    """A bare parse: the model as spacy.load gives it, over dyad's bodies."""
    import spacy

    settings = settings_for(args.processes)
    nlp = spacy.load(settings.spacy_model)
    nlp.max_length = max(nlp.max_length, settings.max_body_chars + 1)
    nlp("Japan and Russia held talks in Moscow.")
    bodies = json.loads(Path(args.bodies).read_text(encoding="utf-8"))
    t0, c0 = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(bodies, batch_size=settings.batch_size, n_process=args.processes):
        pass
    for worker in multiprocessing.active_children():  # spaCy terminates its workers: reap them, so
        worker.join()                                   # their CPU time is counted
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    return {"seconds": seconds, "cpu_seconds": cpu, "articles": len(bodies), "words": sum(len(b.split()) for b in bodies)}


def child_dask(args) -> dict:
    """The Dask engine on a LocalCluster of `processes` workers, then `dyad load` into DuckDB."""
    from distributed import Client, LocalCluster

    from dyad.engine import pipeline_loader, run_dask, worker_settings
    from dyad.ingest import iter_jsonl
    from dyad.partitions import load_partitions
    from dyad.store import Store

    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=args.processes, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        # Load the pipeline on the workers before timing (run_dask registers the same plugin again).
        client.register_plugin(pipeline_loader(worker_settings(settings_for(1))), name="dyad-pipeline")
        t0 = time.perf_counter()
        with open(args.input, "rb") as fh:
            stats = run_dask(iter_jsonl(fh), Path(tmp) / "parts", settings_for(1), size=args.partition_size,
                             client=client)
        with Store(Path(tmp) / "bench.duckdb") as store:
            load_partitions(Path(tmp) / "parts", store)
            seconds = time.perf_counter() - t0
            bodies = [b or "" for (b,) in store.con.execute("SELECT body FROM articles").fetchall()]
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"seconds": seconds, "articles": stats.items, "failed": stats.failed,
            "words": sum(len(b.split()) for b in bodies),
            "peak_rss_workers_mb": round(max(worker_rss.values()), 1)}


CHILDREN = {"dyad": child_dyad, "bare": child_bare, "dask": child_dask}


def run_child(kind: str, processes: int, input_: Path, bodies: Path, partition_size: int) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--processes", str(processes), "--input", str(input_),
           "--bodies", str(bodies), "--partition-size", str(partition_size)]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)  # its stderr shows
    return json.loads(out.stdout.strip().splitlines()[-1])


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent).stdout.strip()
    except OSError:
        return ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="articles (the first N of the input) [500]")
    ap.add_argument("--input", type=Path, help="contract input JSONL [$SHARED/" + ABP + "]")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts [1 2]")
    ap.add_argument("--dask", action="store_true", help="also the Dask engine (LocalCluster, one worker per "
                                                        "process) with `dyad load`")
    ap.add_argument("--partition-size", type=int, help="Dask engine: items per partition [N / (4 x processes), "
                                                       "at most 64, so every worker has several]")
    ap.add_argument("--json", type=Path, default=Path("out/bench/throughput.json"), help="result file")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    ap.add_argument("--bodies", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.processes = args.processes[0]
        result = CHILDREN[args.child](args)
        result.update(peak_rss_mb())
        print(json.dumps(result))
        return

    source = args.input or Path(os.environ.get("SHARED", "../shared")) / ABP
    if not source.is_file():
        sys.exit(f"no input at {source}: set SHARED to the shared folder or give --input")
    settings = settings_for(1)
    conds = conditions(commit=git_commit(), input=str(source), n=args.n, model=settings.spacy_model,
                       batch_size=settings.batch_size)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        input_ = Path(tmp) / "input.jsonl"
        with source.open(encoding="utf-8") as src, input_.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= args.n:
                    break
                dst.write(line)
        bodies = Path(tmp) / "bodies.json"
        for p in args.processes:
            kinds = ["dyad", "bare"] + (["dask"] if args.dask else [])  # dyad first: it writes the bodies
            for kind in kinds:
                size = args.partition_size or max(1, min(64, args.n // (4 * p)))
                r = run_child(kind, p, input_, bodies, size)
                r.update(config=kind, processes=p, partition_size=size if kind == "dask" else None, articles_per_s=r["articles"] / r["seconds"],
                         words_per_s=r["words"] / r["seconds"])
                results.append(r)
                print(f"  {kind:<5} p={p}: {r['seconds']:.1f}s", file=sys.stderr)
    for r in results:
        bare = next(b for b in results if b["config"] == "bare" and b["processes"] == r["processes"])
        r["ratio_to_bare"] = r["seconds"] / bare["seconds"]
        if "cpu_seconds" in r:  # the Dask engine's workers are not this process's children
            r["cpu_ratio_to_bare"] = r["cpu_seconds"] / bare["cpu_seconds"]

    articles, words = results[0]["articles"], results[0]["words"]
    print(f"{articles} articles, {words:,} words from {source}; model {settings.spacy_model}, batch "
          f"{settings.batch_size}; {os.cpu_count()} CPUs, load average {conds['load_average'][0]:.2f} "
          f"before, {os.getloadavg()[0]:.2f} after")
    print(f"{'config':<6} {'procs':>5} {'seconds':>8} {'articles/s':>10} {'words/s':>9} {'ratio b/a':>9} "
          f"{'peak RSS MB':>11} {'children MB':>11} {'CPU s':>7} {'CPU ratio':>9}")
    for r in results:
        rss = r.get("peak_rss_workers_mb", r["peak_rss_mb"])
        print(f"{r['config']:<6} {r['processes']:>5} {r['seconds']:8.2f} {r['articles_per_s']:10.2f} "
              f"{r['words_per_s']:9,.0f} {r['ratio_to_bare']:9.2f} {rss:11.0f} {r['peak_rss_children_mb']:11.0f} "
              f"{r.get('cpu_seconds', float('nan')):7.1f} {r.get('cpu_ratio_to_bare', float('nan')):9.2f}")
    write_json(args.json, conds, results)


if __name__ == "__main__":
    main()
