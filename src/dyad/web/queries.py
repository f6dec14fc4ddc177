"""The page queries of the dashboard and the report: rows as dicts, every value a bound parameter.

Relations figures (timeline, framing, conditions, alerts, story clusters) come from `dyad.analysis`;
these are the lookups around them: the events table, one article with its items, people, outlets.
An event's date is its own, else its article's publication date. Cluster sizes come from the
`event_clusters` table (`dyad clusters --build`) when it exists."""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any, Optional

import pandas as pd

from .. import queries as dyad_queries

EVENT_DATE = "coalesce(e.date, a.published_date)"
MAX_PAGE = 200  # the largest page any list returns


def optional_day(text: Optional[str], name: str) -> Optional[dt.date]:
    """A YYYY-MM-DD option (None when empty); ValueError naming the option otherwise."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} wants a date as YYYY-MM-DD, not {text!r}") from None


def rows(con, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, NaN as None, numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready dicts."""
    return [{k: plain(v) for k, v in r.items()} for r in frame.to_dict(orient="records")]


def table_exists(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [name]).fetchone()[0])


def dyads(con, limit: int = 50) -> list[dict[str, Any]]:
    """Unordered country pairs by number of events: a, b, events."""
    return rows(con, """
        SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
               count(*) AS events
        FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
              AND source_country <> target_country
        GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?""", [limit])


@dataclass
class EventFilter:
    a: Optional[str] = None  # with b: the dyad, either direction
    b: Optional[str] = None
    type: Optional[str] = None
    outlet: Optional[str] = None
    modality: Optional[str] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None

    def where(self) -> tuple[str, list]:
        sql, params = ["TRUE"], []
        if self.a and self.b:
            sql.append("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))")
            params += [self.a, self.b, self.b, self.a]
        for column, value in (("e.type", self.type), ("a.outlet_name", self.outlet), ("e.modality", self.modality)):
            if value:
                sql.append(f"{column} = ?")
                params.append(value)
        if self.start:
            sql.append(f"{EVENT_DATE} >= ?")
            params.append(self.start)
        if self.end:
            sql.append(f"{EVENT_DATE} <= ?")
            params.append(self.end)
        return " AND ".join(sql), params


def _cluster_join(con) -> tuple[str, str]:
    if table_exists(con, "event_clusters"):
        return ("ec.reports", "LEFT JOIN event_clusters ec ON ec.article_hash = e.article_hash AND ec.idx = e.idx")
    return "NULL::INTEGER", ""


def events(con, f: EventFilter, limit: int = 50, offset: int = 0, order: str = "date") -> tuple[int, list[dict]]:
    """(total matching, one page of events): date, source/target country and text, type, intensity,
    modality, outlet_name, title, url, published_date, article_hash, idx, sentence, reports (cluster
    size, None without cluster tables). `order`: "date" (newest first) or "intensity" (strongest first).
    For a dyad, from the derived `dyad_events` (dyad.queries): the same rows, without scanning `events`."""
    if f.a and f.b:
        return _dyad_events(con, f, limit, offset, order)
    return events_from_tables(con, f, limit, offset, order)


def events_from_tables(con, f: EventFilter, limit: int = 50, offset: int = 0,
                       order: str = "date") -> tuple[int, list[dict]]:
    """`events` from the `events` and `articles` tables themselves (any filter; a scan of `events`)."""
    where, params = f.where()
    reports, join = _cluster_join(con)
    total = con.execute(f"SELECT count(*) FROM events e JOIN articles a ON a.hash = e.article_hash WHERE {where}",
                        params).fetchone()[0]
    order_by = ("abs(coalesce(e.intensity, 0)) DESC, date DESC NULLS LAST" if order == "intensity"
                else "date DESC NULLS LAST")
    page = rows(con, f"""
        SELECT {EVENT_DATE} AS date, e.source_country, e.source_text, e.target_country, e.target_text, e.type,
               e.intensity, e.modality, a.outlet_name, a.title, a.url, a.published_date, e.article_hash, e.idx,
               e.sentence, {reports} AS reports
        FROM events e JOIN articles a ON a.hash = e.article_hash {join}
        WHERE {where} ORDER BY {order_by}, a.seq, e.idx LIMIT ? OFFSET ?""",
                params + [min(limit, MAX_PAGE), offset])
    return total, page


