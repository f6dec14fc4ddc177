"""A minimal source/target finder, used only when `events/actors.py` (the full one) is missing.

Subject -> source, object or "against/on/with/to X" -> target, "by X" in a passive -> source;
for nouns: possessive or demonym -> source ("Japan's sanctions", "Chinese embargo"), "anti-X" -> target.
Each side is resolved through the KB (`kb.actors.resolve`) on the dependent's phrase.
"""
from __future__ import annotations

from typing import Optional

from ..model import Actor

TARGET_PREPS = {"against", "on", "with", "to", "toward", "towards", "at", "into", "over", "upon", "from", "for"}


def _resolve(tok, kb) -> Optional[Actor]:
    actors = getattr(kb, "actors", None)
    if tok is None or actors is None or not hasattr(actors, "resolve"):
        return None
    words = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "appos") or t is tok]
    left = min(t.i for t in tok.subtree)
    right = max(t.i for t in tok.subtree if t.i <= tok.i + 3 or t in words)
    text = tok.doc[left:right + 1].text
    try:
        m = actors.resolve(text)
    except Exception:
        m = None
    if m is None or not m.country:
        return None
    return Actor(text=m.text, country=m.country, sector=m.sector)


def _subject(tok):
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c, False
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g, False
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "ccomp") and cur.head is not cur:
            if cur.dep_ in ("relcl", "acl"):
                return cur.head, True
            cur = cur.head
        else:
            break
    return None, False


def find_actors(trigger, kb, people=None) -> tuple[Optional[Actor], Optional[Actor]]:
    source = target = None
    if trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ == "poss" and source is None:
                source = _resolve(c, kb)
            elif c.dep_ in ("amod", "compound") and c.i < trigger.i:
                actor = _resolve(c, kb)
                if actor and c.lower_.startswith("anti"):
                    target = target or actor
                elif actor:
                    source = source or actor
            elif c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        actor = _resolve(g, kb)
                        if c.lower_ == "by":
                            source = source or actor
                        elif c.lower_ in TARGET_PREPS:
                            target = target or actor
        head = trigger.head
        if source is None and head is not trigger and head.pos_ in ("VERB", "AUX"):
            subj, _ = _subject(head)
            source = _resolve(subj, kb) if subj is not None else None
        return source, target
    subj, _ = _subject(trigger)
    if subj is not None:
        source = _resolve(subj, kb)
    for c in trigger.children:
        if target is not None:
            break
        if c.dep_ in ("dobj", "dative", "nsubjpass", "attr"):
            target = _resolve(c, kb)
            if target is None:
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in TARGET_PREPS | {"of"}:
                        for h in g.children:
                            if h.dep_ == "pobj":
                                target = target or _resolve(h, kb)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    target = _resolve(g, kb)
    return source, target
