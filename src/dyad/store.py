"""DuckDB storage of article records (schema: docs/SCHEMA.md), export, and the queries the CLI shows.

An article's primary key is the sha256 of its input content (`text`, else `html`), so storing the
same content twice is a no-op. Each article and its people, quotes and events are written in one
transaction; an article whose write fails is stored again as an error row and the run goes on.

Identity: an input that names its source (`identity`, set by the readers to the file's path, else
its `url`, as for fetched pages) has one current record. New content for a known source replaces
the old record, which is dropped (unless another source still has the same content); see
docs/RELIABILITY.md.

Concurrency: one writer at a time, held by a lock file next to the database (`<db>.lock`, with the
writer's PID). During `ingest` the writer opens DuckDB only to write a batch and closes it between
batches, so readers (`stats`, `export`, a dashboard) get in; a reader or writer that finds the file
locked retries for `wait_s` seconds before giving up with a message naming the holder.
"""
from __future__ import annotations

import csv
import datetime as dt
import fcntl
import hashlib
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Optional

import duckdb

from .model import STORED_TABLES, ArticleRecord, Column, Table

SCHEMA_VERSION = 1



def _ddl(table: Table) -> str:
    cols = [f'"{c.name}" {c.type}' + (f" DEFAULT {c.default}" if c.default else "") for c in table.columns]
    key = ", ".join(f'"{k}"' for k in table.key)
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n    " + ",\n    ".join(cols + [f"PRIMARY KEY ({key})"]) + "\n);"


SCHEMA = "\n".join([
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);",
    "CREATE SEQUENCE IF NOT EXISTS article_seq;",
    *(_ddl(t) for t in STORED_TABLES),
])

TABLES = tuple(t.name for t in STORED_TABLES)
COLUMNS = {t.name: t.inserted for t in STORED_TABLES}
EXPORT_FORMATS = ("jsonl", "csv", "parquet")

# Which content is the current version of each source (path or URL); kept apart from the record
# tables, which mirror the model.
IDENTITY_SCHEMA = "CREATE TABLE IF NOT EXISTS identities (identity VARCHAR PRIMARY KEY, hash VARCHAR);"


def source_identity(item: dict) -> Optional[str]:
    """Where an input came from, as one string (the file path or URL the readers set), or None."""
    value = item.get("identity") or item.get("url")
    return str(value) if value else None


