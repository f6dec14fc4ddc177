"""Quotes and speaker attribution: direct quotations and reported speech, each with its speaker.

Two sources of quotes, merged per article:
- quotation marks in the body (`find_marks`): straight and curly, multi-paragraph, single quotes
  outside double ones; each quoted span is then judged speech or not (scare quotes, titles);
- reported speech from the spaCy parse (`frames`): a cue verb from `data/quotes/speech_verbs.csv`
  with its clause ("X said (that) ..."), "according to X, ...", "as X notes, ...", "In his view, ...".
A quotation inside a reported clause makes one mixed quote; a quotation standing alone is attributed
to the cue verb near it, the sentence before its colon, or the previous speaker (continuations).
Speakers resolve to a person's canonical name (people stage, or spaCy PERSON entities as a fallback),
an organisation's surface text, or None. All offsets are body offsets.

Modes (`Quotes(mode=...)`, else the `DYAD_QUOTES` environment variable):
- `direct` (default): only quotes that contain quoted words, whole or partial, with the reported
  clause around a partial quotation (the contract's "quoted words"; the seed gold's notion);
- `all`: also pure paraphrase ("X said that ...", "according to X, ..."), as PolNeAR annotates it.
"""
from .lexicon import Lexicon
from .marks import Mark, find_marks
from .stage import Quotes

__all__ = ["Quotes", "Lexicon", "Mark", "find_marks"]
