"""Read-only DuckDB connections for the web process.

A writer (`dyad ingest`) holds DuckDB's file lock only while it writes a batch; a read-only open
during that window fails with a lock error, so it is retried until `wait_s` has passed."""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb


class DatabaseBusy(RuntimeError):
    """The database stayed locked by a writer for longer than the wait."""


def _locked(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


@contextmanager
def connect(path: str | Path, wait_s: float = 5.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, closed on exit (so the file lock is shared only while a request runs)."""
    deadline = time.monotonic() + wait_s
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True)
            break
        except duckdb.IOException as exc:
            if not _locked(exc) or time.monotonic() >= deadline:
                if _locked(exc):
                    raise DatabaseBusy(f"{path} is locked by a writer: {exc}") from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)
    try:
        yield con
    finally:
        con.close()
