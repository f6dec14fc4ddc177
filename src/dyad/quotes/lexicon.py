"""The quotes lexicon: speech verbs and cue words from `dyad/data/quotes/` (CSV and YAML).

`speech_verbs.csv` is the one speech-verb list: its `kind` column serves the quotes, its `also_for`
column names the other stages that read a verb (the event coder's reporting verbs, the people
stage's verbs of a speaker).
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "quotes"


def read_speech_verbs(folder: Path = DATA) -> list[dict[str, str]]:
    """The rows of `speech_verbs.csv` (comment lines skipped), each value stripped; a blank cell is ''."""
    with (folder / "speech_verbs.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [{key: (value or "").strip() for key, value in row.items()} for row in rows]


@functools.lru_cache(maxsize=2)
def _read_cues(folder: Path = DATA) -> dict:
    return yaml.safe_load((folder / "cues.yaml").read_text(encoding="utf-8"))


def cue_words(key: str) -> frozenset[str]:
    """One closed word list of `cues.yaml`, lower-cased (the frame and quote rules' small lists)."""
    return frozenset(str(w).lower() for w in _read_cues()[key])


@dataclass(frozen=True)
class SpeechLexicon:
    verbs: dict[str, str]  # lemma -> say | think | report
    source_preps: tuple[tuple[str, ...], ...]
    opinion_nouns: frozenset[str]
    speech_nouns: frozenset[str]
    document_nouns: frozenset[str]
    non_agent_suffixes: tuple[str, ...]
    non_agent_nouns: frozenset[str]
    agent_exceptions: frozenset[str]
    line_labels: frozenset[str]
    role_nouns: frozenset[str]
    title_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    self_pronouns: frozenset[str]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls, folder: Path = DATA) -> "SpeechLexicon":
        verbs = {row["lemma"]: row["kind"] for row in read_speech_verbs(folder)}
        cues = _read_cues(folder)
        low = lambda items: frozenset(str(i).lower() for i in items)  # noqa: E731
        return cls(verbs=verbs,
                   source_preps=tuple(tuple(p) for p in cues["source_prepositions"]),
                   opinion_nouns=low(cues["opinion_nouns"]), role_nouns=low(cues["role_nouns"]),
                   speech_nouns=low(cues["speech_nouns"]), document_nouns=low(cues["document_nouns"]),
                   non_agent_suffixes=tuple(cues["non_agent_suffixes"]),
                   non_agent_nouns=low(cues["non_agent_nouns"]),
                   agent_exceptions=low(cues["agent_exceptions"]),
                   line_labels=low(cues["line_labels_not_speakers"]),
                   title_nouns=low(cues["title_nouns"]),
                   person_pronouns=low(cues["pronouns"]["person"]),
                   group_pronouns=low(cues["pronouns"]["group"]),
                   self_pronouns=low(cues["pronouns"]["self"]))
