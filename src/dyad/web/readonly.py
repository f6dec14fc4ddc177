"""Read-only DuckDB access for the web process.

A writer (`dyad ingest`) holds DuckDB's file lock while it writes a batch and, with the store's
writer lock (`<db>.lock`), releases it between batches; a read-only open during a batch fails with a
lock error, so it is retried until `wait_s` has passed (then `DatabaseBusy`, HTTP 503).

`ReadOnlyDatabase` shares one read-only connection among concurrent requests (a cursor each:
opening the file costs tens of milliseconds, a cursor almost nothing). The connection is closed as
soon as no request uses it and it is older than `max_age_s` or a writer holds `<db>.lock`, and
`idle_s` after the last request otherwise; so an idle dashboard never keeps a writer out. Under continuous load the shared connection is renewed,
and a waiting writer gets in at the first moment no request runs.

`memo` keeps derived results (timelines, alerts, framing tables, API responses) keyed by the
database file's size and modification time (and its WAL's): any write changes the key."""
from __future__ import annotations

import fcntl
import os
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Optional

import duckdb


class DatabaseBusy(RuntimeError):
    """The database stayed locked by a writer for longer than the wait."""


def _locked(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def _open(path: Path, wait_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_s
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.IOException as exc:
            if not _locked(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(f"{path} is locked by a writer: {exc}") from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


@contextmanager
def connect(path: str | Path, wait_s: float = 5.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """One read-only connection, closed on exit."""
    con = _open(Path(path), wait_s)
    try:
        yield con
    finally:
        con.close()


def writer_active(path: Path) -> bool:
    """Whether a writer holds the store's writer lock file (`<db>.lock`, an exclusive flock)."""
    lock = Path(str(path) + ".lock")
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


MISSING = object()


class ReadOnlyDatabase:
    def __init__(self, path: str | Path, wait_s: float = 5.0, max_age_s: float = 2.0, idle_s: float = 0.5,
                 memo_size: int = 256):
        self.path = Path(path)
        self.wait_s, self.max_age_s, self.idle_s, self.memo_size = wait_s, max_age_s, idle_s, memo_size
        self._last_used = 0.0
        self._lock = threading.Lock()
        self._con: Optional[duckdb.DuckDBPyConnection] = None
        self._opened = 0.0
        self._users = 0
        self._memo: OrderedDict = OrderedDict()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the shared read-only connection for one request."""
        with self._lock:
            if self._con is None:
                self._con = _open(self.path, self.wait_s)
                self._opened = time.monotonic()
            con = self._con
            self._users += 1
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._lock:
                self._users -= 1
                self._last_used = time.monotonic()
                if self._users == 0 and con is self._con:
                    if self._last_used - self._opened > self.max_age_s or writer_active(self.path):
                        self._con.close()
                        self._con = None
                    else:
                        timer = threading.Timer(self.idle_s, self._close_if_idle, args=(con,))
                        timer.daemon = True
                        timer.start()

    def _close_if_idle(self, con: duckdb.DuckDBPyConnection) -> None:
        with self._lock:
            if (con is self._con and self._users == 0
                    and time.monotonic() - self._last_used >= self.idle_s * 0.9):
                self._con.close()
                self._con = None

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def fingerprint(self) -> tuple:
        out = []
        for p in (self.path, Path(str(self.path) + ".wal")):
            try:
                st = p.stat()
                out.append((st.st_size, st.st_mtime_ns))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    def recall(self, key: Hashable) -> Any:
        """What `keep` stored for this key while the database file was as it is now, else `MISSING`."""
        full = (self.fingerprint(), key)
        with self._lock:
            if full in self._memo:
                self._memo.move_to_end(full)
                return self._memo[full]
        return MISSING

    def keep(self, key: Hashable, value: Any) -> None:
        if self.memo_size <= 0:
            return
        with self._lock:
            self._memo[(self.fingerprint(), key)] = value
            while len(self._memo) > self.memo_size:
                self._memo.popitem(last=False)

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """compute(), remembered for this key until the database file changes."""
        value = self.recall(key)
        if value is MISSING:
            value = compute()
            self.keep(key, value)
        return value
