"""The `dyad` command line: thin over the Python API (ingest, fetch, pipeline, store, kb)."""
from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

# A bug's traceback stays (to report it), without every local variable printed beside it.
app = typer.Typer(help="dyad: evidence-linked events, quotes, people and dates from news text.",
                  no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  pretty_exceptions_show_locals=False)
kb_app = typer.Typer(help="The knowledge base: who held which office when.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

out_console = Console(soft_wrap=False)
err_console = Console(stderr=True, soft_wrap=True)

# Exit codes: 0 done; 1 done, but some items failed (stored as error records); 2 a usage error
# (nothing was done); 3 the database is held by another process.
EXIT_ITEMS_FAILED, EXIT_USAGE, EXIT_BUSY = 1, 2, 3

DB_OPTION = typer.Option(..., "--db", help="DuckDB database file.")


@app.callback()
def main() -> None:
    """dyad: evidence-linked events, quotes, people and dates from news text."""


@functools.lru_cache(maxsize=1)
def get_settings():
    """The run's settings, read from the environment once per process."""
    from .config import Settings

    return Settings.from_env()


@functools.lru_cache(maxsize=2)
def get_pipeline(metadata_only: bool = False):
    """One Pipeline per process and mode (loading spaCy takes seconds)."""
    from dataclasses import replace

    from .pipeline import Pipeline

    settings = get_settings()
    return Pipeline(replace(settings, metadata_only=True) if metadata_only else settings)


def _pipeline(metadata_only: bool = False):
    """get_pipeline(), or a clear message (not a traceback) when it cannot be built."""
    try:
        return get_pipeline(metadata_only)
    except (RuntimeError, OSError, ImportError) as exc:  # e.g. the spaCy model is not installed
        _fail(f"cannot load the pipeline: {exc}")


@contextmanager
def progress(label: str, total: Optional[int] = None) -> Iterator:
    """A rich progress bar on stderr, only when stderr is a terminal (quiet in pipes and tests):
    done/total, elapsed and time remaining when the total is known."""
    bar = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                   TextColumn("{task.fields[note]}"),
                   console=err_console, transient=True, disable=not err_console.is_terminal)
    with bar:
        task = bar.add_task(label, total=total, note="")
        yield lambda note="": bar.update(task, advance=1, note=note[:60])


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    err_console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def _writable(output: Optional[Path]) -> None:
    """Refuse an output file that cannot be created, before any work is done."""
    if output is None:
        return
    if output.is_dir():
        _fail(f"{output} is a folder; give a file name")
    if not output.parent.is_dir():
        _fail(f"cannot write {output}: folder {output.parent} does not exist")


def _open_store(db: Path, read_only: bool = False):
    import duckdb

    from .store import Store, StoreLocked

    if db.is_dir():
        _fail(f"--db {db} is a folder; give a database file name")
    try:
        return Store(db, read_only=read_only, wait_s=get_settings().lock_wait_s)
    except StoreLocked as exc:
        _fail(str(exc), code=EXIT_BUSY)
    except FileNotFoundError as exc:
        _fail(str(exc) if read_only else f"cannot create database {db}: {exc.strerror}")
    except (duckdb.Error, OSError) as exc:  # not a DuckDB file, no permission, ...
        _fail(f"cannot open database {db}: {' '.join(str(exc).split())}")


# --- annotate / ingest / fetch ------------------------------------------------------------------

@app.command()
def annotate(
    infile: Optional[Path] = typer.Argument(None, help="Contract input JSONL (stdin when omitted)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output JSONL (stdout when omitted)."),
    metadata_only: bool = typer.Option(False, "--metadata-only", help="Title, outlet, dateline and publication "
                                       "date only: no parse, no people, quotes or events (fast triage)."),
) -> None:
    """Annotate contract input lines; one article record per line, same order. Exit 1 if any failed."""
    from .ingest import count_lines, iter_jsonl

    if infile and not infile.is_file():
        _fail(f"no such file: {infile}")
    _writable(output)
    pipeline = _pipeline(metadata_only)
    src = infile.open("rb") if infile else sys.stdin.buffer
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        with progress("annotate", count_lines(infile) if infile else None) as step:
            for record in pipeline.annotate(iter_jsonl(src)):
                failed += record.error is not None
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                step(record.id)
    finally:
        if infile:
            src.close()
        if output:
            out.close()
    raise typer.Exit(1 if failed else 0)


