"""The `dyad` command line: thin over the Python API."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="dyad: evidence-linked events, quotes, people and dates from news text.",
                  no_args_is_help=True)


@app.callback()
def main() -> None:
    """dyad: evidence-linked events, quotes, people and dates from news text."""


@app.command()
def annotate(
    infile: Optional[Path] = typer.Argument(None, help="Contract input JSONL (stdin when omitted)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output JSONL (stdout when omitted)."),
) -> None:
    """Annotate contract input lines; one article record per line, same order."""
    from .ingest import iter_jsonl
    from .pipeline import Pipeline

    src = infile.open("rb") if infile else sys.stdin.buffer
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        for record in Pipeline().annotate(iter_jsonl(src)):
            failed += record.error is not None
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if infile:
            src.close()
        if output:
            out.close()
    raise typer.Exit(1 if failed else 0)


if __name__ == "__main__":
    app()