def _dyad_events(con, f: EventFilter, limit: int, offset: int, order: str) -> tuple[int, list[dict]]:
    """`events` for a dyad: filtered and paged in `dyad_events`, the page's article fields joined last."""
    source, _ = dyad_queries.sources(con)
    where, params = dyad_queries.pair_filter(f.a, f.b)
    for column, value in (("type", f.type), ("outlet_name", f.outlet), ("modality", f.modality)):
        if value:
            where += f" AND {column} = ?"
            params.append(value)
    period, period_params = dyad_queries.period_filter("date", f.start, f.end)
    where += period
    params += period_params
    total = con.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]
    order_by = ("abs(coalesce(e.intensity, 0)) DESC, e.date DESC NULLS LAST" if order == "intensity"
                else "e.date DESC NULLS LAST")
    reports, join = _cluster_join(con)
    page = rows(con, f"""
        SELECT e.date, e.source_country, e.source_text, e.target_country, e.target_text, e.type,
               e.intensity, e.modality, a.outlet_name, a.title, a.url, a.published_date, e.article_hash, e.idx,
               e.sentence, {reports} AS reports
        FROM (SELECT * FROM {source} e WHERE {where} ORDER BY {order_by}, e.seq, e.idx LIMIT ? OFFSET ?) e
        JOIN articles a ON a.hash = e.article_hash {join}
        ORDER BY {order_by}, e.seq, e.idx""", params + [min(limit, MAX_PAGE), offset])
    return total, page


