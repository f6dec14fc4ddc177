"""Quotes and speaker attribution: direct quotations and reported speech, each with its speaker.

Two sources of quotes, merged per article:
- quotation marks in the body (`find_marks`): straight and curly, multi-paragraph, single quotes
  outside double ones; each quoted span is then judged speech or not (scare quotes, titles);
- reported speech from the spaCy parse (`frames`): a cue verb from `data/quotes/speech_verbs.csv`
  with its clause ("X said (that) ..."), "according to X, ...", "as X notes, ...", "In his view, ...".
A quotation inside a reported clause makes one mixed quote; a quotation standing alone is attributed
to the cue verb near it, the sentence before its colon, or the previous speaker (continuations).
Speaker None is kept where the text names no source: an agentless "Asked whether ...", "X is expected
to ...", "X seems to ..." (evidential verbs, kind `evidential` in speech_verbs.csv).
Speakers resolve to a person's canonical name (people stage, or spaCy PERSON entities as a fallback),
an organisation's surface text, or None. All offsets are body offsets.

Modes (`Quotes(mode=...)`, else the `quote_mode` of the stage's `Settings`, env DYAD_QUOTES):
- `direct` (default): only quotes that contain quoted words, whole or partial, with the reported
  clause around a partial quotation (the contract's "quoted words"; the seed gold's notion);
- `all`: also pure paraphrase ("X said that ...", "according to X, ..."), as PolNeAR annotates it.
Speaker style (`Quotes(speakers=...)`): "resolved" (default in `direct`) names the person a pronoun or
role noun stands for; "mention" (default in `all`, PolNeAR's convention) keeps the source as written
("he", "the mayor"). `direct` is typographic: words in double quotation marks ('' and single quotes
do not count), as in PolNeAR; `direct` mode still keeps words quoted those ways.
"""
from .lexicon import SpeechLexicon
from .marks import Mark, find_marks
from .stage import Quotes

__all__ = ["Quotes", "SpeechLexicon", "Mark", "find_marks"]
