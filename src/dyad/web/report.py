"""`dyad report`: one self-contained HTML brief on a dyad and period (stylesheet inlined, the chart
as inline SVG, no script, nothing fetched): the index chart, the period's key events with citations
and evidence, who said what, an outlet comparison and the conditions stated."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .. import analysis
from ..kb import KnowledgeBase
from . import queries
from .app import HERE, conditions_of, outlet_tables, safe_url
from .chart import timeline_svg, type_counts

KEY_EVENTS = 15
QUOTES = 30


def render_report(con, a: str, b: str, start: Optional[dt.date] = None, end: Optional[dt.date] = None,
                  kb: Optional[KnowledgeBase] = None, by: str = "month") -> str:
    kb = kb or KnowledgeBase.default()
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.filters["safe_url"] = safe_url
    env.globals["country"] = kb.actors.country_name
    frame = analysis.timeline(con, a, b, by=by, start=start, end=end)
    _, key = queries.events(con, queries.EventFilter(a=a, b=b, start=start, end=end), limit=KEY_EVENTS,
                            order="intensity")
    return env.get_template("report.html").render(
        a=a, b=b, start=start, end=end, by=by, generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        css=Markup((HERE / "static" / "style.css").read_text(encoding="utf-8")),
        chart=timeline_svg(frame, f"{a}-{b} relations index by {by}", by), types=type_counts(frame),
        stories=int(frame.stories.sum()) if len(frame) else 0,
        change_points=queries.records(frame[frame.change_point]) if len(frame) else [],
        key_events=key, quotes=queries.dyad_quotes(con, a, b, start, end, QUOTES),
        outlets=outlet_tables(con, a, b, start, end)["outlets"], conditions=conditions_of(con, a, b, start, end),
        alerts=[x for x in queries.records(analysis.alerts(con, a, b))
                if (not start or x["date"] >= start.isoformat()) and (not end or x["date"] <= end.isoformat())])


def write_report(db: str | Path, a: str, b: str, output: str | Path, start: Optional[dt.date] = None,
                 end: Optional[dt.date] = None, kb: Optional[KnowledgeBase] = None) -> Path:
    from .readonly import connect

    with connect(db) as con:
        html = render_report(con, a, b, start, end, kb)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return output
