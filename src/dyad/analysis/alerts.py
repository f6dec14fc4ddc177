"""Alerts per dyad: index change-points (timeline.py) and first-of-a-kind events (data/alerts.yaml:
the first SANCTION between a pair in a calendar year, an ambassador summoned, ...), as a pandas
DataFrame and as an Atom feed (RFC 4287) an analyst can subscribe to.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree as ET

import pandas as pd
import yaml

from .clusters import EVENT_DAY
from .timeline import timeline

DATA = Path(__file__).parent / "data"
COLUMNS = ["date", "dyad", "kind", "title", "detail", "article_id", "url", "outlet_name"]


@lru_cache(maxsize=1)
def alert_kinds() -> dict[str, dict]:
    kinds = yaml.safe_load((DATA / "alerts.yaml").read_text(encoding="utf-8"))
    for kind in kinds.values():
        kind["regex"] = re.compile(kind["sentence"], re.IGNORECASE | re.DOTALL) if kind.get("sentence") else None
    return kinds


def first_of_a_kind(con, a: Optional[str] = None, b: Optional[str] = None) -> pd.DataFrame:
    """The first event of each kind per unordered pair and calendar year (between a and b only when
    given). Columns as `COLUMNS`."""
    where, params = "e.source_country IS NOT NULL AND e.target_country IS NOT NULL " \
                    "AND e.source_country <> e.target_country", []
    if a and b:
        where += " AND least(e.source_country, e.target_country) = ? AND greatest(e.source_country, e.target_country) = ?"
        params += sorted((a, b))
    events = con.execute(f"""
        SELECT {EVENT_DAY} AS date, e.type, e.source_country, e.target_country,
               e.sentence, a.id AS article_id, a.url, a.outlet_name
        FROM events e JOIN articles a ON a.hash = e.article_hash
        WHERE {where} AND ({EVENT_DAY}) IS NOT NULL
        ORDER BY date, a.seq, e.idx""", params).df()
    rows, seen = [], set()
    for ev in events.itertuples(index=False):
        pair = "-".join(sorted((ev.source_country, ev.target_country)))
        for name, kind in alert_kinds().items():
            if ev.type not in kind["types"] or (kind["regex"] and not kind["regex"].search(ev.sentence or "")):
                continue
            key = (pair, name, pd.Timestamp(ev.date).year)
            if key in seen:
                continue
            seen.add(key)
            rows.append((pd.Timestamp(ev.date), pair, name,
                         f"{pair}: {kind['label']} ({ev.source_country} -> {ev.target_country}, {ev.type})",
                         " ".join((ev.sentence or "").split()), ev.article_id, ev.url, ev.outlet_name))
    return pd.DataFrame(rows, columns=COLUMNS)


def change_point_alerts(con, a: str, b: str, by: str = "month") -> pd.DataFrame:
    """One alert per index change-point of the a-b timeline. Columns as `COLUMNS`."""
    t = timeline(con, a, b, by=by)
    pair = "-".join(sorted((a, b)))
    rows = [(row.period, pair, "change_point",
             f"{pair}: relations index {'up' if row.change > 0 else 'down'} {abs(row.change):.1f} from {row.period:%Y-%m-%d}",
             f"index {row.index:.2f} [{row.index_low:.2f}, {row.index_high:.2f}] on {row.stories} stories",
             None, None, None)
            for row in t[t.change_point].itertuples(index=False)] if len(t) else []
    return pd.DataFrame(rows, columns=COLUMNS)


def alerts(con, a: Optional[str] = None, b: Optional[str] = None, by: str = "month") -> pd.DataFrame:
    """Change-points (only for a given dyad) and first-of-a-kind events, newest first."""
    frames = [first_of_a_kind(con, a, b)]
    if a and b:
        frames.append(change_point_alerts(con, a, b, by))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True).sort_values(["date", "kind"], ascending=[False, True],
                                                            ignore_index=True)


ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(frame: pd.DataFrame, title: str, feed_id: str, path: Optional[Path] = None,
              updated: Optional[dt.datetime] = None) -> str:
    """The alerts as an Atom feed (one entry per row); written to `path` when given. Entry ids are
    stable (tag URIs from the feed id, kind, dyad and date), so a reader sees each alert once."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    stamp = (updated or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = stamp
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "dyad"
    for row in frame.itertuples(index=False):
        day = pd.Timestamp(row.date).strftime("%Y-%m-%d")
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{feed_id}:{row.kind}:{row.dyad}:{day}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = row.title
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{day}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = row.detail or ""
        if isinstance(row.url, str) and row.url:
            ET.SubElement(entry, f"{{{ATOM}}}link", href=row.url)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
