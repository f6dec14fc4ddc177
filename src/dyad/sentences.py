"""Paragraph breaks are hard sentence boundaries: a spaCy component run before the parser.

Scraped bodies often leave a paragraph without closing punctuation ("... ahead of the elections"
then a blank line, then "Hours before the deadline ..."); the parser would run the two into one
sentence, and every stage reading `doc.sents` (quotes, events, people) would see one clause.
A blank line always starts a sentence; a single line break does when the line before it is a
complete sentence (ends with closing punctuation), or when the line before ends in a word and the
next opens like a sentence (a capital, digit or opening quote): a heading or an attribution line
("― Jane Roe") over the next paragraph, as extractors separate paragraphs by one break. A break
inside a clause (after a comma, before a lower-case word or a parenthesis: a hard-wrapped line, a
cut inside a sentence) is left to the parser.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "dyad_paragraph_breaks"
TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«"


def _complete(text: str) -> bool:
    s = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(s) and s[-1] in TERMINAL


def _heading_over_paragraph(before: str, nxt: str) -> bool:
    """The line before ends in a word (not mid-clause punctuation); the next opens a sentence."""
    s = before.rstrip()
    return bool(s) and (s[-1].isalnum() or s[-1] in CLOSERS) and (
        nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in OPENERS)


@Language.component(NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    text = doc.text
    for tok in doc[:-1]:
        # A line break is either a whitespace token ("\n\n") or inside the one after a word.
        gap = tok.text if tok.is_space else tok.whitespace_
        if "\n" not in gap:
            continue
        nxt = doc[tok.i + 1]
        if nxt.is_space:
            continue  # the break is decided on the whitespace token itself
        before = text[:tok.idx + (0 if tok.is_space else len(tok.text))]
        if gap.count("\n") >= 2 or _complete(before) or _heading_over_paragraph(before, nxt.text):
            nxt.is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> Language:
    """Put the component before whatever sets sentence boundaries (parser or senter)."""
    if NAME in nlp.pipe_names:
        return nlp
    first = next((name for name in ("parser", "senter", "sentencizer") if name in nlp.pipe_names), None)
    if first:
        nlp.add_pipe(NAME, before=first)
    else:
        nlp.add_pipe(NAME, last=True)
    return nlp
