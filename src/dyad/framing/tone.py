"""Tone toward each country an article mentions, at target level.

The body's sentences (spaCy) are cut into clauses at clause-level punctuation and contrastive
conjunctions (data/clause_breaks.yaml); each clause gets VADER's compound score (Hutto & Gilbert
2014, the `vaderSentiment` lexicon and rules). A country's tone is the mean score of the clauses that
name it (by name, demonym, capital or a composite like "Japanese Foreign Ministry"), so "Tokyo praised
Seoul but condemned Moscow" gives Seoul and Moscow opposite tones, where a document-level score gives
every country the same one. Clauses with no sentiment words (compound 0) still count: a country named
mostly in neutral clauses gets a tone near 0.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _breaks() -> re.Pattern:
    words = yaml.safe_load((DATA / "clause_breaks.yaml").read_text(encoding="utf-8"))
    alternatives = [re.escape(p) for p in words["punctuation"]]
    alternatives += [r"\b" + re.escape(w) + r"\b" for w in words["conjunctions"]]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def clauses(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each clause of one sentence `text` (offsets + `start`)."""
    out, pos = [], 0
    for m in _breaks().finditer(text):
        if text[pos:m.start()].strip():
            out.append((start + pos, start + m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((start + pos, start + len(text)))
    return out


def score(text: str) -> float:
    """VADER compound score of `text`, -1 .. +1."""
    return _analyzer().polarity_scores(text)["compound"]


def tone_by_country(body: str, sentences: list[tuple[int, int]], actors) -> dict[str, float]:
    """Mean clause tone per country named in `body` (sentences as (start, end) body offsets;
    `actors` an ActorLexicon). Rounded to 3 places; countries in sorted order."""
    scores: dict[str, list[float]] = defaultdict(list)
    for s, e in sentences:
        for cs, ce in clauses(body[s:e], s):
            named = {m.country for m in actors.find_all(body[cs:ce]) if m.country}
            if named:
                value = score(body[cs:ce])
                for country in named:
                    scores[country].append(value)
    return {c: round(sum(v) / len(v), 3) for c, v in sorted(scores.items())}


def document_tone(body: str) -> float:
    """The floor to beat: VADER's compound score of the whole body, the same for every country."""
    return score(body)
