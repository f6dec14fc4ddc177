"""Partitions of annotated articles as Parquet folders, written atomically and loaded into DuckDB.

A partition is a folder `DIR/part-RRRR-NNNNNN-TOKEN/` (run number, partition number in that run, and
a token drawn per run, so two runs started at once never claim the same name) holding one
Parquet file per store table (`articles.parquet`, `people.parquet`, ...), with exactly the columns of the
DuckDB tables (the contract record is the `record` column of `articles`), and a marker `_SUCCESS.json`.
It is built under a hidden temporary name and renamed into place in one step, so a folder named
`part-*` is always complete: `read_parquet('DIR/part-*/events.parquet')` never sees half a partition,
and an interrupted run leaves only hidden `.tmp-*` folders, which a later run removes once they are
an hour old (younger ones may belong to a run still going).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import duckdb

from .model import ArticleRecord
from .store import COLUMNS, TABLES, Store, _sql_str

MARKER = "_SUCCESS.json"
PART_RE = re.compile(r"^part-(\d{4})-(\d{6})-[0-9a-f]+$")
STALE_SECONDS = 3600
TMP_PREFIX = ".tmp-"
LOADED_DDL = """CREATE TABLE IF NOT EXISTS loaded_partitions (
    folder VARCHAR PRIMARY KEY, name VARCHAR, articles INTEGER, new_articles INTEGER, loaded_at TIMESTAMP)"""


def part_name(run: int, index: int, token: str) -> str:
    return f"part-{run:04d}-{index:06d}-{token}"


def complete_partitions(out_dir: str | Path) -> list[Path]:
    """Complete partitions under `out_dir`, in run and partition order (= input order)."""
    out = Path(out_dir)
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if PART_RE.match(p.name) and (p / MARKER).is_file())


def next_run(out_dir: str | Path) -> int:
    runs = [int(m.group(1)) for p in Path(out_dir).iterdir() if (m := PART_RE.match(p.name))] \
        if Path(out_dir).is_dir() else []
    return max(runs, default=0) + 1


def done_hashes(out_dir: str | Path) -> set[str]:
    """Content hashes of the articles in complete partitions (what a re-run skips)."""
    files = [str(p / "articles.parquet") for p in complete_partitions(out_dir)]
    if not files:
        return set()
    con = duckdb.connect()
    try:
        return {h for (h,) in con.execute("SELECT hash FROM read_parquet(?)", [files]).fetchall()}
    finally:
        con.close()


def remove_stale_temporaries(out_dir: str | Path, older_than: float = STALE_SECONDS) -> int:
    """Remove the hidden folders that interrupted writers left behind `older_than` seconds ago or more."""
    out = Path(out_dir)
    now = time.time()
    stale = [p for p in out.iterdir() if p.name.startswith(TMP_PREFIX) and now - p.stat().st_mtime >= older_than] \
        if out.is_dir() else []
    for p in stale:
        shutil.rmtree(p, ignore_errors=True)
    return len(stale)


@dataclass
class PartitionResult:
    name: str
    items: int  # input items in the partition
    articles: int  # rows in articles.parquet (distinct content)
    failed: int  # records with an error
    errors: dict[str, int]  # error prefix -> count
    written: bool  # False: a complete partition of this name was already there (e.g. a rerun task)


def write_partition(out_dir: str | Path, name: str, pairs: list[tuple[dict, ArticleRecord]]) -> PartitionResult:
    """Store (input, record) pairs as partition `name` under `out_dir`, atomically.
    The rows come from an in-memory Store, so they are exactly what `dyad ingest` would write."""
    out = Path(out_dir)
    final = out / name
    if (final / MARKER).is_file():
        return _result_from_marker(final, written=False)
    tmp = out / f"{TMP_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        with Store(":memory:") as store:
            written = store.add_many(pairs)
            errors: dict[str, int] = {}
            for (_, error) in (w for w in written if w[0]):
                if error:
                    key = error.split(":")[0][:80]
                    errors[key] = errors.get(key, 0) + 1
            for table in TABLES:
                order = "seq" if table == "articles" else "article_hash, " + (
                    "person_idx, idx" if table == "person_mentions" else "idx")
                cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
                store.con.execute(f"COPY (SELECT {cols} FROM {table} ORDER BY {order}) "
                                  f"TO {_sql_str(str(tmp / (table + '.parquet')))} (FORMAT parquet)")
            articles = store.counts()["articles"]
        result = PartitionResult(name, len(pairs), articles, sum(errors.values()), errors, True)
        marker = {"name": name, "items": result.items, "articles": articles, "failed": result.failed,
                  "errors": errors, "tables": list(TABLES)}
        with open(tmp / MARKER, "w", encoding="utf-8") as fh:
            json.dump(marker, fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.rename(tmp, final)  # atomic; fails when `final` exists and is not empty
        except OSError:
            if (final / MARKER).is_file():  # another attempt of the same task finished first
                shutil.rmtree(tmp, ignore_errors=True)
                return _result_from_marker(final, written=False)
            raise
        return result
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _result_from_marker(folder: Path, written: bool) -> PartitionResult:
    m = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    return PartitionResult(m["name"], m["items"], m["articles"], m["failed"], m.get("errors", {}), written)


@dataclass
class LoadStats:
    partitions: int = 0  # newly loaded
    skipped: int = 0  # loaded before
    articles: int = 0  # new articles
    duplicates: int = 0  # articles whose content the database already held

    def line(self) -> str:
        return (f"{self.partitions} partitions loaded ({self.articles} new articles, {self.duplicates} "
                f"already stored), {self.skipped} loaded before")


def load_partitions(out_dir: str | Path, store: Store, batch: int = 64) -> LoadStats:
    """Load every complete partition not loaded before into `store`, `batch` partitions per transaction.
    An article whose content is already stored (by ingest or another partition) is not loaded again."""
    con = store.con
    con.execute(LOADED_DDL)
    loaded = {f for (f,) in con.execute("SELECT folder FROM loaded_partitions").fetchall()}
    stats = LoadStats()
    todo = []
    for p in complete_partitions(out_dir):
        key = str(p.resolve())
        if key in loaded:
            stats.skipped += 1
        else:
            todo.append(p)
    for i in range(0, len(todo), batch):
        _load_batch(con, todo[i:i + batch], stats)
    return stats


def _load_batch(con, parts: list[Path], stats: LoadStats) -> None:
    def files(table: str) -> str:
        return "[" + ", ".join(_sql_str(str(p / f"{table}.parquet")) for p in parts) + "]"

    def folder(col: str) -> str:  # the partition folder of a row, from read_parquet's filename column
        return f"regexp_replace({col}, '/[^/]*$', '')"

    con.execute("BEGIN TRANSACTION")
    try:
        # Each content once: the first partition (in order) that holds it, unless already stored.
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _load_new AS
            SELECT hash, arg_min({folder('filename')}, filename) AS folder
            FROM read_parquet({files('articles')}, filename = true)
            WHERE hash NOT IN (SELECT hash FROM articles) GROUP BY hash""")
        for table in TABLES:
            cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
            src = ", ".join(f't."{c}"' for c in COLUMNS[table])
            key = "hash" if table == "articles" else "article_hash"
            con.execute(f"""INSERT INTO {table} ({cols})
                SELECT {src} FROM read_parquet({files(table)}, filename = true, file_row_number = true) t
                JOIN _load_new n ON n.hash = t.{key} AND n.folder = {folder('t.filename')}
                ORDER BY t.filename, t.file_row_number""")
        new = con.execute("SELECT count(*) FROM _load_new").fetchone()[0]
        total = con.execute(f"SELECT count(*) FROM read_parquet({files('articles')})").fetchone()[0]
        for p in parts:
            marker = json.loads((p / MARKER).read_text(encoding="utf-8"))
            n_new = con.execute("SELECT count(*) FROM _load_new WHERE folder = ?", [str(p)]).fetchone()[0]
            con.execute("INSERT INTO loaded_partitions VALUES (?, ?, ?, ?, now())",
                        [str(p.resolve()), p.name, marker["articles"], n_new])
        con.execute("DROP TABLE _load_new")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    stats.partitions += len(parts)
    stats.articles += new
    stats.duplicates += total - new


def parquet_glob(out_dir: str | Path, table: str) -> str:
    """The glob that reads one table of every complete partition straight from Parquet."""
    return str(Path(out_dir) / "part-*" / f"{table}.parquet")


def read_records(out_dir: str | Path) -> Iterable[dict]:
    """Contract records of every complete partition, in partition order (for checks and tests)."""
    files = [str(p / "articles.parquet") for p in complete_partitions(out_dir)]
    if not files:
        return []
    con = duckdb.connect()
    try:
        rows = con.execute("SELECT record FROM read_parquet(?, filename = true, file_row_number = true) "
                           "ORDER BY filename, file_row_number", [files]).fetchall()
    finally:
        con.close()
    return [json.loads(r) for (r,) in rows]

