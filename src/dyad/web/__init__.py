"""The analyst's dashboard (`dyad serve`) and the HTML brief (`dyad report`).

Server-rendered: FastAPI + Jinja2 templates with autoescaping, charts as inline SVG built here,
no JavaScript and no asset from outside the package. The database is opened read-only per request
(`readonly.connect`), so the dashboard keeps working while `dyad ingest` writes between batches.
The relations figures come from `dyad.analysis`; `queries.py` holds the page queries (events, the
article view, people, outlets), all with bound parameters.
"""
