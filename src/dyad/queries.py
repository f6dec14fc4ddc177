"""The analysis queries behind the CLI and the dashboard, fast on tens of millions of events.

Two derived tables, rebuilt from `events` and `articles` by `refresh_summaries` after every ingest or
load, make them fast:

- `dyad_month`: events per directed country pair, month and PLOVER type, with the Goldstein sum;
- `dyad_events`: one row per event between two countries with what the events table shows of it,
  sorted by the unordered pair and date, so DuckDB's min/max zone maps skip every row group of other
  pairs. (Looking rows up in `events` instead would scan it: DuckDB uses its composite primary key
  only for whole-key equality.) A page's article fields come from `articles` by its hash index.

An event's date is its own, else its article's publication date (as in `Store.events_between`).
A fingerprint in `meta` (the events count and the highest article sequence number) says what they
were built from; when the store has changed since, a writable connection refreshes them and a
read-only one answers from the base tables (correct, slower).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional, Sequence

EVENT_DATE = "coalesce(e.date, a.published_date)"
# the suffix is the layout of the derived tables: a store refreshed under another layout is rebuilt
FINGERPRINT_KEY = "summaries_fingerprint_2"

DYAD_EVENTS = f"""
    SELECT least(e.source_country, e.target_country) AS pair_a,
           greatest(e.source_country, e.target_country) AS pair_b,
           {EVENT_DATE} AS date, e.type, e.source_country, e.source_text, e.target_country, e.target_text,
           e.modality, e.intensity, e.sentence, e.article_hash, e.idx,
           CASE WHEN e.date IS NOT NULL THEN e.date_precision ELSE a.published_precision END AS date_precision,
           a.seq, a.outlet_name
    FROM events e JOIN articles a ON a.hash = e.article_hash
    WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL"""

DYAD_MONTH = """
    SELECT pair_a, pair_b, source_country, target_country, date_trunc('month', date)::DATE AS month, type,
           count(*) AS events, sum(intensity) AS goldstein_sum, count(intensity) AS goldstein_n
    FROM {source} GROUP BY ALL"""


def _fingerprint(con) -> tuple[int, int]:
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    max_seq = con.execute("SELECT max(seq) FROM articles").fetchone()[0]
    return n_events, max_seq or 0


def _stored_fingerprint(con) -> Optional[tuple[int, int, int]]:
    """(events, highest article seq, dyad_events rows sorted) when the summaries were last refreshed."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    return tuple(int(x) for x in row[0].split(":")) if row else None  # type: ignore[return-value]


def _writable(con) -> bool:
    return con.execute("SELECT current_setting('access_mode')").fetchone()[0] != "read_only"


def summaries_fresh(con) -> bool:
    stored = _stored_fingerprint(con)
    return stored is not None and stored[:2] == _fingerprint(con)


def refresh_summaries(con, full: bool = False) -> str:
    """Bring dyad_events and dyad_month up to date, in one transaction (readers see old or new, never
    half). When the store has only grown since the last refresh, only the new articles' events are
    appended (dyad_month may then hold a cell in several rows; the queries sum them); after a delete,
    or once the unsorted appended rows pass a quarter of the sorted ones, everything is rebuilt.
    Returns "fresh", "appended" or "rebuilt"."""
    n_events, max_seq = _fingerprint(con)
    stored = _stored_fingerprint(con)
    con.execute("BEGIN TRANSACTION")
    try:
        how = "rebuilt"
        if stored and not full:
            old_events, old_seq, sorted_rows = stored
            new_events = con.execute("SELECT count(*) FROM events e JOIN articles a ON a.hash = e.article_hash "
                                     "WHERE a.seq > ?", [old_seq]).fetchone()[0]
            if (old_events, old_seq) == (n_events, max_seq):
                how = "fresh"
            elif old_events + new_events == n_events:  # nothing deleted: append the new articles' events
                con.execute(f"CREATE OR REPLACE TEMP TABLE _new_dyad_events AS {DYAD_EVENTS} AND a.seq > ? "
                            "ORDER BY pair_a, pair_b, date", [old_seq])
                con.execute("INSERT INTO dyad_events SELECT * FROM _new_dyad_events")
                con.execute("INSERT INTO dyad_month " + DYAD_MONTH.format(source="_new_dyad_events"))
                con.execute("DROP TABLE _new_dyad_events")
                rows = con.execute("SELECT count(*) FROM dyad_events").fetchone()[0]
                how = "appended" if rows - sorted_rows <= sorted_rows // 4 else "rebuilt"
        if how == "rebuilt":
            con.execute(f"CREATE OR REPLACE TABLE dyad_events AS {DYAD_EVENTS} ORDER BY pair_a, pair_b, date")
            con.execute("CREATE OR REPLACE TABLE dyad_month AS "
                        + DYAD_MONTH.format(source="dyad_events") + " ORDER BY pair_a, pair_b, month")
            sorted_rows = con.execute("SELECT count(*) FROM dyad_events").fetchone()[0]
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [FINGERPRINT_KEY, f"{n_events}:{max_seq}:{sorted_rows}"])
        con.execute("COMMIT")
        return how
    except BaseException:
        con.execute("ROLLBACK")
        raise


def sources(con) -> tuple[str, str]:
    """(dyad_events source, dyad_month source): the derived tables when fresh, else subqueries."""
    if summaries_fresh(con):
        return "dyad_events", "dyad_month"
    if _writable(con):
        refresh_summaries(con)
        return "dyad_events", "dyad_month"
    events = f"({DYAD_EVENTS})"
    return events, f"({DYAD_MONTH.format(source=events)})"