def content_hash(item: dict) -> str:
    """sha256 of the input text (else html); items without content hash their id, source and error,
    so re-reading the same broken file is a no-op too."""
    content = item.get("text") if isinstance(item.get("text"), str) else item.get("html")
    if not isinstance(content, str):
        content = "\x00error\x00" + json.dumps(
            {k: item.get(k) for k in ("id", "source", "url", "error")}, sort_keys=True, default=str)
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def _date(value: Any) -> Optional[dt.date]:
    """A YYYY-MM-DD string as a date; anything else (None, malformed) as NULL (the JSON keeps it)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _objects(rec: dict, rows: Optional[str]) -> Iterator[tuple[dict, dict]]:
    """(positions, JSON object) for each row a table takes from the record."""
    if rows is None:
        yield {}, rec
    elif rows == "people.mentions":
        for i, p in enumerate(rec.get("people") or []):
            for j, m in enumerate(p.get("mentions") or []):
                yield {"person_idx": i, "idx": j}, m
    else:
        for i, obj in enumerate(rec.get(rows) or []):
            yield {"idx": i}, obj


def _value(column: Column, obj: dict, computed: dict) -> Any:
    if column.path is None:
        return computed[column.name]
    value: Any = obj
    for part in column.path.split("."):
        value = (value or {}).get(part)
    if column.type == "DATE":
        return _date(value)
    if column.type == "VARCHAR[]":
        return list(value or [])
    if column.type == "JSON":
        return json.dumps(value, ensure_ascii=False)
    return value


def _rows(h: str, item: dict, rec: dict) -> dict[str, list[tuple]]:
    """One article as rows of each table, in COLUMNS order."""
    raw_kind = "text" if isinstance(item.get("text"), str) else "html" if isinstance(item.get("html"), str) else None
    article = {"hash": h, "source": item.get("source"), "url": rec.get("url") or item.get("url"),
               "raw_kind": raw_kind, "raw": item.get(raw_kind) if raw_kind else None,
               "ingested_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
               "record": json.dumps(rec, ensure_ascii=False)}
    out = {}
    for table in STORED_TABLES:
        columns = [c for c in table.columns if c.default is None]
        out[table.name] = [tuple(_value(c, obj, {**article, "article_hash": h, **positions}) for c in columns)
                           for positions, obj in _objects(rec, table.rows)]
    return out


@dataclass
class IngestStats:
    new: int = 0
    skipped: int = 0  # content already stored
    failed: int = 0  # records with an error (new, or already stored with one); sum of `errors`
    errors: dict[str, int] = field(default_factory=dict)  # error kind (message up to ':') -> count
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, error), the first MAX_NAMED

    MAX_NAMED = 20
    MAX_KINDS = 5

    def count_error(self, error: str, source: str = "") -> None:
        self.failed += 1
        key = error.split(":")[0][:80]
        self.errors[key] = self.errors.get(key, 0) + 1
        if len(self.failures) < self.MAX_NAMED:
            self.failures.append((source, error))

    def line(self) -> str:
        """One line whose error kinds add up to the failed count."""
        s = f"{self.new} new, {self.skipped} already stored, {self.failed} failed"
        if self.errors:
            kinds = sorted(self.errors.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = kinds[:self.MAX_KINDS]
            rest = sum(n for _, n in kinds[self.MAX_KINDS:])
            parts = [f"{k}: {n}" for k, n in shown] + ([f"{len(kinds) - len(shown)} other kinds: {rest}"]
                                                       if rest else [])
            s += " (" + "; ".join(parts) + ")"
        return s


class StoreLocked(RuntimeError):
    """Another process holds the database: the writer lock, or DuckDB's own file lock."""


class WriterLock:
    """`<db>.lock`: an exclusive flock held by the one writer, with its PID inside. The OS drops the
    lock when the process ends, however it ends (SIGKILL included), so a stale file never blocks."""

    def __init__(self, db: Path):
        self.db = db
        self.path = Path(str(db) + ".lock")
        self._fh: Optional[IO[str]] = None

    def acquire(self) -> None:
        fh = open(self.path, "a+", encoding="ascii")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            pid = fh.read().strip() or "?"
            fh.close()
            raise StoreLocked(f"{self.db} is being written by another dyad process (PID {pid}); "
                              f"wait for it to finish, or stop it") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.seek(0)
            self._fh.truncate()
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def holder(self) -> Optional[str]:
        """The PID written by the current writer, if any."""
        try:
            return self.path.read_text(encoding="ascii").strip() or None
        except OSError:
            return None


