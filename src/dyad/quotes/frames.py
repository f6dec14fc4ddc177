"""Reported speech from the spaCy parse: a cue with its speaker and content (`Frame`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..spacy_model import doc_text
from .lexicon import SpeechLexicon, cue_words
from .marks import _trim

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acl", "relcl", "prep", "dobj", "pobj")
MIN_OBJECT_WORDS = 3
# closed word lists: data/quotes/cues.yaml
RELATIVE = cue_words("relative_pronouns")
SOURCELESS_PASSIVES = cue_words("sourceless_passives")
ADVERBIAL_MARKS = cue_words("adverbial_marks")
QUESTION_WORDS = cue_words("question_words")  # subordinators that open an aside, not what was said
NOUN_CONTENT_PREPS = cue_words("noun_content_prepositions")
OBJECT_CONTENT_PREPS = cue_words("object_content_prepositions")


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
    question: bool = False  # an indirect question ("asked whether ...", "how much he missed him")
    relayed: bool = False  # "according to X, ...": X relays the content, which may name its own speaker
    sourceless: bool = False  # no one is named as saying it ("Asked whether ...", "X seems to ...")


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
    if found is not None and "\n" in doc_text(verb.doc)[min(found.idx, verb.idx):max(found.idx, verb.idx)]:
        return None
    return found


def _subject_any(verb, depth: int = 0):
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child  # a relative pronoun ("who said") resolves in Speakers
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            # "hopes were expressed": the subject is what was said, not who said it; but in
            # "X was forced to declare ..." the passive subject of the verb above is the speaker
            return child if depth > 0 else None
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth < 4 and verb.dep_ in CLIMB_DEPS and verb.head is not verb:
        return _subject_any(verb.head, depth + 1)
    return None


def inverted_subject(verb):
    """The name or noun phrase right after a cue verb in inverted order ('said Jane Doe', 'says a
    senior official,'), as its NP head."""
    sent = verb.sent
    for t in verb.doc[verb.i + 1:min(sent.end, verb.i + 5)]:
        if t.is_punct or t.is_space or t.is_quote:
            return None
        nxt = verb.doc[t.i + 1] if t.i + 1 < len(verb.doc) else None
        if t.pos_ == "NOUN" and t.i > verb.i + 1 and (nxt is None or nxt.is_punct or nxt.is_space):
            return t  # 'says a senior official.': a common noun closing the clause
        # a capitalised word the tagger took for something else ('said Skelly' as ADV) counts too
        if (t.pos_ == "PROPN" or t.is_title and t.is_alpha and not t.is_stop and t.pos_ in ("ADV", "X", "NOUN")) \
                and t.ent_type_ not in ("DATE", "TIME"):
            while t.head is not t and t.dep_ in ("compound", "flat") and t.head.pos_ == "PROPN":
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "PROPN", "NOUN"):
            return None
    return None


def preceding_subject(verb):
    """The noun phrase right before a cue verb on its line, when the parse gave the verb no subject."""
    doc = verb.doc
    t = doc[verb.i - 1] if verb.i > 0 else None
    while t is not None and t.pos_ in ("ADV", "AUX", "PART") and t.i > 0:  # "Shaw also has said"
        t = doc[t.i - 1]
    if t is None or t.is_space or "\n" in doc_text(doc)[t.idx:verb.idx]:
        return None
    if t.pos_ in ("PROPN", "NOUN") and t.ent_type_ not in ("DATE", "TIME"):
        return t
    return None


def _ends_sentence(sp, verb) -> bool:
    """The verb and its subject close the sentence: '…, said Jane Doe, a former envoy.'"""
    rest = [t for t in sp[verb.i + 1:verb.sent.end] if not (t.is_punct or t.is_space)]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and all(t.i in range(subj.left_edge.i, subj.right_edge.i + 1) or t.i < subj.i
                                    for t in rest)


