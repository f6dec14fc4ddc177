"""Quotes and speaker attribution: direct quotations and reported speech, each with its speaker.

Two sources of quotes, merged per article:
- quotation marks in the body (`find_marks`): straight and curly, multi-paragraph, single quotes
  outside double ones; each quoted span is then judged speech or not (scare quotes, titles);
- reported speech from the spaCy parse (`frames`): a cue verb from `data/quotes/speech_verbs.csv`
  with its clause ("X said (that) ..."), "according to X, ...", "as X notes, ...", "In his view, ...".
A quotation inside a reported clause makes one mixed quote (the innermost report when "according to
X" relays one that names its own speaker); a quotation standing alone is attributed to the cue verb
near it, the sentence before its colon, a sentence right before it whose main verb is a speech verb
("Doe denied it. “…”"), the name before a dash ("But Doe — “…”"), or the previous report
(continuations). Speaker None is kept where the text names no source: an agentless "Asked whether
...", "X is expected to ...", "X seems to ..." (evidential verbs, kind `evidential` in
speech_verbs.csv). Scraped-text slips are tolerated: an opening mark used as a closer, a paragraph
that lost its opening mark; a quote never runs over input the cleaner removed.
Speakers resolve to a person's canonical name (people stage, or spaCy PERSON entities as a fallback):
pronouns and role nouns ("the senator") to the person meant, a bare surname to the person of that
name mentioned most, a name after an abbreviated title ("Capt. Jane Doe"), not the owner of a role
noun ("Doe's spokesman, John Roe" is Roe). Otherwise an organisation's text: "the ministry" as the
name it stands for ("the Harbour Ministry"), a document as its author ("a White House statement",
"the statement" after one), a capital as its country (KB). Abstract nouns ("as practice has shown")
are no speaker. All offsets are body offsets.

Modes (`Quotes(mode=...)`, else the `quote_mode` of the stage's `Settings`, env DYAD_QUOTES):
- `direct`: only quotes that contain quoted words, whole or partial, with the reported
  clause around a partial quotation (the contract's "quoted words"; the seed gold's notion);
- `reported` (default): also reported clauses ("X said (that) ...", "according to X, ...") but not indirect
  questions ("asked whether ...") or bare topics ("discussed the budget"): the notion of the
  real-news dev gold (abp_dev and our own annotations), which counts indirect quotes;
- `all`: also any object of a cue verb ("called for a full inquiry"), as PolNeAR annotates it.
A quotation split by its attribution ('“A,” she said, “B.”') is two quotes, neither holding the
attribution, both said by her; in `all` mode it is one span, PolNeAR's single attribution.
Speaker style (`Quotes(speakers=...)`): "resolved" (default in `direct` and `reported`) names the person a pronoun or
role noun stands for; "mention" (default in `all`, PolNeAR's convention) keeps the source as written
("he", "the mayor"). `direct` is typographic: words in double quotation marks ('' and single quotes
do not count), as in PolNeAR; `direct` mode still keeps words quoted those ways.
"""
from .lexicon import SpeechLexicon
from .marks import Mark, find_marks
from .stage import Quotes

__all__ = ["Quotes", "SpeechLexicon", "Mark", "find_marks"]
