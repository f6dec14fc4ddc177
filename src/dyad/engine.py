"""Engines that run the pipeline over partitions of the input and write each as a Parquet partition.

`run_local` annotates in this process, in one stream, and writes each partition as it completes;
`run_dask` sends partitions to the workers of a Dask cluster (a LocalCluster when no scheduler is given). Both take the same stream of
contract input dicts, skip content that a complete partition under `out_dir` already holds (so a
re-run only does what is missing), and cut the rest into partitions of `size` items.

On a worker, the pipeline (spaCy model and knowledge base) is built once per process and per
Settings: the client sends its Settings with every task, and a worker plugin builds the pipeline when
the worker starts, so no task pays for loading it.
"""
from __future__ import annotations

import dataclasses
import pickle
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .config import Settings
from .model import ArticleRecord
from .partitions import (PartitionResult, done_hashes, next_run, part_name, remove_stale_temporaries,
                         write_partition)
from .store import content_hash

ENGINES = ("local", "dask")
DEFAULT_PARTITION_SIZE = 64
DEFAULT_WORKERS = 2

_pipelines: dict[bytes, object] = {}
_pipelines_lock = threading.Lock()


def pipeline_for(settings: Settings):
    """This process's Pipeline for `settings`, built on first use."""
    from .pipeline import Pipeline

    key = pickle.dumps(settings)
    with _pipelines_lock:
        if key not in _pipelines:
            _pipelines[key] = Pipeline(settings=settings)
        return _pipelines[key]


def annotate_partition(items: list[dict], settings: Settings, out_dir: str, name: str) -> PartitionResult:
    """Annotate one partition and write it (the task a worker runs). One partition at a time per
    process: stages keep no per-article state, but one spaCy model is not shared between threads."""
    pipeline = pipeline_for(settings)
    with _pipelines_lock:
        records = list(pipeline.annotate(items))
    return write_partition(out_dir, name, list(zip(items, records)))


@dataclass
class RunStats:
    items: int = 0  # input items read
    done_before: int = 0  # skipped: a complete partition already holds their content
    partitions: int = 0  # partitions written by this run
    failed: int = 0  # records with an error
    errors: dict[str, int] = field(default_factory=dict)
    failed_partitions: list[str] = field(default_factory=list)  # "name: reason"; rerun to retry

    def add(self, result: PartitionResult) -> None:
        self.partitions += 1
        self.failed += result.failed
        for key, n in result.errors.items():
            self.errors[key] = self.errors.get(key, 0) + n

    def line(self) -> str:
        s = (f"{self.items} items read, {self.done_before} already done, {self.partitions} partitions "
             f"written, {self.failed} failed")
        if self.errors:
            top = sorted(self.errors.items(), key=lambda kv: -kv[1])[:5]
            s += " (" + "; ".join(f"{k}: {n}" for k, n in top) + ")"
        if self.failed_partitions:
            s += f"; {len(self.failed_partitions)} partitions not written: " + "; ".join(self.failed_partitions[:3])
        return s


def partitions(items: Iterable[dict], out_dir: str | Path, size: int, stats: RunStats
               ) -> Iterator[tuple[str, list[dict]]]:
    """(name, items) for the content not yet done under `out_dir`, `size` items each, in input order.
    The same content twice in the input goes into one partition only once."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    done = done_hashes(out_dir)
    run, token = next_run(out_dir), uuid.uuid4().hex[:6]
    chunk: list[dict] = []
    index = 0
    for item in items:
        stats.items += 1
        h = content_hash(item)
        if h in done:
            stats.done_before += 1
            continue
        done.add(h)
        chunk.append(item)
        if len(chunk) == size:
            yield part_name(run, index, token), chunk
            index, chunk = index + 1, []
    if chunk:
        yield part_name(run, index, token), chunk


def run_local(items: Iterable[dict], out_dir: str | Path, pipeline, size: int = DEFAULT_PARTITION_SIZE,
              on_partition: Optional[Callable[[PartitionResult], None]] = None) -> RunStats:
    """Annotate with `pipeline` (anything with `annotate(items) -> records, same order`) in one stream
    (spaCy's batches and processes span partitions), and write each partition once its last record is out."""
    stats = RunStats()
    pending: deque[tuple[str, dict, bool]] = deque()  # (partition, item, last in its partition?)

    def stream() -> Iterator[dict]:
        for name, chunk in partitions(items, out_dir, size, stats):
            for i, item in enumerate(chunk):
                pending.append((name, item, i == len(chunk) - 1))
                yield item

    done: list[tuple[dict, ArticleRecord]] = []
    for record in pipeline.annotate(stream()):  # records come out in input order
        name, item, last = pending.popleft()
        done.append((item, record))
        if last:
            result = write_partition(out_dir, name, done)
            done = []
            stats.add(result)
            if on_partition:
                on_partition(result)
    return stats


def pipeline_loader(settings: Settings):
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        """Builds the pipeline when a worker starts (and on any worker that joins later)."""
        def __init__(self, settings: Settings):
            self.settings = settings

        def setup(self, worker) -> None:
            pipeline_for(self.settings)

    return LoadPipeline(settings)


def worker_settings(settings: Settings) -> Settings:
    """Workers are the parallelism: each parses in its own process, without spaCy subprocesses
    (a Dask worker cannot fork its own pool)."""
    return dataclasses.replace(settings, n_process=1)


def run_dask(items: Iterable[dict], out_dir: str | Path, settings: Settings,
             size: int = DEFAULT_PARTITION_SIZE, scheduler: Optional[str] = None,
             n_workers: int = DEFAULT_WORKERS, client=None,
             on_partition: Optional[Callable[[PartitionResult], None]] = None) -> RunStats:
    """Run on a Dask cluster: `client` if given, else the scheduler at `scheduler`, else a LocalCluster
    of `n_workers` processes. `out_dir` must be a path every worker can write (a shared filesystem).
    At most two partitions per worker thread are in flight, so the input streams."""
    from distributed import Client, LocalCluster, as_completed

    settings = worker_settings(settings)
    out = str(Path(out_dir).resolve())
    own_cluster = own_client = None
    if client is None:
        if scheduler:
            own_client = Client(scheduler)
        else:
            own_cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
            own_client = Client(own_cluster)
        client = own_client
    stats = RunStats()
    try:
        client.register_plugin(pipeline_loader(settings), name="dyad-pipeline")
        todo = partitions(items, out, size, stats)
        names: dict[str, str] = {}
        running = as_completed()

        def fill() -> None:
            """Keep two partitions per worker thread in flight (the cluster may grow or shrink)."""
            window = max(2, 2 * sum(client.nthreads().values()))
            while len(names) < window:
                try:
                    name, chunk = next(todo)
                except StopIteration:
                    return
                future = client.submit(annotate_partition, chunk, settings, out, name, key=f"dyad-{name}",
                                       pure=False)
                names[future.key] = name
                running.add(future)

        fill()
        for future in running:
            name = names.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # a partition whose task failed (e.g. its workers kept dying): rerun later
                stats.failed_partitions.append(f"{name}: {type(exc).__name__}: {exc}")
            else:
                stats.add(result)
                if on_partition:
                    on_partition(result)
            future.release()
            fill()
        return stats
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
