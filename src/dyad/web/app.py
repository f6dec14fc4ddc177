"""`dyad serve`: the dashboard (HTML pages) and its read-only JSON API (`/api/...`, OpenAPI at
`/openapi.json`) over one DuckDB file, opened read-only per request."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import analysis
from ..kb import KnowledgeBase
from . import queries
from .chart import timeline_svg, type_counts
from .highlight import pieces
from .readonly import MISSING, DatabaseBusy, ReadOnlyDatabase

HERE = Path(__file__).parent
PAGE = Query(50, ge=1, le=queries.MAX_PAGE, description=f"page size (at most {queries.MAX_PAGE})")
OFFSET = Query(0, ge=0, le=1_000_000)
PERIODS = ("day", "week", "month")
# No script on any page: article text can never run, even if escaping were forgotten somewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def safe_url(url: Optional[str]) -> Optional[str]:
    """The URL when it is http(s), else None: a stored `javascript:` URL never becomes a link."""
    if not isinstance(url, str):
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _day(text: Optional[str], name: str) -> Optional[dt.date]:
    try:
        return queries.optional_day(text, name)
    except ValueError as exc:
        raise HTTPException(400, str(exc))


def create_app(db: str | Path, kb: Optional[KnowledgeBase] = None, wait_s: float = 5.0, memo_size: int = 512) -> FastAPI:
    """The app over one database file. `memo_size`: derived results and API responses remembered
    until the file changes (0: none)."""
    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"no such database: {db}")
    kb = kb or KnowledgeBase.default()
    store = ReadOnlyDatabase(db, wait_s, memo_size=memo_size)
    app = FastAPI(title="dyad", version="1", docs_url=None, redoc_url=None,
                  description="Read-only JSON API over a dyad DuckDB store: events, articles, timelines, "
                              f"people, outlets, alerts, conditions. Lists are paginated (limit <= {queries.MAX_PAGE}).")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["safe_url"] = safe_url
    templates.env.globals["country"] = kb.actors.country_name

    @app.middleware("http")
    async def headers(request: Request, call_next):
        # A read-only API over a file that changes only by ingest: a GET's answer is remembered until it changes.
        key = ("api", request.url.path, request.url.query) if request.url.path.startswith("/api/") else None
        kept = store.recall(key) if key else MISSING
        if kept is not MISSING:
            response = Response(kept[0], media_type=kept[1])
        else:
            response = await call_next(request)
            if key and response.status_code == 200 and request.url.path != "/api/health":
                body = b"".join([chunk async for chunk in response.body_iterator])
                store.keep(key, (body, response.media_type or "application/json"))
                response = Response(body, status_code=200, media_type=response.media_type or "application/json")
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(DatabaseBusy)
    async def busy(request: Request, exc: DatabaseBusy):
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "1"})

    def dyad_of(text: Optional[str], con) -> tuple[str, str]:
        if text:
            try:
                return analysis.parse_dyad(text, kb)
            except analysis.DyadError as exc:
                raise HTTPException(400, str(exc))
        top = store.memo("dyads", lambda: queries.dyads(con))
        if not top:
            raise HTTPException(404, "no events between two countries in this database")
        return top[0]["a"], top[0]["b"]

    def timeline(con, a, b, by="month", directed=False, start=None, end=None):
        return store.memo(("timeline", a, b, by, directed, start, end),
                          lambda: analysis.timeline(con, a, b, by=by, directed=directed, start=start, end=end))

    def alerts(con, a, b):
        return store.memo(("alerts", a, b), lambda: queries.records(analysis.alerts(con, a, b)))

    def page(request: Request, name: str, con, a: Optional[str], b: Optional[str], **context) -> HTMLResponse:
        dyads = store.memo("dyads", lambda: queries.dyads(con))
        context.update(request=request, a=a, b=b, dyad=f"{a}-{b}" if a else "", dyads=dyads,
                       nav=name.split(".")[0], db_name=db.name)
        return templates.TemplateResponse(request, name, context)

    # --- HTML pages -----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request, dyad: Optional[str] = None, by: str = "month",
                 start: Optional[str] = Query(None, alias="from"), end: Optional[str] = Query(None, alias="to")):
        if by not in PERIODS:
            raise HTTPException(400, f"by must be one of {', '.join(PERIODS)}")
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            frame = timeline(con, a, b, by=by, start=_day(start, "from"), end=_day(end, "to"))
            total, recent = queries.events(con, queries.EventFilter(a=a, b=b), limit=10, order="intensity")
            return page(request, "overview.html", con, a, b, by=by, start=start or "", end=end or "",
                        chart=timeline_svg(frame, f"{a}-{b} relations index by {by}", by),
                        types=type_counts(frame), stories=int(frame.stories.sum()) if len(frame) else 0,
                        periods=len(frame), total=total, strongest=recent,
                        change_points=frame[frame.change_point] if len(frame) else frame)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, dyad: Optional[str] = None, type: Optional[str] = None,
                    outlet: Optional[str] = None, modality: Optional[str] = None,
                    start: Optional[str] = Query(None, alias="from"), end: Optional[str] = Query(None, alias="to"),
                    limit: int = PAGE, offset: int = OFFSET):
        with store.cursor() as con:
            a, b = dyad_of(dyad, con) if dyad != "all" else (None, None)
            f = queries.EventFilter(a=a, b=b, type=type or None, outlet=outlet or None, modality=modality or None,
                                    start=_day(start, "from"), end=_day(end, "to"))
            total, rows = queries.events(con, f, limit, offset)
            params = {k: v for k, v in (("dyad", dyad), ("type", type), ("outlet", outlet), ("modality", modality),
                                        ("from", start), ("to", end), ("limit", limit)) if v}
            more = offset + limit < total
            return page(request, "events.html", con, a, b, rows=rows, total=total, offset=offset, limit=limit,
                        filters=f, choices=queries.choices(con), all_dyads=dyad == "all",
                        start=start or "", end=end or "",
                        prev_url="?" + urlencode({**params, "offset": max(offset - limit, 0)}) if offset else None,
                        next_url="?" + urlencode({**params, "offset": offset + limit}) if more else None,
                        has_clusters=queries.table_exists(con, "event_clusters"))

    @app.get("/article/{hash_}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, hash_: str, event: Optional[int] = Query(None, ge=0)):
        with store.cursor() as con:
            art = queries.article(con, hash_)
            if art is None:
                raise HTTPException(404, "no such article")
            chosen = next((e for e in art["events"] if e["idx"] == event), None)
            before, inside, after = pieces(art["text"] or "", (chosen["start"], chosen["end"]) if chosen else None,
                                           art["quotes"], art["loaded"])
            others = queries.story_reports(con, hash_, event).get(event, []) if chosen else []
            a, b = ((chosen["source_country"], chosen["target_country"]) if chosen and chosen["source_country"]
                    and chosen["target_country"] else (None, None))
            return page(request, "article.html", con, a, b, art=art, chosen=chosen, before=before, inside=inside,
                        after=after, others=others, has_clusters=queries.table_exists(con, "event_clusters"))

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_page(request: Request, limit: int = PAGE, offset: int = OFFSET):
        with store.cursor() as con:
            total, rows = queries.people(con, limit, offset)
            return page(request, "people.html", con, None, None, rows=rows, total=total, offset=offset, limit=limit)

    @app.get("/people/{key}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, key: str):
        with store.cursor() as con:
            info = queries.person(con, key)
            kb_person = kb.offices.get(key)
            terms = sorted(kb_person.terms, key=lambda t: t.start) if kb_person else []
            return page(request, "person.html", con, None, None, info=info, kb_person=kb_person, terms=terms)

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request, dyad: Optional[str] = None):
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            return page(request, "outlets.html", con, a, b, **store.memo(("outlets", a, b), lambda: outlet_tables(con, a, b)))

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request, dyad: Optional[str] = None):
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            return page(request, "alerts.html", con, a, b, alerts=alerts(con, a, b))

    @app.get("/alerts.atom", include_in_schema=False)
    def alerts_atom(dyad: Optional[str] = None):
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            frame = analysis.alerts(con, a, b)
        return Response(analysis.atom_feed(frame, f"dyad alerts: {a}-{b}", f"tag:dyad,2026:alerts:{a}-{b}"),
                        media_type="application/atom+xml")

    @app.get("/conditions", response_class=HTMLResponse, include_in_schema=False)
    def conditions_page(request: Request, dyad: Optional[str] = None):
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            rows = store.memo(("conditions", a, b), lambda: conditions_of(con, a, b))
            return page(request, "conditions.html", con, a, b, rows=rows,
                        has_table=queries.table_exists(con, "conditions"))

    # --- JSON API -------------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"])
    def health() -> dict:
        with store.cursor() as con:
            n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        return {"ok": True, "articles": n}

    @app.get("/api/dyads", tags=["relations"])
    def api_dyads(limit: int = PAGE) -> dict:
        """Country pairs by number of events."""
        with store.cursor() as con:
            return {"items": queries.dyads(con, limit)}

    @app.get("/api/timeline", tags=["relations"])
    def api_timeline(dyad: str = Query(..., examples=["JPN-RUS"]), by: str = Query("month", pattern="^(day|week|month)$"),
                     start: Optional[dt.date] = Query(None, alias="from"), end: Optional[dt.date] = Query(None, alias="to"),
                     directed: bool = False) -> dict:
        """The dyad's index with its 90% band, stories by type and quad class, change-points (dyad.analysis)."""
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            frame = timeline(con, a, b, by=by, directed=directed, start=start, end=end)
        return {"dyad": f"{a}-{b}", "by": by, "items": queries.records(frame)}

    @app.get("/api/events", tags=["events"])
    def api_events(dyad: Optional[str] = None, type: Optional[str] = None, outlet: Optional[str] = None,
                   modality: Optional[str] = None, start: Optional[dt.date] = Query(None, alias="from"),
                   end: Optional[dt.date] = Query(None, alias="to"), limit: int = PAGE, offset: int = OFFSET) -> dict:
        """Events (newest first), filtered by dyad (either direction), type, outlet, modality and period."""
        with store.cursor() as con:
            a, b = dyad_of(dyad, con) if dyad else (None, None)
            f = queries.EventFilter(a=a, b=b, type=type, outlet=outlet, modality=modality, start=start, end=end)
            total, rows = queries.events(con, f, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": [queries.plain_row(r) for r in rows]}

    @app.get("/api/articles", tags=["articles"])
    def api_articles(id: Optional[str] = None, limit: int = PAGE, offset: int = OFFSET) -> dict:
        """Articles (newest first); the one with record id `id` when given."""
        with store.cursor() as con:
            total, rows = queries.articles(con, id, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": [queries.plain_row(r) for r in rows]}

    @app.get("/api/articles/{hash_}", tags=["articles"])
    def api_article(hash_: str) -> dict:
        """One article: its text (the offset base), events, quotes, people, loaded-language spans."""
        with store.cursor() as con:
            art = queries.article(con, hash_)
            if art is None:
                raise HTTPException(404, "no such article")
            others = queries.story_reports(con, hash_)
            art["events"] = [{**e, "other_reports": others.get(e["idx"], [])} for e in art["events"]]
        return queries.plain_row(art)

    @app.get("/api/people", tags=["people"])
    def api_people(limit: int = PAGE, offset: int = OFFSET) -> dict:
        with store.cursor() as con:
            total, rows = queries.people(con, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": [queries.plain_row(r) for r in rows]}

    @app.get("/api/people/{key}", tags=["people"])
    def api_person(key: str) -> dict:
        """Roles as the articles state them, KB terms, and quotes of one person (kb id or name)."""
        with store.cursor() as con:
            info = queries.person(con, key)
        p = kb.offices.get(key)
        info["kb_terms"] = [{"role": t.role, "country": t.country, "start": t.start.isoformat(),
                             "end": t.end.isoformat() if t.end else None} for t in (p.terms if p else ())]
        return queries.plain_row(info)

    @app.get("/api/outlets", tags=["outlets"])
    def api_outlets(dyad: Optional[str] = None) -> dict:
        """Per outlet: affiliation, loaded-language rate, tone toward each side of the dyad."""
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            tables = store.memo(("outlets", a, b), lambda: outlet_tables(con, a, b))
        return {"dyad": f"{a}-{b}", "items": tables["outlets"]}

    @app.get("/api/alerts", tags=["relations"])
    def api_alerts(dyad: Optional[str] = None, limit: int = PAGE, offset: int = OFFSET) -> dict:
        """Change-points and first-of-a-kind events for a dyad, newest first."""
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            items = alerts(con, a, b)
        return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}

    @app.get("/api/conditions", tags=["relations"])
    def api_conditions(dyad: Optional[str] = None, limit: int = PAGE, offset: int = OFFSET) -> dict:
        """Conditional claims about the relationship (who, what change, on which conditions)."""
        with store.cursor() as con:
            a, b = dyad_of(dyad, con)
            items = store.memo(("conditions", a, b), lambda: conditions_of(con, a, b))
        return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}

    return app


def conditions_of(con, a: str, b: str, start: Optional[dt.date] = None, end: Optional[dt.date] = None) -> list[dict]:
    """analysis.conditions as dicts, within the period; empty when the store has no conditions table."""
    if not queries.table_exists(con, "conditions"):
        return []
    items = queries.records(analysis.conditions(con, a, b))
    return [c for c in items if (not start or (c["date"] and c["date"] >= start.isoformat()))
            and (not end or (c["date"] and c["date"] <= end.isoformat()))]


def outlet_tables(con, a: str, b: str, start: Optional[dt.date] = None, end: Optional[dt.date] = None) -> dict:
    """Per outlet, one row: affiliation, articles, loaded-language spans per 1,000 words and the top
    techniques (analysis.framing_by_outlet), tone toward a and toward b (analysis.tone_toward), and the
    dyad's events it reports (count, mean intensity)."""
    base = {r["outlet_name"]: dict(r) for r in queries.outlets(con)}
    framing = queries.records(analysis.framing_by_outlet(con))
    fixed = {"outlet_name", "outlet_affiliation", "outlet_country", "articles", "words", "spans", "spans_per_1000_words"}
    for f in framing:
        row = base.setdefault(f["outlet_name"], {"outlet_name": f["outlet_name"]})
        row["loaded_rate"] = f["spans_per_1000_words"]
        row["loaded_spans"] = f["spans"]
        row["techniques"] = sorted(((k, v) for k, v in f.items() if k not in fixed and v), key=lambda kv: -kv[1])[:3]
    for side in (a, b):
        for t in queries.records(analysis.tone_toward(con, side)):
            base.setdefault(t["outlet_name"], {"outlet_name": t["outlet_name"]})[f"tone_{side}"] = t["tone"]
    for d in queries.dyad_outlets(con, a, b, start, end):
        row = base.setdefault(d["outlet_name"], {"outlet_name": d["outlet_name"]})
        row["dyad_events"], row["dyad_mean_intensity"] = d["events"], d["mean_intensity"]
    return {"outlets": sorted(base.values(), key=lambda r: (-(r.get("dyad_events") or 0), r["outlet_name"]))}