def choices(con) -> dict[str, list[str]]:
    """The values the events filters offer: types, outlets, modalities."""
    return {
        "types": [r[0] for r in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1").fetchall()],
        "outlets": [r[0] for r in con.execute("SELECT DISTINCT outlet_name FROM articles WHERE outlet_name IS NOT NULL "
                                              "ORDER BY 1").fetchall()],
        "modalities": [r[0] for r in con.execute("SELECT DISTINCT modality FROM events WHERE modality IS NOT NULL "
                                                 "ORDER BY 1").fetchall()],
    }


ARTICLE_COLUMNS = ("hash, id, url, title, outlet_name, outlet_country, outlet_affiliation, published_date, "
                   "published_precision, published_method, dateline_text, raw_kind, error")


def articles(con, id_: Optional[str] = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(total, page) of articles, newest first; only the one with record id `id_` when given."""
    where, params = ("id = ?", [id_]) if id_ else ("TRUE", [])
    total = con.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
    page = rows(con, f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {where} "
                     "ORDER BY published_date DESC NULLS LAST, seq LIMIT ? OFFSET ?",
                params + [min(limit, MAX_PAGE), offset])
    return total, page


def article(con, hash_: str) -> Optional[dict[str, Any]]:
    """One article with `text` (the offset base: the input text, or the body for html input), its
    events, quotes, people and loaded-language spans; None when unknown."""
    found = rows(con, f"SELECT {ARTICLE_COLUMNS}, raw, body, "
                      "json_extract(record, '$.framing.loaded_language') AS loaded FROM articles WHERE hash = ?",
                 [hash_])
    if not found:
        return None
    art = found[0]
    art["text"] = art.pop("raw") if art["raw_kind"] == "text" else art["body"]
    art.pop("body")
    reports, join = _cluster_join(con)
    art["events"] = rows(con, f"""
        SELECT e.idx, e.type, e.mode, e.intensity, e.source_country, e.source_text, e.target_country, e.target_text,
               e.modality, e.date, e.sentence, e."start", e."end", e.quote, {reports} AS reports
        FROM events e JOIN articles a ON a.hash = e.article_hash {join} WHERE e.article_hash = ? ORDER BY e.idx""",
                         [hash_])
    art["quotes"] = rows(con, 'SELECT idx, text, speaker, speaker_text, direct, "start", "end" FROM quotes '
                              "WHERE article_hash = ? ORDER BY idx", [hash_])
    art["people"] = rows(con, "SELECT idx, name, role, country, kb_id FROM people WHERE article_hash = ? ORDER BY idx",
                         [hash_])
    art["loaded"] = json.loads(art["loaded"]) if art["loaded"] else []
    return art


def story_reports(con, hash_: str, idx: Optional[int] = None) -> dict[int, list[dict[str, Any]]]:
    """For each event of an article (or only event `idx`), the other reports of its story
    (event_clusters), from every article: outlet_name, outlet_affiliation, date, title, url, type,
    modality, sentence, article_hash, idx. Empty without cluster tables."""
    if not table_exists(con, "event_clusters"):
        return {}
    mine_filter, params = ("AND mine.idx = ?", [hash_, idx]) if idx is not None else ("", [hash_])
    found: dict[int, list[dict[str, Any]]] = {}
    for r in rows(con, f"""
        SELECT mine.idx AS mine, a.outlet_name, a.outlet_affiliation, {EVENT_DATE} AS date, a.title, a.url, e.type,
               e.modality, e.sentence, e.article_hash, e.idx
        FROM event_clusters mine
        JOIN event_clusters ec ON ec.story = mine.story
        JOIN events e ON e.article_hash = ec.article_hash AND e.idx = ec.idx
        JOIN articles a ON a.hash = e.article_hash
        WHERE mine.article_hash = ? {mine_filter} AND NOT (ec.article_hash = mine.article_hash AND ec.idx = mine.idx)
        ORDER BY date, a.outlet_name""", params):
        found.setdefault(r.pop("mine"), []).append(r)
    return found


def people(con, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(total, page) of people by articles naming them: key (kb id, else name), name, country,
    articles, roles (as stated), quotes, first, last (dates)."""
    total = con.execute("SELECT count(DISTINCT coalesce(kb_id, name)) FROM people").fetchone()[0]
    page = rows(con, """
        WITH p AS (SELECT coalesce(p.kb_id, p.name) AS key, p.name, p.country, p.role, p.article_hash,
                          a.published_date FROM people p JOIN articles a ON a.hash = p.article_hash),
             q AS (SELECT q.article_hash, q.speaker, count(*) AS n FROM quotes q GROUP BY ALL)
        SELECT key, any_value(p.name) AS name, any_value(country) AS country, count(DISTINCT p.article_hash) AS articles,
               coalesce(list_sort(list_distinct(list(role) FILTER (WHERE role IS NOT NULL))), []) AS roles,
               coalesce(sum(q.n), 0) AS quotes, min(published_date) AS first, max(published_date) AS last
        FROM p LEFT JOIN q ON q.article_hash = p.article_hash AND q.speaker = p.name
        GROUP BY key ORDER BY articles DESC, key LIMIT ? OFFSET ?""", [min(limit, MAX_PAGE), offset])
    return total, page


def person(con, key: str) -> dict[str, Any]:
    """What the articles say of one person (kb id or name): roles as stated by date, and quotes."""
    stated = rows(con, """
        SELECT a.published_date AS date, p.name, p.role, p.country, a.outlet_name, a.title, a.hash AS article_hash
        FROM people p JOIN articles a ON a.hash = p.article_hash
        WHERE coalesce(p.kb_id, p.name) = ? ORDER BY date NULLS LAST, a.seq""", [key])
    said = rows(con, """
        SELECT a.published_date AS date, q.text, q.direct, a.outlet_name, a.title, q.article_hash, q.idx
        FROM quotes q JOIN articles a ON a.hash = q.article_hash
        WHERE q.speaker IN (SELECT DISTINCT name FROM people WHERE coalesce(kb_id, name) = ?)
        ORDER BY date NULLS LAST, a.seq, q.idx""", [key])
    return {"key": key, "name": stated[0]["name"] if stated else key, "stated": stated, "quotes": said}


def dyad_quotes(con, a: str, b: str, start: Optional[dt.date] = None, end: Optional[dt.date] = None,
                limit: int = 50) -> list[dict]:
    """Quotes with a speaker from the articles that report events between a and b in the period."""
    f = EventFilter(a=a, b=b, start=start, end=end)
    where, params = f.where()
    return rows(con, f"""
        SELECT a.published_date AS date, q.speaker, q.text, q.direct, a.outlet_name, a.title, a.url,
               q.article_hash, q.idx
        FROM quotes q JOIN articles a ON a.hash = q.article_hash
        WHERE q.speaker IS NOT NULL AND q.article_hash IN
              (SELECT e.article_hash FROM events e JOIN articles a ON a.hash = e.article_hash WHERE {where})
        ORDER BY date NULLS LAST, a.seq, q.idx LIMIT ?""", params + [min(limit, MAX_PAGE)])


def outlets(con) -> list[dict]:
    """Per outlet: outlet_name, outlet_country, outlet_affiliation, articles, events."""
    return rows(con, """
        SELECT coalesce(a.outlet_name, '(unknown)') AS outlet_name, any_value(a.outlet_country) AS outlet_country,
               any_value(a.outlet_affiliation) AS outlet_affiliation, count(DISTINCT a.hash) AS articles,
               count(e.idx) AS events
        FROM articles a LEFT JOIN events e ON e.article_hash = a.hash WHERE a.error IS NULL
        GROUP BY 1 ORDER BY articles DESC, 1""")


def dyad_outlets(con, a: str, b: str, start: Optional[dt.date] = None, end: Optional[dt.date] = None) -> list[dict]:
    """Per outlet, over the events between a and b in the period: outlet_name, outlet_affiliation,
    events, articles, mean intensity, conflict share (events with negative intensity)."""
    where, params = EventFilter(a=a, b=b, start=start, end=end).where()
    return rows(con, f"""
        SELECT coalesce(a.outlet_name, '(unknown)') AS outlet_name, any_value(a.outlet_affiliation) AS outlet_affiliation,
               count(*) AS events, count(DISTINCT a.hash) AS articles, round(avg(e.intensity), 2) AS mean_intensity,
               round(avg(CASE WHEN e.intensity < 0 THEN 1.0 ELSE 0.0 END), 2) AS conflict_share
        FROM events e JOIN articles a ON a.hash = e.article_hash WHERE {where}
        GROUP BY 1 ORDER BY events DESC, 1""", params)


def plain_row(row: dict) -> dict:
    """A query row (or an article dict with lists of rows) as JSON-ready values."""
    return {k: ([plain_row(v) if isinstance(v, dict) else plain(v) for v in val] if isinstance(val, list)
                else plain(val)) for k, val in row.items()}