def pair_filter(a: str, b: str, directed: bool = False) -> tuple[str, list]:
    """WHERE clause for a dyad: the sorted pair always (zone maps prune on it), the direction if asked."""
    lo, hi = sorted((a, b))
    sql, params = "pair_a = ? AND pair_b = ?", [lo, hi]
    if directed:
        sql += " AND source_country = ? AND target_country = ?"
        params += [a, b]
    return sql, params


def period_filter(column: str, start: Optional[dt.date], end: Optional[dt.date]) -> tuple[str, list]:
    sql, params = "", []
    if start:
        sql += f" AND {column} >= ?"
        params.append(start)
    if end:
        sql += f" AND {column} <= ?"
        params.append(end)
    return sql, params


@dataclass
class Month:
    month: dt.date
    counts: dict[str, int] = field(default_factory=dict)  # PLOVER type -> events
    events: int = 0
    goldstein_sum: float = 0.0
    goldstein_n: int = 0  # events with an intensity

    @property
    def goldstein_mean(self) -> Optional[float]:
        return self.goldstein_sum / self.goldstein_n if self.goldstein_n else None


def dyad_timeline(con, a: str, b: str, directed: bool = False, start: Optional[dt.date] = None,
                  end: Optional[dt.date] = None) -> list[Month]:
    """Per month, for the events between countries a and b (a -> b only when `directed`): counts by
    type, Goldstein sum and mean. Months are first days; undated events (no article date either) are left out."""
    _, month_source = sources(con)
    where, params = pair_filter(a, b, directed)
    period, period_params = period_filter("month", start.replace(day=1) if start else None, end)
    rows = con.execute(f"""SELECT month, type, sum(events)::BIGINT, sum(goldstein_sum), sum(goldstein_n)::BIGINT
                           FROM {month_source} WHERE {where}{period} AND month IS NOT NULL
                           GROUP BY month, type ORDER BY month, type""", params + period_params).fetchall()
    months: dict[dt.date, Month] = {}
    for month, type_, n, g_sum, g_n in rows:
        m = months.setdefault(month, Month(month))
        m.counts[type_] = n
        m.events += n
        m.goldstein_sum += g_sum or 0.0
        m.goldstein_n += g_n
    return list(months.values())


EVENT_COLUMNS = ("date", "type", "source_country", "source_text", "target_country", "target_text", "modality",
                 "intensity", "sentence", "outlet", "title", "url", "article_id")


@dataclass
class EventsPage:
    total: int  # events matching the filters, over all pages
    columns: tuple[str, ...]
    rows: list[tuple]


def events_page(con, a: str, b: str, types: Sequence[str] = (), directed: bool = False,
                start: Optional[dt.date] = None, end: Optional[dt.date] = None, newest_first: bool = False,
                limit: int = 50, offset: int = 0) -> EventsPage:
    """One page of the events between a and b, filtered by type and period, ordered by date (then
    article and position); the page's evidence (sentence, outlet, title) is joined in last."""
    events_source, _ = sources(con)
    where, params = pair_filter(a, b, directed)
    if types:
        where += " AND type IN (" + ", ".join("?" for _ in types) + ")"
        params += list(types)
    period, period_params = period_filter("date", start, end)
    where += period
    params += period_params
    total = con.execute(f"SELECT count(*) FROM {events_source} WHERE {where}", params).fetchone()[0]
    direction = "DESC" if newest_first else "ASC"
    page = con.execute(f"""
        SELECT date, type, source_country, source_text, target_country, target_text, modality, intensity,
               sentence, article_hash
        FROM {events_source} WHERE {where}
        ORDER BY date {direction} NULLS LAST, article_hash, idx LIMIT ? OFFSET ?""",
                       params + [int(limit), int(offset)]).fetchall()
    hashes = sorted({r[-1] for r in page})
    articles = {r[0]: r[1:] for r in con.execute(
        "SELECT hash, outlet_name, title, url, id FROM articles WHERE hash IN ("
        + ", ".join("?" for _ in hashes) + ")", hashes).fetchall()} if hashes else {}
    rows = [r[:-1] + articles.get(r[-1], (None,) * 4) for r in page]
    return EventsPage(total, EVENT_COLUMNS, rows)


DATED = """CASE d.date_precision WHEN 'year' THEN strftime(d.date, '%Y') WHEN 'month' THEN strftime(d.date, '%Y-%m')
                ELSE d.date::VARCHAR END"""


def events_between(con, a: str, b: str, type_: Optional[str] = None,
                   limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
    """`Store.events_between` from `dyad_events`: the events between countries a and b, either direction,
    optionally of one type, oldest first, each date at its precision; the same rows in the same order."""
    events_source, _ = sources(con)
    where, params = pair_filter(a, b)
    if type_:
        where += " AND type = ?"
        params.append(type_)
    cur = con.execute(f"""
        SELECT {DATED} AS date, d.type,
               concat_ws(' ', d.source_country, '(' || d.source_text || ')') AS source,
               concat_ws(' ', d.target_country, '(' || d.target_text || ')') AS target,
               d.modality, d.intensity, d.sentence, a.outlet_name AS outlet, a.id
        FROM (SELECT * FROM {events_source} WHERE {where} ORDER BY date NULLS LAST, seq, idx
              {"LIMIT " + str(int(limit)) if limit else ""}) d
        JOIN articles a ON a.hash = d.article_hash
        ORDER BY d.date NULLS LAST, d.seq, d.idx""", params)
    return [c[0] for c in cur.description], cur.fetchall()