def _store_items(items, db: Path, replace: bool, label: str, total: Optional[int] = None) -> None:
    """Annotate and store input dicts with a progress bar; a summary line, then the failed items by
    name; exit 1 if any failed. spaCy loads while the database file is closed, and the store
    closes it between batches, so readers are never locked out for long."""
    from .ingest import admit
    from .queries import refresh_summaries
    from .store import StoreLocked

    settings = get_settings()
    # Inputs too long are stored as error records without their content (the pipeline checks depth).
    items = (admit(item, settings.max_body_chars, settings.max_html_chars, depth=False) for item in items)
    with _open_store(db) as store:  # the writer lock first: a second writer is told at once
        store.release()  # readers may open the file while spaCy loads
        pipeline = _pipeline()
        try:
            with progress(label, total) as step:
                stats = store.ingest(items, pipeline, replace=replace, batch_size=settings.write_batch,
                                     on_item=lambda item, rec: step(str(item.get("id", ""))))
            refresh_summaries(store.con)  # so read-only readers of dyad.queries stay fast
            counts = store.counts()
        except StoreLocked as exc:  # a reader held the file too long: what is written stays written
            _fail(f"{exc}; the batches written so far are stored, run the same command again to go on",
                  code=EXIT_BUSY)
    err_console.print(f"{label}: {stats.line()}; database now {counts['articles']} articles, "
                      f"{counts['people']} people, {counts['quotes']} quotes, {counts['events']} events",
                      markup=False, highlight=False)
    for source, error in stats.failures:
        err_console.print(f"  failed: {source}: {error}", markup=False, highlight=False)
    if stats.failed > len(stats.failures):
        err_console.print(f"  ... and {stats.failed - len(stats.failures)} more: dyad errors --db {db}",
                          markup=False, highlight=False)
    raise typer.Exit(EXIT_ITEMS_FAILED if stats.failed else 0)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (recursively): .txt .html .htm .jsonl "
                                                 ".warc .warc.gz .xml .rss .atom"),
    db: Path = DB_OPTION,
    replace: bool = typer.Option(False, "--replace", help="Re-annotate content already stored too (e.g. after "
                                 "upgrading dyad). Changed content always replaces its source's old record."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Refuse whole files (and JSONL lines, "
                                            "WARC records) above this size \\[default: DYAD_MAX_FILE_BYTES or 50 MB]."),
) -> None:
    """Read, annotate and store articles; exit 1 if any item failed (see `dyad errors`).

    One record per source (file path or URL): content already stored is skipped, and new content
    for a known source replaces its old record (the old one is dropped).
    """
    from .ingest import count_inputs, iter_inputs

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    settings = get_settings()
    items = iter_inputs(paths, max_bytes=max_bytes or settings.max_file_bytes, max_text_chars=settings.max_body_chars,
                        max_html_chars=settings.max_html_chars)
    _store_items(items, db, replace, "ingest", total=count_inputs(paths))


@app.command()
def fetch(
    feed: Optional[str] = typer.Option(None, "--feed", help="RSS/Atom feed URL: fetch every entry's page."),
    urls: Optional[Path] = typer.Option(None, "--urls", help="File of URLs, one per line (# comments)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Annotate and store into this DuckDB file."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Write the fetched pages as contract input JSONL instead."),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds per request."),
    delay: float = typer.Option(0.5, "--delay", help="Seconds between requests to be polite."),
    refetch: bool = typer.Option(False, "--refetch", help="Fetch URLs already stored in --db without error too "
                                 "(failed ones are always fetched again); changed pages replace their old record."),
    entries_only: bool = typer.Option(False, "--entries-only", help="Use feed entries' own content; "
                                      "do not fetch their pages."),
) -> None:
    """Fetch pages (from a feed or a URL list) and store them (--db) or write them (-o)."""
    from . import fetch as fetching

    if (feed is None) == (urls is None):
        _fail("give exactly one of --feed URL or --urls FILE")
    if (db is None) == (output is None):
        _fail("give exactly one of --db FILE or -o OUT.jsonl")
    if urls is not None and not urls.is_file():
        _fail(f"no such file: {urls}")
    _writable(output)
    skip = None
    if db is not None and not refetch and db.exists():
        with _open_store(db, read_only=True) as store:
            skip = store.known_urls().__contains__
    settings = get_settings()
    retry = {"retries": settings.fetch_retries, "backoff": settings.fetch_backoff_s}
    max_bytes = settings.max_file_bytes
    if feed:
        items = fetching.fetch_feed(feed, timeout=timeout, max_bytes=max_bytes, delay=delay, skip=skip,
                                    pages=not entries_only, **retry)
    else:
        items = fetching.fetch_urls(fetching.read_url_list(urls), timeout=timeout, max_bytes=max_bytes,
                                    delay=delay, skip=skip, **retry)
    if db is not None:
        total = None if feed else sum(1 for url in fetching.read_url_list(urls) if not (skip and skip(url)))
        _store_items(items, db, replace=False, label="fetch", total=total)
    n = failed = 0
    with output.open("w", encoding="utf-8") as out, progress("fetch") as step:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
            failed += bool(item.get("error"))
            step(item.get("url") or "")
    err_console.print(f"fetch: {n} pages written to {output}, {failed} failed")
    raise typer.Exit(1 if failed else 0)


