"""Modality of an event trigger: asserted, negated, intended, hypothetical, conditional or demanded.

Read from the dependency parse around the trigger: its auxiliaries ("must", "may", "will"), negation
("not", "no reason to", "never"), the verb that frames it ("plans to", "intends to", "refuses to"),
and the clause it sits in ("if Tokyo comes to its senses", "possible only after ..."). Word lists are
the `frames:` of data/verbs.yaml plus the closed-class lists of data/modality_words.yaml.
"""
from __future__ import annotations

from typing import Optional

from .words import load_words

WORDS = load_words("modality_words")
DEMAND_AUX = WORDS["demand_aux"]
HYPO_AUX = WORDS["hypo_aux"]
FUTURE_AUX = WORDS["future_aux"]
CONDITION_MARKS = WORDS["condition_marks"]
CONDITION_HEADS = WORDS["condition_heads"]
DEMAND_ADJ = WORDS["demand_adj"]
NEG_FRAME_NOUNS = WORDS["neg_frame_nouns"]
OPINION_VERBS = WORDS["opinion_verbs"]
OPINION_SUBJECTS = WORDS["opinion_subjects"]
ONLY_MARKS = WORDS["only_marks"]


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def clause_chain(tok, limit: int = 6):
    """The trigger, then the verbs/nouns that govern it, up to the clause that reports it.
    A relative clause, and an adverbial clause that is no condition ("because ...", "after ..."),
    are assertions of their own: the modality of the clause they hang from does not reach them."""
    chain = [tok]
    cur = tok
    while cur.head.i != cur.i and len(chain) < limit:
        if cur.dep_ in ("ccomp", "parataxis", "ROOT"):  # a reporting clause starts above here
            break
        if cur.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break  # "Japan, which imposed ...": a finite relative clause; "no reason to resume" inherits
        if cur.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in cur.children):
            break
        cur = cur.head
        chain.append(cur)
    return chain


def _negated(tok) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") or child.lower_ in ("never",):
            return True
    return False


def modality(trigger, frames: Optional[dict[str, str]] = None) -> str:
    """One of model.MODALITIES for the event anchored at `trigger` (a spaCy token)."""
    frames = frames or {}
    chain = clause_chain(trigger)
    negated = False
    kind = "asserted"
    for i, tok in enumerate(chain):
        lemma = _lemma(tok)
        # the trigger itself and each governing word may be negated ("did not follow", "no reason to")
        if _negated(tok):
            negated = not negated if i == 0 or tok.pos_ in ("VERB", "AUX", "NOUN") else negated
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") or child.tag_ == "MD":
                if low in DEMAND_AUX:
                    kind = _stronger(kind, "demanded")
                elif low in HYPO_AUX:
                    kind = _stronger(kind, "hypothetical")
                elif low in FUTURE_AUX:
                    kind = _stronger(kind, "intended")
            if child.dep_ == "mark" and low in CONDITION_MARKS and tok.dep_ in ("advcl", "ROOT", "ccomp") and i <= 2:
                kind = _stronger(kind, "conditional")
            if child.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and any(
                    m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children):
                kind = _stronger(kind, "conditional")  # "X will meet Y if ...": the act hangs on a condition
        if child_prep_only_after(tok):
            kind = _stronger(kind, "conditional")
        if i > 0:
            frame = frames.get(lemma)
            if frame and tok.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                kind = _stronger(kind, frame)
            if lemma in CONDITION_HEADS:
                kind = _stronger(kind, "conditional" if _has_only_after(tok) else "hypothetical")
            if lemma in DEMAND_ADJ:
                kind = _stronger(kind, "demanded")
            if lemma in NEG_FRAME_NOUNS and _negated(tok):
                negated = True
        if tok.dep_ in ("ccomp",):
            break
    top = chain[-1]
    if top.dep_ == "ccomp" and top.head.i != top.i:
        frame = top.head
        if _lemma(frame) in OPINION_VERBS and any(c.dep_ in ("nsubj", "expl") and c.lower_ in OPINION_SUBJECTS
                                                  for c in frame.children):
            kind = _stronger(kind, "hypothetical")
        if _lemma(frame) in DEMAND_ADJ or any(c.dep_ == "acomp" and _lemma(c) in DEMAND_ADJ for c in frame.children):
            kind = _stronger(kind, "demanded")  # "it is imperative that Japan talk with ..."
    if negated:
        return "negated"
    return kind


def child_prep_only_after(tok) -> bool:
    """`tok` is the object of "only after"/"only if" ("possible only after Japan ceases ...")."""
    head = tok.head
    if tok.dep_ in ("pcomp", "pobj", "advcl") and head.lower_ in ONLY_MARKS and head is not tok:
        return any(c.lower_ == "only" for c in head.children) or any(
            c.lower_ == "only" for c in head.head.children if c.i == head.i - 1)
    return False


def _has_only_after(tok) -> bool:
    return any(c.lower_ in ONLY_MARKS for c in tok.subtree)


_RANK = {"asserted": 0, "intended": 1, "hypothetical": 2, "demanded": 3, "conditional": 4}


def _stronger(current: str, new: str) -> str:
    return new if _RANK.get(new, 0) > _RANK.get(current, 0) else current