def _is_cue_verb(tok, lex: SpeechLexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.verbs


def _noun_frame(sp, noun) -> Optional[Frame]:
    """"the senator's claim that ...", "her call for ...": a speech noun with its owner and what it holds."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    held = next((c for c in noun.children if c.i > noun.i and (c.dep_ in ("acl", "ccomp") or
                 c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS)), None)
    if held is None:
        return None
    lo, hi = _strip_punct(sp, held.left_edge.i, held.right_edge.i)
    if held.dep_ == "prep" and lo == held.i:
        lo += 1
    if hi - lo < 1:
        return None
    s, e = _clip_paragraph(doc_text(sp), noun.idx, *_span_chars(sp[lo:hi + 1]))
    return Frame(noun.i, owner.i, s, e, kind="object")


def _sourceless(tok, lex: SpeechLexicon) -> bool:
    """A cue that names no source: an agentless passive of asking or expecting ("Asked about it,
    ...", "X is expected to ..."), or an evidential verb ("X seems to ...")."""
    if lex.verbs.get(tok.lemma_.lower()) == "evidential":
        return True
    return tok.lemma_.lower() in SOURCELESS_PASSIVES and tok.tag_ == "VBN" \
        and not any(c.dep_ == "agent" for c in tok.children)


def _subject_clause_frame(sp, verb) -> Optional[Frame]:
    """'[Clinton] seems [to have found that ...]': the subject and the infinitive together."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subj is None or comp is None or subj.i > verb.i or subj.lower_ in RELATIVE:
        return None
    lo, hi = _strip_punct(sp, subj.left_edge.i, comp.right_edge.i)
    if hi - lo < 2:
        return None
    s, e = _clip_paragraph(doc_text(sp), verb.idx, *_span_chars(sp[lo:hi + 1]))
    return Frame(verb.i, None, s, e, kind="object", sourceless=True)


def frames(sp, lex: SpeechLexicon) -> list[Frame]:
    out: list[Frame] = []
    for tok in sp:
        cue = _is_cue_verb(tok, lex)
        if cue and _sourceless(tok, lex):
            frame = _subject_clause_frame(sp, tok)
            if frame is not None:
                out.append(frame)
            if frame is not None or lex.verbs[tok.lemma_.lower()] == "evidential":
                continue  # "appeared on television" is no report
        if cue:
            if not any(c.dep_ == "ccomp" for c in tok.children):
                frame = _object_frame(sp, tok, lex)
                if frame is not None:
                    out.append(frame)
            out += _clause_frames(sp, tok, lex)
            frame = _parenthetical_frame(sp, tok, lex)
            if frame is not None:
                out.append(frame)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.speech_nouns:
            frame = _noun_frame(sp, tok)
            if frame is not None:
                out.append(frame)
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
        if low == "in":
            frame = _opinion_frame(sp, tok, lex)
            if frame:
                out.append(frame)
    return out


def _clause_frames(sp, tok, lex: SpeechLexicon) -> list[Frame]:
    """The clauses a cue verb reports: its complement clause, or a clause before it that the parser
    took for parataxis or an adverbial clause."""
    out: list[Frame] = []
    # '…, said Jane Doe.' closing the sentence: what comes before is what was said, even when
    # the parser took it for an adverbial clause ('Because the list could …, said Doe')
    trailing = not any(c.dep_ in ("ccomp", "dobj") for c in tok.children) \
        and tok.i > 0 and sp[tok.i - 1].text == "," and _ends_sentence(sp, tok)
    for child in tok.children:
        if child.dep_ != "ccomp" and not (child.dep_ in ("parataxis", "advcl") and child.i < tok.i
                                          and (child.dep_ == "parataxis" or trailing)):
            continue
        # "X said, as fighters worked out, ...": an adverbial clause parsed as the content
        if any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in child.children):
            continue
        lo, hi = _strip_punct(sp, child.left_edge.i, child.right_edge.i)
        # do not let a clause run over the cue itself (inverted "..., X said, ...")
        if lo <= tok.i <= hi:
            continue
        if hi - lo < 1:
            continue
        s, e = _clip_paragraph(doc_text(sp), tok.idx, *_span_chars(sp[lo:hi + 1]))
        if e - s < 3:
            continue
        if _sourceless(tok, lex):
            out.append(Frame(tok.i, None, s, e, sourceless=True))
            continue
        subj = _subject(tok)
        if subj is None:  # a parse without a subject ('“…,” said David Brock', '..\n\nShaw said')
            subj = inverted_subject(tok) if child.i < tok.i else preceding_subject(tok)
        out.append(Frame(tok.i, subj.i if subj is not None else None, s, e,
                         question=sp[lo].lower_ in QUESTION_WORDS))
    return out


def _opinion_frame(sp, tok, lex: SpeechLexicon) -> Optional[Frame]:
    """"In his opinion, ...": the rest of the sentence is the owner's stated view."""
    if not (tok.i + 2 < len(sp) and sp[tok.i + 2].lower_ in lex.opinion_nouns and sp[tok.i + 1].tag_ == "PRP$"):
        return None
    sent = tok.sent
    rest = [t for t in sp[tok.i + 3:sent.end] if not t.is_space]
    if rest and rest[0].text == ",":
        lo, hi = _strip_punct(sp, rest[0].i + 1, sent.end - 1)
        if hi > lo:
            s, e = _span_chars(sp[lo:hi + 1])
            return Frame(tok.i, tok.i + 1, s, e)
    return None


def _parenthetical_frame(sp, verb, lex: SpeechLexicon) -> Optional[Frame]:
    """'This campaign, he says, is different.': an attribution set off by commas inside the clause
    it reports (parsed as parataxis); the content is that clause, the attribution words included,
    as one span."""
    if verb.dep_ != "parataxis" or verb.head.i < verb.i or any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
        return None
    subj = _subject(verb)
    if subj is None or subj.i > verb.i or subj.lower_ in lex.self_pronouns:
        return None
    left = subj.left_edge.i
    closing = sp[verb.i + 1:min(len(sp), verb.right_edge.i + 2)]
    if left == 0 or sp[left - 1].text != "," or not any(t.text == "," for t in closing):
        return None
    head = verb.head
    lo, hi = _strip_punct(sp, head.left_edge.i, head.right_edge.i)
    if hi - lo < 3:
        return None
    s, e = _clip_paragraph(doc_text(sp), verb.idx, *_span_chars(sp[lo:hi + 1]))
    return Frame(verb.i, subj.i, s, e)


OBJECT_DEPS = ("dobj", "xcomp", "oprd", "dative")


def _object_frame(sp, verb, lex: SpeechLexicon) -> Optional[Frame]:
    """'X called for [a full inquiry]', 'X accused [Y of lying]': what a cue verb takes as its
    object is the content when it has no clause."""
    right = [c for c in verb.children if c.i > verb.i and (c.dep_ in OBJECT_DEPS or
             (c.dep_ == "prep" and c.lower_ in OBJECT_CONTENT_PREPS))]
    if not right or not any(c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" for c in right):
        return None
    lo, hi = _strip_punct(sp, right[0].left_edge.i, right[-1].right_edge.i)
    if right[0].dep_ == "prep" and lo == right[0].i:  # "called for [a full inquiry]": the cue keeps "for"
        lo += 1
    if hi - lo < 1:
        return None
    s, e = _clip_paragraph(doc_text(sp), verb.idx, *_span_chars(sp[lo:hi + 1]))
    if len(doc_text(sp)[s:e].split()) < MIN_OBJECT_WORDS:  # "opposes the deal": an object, not a statement
        return None
    if _sourceless(verb, lex):
        return Frame(verb.i, None, s, e, kind="object", sourceless=True)
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
    k = j
    while k > first.i and (sp[k - 1].is_punct or sp[k - 1].is_space):  # not the full stop
        k -= 1
    source = sp[first.i:k]
    if not len(source):
        return None
    head = source.root
    # source first ('But the next day, according to X, Y did Z'): content is the rest
    lead_has_verb = any(t.pos_ in ("VERB", "AUX") for t in sp[sent.start:tok.i])
    if (tok.i <= sent.start + 1 or not lead_has_verb) and j < sent.end:
        lo, hi = _strip_punct(sp, j + 1, sent.end - 1)
    else:  # source last: content is what comes before
        lo, hi = _strip_punct(sp, sent.start, tok.i - 1)
    if hi - lo < 2:
        return None
    s, e = _span_chars(sp[lo:hi + 1])
    return Frame(tok.i, head.i, s, e, relayed=True)


def _as_frame(sp, tok, lex: SpeechLexicon) -> Optional[Frame]:
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