class Store:
    """One DuckDB file (or ":memory:"). Use as a context manager or call close().

    A writable file store takes the writer lock (`WriterLock`) for its lifetime; `release()` closes
    the DuckDB connection (the next use reopens it), which lets readers in between writes."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False, wait_s: float = 10.0):
        self.path = str(path)
        self.read_only = read_only
        self.wait_s = wait_s
        self._con: Optional[duckdb.DuckDBPyConnection] = None
        self._lock: Optional[WriterLock] = None
        # Hashes whose records were dropped because their source moved on (see _point); `ingest`
        # forgets them, so that content arriving again later is stored again.
        self.dropped: set[str] = set()
        if self.path != ":memory:":
            if read_only and not Path(self.path).exists():
                raise FileNotFoundError(f"no database at {self.path}")
            if not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._lock = WriterLock(Path(self.path))
                self._lock.acquire()
        try:
            self.con  # open now, so a bad file fails here and not mid-run
        except BaseException:
            self.close()
            raise

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = self._connect()
            if not self.read_only:
                self._con.execute(SCHEMA)
                self._con.execute(IDENTITY_SCHEMA)
                self._con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                                  [str(SCHEMA_VERSION)])
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """duckdb.connect, retried while another process holds the file (a writer mid-batch, or a
        reader mid-query), up to `wait_s` seconds."""
        deadline = time.monotonic() + self.wait_s
        pause = 0.02
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:
                    holder = WriterLock(Path(self.path)).holder()
                    who = f"dyad process {holder}" if holder else "another process"
                    raise StoreLocked(f"{self.path} is busy: {who} holds it (waited {self.wait_s:g} s); "
                                      f"try again when it has finished") from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.25)

    def release(self) -> None:
        """Close the DuckDB connection of a file store so other processes can open the file; the
        next use reopens it. The writer lock stays held."""
        if self._con is not None and self.path != ":memory:":
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- writing ----------------------------------------------------------------------------------

    def known_urls(self) -> set[str]:
        """URLs stored without error, so `dyad fetch` can skip them (failed ones are fetched again)."""
        return {u for (u,) in self.con.execute(
            "SELECT url FROM articles WHERE url IS NOT NULL AND error IS NULL").fetchall()}

    def _stored(self) -> dict[str, Optional[str]]:
        """Every stored content hash -> its error (None when fine)."""
        return dict(self.con.execute("SELECT hash, error FROM articles").fetchall())

    def add(self, item: dict, record: ArticleRecord, replace: bool = False) -> bool:
        """Store one input and its record in one transaction. Returns False when the content was
        already stored (and `replace` is off). A failed write is retried as an error-only row."""
        return self._add(item, record, replace)[0]

    def _add(self, item: dict, record: ArticleRecord, replace: bool) -> tuple[bool, Optional[str]]:
        try:
            return self._write([(item, record)], replace)[0], record.error
        except StoreLocked:
            raise
        except Exception as exc:  # e.g. a value DuckDB refuses: keep the article, as an error
            error = f"store: {type(exc).__name__}: {exc}"
            failed = ArticleRecord(id=record.id, error=error, url=record.url)
            return self._write([(item, failed)], replace=True)[0], error

    def add_many(self, pairs: list[tuple[dict, ArticleRecord]], replace: bool = False,
                 ) -> list[tuple[bool, Optional[str]]]:
        """Store several articles in one transaction with one INSERT per table (DuckDB pays per
        statement, not per row). If that fails, each article is written alone, so a bad one costs
        only itself; an article is never half-written either way.
        Returns (written?, the error stored with it) per pair; not written = content already stored."""
        try:
            return [(w, record.error) for w, (_, record) in zip(self._write(pairs, replace), pairs)]
        except StoreLocked:  # not the articles' fault: the caller decides
            raise
        except Exception:
            return [self._add(item, record, replace) for item, record in pairs]

    def _delete(self, hashes: Iterable[str]) -> None:
        keys = sorted(hashes)
        if keys:
            for table in TABLES:
                key = "hash" if table == "articles" else "article_hash"
                self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, {key})", [keys])

    def _point(self, sources: list[tuple[str, str]]) -> None:
        """Make each (identity, hash) current and drop the records this leaves without a source.
        A record still named by another source, or stored without one, is kept."""
        if not sources:
            return
        con = self.con
        latest = dict(sources)  # the last content seen for a source wins
        old = dict(con.execute("SELECT identity, hash FROM identities WHERE list_contains(?, identity)",
                               [sorted(latest)]).fetchall())
        stale = {h for ident, h in (*old.items(), *sources) if h != latest[ident]}
        con.executemany("INSERT OR REPLACE INTO identities VALUES (?, ?)", sorted(latest.items()))
        if stale:
            still = {h for (h,) in con.execute(
                "SELECT DISTINCT hash FROM identities WHERE list_contains(?, hash)", [sorted(stale)]).fetchall()}
            self._delete(stale - still)
            self.dropped |= stale - still

    def note_sources(self, sources: list[tuple[str, str]]) -> None:
        """Record (identity, hash) for inputs whose content was already stored, so a later edit of
        that source drops the right record."""
        if not sources:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._point(sources)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _write(self, pairs: list[tuple[dict, ArticleRecord]], replace: bool) -> list[bool]:
        hashes = [content_hash(item) for item, _ in pairs]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            existing = {h for (h,) in con.execute(
                "SELECT hash FROM articles WHERE list_contains(?, hash)", [sorted(set(hashes))]).fetchall()}
            if replace and existing:
                self._delete(existing)
            rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
            written, seen = [], set()
            for (item, record), h in zip(pairs, hashes):
                if h in seen or (h in existing and not replace):  # stored before, or twice in this batch
                    written.append(False)
                    continue
                seen.add(h)
                for table, table_rows in _rows(h, item, record.to_dict()).items():
                    rows[table].extend(table_rows)
                written.append(True)
            for table, table_rows in rows.items():
                if table_rows:
                    self._insert_rows(table, table_rows)
            self._point([(ident, h) for (item, _), h in zip(pairs, hashes)
                         if (ident := source_identity(item)) is not None])
            con.execute("COMMIT")
            return written
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        import pyarrow as pa

        cols = COLUMNS[table]
        batch = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
        names = ", ".join(f'"{c}"' for c in cols)
        self.con.register("_dyad_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _dyad_batch")
        finally:
            self.con.unregister("_dyad_batch")

    def ingest(self, items: Iterable[dict], pipeline, replace: bool = False,
               on_item: Optional[Callable[[dict, Optional[ArticleRecord]], None]] = None,
               batch_size: int = 64) -> IngestStats:
        """Annotate and store input dicts, streaming. Content already stored is not re-annotated
        (unless `replace`). `pipeline` is anything with `annotate(items) -> records, same order`.
        Records are written `batch_size` at a time (see add_many), each batch in its own short
        connection: between batches the file is closed, so readers can open it."""
        stats = IngestStats()
        pending: deque[dict] = deque()
        buffer: list[tuple[dict, ArticleRecord]] = []
        known = self._stored()  # this process holds the writer lock: nobody else adds rows
        seen_sources: list[tuple[str, str]] = []
        self.release()

        def fresh() -> Iterator[dict]:
            for item in items:
                h = content_hash(item)
                if h in known and not replace:
                    stats.skipped += 1
                    if known[h]:
                        stats.count_error(known[h], _where(item))
                    ident = source_identity(item)
                    if ident is not None:
                        seen_sources.append((ident, h))
                    if on_item:
                        on_item(item, None)
                    continue
                pending.append(item)
                yield item

        def flush() -> None:
            # Sources whose content was already stored first, so that a record they share with a
            # source that has moved on is kept.
            self.note_sources(seen_sources)
            seen_sources.clear()
            results = self.add_many(buffer, replace=replace) if buffer else []
            self.release()
            for h in self.dropped:
                known.pop(h, None)
            self.dropped.clear()
            for (item, record), (written, error) in zip(buffer, results):
                known[content_hash(item)] = error
                if not written:  # the same content twice in this run
                    stats.skipped += 1
                    continue
                stats.new += 1
                if error:
                    stats.count_error(error, _where(item))
                if on_item:
                    on_item(item, record)
            buffer.clear()

        # Records come out in input order, each after its item was pulled: pair them with a queue.
        for record in pipeline.annotate(fresh()):
            buffer.append((pending.popleft(), record))
            if len(buffer) >= batch_size:
                flush()
        flush()
        return stats

    def failures(self, limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
        """Stored items with an error: id, where they came from (source or URL), the error."""
        sql = """SELECT id, coalesce(source, url) AS source, error FROM articles
                 WHERE error IS NOT NULL ORDER BY seq"""
        return self.query(sql + (f" LIMIT {int(limit)}" if limit else ""))

    # --- reading ----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def records(self) -> Iterator[ArticleRecord]:
        """Stored records, in ingestion order, as the contract's ArticleRecord."""
        for (text,) in self._iter("SELECT record FROM articles ORDER BY seq"):
            yield ArticleRecord.from_dict(json.loads(text))

    def record_dicts(self) -> Iterator[dict]:
        """Contract records as dicts, via the model so they match `dyad annotate` output; a record
        the current model cannot rebuild (older schema) is given as stored."""
        for (text,) in self._iter("SELECT record FROM articles ORDER BY seq"):
            d = json.loads(text)
            try:
                yield ArticleRecord.from_dict(d).to_dict()
            except (TypeError, KeyError):
                yield d

    def _iter(self, sql: str, params: Optional[list] = None, size: int = 500) -> Iterator[tuple]:
        cur = self.con.cursor()
        cur.execute(sql, params or [])
        while True:
            rows = cur.fetchmany(size)
            if not rows:
                return
            yield from rows

    def query(self, sql: str, params: Optional[list] = None) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, params or [])
        return [d[0] for d in cur.description], cur.fetchall()

    def by_outlet_month(self) -> list[tuple[str, str, int]]:
        """(outlet, YYYY-MM or 'undated', articles) for articles without error."""
        return self.con.execute(
            """SELECT coalesce(outlet_name, '(unknown)') AS outlet,
                      coalesce(strftime(published_date, '%Y-%m'), 'undated') AS month, count(*) AS n
               FROM articles WHERE error IS NULL GROUP BY ALL ORDER BY outlet, month""").fetchall()

    def stats(self) -> dict[str, Any]:
        q = self.con.execute
        return {
            "counts": self.counts(),
            "errors": q("SELECT count(*) FROM articles WHERE error IS NOT NULL").fetchone()[0],
            "by_outlet": q("""SELECT coalesce(outlet_name, '(unknown)'), count(*) FILTER (WHERE error IS NULL),
                               count(*) FILTER (WHERE error IS NOT NULL) FROM articles
                               GROUP BY ALL ORDER BY 2 DESC, 1""").fetchall(),
            "by_month": q("""SELECT coalesce(strftime(published_date, '%Y-%m'), 'undated'), count(*)
                              FROM articles WHERE error IS NULL GROUP BY ALL ORDER BY 1""").fetchall(),
            "by_language": q("""SELECT coalesce(language, '?'), count(*) FROM articles WHERE error IS NULL
                                 GROUP BY ALL ORDER BY 2 DESC""").fetchall(),
            "top_errors": q("""SELECT split_part(error, ':', 1) AS kind, count(*) FROM articles
                                WHERE error IS NOT NULL GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 10""").fetchall(),
            "event_types": q("SELECT type, count(*) FROM events GROUP BY ALL ORDER BY 2 DESC, 1").fetchall(),
        }

    def quotes_by(self, speaker: str, limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
        """Quotes whose speaker matches `speaker` (substring, any case, or a person's alias)."""
        like = f"%{speaker}%"
        sql = """SELECT coalesce(a.published_date::VARCHAR, '') AS date, a.outlet_name AS outlet,
                        a.title, q.speaker, q.text AS quote, q.direct, a.url, a.id
                 FROM quotes q JOIN articles a ON a.hash = q.article_hash
                 WHERE q.speaker ILIKE ? OR EXISTS (
                     SELECT 1 FROM people p WHERE p.article_hash = q.article_hash AND p.name = q.speaker
                       AND (p.name ILIKE ? OR array_to_string(p.aliases, '|') ILIKE ?))
                 ORDER BY a.published_date NULLS LAST, a.seq, q.idx"""
        return self.query(sql + (f" LIMIT {int(limit)}" if limit else ""), [like, like, like])

    def events_between(self, a: str, b: str, type_: Optional[str] = None,
                       limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
        """Events between countries `a` and `b`, either direction, optionally of one PLOVER type.
        The date is given at its precision: 2024, 2024-03 or 2024-03-05."""
        sql = """SELECT CASE CASE WHEN e.date IS NOT NULL THEN e.date_precision ELSE a.published_precision END
                          WHEN 'year' THEN strftime(coalesce(e.date, a.published_date), '%Y')
                          WHEN 'month' THEN strftime(coalesce(e.date, a.published_date), '%Y-%m')
                          ELSE coalesce(e.date, a.published_date)::VARCHAR END AS date, e.type,
                        concat_ws(' ', e.source_country, '(' || e.source_text || ')') AS source,
                        concat_ws(' ', e.target_country, '(' || e.target_text || ')') AS target,
                        e.modality, e.intensity, e.sentence, a.outlet_name AS outlet, a.id
                 FROM events e JOIN articles a ON a.hash = e.article_hash
                 WHERE ((e.source_country = ? AND e.target_country = ?)
                     OR (e.source_country = ? AND e.target_country = ?))"""
        params: list = [a, b, b, a]
        if type_:
            sql += " AND e.type = ?"
            params.append(type_)
        sql += " ORDER BY coalesce(e.date, a.published_date) NULLS LAST, a.seq, e.idx"
        return self.query(sql + (f" LIMIT {int(limit)}" if limit else ""), params)

    # --- export -----------------------------------------------------------------------------------

    def export(self, fmt: str, out: Optional[str | Path] = None, table: Optional[str] = None,
               stream: Optional[IO[str]] = None) -> int:
        """Write stored data; returns the number of rows. jsonl with no table = contract records;
        otherwise one table (default `articles`) as jsonl, csv or parquet (parquet needs `out`)."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}")
        if table is not None and table not in TABLES:
            raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
        if fmt == "jsonl" and table is None:
            return self._write_lines((json.dumps(d, ensure_ascii=False) for d in self.record_dicts()), out, stream)
        table = table or "articles"
        order = "seq" if table == "articles" else "article_hash, idx"
        select = f"SELECT * FROM {table} ORDER BY {order}"
        if fmt == "parquet":
            if out is None:
                raise ValueError("parquet export needs an output file (-o)")
            self.con.execute(f"COPY ({select}) TO {_sql_str(str(out))} (FORMAT parquet)")
            return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        cur = self.con.cursor()
        cur.execute(select)
        cols = [d[0] for d in cur.description]

        def rows() -> Iterator[tuple]:
            while batch := cur.fetchmany(500):
                yield from batch

        if fmt == "jsonl":
            return self._write_lines((json.dumps(dict(zip(cols, r)), ensure_ascii=False, default=str)
                                      for r in rows()), out, stream)
        fh = open(out, "w", encoding="utf-8", newline="") if out else (stream or sys.stdout)
        try:
            w = csv.writer(fh)
            w.writerow(cols)
            n = 0
            for r in rows():
                w.writerow(["" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                            for v in r])
                n += 1
            return n
        finally:
            if out:
                fh.close()

    @staticmethod
    def _write_lines(lines: Iterable[str], out, stream) -> int:
        fh = open(out, "w", encoding="utf-8") if out else (stream or sys.stdout)
        n = 0
        try:
            for line in lines:
                fh.write(line + "\n")
                n += 1
        finally:
            if out:
                fh.close()
        return n


def _where(item: dict) -> str:
    """How a failed item is named to the user: its source (file, file:line, URL), else its id."""
    return str(item.get("source") or item.get("url") or item.get("id") or "?")


SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "SCHEMA.md"
DOC_BEGIN = "<!-- tables: generated from dyad.model.STORED_TABLES by `python -m dyad.store`; do not edit -->"
DOC_END = "<!-- end of generated tables -->"


def tables_markdown() -> str:
    """The `## Tables` section of docs/SCHEMA.md, from the declaration in model.py."""
    out = [DOC_BEGIN, "## Tables", ""]
    for table in STORED_TABLES:
        key = ", ".join(f"`{k}`" for k in table.key)
        out += [f"### `{table.name}`", "", f"Primary key: {key}.", "", "| column | type | meaning |", "|---|---|---|"]
        for c in table.columns:
            out.append(f"| `{c.name}` | {c.type} | {c.meaning} |")
        out += [""] + ([table.about, ""] if table.about else [])
    out += ["### `meta`", "", "`key`, `value`: `schema_version` = " f"`{SCHEMA_VERSION}`.", "", DOC_END]
    return "\n".join(out)


def schema_doc(current: str) -> str:
    """`current` (docs/SCHEMA.md) with its generated section rebuilt."""
    head, rest = current.split(DOC_BEGIN, 1)
    _, tail = rest.split(DOC_END, 1)
    return head + tables_markdown() + tail


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


if __name__ == "__main__":  # rewrite docs/SCHEMA.md's tables after changing model.STORED_TABLES
    SCHEMA_DOC.write_text(schema_doc(SCHEMA_DOC.read_text(encoding="utf-8")), encoding="utf-8")