@app.command()
def run(
    paths: list[Path] = typer.Argument(..., help="Files or folders, as for ingest."),
    out: Path = typer.Option(..., "--out", help="Folder of Parquet partitions (shared by all workers)."),
    engine: str = typer.Option("local", "--engine", help="local (this process) | dask (a cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler, e.g. tcp://HOST:8786 "
                                            "[default: start a LocalCluster]."),
    workers: int = typer.Option(2, "--workers", help="LocalCluster worker processes (without --scheduler)."),
    partition_size: int = typer.Option(64, "--partition-size", "-k", help="Items per partition."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="As for ingest [default: "
                                            "DYAD_MAX_FILE_BYTES or 50 MB]."),
) -> None:
    """Annotate into Parquet partitions (one per K items), locally or on Dask; re-runs do only what is missing.

    Load the result with `dyad load OUT --db FILE`, or read it in DuckDB with
    read_parquet('OUT/part-*/events.parquet'). Exit 1 if any item failed or a partition was not written.
    """
    from .engine import ENGINES, run_dask, run_local
    from .ingest import iter_inputs

    if engine not in ENGINES:
        _fail(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if partition_size < 1 or workers < 1:
        _fail("--partition-size and --workers must be at least 1")
    settings = get_settings()
    items = iter_inputs(paths, max_bytes=max_bytes or settings.max_file_bytes)
    with progress(f"run ({engine})") as step:
        on_partition = lambda result: step(result.name)  # noqa: E731
        if engine == "local":
            stats = run_local(items, out, _pipeline(), partition_size, on_partition=on_partition)
        else:
            try:  # the workers get these settings with every task, not their own environment
                stats = run_dask(items, out, settings, partition_size, scheduler=scheduler, n_workers=workers,
                                 on_partition=on_partition)
            except OSError as exc:  # e.g. no scheduler at that address
                _fail(f"cannot reach the Dask cluster: {exc}")
    err_console.print(f"run: {stats.line()}; partitions in {out}")
    raise typer.Exit(1 if stats.failed or stats.failed_partitions else 0)


@app.command()
def load(
    folder: Path = typer.Argument(..., help="Folder of partitions written by `dyad run`."),
    db: Path = DB_OPTION,
) -> None:
    """Load complete partitions into a DuckDB file; partitions loaded before, and content already
    stored, are skipped."""
    from .partitions import load_partitions
    from .queries import refresh_summaries

    if not folder.is_dir():
        _fail(f"no such folder: {folder}")
    with _open_store(db) as store:
        stats = load_partitions(folder, store)
        refresh_summaries(store.con)
        counts = store.counts()
    err_console.print(f"load: {stats.line()}; database now {counts['articles']} articles, "
                      f"{counts['people']} people, {counts['quotes']} quotes, {counts['events']} events")

# --- reading the store --------------------------------------------------------------------------

@app.command()
def export(
    db: Path = DB_OPTION,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (stdout when omitted; "
                                                                       "parquet needs one)."),
    table: Optional[str] = typer.Option(None, "--table", help="articles | people | quotes | events "
                                        "\\[default: contract records for jsonl, articles otherwise]."),
) -> None:
    """Export what is stored: jsonl = the contract article records; or one table as jsonl/csv/parquet."""
    _writable(output)
    with _open_store(db, read_only=True) as store:
        try:
            n = store.export(fmt, output, table=table)
        except ValueError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    if output:
        err_console.print(f"export: {n} rows written to {output}")


WIDE = {"sentence", "quote", "title", "office", "error", "change", "requires"}  # columns that wrap; the others stay on one line


def _table(title: str, columns: list[str], rows, **kw) -> Table:
    t = Table(title=title, **kw)
    cells = [["" if v is None else str(v) for v in r] for r in rows]
    for i, c in enumerate(columns):
        if c in WIDE:
            t.add_column(c, overflow="fold", ratio=1)
        else:  # dates, codes, numbers stay on one line; the rest wraps
            width = max([len(c)] + [len(r[i]) for r in cells])
            t.add_column(c, overflow="fold", min_width=width if width <= 12 else None)
    for r in cells:
        t.add_row(*r)
    return t


def summary(db: str | Path, console: Optional[Console] = None) -> None:
    """Per-outlet, per-month article counts (one row per outlet and month, so it fits any terminal)."""
    from .store import Store

    console = console or out_console
    with Store(db, read_only=True) as store:
        rows = store.by_outlet_month()
    per_outlet: dict[str, list[tuple[str, int]]] = {}
    for outlet, month, n in rows:
        per_outlet.setdefault(outlet, []).append((month, n))
    t = Table(title="Articles per outlet and month")
    for col, justify in (("outlet", "left"), ("month", "left"), ("articles", "right")):
        t.add_column(col, justify=justify)
    for outlet in sorted(per_outlet, key=lambda o: (-sum(n for _, n in per_outlet[o]), o)):
        months = sorted(per_outlet[outlet])
        for i, (month, n) in enumerate(months):
            t.add_row(outlet if i == 0 else "", month, str(n), end_section=i == len(months) - 1)
    console.print(t)


@app.command()
def errors(
    db: Path = DB_OPTION,
    limit: Optional[int] = typer.Option(None, "--limit", "-n"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """The stored items that failed: id, where they came from (file, file:line or URL), the error."""
    with _open_store(db, read_only=True) as store:
        cols, rows = store.failures(limit)
    _show(f"Failed items: {len(rows)}", cols, rows, as_json)


@app.command()
def stats(db: Path = DB_OPTION) -> None:
    """Counts: per outlet and month, errors, languages, event types."""
    with _open_store(db, read_only=True) as store:
        s = store.stats()
    c = s["counts"]
    out_console.print(f"{c['articles']} articles ({s['errors']} with errors), {c['people']} people, "
                      f"{c['quotes']} quotes, {c['events']} events")
    summary(db)
    out_console.print(_table("By outlet", ["outlet", "articles", "errors"], s["by_outlet"]))
    out_console.print(_table("By month", ["month", "articles"], s["by_month"]))
    if s["by_language"]:
        out_console.print(_table("By language", ["language", "articles"], s["by_language"]))
    if s["event_types"]:
        out_console.print(_table("Event types", ["type", "events"], s["event_types"]))
    if s["top_errors"]:
        out_console.print(_table("Errors", ["error", "articles"], s["top_errors"]))


def _show(title: str, columns: list[str], rows, as_json: bool) -> None:
    if as_json:
        for r in rows:
            out_console.file.write(json.dumps(dict(zip(columns, r)), ensure_ascii=False, default=str) + "\n")
    else:
        out_console.print(_table(title, columns, rows, show_lines=True))


@app.command()
def quotes(
    db: Path = DB_OPTION,
    speaker: str = typer.Option(..., "--speaker", "-s", help="Name (or part of it, any case, or an alias)."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """What someone said, when and where: quote, article date, outlet, title."""
    with _open_store(db, read_only=True) as store:
        cols, rows = store.quotes_by(speaker, limit)
    if not as_json:
        cols, rows = ["date", "outlet", "title", "speaker", "quote"], [r[:5] for r in rows]
    _show(f"Quotes by {speaker!r}: {len(rows)}", cols, rows, as_json)


@app.command()
def events(
    db: Path = DB_OPTION,
    dyad: str = typer.Option(..., "--dyad", help="Two countries as codes or names, e.g. JPN-RUS or "
                             "Japan-Russia (either direction)."),
    type_: Optional[str] = typer.Option(None, "--type", "-t", help="One PLOVER type, e.g. SANCTION."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Events between two countries: date, type, source, target, modality, intensity, evidence."""
    from .model import PLOVER_TYPES

    parts = _dyad(dyad)
    if type_ and type_.upper() not in PLOVER_TYPES:
        _fail(f"unknown type {type_!r}: one of {' '.join(PLOVER_TYPES)}")
    from .queries import events_between

    with _open_store(db, read_only=True) as store:
        cols, rows = events_between(store.con, parts[0], parts[1], type_.upper() if type_ else None, limit)
    title = f"{parts[0]}-{parts[1]} events{' ' + type_.upper() if type_ else ''}: {len(rows)}"
    if as_json:
        _show(title, cols, rows, as_json)
        return
    # Seven columns do not fit a terminal: one line of fields, then the evidence sentence under it.
    out_console.print(f"[bold]{title}[/bold]")
    for date, typ, source, target, modality, intensity, sentence, outlet, _ in rows:
        out_console.print(f"[bold]{date or '(undated)'}[/bold]  [cyan]{typ}[/cyan]  {source} -> {target or '-'}  "
                          f"{modality}  {'' if intensity is None else intensity}  [dim]{outlet or ''}[/dim]",
                          highlight=False, markup=True, soft_wrap=False)
        out_console.print(Padding(Text(" ".join((sentence or "").split())), (0, 0, 1, 4)))


# --- relations analysis (dyad.analysis: the same functions return pandas DataFrames) ------------

def _dyad(text: str) -> tuple[str, str]:
    from .analysis import DyadError, parse_dyad
    from .kb import KnowledgeBase

    try:
        return parse_dyad(text, KnowledgeBase.default(get_settings().offices_extra))
    except DyadError as exc:
        _fail(str(exc))


def _frame(title: str, frame, as_json: bool) -> None:
    """A DataFrame as a table (or JSON lines): floats rounded, lists joined."""
    def cell(v):
        if isinstance(v, float):
            return None if v != v else round(v, 2)
        if isinstance(v, list):
            return v if as_json else " | ".join(map(str, v))
        return v.date().isoformat() if hasattr(v, "date") and hasattr(v, "hour") else v
    rows = [tuple(cell(v) for v in r) for r in frame.itertuples(index=False)]
    _show(title, list(frame.columns), rows, as_json)


def _refresh_clusters(store) -> None:
    """Rebuild the cluster tables when they do not cover the stored events (writable stores only)."""
    from .analysis.clusters import build_clusters, has_clusters

    if not has_clusters(store.con):
        build_clusters(store.con)


@app.command()
def timeline(
    db: Path = DB_OPTION,
    dyad: str = typer.Option(..., "--dyad", help="Two countries: codes or names, e.g. JPN-RUS, Japan-Russia."),
    by: str = typer.Option("month", "--by", help="day | week | month"),
    directed: bool = typer.Option(False, "--directed", help="Only events from the first to the second."),
    types: bool = typer.Option(False, "--types", help="Also a column per PLOVER type."),
    all_periods: bool = typer.Option(False, "--all-periods", help="Also the periods without stories."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines (every column) instead of a table."),
) -> None:
    """Relations index per period with its 90% band, stories (events counted once however many
    outlets report them), quad classes, Goldstein sum/mean, change-points."""
    from .analysis import timeline as dyad_timeline
    from .analysis.timeline import QUADS

    a, b = _dyad(dyad)
    if by not in ("day", "week", "month"):
        _fail(f"--by wants day, week or month, not {by!r}")
    with _open_store(db) as store:
        _refresh_clusters(store)
        frame = dyad_timeline(store.con, a, b, by=by, directed=directed)
    if not as_json:
        quad_short = dict(zip(QUADS, ("v_coop", "m_coop", "v_conf", "m_conf")))
        if not all_periods:
            frame = frame[(frame.stories > 0) | frame.change_point]
        cols = ["period", "stories", "reports", *QUADS, "goldstein_sum", "goldstein_mean", "index", "index_low",
                "index_high", "change_point", "change"]
        shown = frame[cols] if not types else frame
        frame = shown.rename(columns=quad_short)
        frame["period"] = frame.period.dt.strftime("%Y-%m-%d" if by != "month" else "%Y-%m")
        frame["change_point"] = frame.change_point.map({True: "*", False: ""})
    _frame(f"{a}{'->' if directed else '-'}{b} by {by}: stories per verbal/material cooperation/conflict; "
           "index = mean Goldstein shrunk to the dyad's mean, with its 90% band; * = change-point", frame, as_json)


@app.command()
def clusters(
    db: Path = DB_OPTION,
    build: bool = typer.Option(False, "--build", help="Rebuild the cluster tables first."),
    threshold: float = typer.Option(0.5, "--threshold", help="MinHash Jaccard for near duplicates."),
    window: int = typer.Option(3, "--window", help="Days between reports of the same event."),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="Show the stories between two countries."),
    min_reports: int = typer.Option(2, "--min-reports", help="Stories with at least this many reports."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Near-duplicate articles (wire copies, re-posts) and same-event stories across outlets."""
    from .analysis import article_clusters, build_clusters, stories

    with _open_store(db) as store:
        if build:
            counts = build_clusters(store.con, threshold=threshold, window_days=window)
            err_console.print("clusters: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        else:
            _refresh_clusters(store)
        if dyad:
            a, b = _dyad(dyad)
            frame = stories(store.con, a, b, min_reports=min_reports)
            _frame(f"{a}-{b} stories with {min_reports}+ reports", frame.drop(columns=["sentence"]) if not as_json
                   else frame, as_json)
            return
        frame = article_clusters(store.con)
    _frame("Near-duplicate articles", frame.drop(columns=["article_hash"]), as_json)


@app.command()
def framing(
    db: Path = DB_OPTION,
    toward: Optional[str] = typer.Option(None, "--toward", help="Tone toward this country per outlet instead."),
    cluster: Optional[str] = typer.Option(None, "--cluster", help="Only the articles of one near-duplicate cluster."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Per outlet, beside its state affiliation: loaded-language spans per 1,000 words by technique
    (or, with --toward, mean tone toward a country)."""
    from .analysis import framing_by_outlet, tone_toward

    with _open_store(db, read_only=True) as store:
        if toward:
            a, _ = _dyad(f"{toward}-{toward}")
            _frame(f"Tone toward {a} per outlet (-1..+1)", tone_toward(store.con, a), as_json)
            return
        frame = framing_by_outlet(store.con, cluster)
    if not as_json:
        frame = frame.iloc[:, :8]
    _frame("Loaded language per outlet (spans per 1,000 words)", frame, as_json)


@app.command()
def conditions(
    db: Path = DB_OPTION,
    dyad: Optional[str] = typer.Option(None, "--dyad", help="Two countries: codes or names."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Conditions and signposts: claims that a change in a relationship depends on something."""
    from .analysis import conditions as dyad_conditions

    a, b = _dyad(dyad) if dyad else (None, None)
    with _open_store(db, read_only=True) as store:
        frame = dyad_conditions(store.con, a, b)
    if not as_json:
        frame = frame[["date", "country_a", "country_b", "speaker", "change", "requires", "marker", "outlet_name"]]
    _frame(f"Conditions{' ' + a + '-' + b if a else ''}: {len(frame)}", frame, as_json)


@app.command()
def alerts(
    db: Path = DB_OPTION,
    dyad: Optional[str] = typer.Option(None, "--dyad", help="Two countries (change-points need one)."),
    by: str = typer.Option("month", "--by", help="Period for change-points: day | week | month."),
    atom: Optional[Path] = typer.Option(None, "--atom", help="Also write the alerts as an Atom feed file."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Index change-points and first-of-a-kind events (first sanction in a year, ambassador summoned)."""
    from .analysis import alerts as dyad_alerts
    from .analysis import atom_feed

    a, b = _dyad(dyad) if dyad else (None, None)
    with _open_store(db) as store:
        _refresh_clusters(store)
        frame = dyad_alerts(store.con, a, b, by=by)
    if atom:
        name = f"{a}-{b}" if a else "all"
        atom_feed(frame, f"dyad alerts: {name}", f"tag:dyad,2026:alerts:{name}", atom)
        err_console.print(f"alerts: {len(frame)} entries written to {atom}")
    _frame(f"Alerts{' ' + a + '-' + b if a else ''}: {len(frame)}",
           frame if as_json else frame[["date", "dyad", "kind", "title", "outlet_name"]], as_json)


# --- dashboard and report (dyad.web) -------------------------------------------------------------

def _opt_day(text: Optional[str], name: str) -> Optional[dt.date]:
    from .web.queries import optional_day

    try:
        return optional_day(text, name)
    except ValueError as exc:
        _fail(str(exc))


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    memo_size: int = typer.Option(512, "--memo-size", help="Derived results and API answers kept until the "
                                  "database changes (0: none)."),
) -> None:
    """The dashboard and its JSON API over a database opened read-only per request (works during an ingest)."""
    import uvicorn

    from .kb import KnowledgeBase
    from .web.app import create_app

    if not db.is_file():
        _fail(f"no such database: {db}")
    web = create_app(db, KnowledgeBase.default(get_settings().offices_extra), memo_size=memo_size)
    err_console.print(f"dyad serve: http://{host}:{port}/  (API: http://{host}:{port}/openapi.json)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def report(
    db: Path = DB_OPTION,
    dyad: str = typer.Option(..., "--dyad", help="Two countries: codes or names, e.g. JPN-RUS."),
    start: Optional[str] = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day (YYYY-MM-DD)."),
    output: Path = typer.Option(Path("report.html"), "-o", "--output", help="HTML file to write."),
) -> None:
    """A self-contained HTML brief: index chart, key events with citations, who said what, outlets, conditions."""
    from .kb import KnowledgeBase
    from .web.report import write_report

    a, b = _dyad(dyad)
    if not db.is_file():
        _fail(f"no such database: {db}")
    path = write_report(db, a, b, output, _opt_day(start, "--from"), _opt_day(end, "--to"),
                        KnowledgeBase.default(get_settings().offices_extra))
    err_console.print(f"report: {a}-{b} written to {path}")


# --- knowledge base -----------------------------------------------------------------------------

@kb_app.command("who")
def kb_who(
    name: str = typer.Argument(..., help="A person's name or alias."),
    on: Optional[str] = typer.Option(None, "--on", help="YYYY-MM-DD: only offices held that day."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Who is NAME, and which offices they held (on a date)."""
    from .kb import KnowledgeBase

    day = None
    if on:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            _fail(f"--on wants YYYY-MM-DD, got {on!r}")
    found = KnowledgeBase.default(get_settings().offices_extra).who(name, day)
    if not found:
        err_console.print(f"no one named {name!r} in the knowledge base")
        raise typer.Exit(1)
    rows = []
    for person, terms in found:
        head = [person.name, person.country or ""]
        if not terms:
            rows.append(head + ["(no office on that day)" if day else "", "", "", person.kb_id])
        for t in terms:
            rows.append(head + [t.role, str(t.start), str(t.end or ""), person.kb_id])
    _show(f"{name}{' on ' + on if on else ''}", ["name", "country", "role", "from", "to", "kb_id"], rows, as_json)


@kb_app.command("import-wikidata")
def kb_import_wikidata(
    file: Path = typer.Argument(..., help="Wikidata export (JSON, JSON lines, .gz/.bz2) of people with P39 claims."),
    out: Path = typer.Option(Path("kb-extra"), "--out", help="Folder for the converted people/terms CSV files."),
) -> None:
    """Convert office holders from a Wikidata export into KB data files.

    Use them by setting DYAD_OFFICES_EXTRA to the --out folder.
    """
    from .kb import KnowledgeBase
    from .kb.wikidata import import_wikidata

    if not file.is_file():
        _fail(f"no such file: {file}")
    offices = KnowledgeBase.default(get_settings().offices_extra).offices
    try:
        report = import_wikidata(file, out, offices=offices)
    except (ValueError, OSError, EOFError) as exc:  # not JSON, bad gzip/bz2, unwritable --out, ...
        _fail(f"cannot import {file}: {' '.join(str(exc).split())[:300]}")
    typer.echo(report.summary())
    typer.echo(f"set DYAD_OFFICES_EXTRA={out} to use these office holders")


if __name__ == "__main__":
    app()
