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

`DYAD_QUOTES=direct` keeps only quotes that contain quoted words (PolNeAR's notion of "direct");
the default `all` also keeps pure paraphrase.
"""
from __future__ import annotations

import csv
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from .model import Quote

DATA = Path(__file__).resolve().parent / "data" / "quotes"

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'
TERMINAL = ".?!…"
WORD_RE = re.compile(r"\w+")
# A single-quoted span outside double quotes: opener not after a letter, closer not before one.
SINGLE_RE = re.compile(r"(?<![\w])[‘']([^\W\d_][^‘’'\n]{0,300}?[\w.,!?…])[’'](?![\w])")
# "“…” ― Jane Doe": a signature after a quotation
DASH_RE = re.compile(r"[^\S\n]*[―—–-]+[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})[^\S\n]*(?:\n|$)")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acl", "relcl")
NP_DROP_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep"}
RELATIVE = {"who", "that", "which"}
GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


# --------------------------------------------------------------------------------------------
# Lexicon (data files)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> say | think | report
    source_preps: tuple[tuple[str, ...], ...]
    opinion_nouns: frozenset[str]
    speech_nouns: frozenset[str]
    role_nouns: frozenset[str]
    title_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    self_pronouns: frozenset[str]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls, folder: Path = DATA) -> "Lexicon":
        with (folder / "speech_verbs.csv").open(encoding="utf-8") as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            verbs = {row["lemma"].strip(): row["kind"].strip() for row in rows}
        cues = yaml.safe_load((folder / "cues.yaml").read_text(encoding="utf-8"))
        low = lambda items: frozenset(str(i).lower() for i in items)  # noqa: E731
        return cls(verbs=verbs,
                   source_preps=tuple(tuple(p) for p in cues["source_prepositions"]),
                   opinion_nouns=low(cues["opinion_nouns"]), role_nouns=low(cues["role_nouns"]),
                   speech_nouns=low(cues["speech_nouns"]),
                   title_nouns=low(cues["title_nouns"]),
                   person_pronouns=low(cues["pronouns"]["person"]),
                   group_pronouns=low(cues["pronouns"]["group"]),
                   self_pronouns=low(cues["pronouns"]["self"]))


# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------

@dataclass
class Mark:
    """A quoted span: `start`/`end` are the words inside the marks; `outer_*` include the marks."""
    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool = True


def _next_nonspace(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_marks(text: str) -> list[Mark]:
    """Quoted spans in `text`, in order. A quote left open at a paragraph end continues when the
    next paragraph opens with a quotation mark (newspaper style), else it ends with the paragraph."""
    text = text.replace("''", '"\x00')  # two apostrophes as one mark; same length, offsets hold
    marks: list[Mark] = []
    open_at: Optional[int] = None
    skip = -1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = _next_nonspace(text, i)
            if j < n and text[j] in OPEN_DOUBLE + STRAIGHT:
                skip = j  # the repeated opening mark of a continued quote
            else:
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    marks.append(Mark(s, e, open_at, e, closed=False))
                open_at = None
        elif ch in OPEN_DOUBLE or ch in CLOSE_DOUBLE or ch == STRAIGHT:
            if i == skip:
                pass
            elif ch == STRAIGHT and 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
                pass  # a straight quote used as an apostrophe ("country"s")
            elif open_at is None:
                if ch in OPEN_DOUBLE or (ch == STRAIGHT and i + 1 < n and not text[i + 1].isspace()):
                    open_at = i
            elif ch in CLOSE_DOUBLE or ch == STRAIGHT:
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    marks.append(Mark(s, e, open_at, i + 1))
                open_at = None
            else:  # a second opener: the first one was never closed
                open_at = i
        i += 1
    if open_at is not None:
        s, e = _trim(text, open_at + 1, n)
        if e > s:
            marks.append(Mark(s, e, open_at, e, closed=False))
    for m in marks:  # skip the second apostrophe of a '' pair
        if text[m.start:m.start + 1] == "\x00":
            m.start += 1
        if m.closed and text[m.end - 1:m.end] == '"' and text[m.end:m.end + 1] == "\x00":
            pass
        while m.end > m.start and text[m.end - 1] in '"\x00':
            m.end -= 1
        if m.closed and text[m.outer_end - 1:m.outer_end] == '"' and text[m.outer_end:m.outer_end + 1] == "\x00":
            m.outer_end += 1
    marks = [m for m in marks if m.end > m.start]
    # single quotes, only outside double ones (inside they are nested quotes of the same speaker)
    covered = [(m.outer_start, m.outer_end) for m in marks]
    for m in SINGLE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        marks.append(Mark(m.start(1), m.end(1), m.start(), m.end()))
    marks.sort(key=lambda m: m.start)
    return marks


# --------------------------------------------------------------------------------------------
# Reported speech frames from the parse
# --------------------------------------------------------------------------------------------

@dataclass
class Frame:
    """An attribution: a cue, the speaker's head token (or None), and the content span."""
    cue: int  # token index of the cue word
    speaker: Optional[int]  # token index of the speaker head
    start: int  # content, body offsets
    end: int
    has_quote: bool = False
    suppressed: bool = False
    kind: str = "clause"  # clause | object (a noun phrase object: quotes inside may be scare quotes)


def _span_chars(tokens) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _strip_punct(sp, lo: int, hi: int, keep_quotes: bool = True) -> tuple[int, int]:
    """Token range [lo, hi] without punctuation at its ends (quotation marks kept if asked)."""
    def droppable(t):
        if not (t.is_punct or t.is_space):
            return False
        return not (keep_quotes and t.is_quote)
    while lo <= hi and droppable(sp[lo]):
        lo += 1
    while hi >= lo and droppable(sp[hi]):
        hi -= 1
    return lo, hi


def _subject(verb, depth: int = 0):
    """The speaker of a cue verb: its subject, a passive agent, or the subject of the verb it hangs on."""
    found = _subject_any(verb, depth)
    if found is not None and "\n" in verb.doc.text[min(found.idx, verb.idx):max(found.idx, verb.idx)]:
        return None
    return found


def _subject_any(verb, depth: int = 0):
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            # "hopes were expressed": the subject is what was said, not who said it; but in
            # "X was forced to declare ..." the passive subject of the verb above is the speaker
            return child if depth > 0 else None
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth < 3 and verb.dep_ in CLIMB_DEPS and verb.head is not verb:
        return _subject_any(verb.head, depth + 1)
    return None


def _is_cue_verb(tok, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.verbs


def frames(sp, lex: Lexicon) -> list[Frame]:
    out: list[Frame] = []
    for tok in sp:
        if _is_cue_verb(tok, lex):
            if not any(c.dep_ == "ccomp" for c in tok.children):
                frame = _object_frame(sp, tok, lex)
                if frame is not None:
                    out.append(frame)
            for child in tok.children:
                if child.dep_ != "ccomp" and not (child.dep_ == "parataxis" and child.i < tok.i):
                    continue
                lo, hi = _strip_punct(sp, child.left_edge.i, child.right_edge.i)
                # do not let a clause run over the cue itself (inverted "..., X said, ...")
                if lo <= tok.i <= hi:
                    continue
                if hi - lo < 1:
                    continue
                s, e = _clip_paragraph(sp.text, tok.idx, *_span_chars(sp[lo:hi + 1]))
                if e - s < 3:
                    continue
                subj = _subject(tok)
                out.append(Frame(tok.i, subj.i if subj is not None else None, s, e))
        low = tok.lower_
        # "according to X, ..." and friends
        for prep in lex.source_preps:
            if low == prep[0] and [t.lower_ for t in sp[tok.i:tok.i + len(prep)]] == list(prep):
                frame = _source_prep_frame(sp, tok, len(prep))
                if frame:
                    out.append(frame)
        # "as X notes, ..." / "as noted by X, ..."
        if low == "as" and tok.i + 1 < len(sp):
            frame = _as_frame(sp, tok, lex)
            if frame:
                out.append(frame)
        # "In his opinion, ..."
        if low == "in" and tok.i + 2 < len(sp) and sp[tok.i + 2].lower_ in lex.opinion_nouns \
                and sp[tok.i + 1].tag_ == "PRP$":
            sent = tok.sent
            rest = [t for t in sp[tok.i + 3:sent.end] if not t.is_space]
            if rest and rest[0].text == ",":
                lo, hi = _strip_punct(sp, rest[0].i + 1, sent.end - 1)
                if hi > lo:
                    s, e = _span_chars(sp[lo:hi + 1])
                    out.append(Frame(tok.i, tok.i + 1, s, e))
    return out


OBJECT_DEPS = ("dobj", "xcomp", "oprd", "dative")


def _object_frame(sp, verb, lex: Lexicon) -> Optional[Frame]:
    """'X called for [a full inquiry]', 'X accused [Y of lying]': what a cue verb takes as its
    object is the content when it has no clause."""
    right = [c for c in verb.children if c.i > verb.i and (c.dep_ in OBJECT_DEPS or
             (c.dep_ == "prep" and c.lower_ in ("for", "of", "about", "on", "against", "to")))]
    if not right or not any(c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" for c in right):
        return None
    lo, hi = _strip_punct(sp, right[0].left_edge.i, right[-1].right_edge.i)
    if hi - lo < 1:
        return None
    s, e = _clip_paragraph(sp.text, verb.idx, *_span_chars(sp[lo:hi + 1]))
    if e - s < 3:
        return None
    subj = _subject(verb)
    if subj is None:
        return None
    return Frame(verb.i, subj.i, s, e, kind="object")


def _clip_paragraph(text: str, at: int, start: int, end: int) -> tuple[int, int]:
    """Clip [start, end) to the paragraph (line) holding offset `at`: a parse may run across lines."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    start, end = max(start, lo), min(end, hi)
    return _trim(text, start, end) if end > start else (start, start)


def _source_prep_frame(sp, tok, width: int) -> Optional[Frame]:
    """'according to X, CONTENT' or 'CONTENT, according to X'."""
    sent = tok.sent
    first = sp[tok.i + width] if tok.i + width < sent.end else None
    if first is None:
        return None
    # the source NP: up to the next comma or the sentence end
    j = first.i
    while j < sent.end and sp[j].text not in (",", ";", ":") and not sp[j].is_space:
        j += 1
    source = sp[first.i:j]
    if not len(source):
        return None
    head = source.root
    if tok.i <= sent.start + 1 and j < sent.end:  # source first: content is the rest
        lo, hi = _strip_punct(sp, j + 1, sent.end - 1)
    else:  # source last: content is what comes before
        lo, hi = _strip_punct(sp, sent.start, tok.i - 1)
    if hi - lo < 2:
        return None
    s, e = _span_chars(sp[lo:hi + 1])
    return Frame(tok.i, head.i, s, e)


def _as_frame(sp, tok, lex: Lexicon) -> Optional[Frame]:
    sent = tok.sent
    limit = min(sent.end, tok.i + 9)
    comma = next((t.i for t in sp[tok.i + 1:limit] if t.text == ","), None)
    if comma is None:
        return None
    inner = sp[tok.i + 1:comma]
    verbs = [t for t in inner if t.lemma_.lower() in lex.verbs and t.tag_.startswith("VB")]
    if not verbs:
        return None
    verb = verbs[0]
    if verb.i == tok.i + 1:  # "as noted by X": the source follows "by"
        by = next((t for t in inner if t.lower_ == "by"), None)
        if by is None or by.i + 1 >= comma:
            return None
        speaker = sp[by.i + 1:comma].root.i
    else:
        if verb.i - 1 < tok.i + 1:
            return None
        speaker = sp[tok.i + 1:verb.i].root.i
    if sp[speaker].lower_ in lex.self_pronouns:
        return None  # "as we said": the author
    if tok.i <= sent.start + 1 or sp[tok.i - 1].text == ",":
        lo, hi = _strip_punct(sp, comma + 1, sent.end - 1)
        if tok.i > sent.start + 1:  # "X, as Y notes, Z": content on both sides
            lo = sent.start
        if hi - lo < 2:
            return None
        s, e = _span_chars(sp[lo:hi + 1])
        return Frame(verb.i, speaker, s, e)
    return None


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

@dataclass
class PersonSpan:
    start: int
    end: int
    name: str
    subject: bool = False
    role: Optional[str] = None


class Speakers:
    """Turns a speaker head token into a person's name, an organisation's text, or None."""

    def __init__(self, doc, kb, lex: Lexicon, marks: Optional[list[Mark]] = None):
        self.doc, self.kb, self.lex = doc, kb, lex
        self.sp = doc.spacy
        self.persons = self._persons()
        # people named inside quotations are not antecedents for the narrator's pronouns
        self.outside = [p for p in self.persons
                        if not any(m.outer_start <= p.start < m.outer_end for m in marks or [])]
        self.last_person: Optional[tuple[int, str]] = None  # (position, name) of the last person speaker
        self.last_group: Optional[tuple[int, str]] = None
        self.genders: Optional[dict[str, str]] = None  # computed on the first pronoun

    def _persons(self) -> list[PersonSpan]:
        sp, doc = self.sp, self.doc
        out: list[PersonSpan] = []
        people = getattr(doc.record, "people", None) or []
        for m in getattr(doc, "mentions", None) or []:
            try:
                person = people[m.person]
            except (IndexError, TypeError):
                continue
            out.append(PersonSpan(m.start, m.end, person.name, role=m.role or person.role))
        if not out:  # people stage not there yet: spaCy PERSON entities, grouped by surname
            ents = [e for e in sp.ents if e.label_ == "PERSON"]
            forms: dict[str, dict[str, int]] = {}
            for e in ents:
                words = _name_words(e.text)
                if words:
                    bucket = forms.setdefault(words[-1], {})
                    bucket[" ".join(words)] = bucket.get(" ".join(words), 0) + 1
            names = {}
            for key, bucket in forms.items():
                full = [f for f in bucket if len(f.split()) >= 2] or list(bucket)
                names[key] = max(full, key=lambda f: (bucket[f], len(f)))
            for e in ents:
                words = _name_words(e.text)
                if words:
                    out.append(PersonSpan(e.start_char, e.end_char, names[words[-1]]))
        for p in out:
            span = sp.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and len(span):
                p.subject = any(t.dep_ in SUBJECT_DEPS for t in span) or span.root.dep_ in ("pobj",) and \
                    span.root.head.lower_ == "to" and span.root.head.head.lower_ == "according"
        out.sort(key=lambda p: p.start)
        return out

    def surname_person(self, text: str) -> Optional[str]:
        words = _name_words(text)
        if not words:
            return None
        for p in self.persons:
            if _name_words(p.name)[-1:] == words[-1:]:
                return p.name
        return None

    def np_text(self, head) -> str:
        keep = []
        def walk(t):
            keep.append(t)
            for c in t.children:
                if c.dep_ in NP_DROP_DEPS and (c.i > head.i or c.dep_ in ("punct", "appos")):
                    continue
                walk(c)
        walk(head)
        keep.sort(key=lambda t: t.i)
        line_start = self.doc.body.rfind("\n", 0, head.idx) + 1
        line_end = self.doc.body.find("\n", head.idx)
        line_end = len(self.doc.body) if line_end < 0 else line_end
        keep = [t for t in keep if line_start <= t.idx < line_end and not t.is_space]
        while keep and (keep[0].dep_ == "det" and keep[0].lower_ in ("the", "a", "an")):
            keep.pop(0)
        while keep and (keep[-1].tag_ == "POS" or keep[-1].is_punct):
            keep.pop()
        if not keep:
            return head.text if WORD_RE.search(head.text) else None
        text = self.doc.body[keep[0].idx:keep[-1].idx + len(keep[-1].text)]
        return text if WORD_RE.search(text) else None

    def resolve(self, head, at: int) -> Optional[str]:
        """Speaker string for the NP headed by `head`; `at` is the cue's body offset (for pronouns)."""
        if head is None:
            return None
        sp, lex = self.sp, self.lex
        low = head.lower_
        if head.pos_ == "PRON" or low in lex.person_pronouns | lex.group_pronouns | lex.self_pronouns:
            if low in lex.person_pronouns:
                return self._person_before(head.idx, GENDER.get(low))
            if low in lex.group_pronouns:
                return self.last_group[1] if self.last_group and head.idx - self.last_group[0] < 1500 else None
            return None
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        # a person named inside the NP (with apposition: "the spokeswoman, Maria Zakharova")
        for p in self.persons:
            if p.start < hi and p.end > lo and p.start >= lo - 1:
                return p.name
        if head.pos_ == "PROPN" and head.ent_type_ not in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            name = self.surname_person(head.text)
            if name:
                return name
        det = next((c for c in head.children if c.dep_ == "det"), None)
        if low in lex.role_nouns and det is not None and det.lower_ in ("the", "this", "that"):
            return self._role_person(low, head.idx) or self.np_text(head)
        return self.np_text(head)

    def _genders(self) -> dict[str, str]:
        """Each person's gender as the text shows it: an honorific, or the pronouns that follow
        when that person is the only one named just before."""
        votes: dict[str, dict[str, int]] = {}
        body = self.doc.body
        for p in self.outside:
            title = body[max(0, p.start - 5):p.start].lower()
            for word, g in (("mr.", "m"), ("mrs.", "f"), ("ms.", "f"), ("miss", "f")):
                if title.endswith(word + " ") or body[p.start:p.end].lower().startswith(word):
                    votes.setdefault(p.name, {}).setdefault(g, 0)
                    votes[p.name][g] += 3
        for tok in self.sp:
            g = GENDER.get(tok.lower_)
            if g is None:
                continue
            if tok.dep_ != "nsubj" or tok.i != tok.sent.start or tok.i == 0:
                continue  # only "He ..." opening the sentence right after one named subject
            prev = self.sp[tok.i - 1].sent
            near = {p.name for p in self.outside if prev.start_char <= p.start < tok.idx}
            if len(near) == 1 and any(p.subject for p in self.outside
                                      if prev.start_char <= p.start < tok.idx):
                name = near.pop()
                votes.setdefault(name, {}).setdefault(g, 0)
                votes[name][g] += 1
        return {name: max(v, key=v.get) for name, v in votes.items() if v}

    def _person_before(self, pos: int, gender: Optional[str] = None) -> Optional[str]:
        if self.genders is None:
            self.genders = self._genders()
        fits = lambda name: gender is None or self.genders.get(name, gender) == gender  # noqa: E731
        if self.last_person and pos - self.last_person[0] < 2000 and fits(self.last_person[1]):
            # the last person speaker, unless a person subject came after it
            later = [p for p in self.outside if self.last_person[0] < p.start < pos and p.subject and fits(p.name)]
            return later[-1].name if later else self.last_person[1]
        before = [p for p in self.outside if p.end <= pos and fits(p.name)]
        subjects = [p for p in before if p.subject]
        pick = subjects[-1] if subjects else (before[-1] if before else None)
        return pick.name if pick else None

    def _role_person(self, noun: str, pos: int) -> Optional[str]:
        before = [p for p in self.persons if p.end <= pos]
        body = self.doc.body
        for p in reversed(before):
            # the role the people stage found, else the words just before the name ("expert Jane Doe")
            role = (p.role or "") + " " + body[max(0, p.start - 60):p.start]
            if re.search(rf"\b{re.escape(noun)}\b", role.lower()):
                return p.name
        # "the deputy said" right after a person's quotation: that person; else no guess
        if self.last_person and 0 <= pos - self.last_person[0] < 600:
            return self.last_person[1]
        return None

    def note(self, speaker: Optional[str], pos: int) -> None:
        """Remember the last speaker (for pronouns and continuations)."""
        if not speaker:
            return
        if any(p.name == speaker for p in self.persons):
            self.last_person = (pos, speaker)
        else:
            self.last_group = (pos, speaker)


def _name_words(text: str) -> list[str]:
    text = re.sub(r"[’']s$", "", text.strip())
    return [w for w in text.split() if w[:1].isupper()]


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------

@dataclass
class _Item:
    start: int
    end: int
    cue_pos: int
    head: object  # speaker head token or None
    direct: bool
    speaker: Optional[str] = None
    fixed: bool = False  # speaker already known (continuation)
    continuation: bool = False
    standalone: bool = False  # a whole quotation standing alone: kept even without a speaker
    loose: bool = False  # kept only as the second half of a split quotation


class Quotes:
    name = "quotes"

    def __init__(self, kb=None, mode: Optional[str] = None):
        self.kb = kb
        self.lex = Lexicon.load()
        self.mode = (mode or os.environ.get("DYAD_QUOTES") or "all").lower()
        if self.mode not in ("all", "direct"):
            raise ValueError(f"DYAD_QUOTES must be 'all' or 'direct', not {self.mode!r}")

    def __call__(self, doc) -> None:
        sp = doc.spacy
        if sp is None or not doc.body.strip():
            return
        doc.quotes.extend(self.extract(doc))

    # -- pieces --------------------------------------------------------------------------

    def _tokens(self, sp, start: int, end: int):
        span = sp.char_span(start, end, alignment_mode="expand")
        return span if span is not None else sp[0:0]

    def _title_like(self, body: str, sp, mark: Mark, n_words: int) -> bool:
        """A short quotation that names something: 'the “Russian path”', 'a badge “For Cooperation”'."""
        if n_words > 4:
            return False
        inner = body[mark.start:mark.end]
        before = sp.char_span(0, mark.outer_start, alignment_mode="contract") if mark.outer_start else None
        prev = [t for t in (before or [])][-3:]
        if prev and prev[-1].lower_ in self.lex.title_nouns:
            return True
        words = inner.split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
            return True
        # "the" + (adjectives) + quoted noun phrase: a thing referred to by name
        for t in reversed(prev):
            if t.lower_ == "the":
                return True
            if t.pos_ not in ("ADJ", "PROPN", "NOUN") or t.tag_ == "POS":
                break
        return False

    def _governed_by_speech(self, tokens) -> Optional[object]:
        """The verb a partial quotation hangs on: a speech verb ('expressed “disappointment…”'), or a
        verb with a subject that characterises something in quoted words ('called the plan “a
        disaster”', 'dismissed Estonia as being in the “suburbs”'). None for a quotation inside a
        noun phrase ('an attempt to “divide”')."""
        if not len(tokens):
            return None
        head = tokens.root
        for _ in range(4):
            nxt = head.head
            if nxt is head:
                return None
            if _is_cue_verb(nxt, self.lex):
                return nxt
            if nxt.pos_ in ("NOUN", "PROPN", "PRON"):
                return None
            if nxt.pos_ == "VERB" and nxt.i < tokens.start and any(
                    c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in nxt.children):
                return nxt
            head = nxt
        return None

    def extract(self, doc) -> list[Quote]:
        body, sp, lex = doc.body, doc.spacy, self.lex
        marks = find_marks(body)
        speakers = Speakers(doc, self.kb, lex, marks)
        all_frames = frames(sp, lex)
        # cue verbs inside quotations are the quoted person's words, not attributions
        inside = lambda pos: any(m.start <= pos < m.end for m in marks)  # noqa: E731
        all_frames = [f for f in all_frames if not inside(sp[f.cue].idx)]
        # a clause that swallows an inverted attribution ('said: “Q,” he said') is a parse error
        all_frames = [f for f in all_frames
                      if not any(g is not f and f.start <= sp[g.cue].idx < f.end and g.end <= sp[g.cue].idx
                                 and f.start <= g.start for g in all_frames)]
        # one frame per content span (two cues may claim the same clause): keep the nearer cue
        items: list[_Item] = []
        loose: list[_Item] = []
        standalone: list[tuple[Mark, Optional[Frame]]] = []

        for mark in marks:
            tokens = self._tokens(sp, mark.start, mark.end)
            inner = body[mark.start:mark.end]
            n_words = len(WORD_RE.findall(inner))
            if n_words == 0:
                continue
            host = next((f for f in all_frames if f.start <= mark.start and mark.end <= f.end + 2
                         and len(WORD_RE.findall(body[f.start:f.end])) > n_words + 1
                         # an object that is just the quotation (plus adjuncts) is not a host
                         and (f.kind == "clause" or WORD_RE.search(body, f.start, mark.outer_start))), None)
            split_host = None
            if host is None:  # a quotation that starts inside a clause and runs past it
                split_host = next((f for f in all_frames if f.start <= mark.start < f.end < mark.end
                                   and f.start < mark.outer_start), None)
            stripped = inner.lstrip("…. ([")
            upper = stripped[:1].isupper()
            clause = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens)
            verb_root = len(tokens) > 0 and tokens.root.pos_ in ("VERB", "AUX")
            sentence_like = (upper and clause and n_words >= 3) or (n_words >= 6 and verb_root and clause) \
                or (upper and n_words >= 8)
            if split_host is not None:
                split_host.has_quote = True
                rest = _next_word(body, split_host.end, mark.end)
                if rest is not None and len(WORD_RE.findall(body[rest:mark.end])) >= 3:
                    standalone.append((Mark(rest, mark.end, rest, mark.outer_end, mark.closed), split_host))
                continue
            for f in all_frames:  # an object that is just this quotation: the quotation stands for it
                if f.kind == "object" and f is not host and f.start <= mark.start and mark.end <= f.end + 2:
                    f.suppressed = True
            if host is not None:
                if sentence_like or not self._title_like(body, sp, mark, n_words) and (
                        host.kind == "clause" or self._governed_by_speech(tokens) is not None):
                    host.has_quote = True
                continue
            if sentence_like and not (n_words <= 4 and self._title_like(body, sp, mark, n_words)):
                standalone.append((mark, None))
                continue
            verb = self._governed_by_speech(tokens)
            if verb is not None and not self._title_like(body, sp, mark, n_words):
                start = mark.start
                if verb.i < tokens.start:  # 'called [the plan “a disaster”]': the object belongs to it
                    after = next((t for t in sp[verb.i + 1:tokens.start] if not (t.is_punct or t.is_space)), None)
                    if after is not None and "\n" not in body[after.idx:mark.start]:
                        start = min(start, after.idx)
                items.append(_Item(start, mark.end, verb.idx, _subject(verb), True))
            elif upper:  # maybe the second half of a split quotation ('“A,” she said. “In my head.”')
                loose.append(_Item(mark.start, mark.end, mark.start, None, True, continuation=True, loose=True))

        # frames whose clause lies inside a standalone quotation lend it their speaker
        lent: dict[int, Frame] = {}
        for k, (mark, _) in enumerate(standalone):
            for f in all_frames:
                if mark.outer_start <= f.start and f.end <= mark.outer_end + 1:
                    f.suppressed = True
                    lent.setdefault(k, f)
        # the same content claimed twice: keep the first cue
        seen: set[tuple[int, int]] = set()
        for f in all_frames:
            if f.suppressed or (f.start, f.end) in seen:
                continue
            seen.add((f.start, f.end))
            if self.mode == "direct" and not f.has_quote:
                continue
            items.append(_Item(f.start, f.end, sp[f.cue].idx, sp[f.speaker] if f.speaker is not None else None,
                               f.has_quote))
        split_items: list[_Item] = []
        for k, (mark, host) in enumerate(standalone):
            if host is not None:
                items.append(_Item(mark.start, mark.end, sp[host.cue].idx,
                                   sp[host.speaker] if host.speaker is not None else None, True, standalone=True))
            elif k in lent:
                f = lent[k]
                split_items.append(_Item(mark.start, mark.end, sp[f.cue].idx,
                                         sp[f.speaker] if f.speaker is not None else None, True, standalone=True))
            else:
                head, cue_pos = self._attribute(sp, body, mark, marks, speakers)
                split_items.append(_Item(mark.start, mark.end, cue_pos if cue_pos is not None else mark.start,
                                         head, True, continuation=cue_pos is None, standalone=True))
        items.extend(split_items)
        items = [it for it in items if not it.direct] + _join_split(body, [it for it in items if it.direct] + loose)

        # resolve speakers in text order, so pronouns and continuations see earlier speakers
        items.sort(key=lambda it: (min(it.start, it.cue_pos), it.start))
        out: list[Quote] = []
        last: Optional[tuple[int, Optional[str]]] = None  # (end of the last direct quote, speaker)
        for it in items:
            if it.continuation and not it.fixed:
                gap = body[last[0]:it.start] if last else ""
                it.speaker = last[1] if last and gap.count("\n") <= 2 and len(gap) < 400 else None
            else:
                it.speaker = speakers.resolve(it.head, it.cue_pos)
            if it.speaker is None and not it.standalone:
                continue  # reported speech or a partial quotation with no one saying it
            speakers.note(it.speaker, max(it.cue_pos, it.start))
            if it.direct:
                last = (it.end, it.speaker)
            out.append(Quote(body[it.start:it.end], it.speaker, it.direct, it.start, it.end))
        out.sort(key=lambda q: (q.start, q.end))
        # identical spans from two routes: keep one
        unique: list[Quote] = []
        for q in out:
            if unique and unique[-1].start == q.start and unique[-1].end == q.end:
                continue
            unique.append(q)
        return unique

    def _attribute(self, sp, body: str, mark: Mark, marks: list[Mark], speakers: "Speakers"):
        """Speaker head and cue offset for a standalone quotation: a cue verb in its sentence(s)
        outside the quotation, or the sentence before a colon; (None, None) for a continuation."""
        quoted = lambda t: any(m.outer_start <= t.idx < m.outer_end for m in marks)  # noqa: E731
        first = self._tokens(sp, mark.outer_start, mark.outer_start + 1)
        last = self._tokens(sp, max(mark.outer_end - 1, mark.outer_start), mark.outer_end)
        sents = []
        if len(first):
            sents.append(first[0].sent)
        if len(last) and last[-1].sent != (sents[0] if sents else None):
            sents.append(last[-1].sent)
        # the paragraph holding the quote bounds the search
        para_start = body.rfind("\n", 0, mark.outer_start) + 1
        para_end = body.find("\n", mark.outer_end)
        para_end = len(body) if para_end < 0 else para_end
        cues = []
        for sent in sents:
            for t in sent:
                if para_start <= t.idx < para_end and not quoted(t) and _is_cue_verb(t, self.lex) \
                        and self.lex.verbs[t.lemma_.lower()] in ("say", "think"):
                    dist = mark.outer_start - t.idx if t.idx < mark.outer_start else t.idx - mark.outer_end
                    cues.append((dist, t))
        # "X's remark that “…”": the owner of a speech noun
        tokens = self._tokens(sp, mark.start, mark.end)
        if len(tokens):
            noun = tokens.root.head
            if noun.lemma_.lower() in self.lex.speech_nouns and not quoted(noun):
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return owner, noun.idx
        dash = DASH_RE.match(body, mark.outer_end)
        if dash:
            name = sp.char_span(dash.start(1), dash.end(1), alignment_mode="expand")
            if name is not None and len(name):
                return name.root, name.root.idx
        if cues:
            verb = min(cues, key=lambda c: c[0])[1]
            subj = _subject(verb)
            if subj is None or quoted(subj):  # the parser took a word of the quotation as subject
                subj = _near_np(verb, quoted)
            return subj, verb.idx
        # "…, saying:" then the quotation (same or next paragraph)
        k = mark.outer_start - 1
        while k >= 0 and body[k].isspace():
            k -= 1
        if k >= 0 and body[k] == ":":
            before = self._tokens(sp, max(0, k - 1), k)
            if len(before):
                sent = before[0].sent
                verbs = [t for t in sent if t.idx < k and _is_cue_verb(t, self.lex) and not quoted(t)]
                verb = verbs[-1] if verbs else sent.root
                subj = _subject(verb)
                if subj is None:  # a parse without a subject: the first person named in the sentence
                    first = next((p for p in speakers.outside if sent.start_char <= p.start < verb.idx), None)
                    span = sp.char_span(first.start, first.end, alignment_mode="expand") if first else None
                    subj = span.root if span is not None and len(span) else None
                return subj, verb.idx
        return None, None


def _near_np(verb, quoted):
    """A name or noun right after (inverted 'said Jane Doe') or before a cue verb, outside quotes."""
    sent = verb.sent
    after = [t for t in verb.doc[verb.i + 1:min(sent.end, verb.i + 5)]]
    before = [t for t in reversed(verb.doc[max(sent.start, verb.i - 3):verb.i])]
    for t in after + before:
        if t.is_punct or t.is_space or quoted(t):
            if t.is_punct and t in after:
                break
            continue
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            head = t
            while head.head is not head and head.dep_ in ("compound", "flat", "amod") and head.head.pos_ in ("PROPN", "NOUN"):
                head = head.head
            return head
    return None


def _join_split(body: str, items: list[_Item]) -> list[_Item]:
    """'“A,” he said. “B.”': one quote when B follows a short attribution of A (or of B) in the same
    paragraph. Loose pieces that join nothing are dropped."""
    items = sorted(items, key=lambda it: (it.start, -it.end))
    out: list[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        if prev is not None and prev.end <= it.start:
            gap = body[prev.end:it.start]
            # A's cue stands between them and B has no cue of its own (or shares A's)
            if "\n" not in gap and len(WORD_RE.findall(gap)) <= 30 and prev.end <= prev.cue_pos < it.start \
                    and (it.standalone or it.loose) and (it.continuation or it.cue_pos == prev.cue_pos):
                prev.end = it.end
                continue
        if not it.loose:
            out.append(it)
    return out


def _next_word(text: str, start: int, end: int) -> Optional[int]:
    m = WORD_RE.search(text, start, end)
    if not m:
        return None
    # back up to include an opening bracket or mark right before the word
    return m.start()
