"""Source and target actors of an event trigger, read from the spaCy dependency parse.

`find_actors(trigger, kb, people)` answers "who did it to whom" for one trigger token (a verb or an
event noun): the subject (or passive agent, or possessor of a noun trigger) is the source; the
object or a prepositional object ("against Moscow", "on Russia", "with Japan") is the target. Each
argument is resolved to an actor through the mentions of the sentence: lexicon matches
(`kb.actors.find_all`) and people (`person_spans`), so "Russian President Vladimir Putin" and
"Maria Zakharova" (a RUS GOV person) are both actors.

Where the parse leaves a side empty: a reported clause takes the reporter ("Putin told Mori that the
dialogue with Japan will continue"); a clause with no subject and no object takes the nearest actor
before (source) or after (target) the trigger, as headline parses are often broken; and a side
still empty while the other is named takes the article's most mentioned other country (at least
SALIENT_MIN mentions), as in "Moscow withdrew from the talks" in an article about Japan.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

import yaml

from ..model import Actor
from ..spacy_model import doc_text

DATA = Path(__file__).parent / "data"


def _load_words() -> dict[str, list[str]]:
    words = yaml.safe_load((DATA / "actor_words.yaml").read_text(encoding="utf-8")) or {}
    for key in ("carry_out", "agent_of_nouns", "attitude_prefixes", "talk_nouns", "aimed_acts", "target_prepositions",
                "topic_prepositions", "pronouns", "relative_pronouns", "link_prepositions",
                "forum_prepositions", "instrument_prepositions", "former_qualifiers"):
        if not isinstance(words.get(key), list):
            raise ValueError(f"events/data/actor_words.yaml: `{key}` must be a list of words")
    return words

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "attr", "oprd"}
# Clauses whose words belong to another predication: never search inside them.
CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "csubj", "parataxis", "xcomp", "conj", "cc",
               "appos", "punct", "mark", "nsubj", "nsubjpass"}
# Verbs whose subject an infinitive or conjoined verb inherits.
SUBJECT_INHERIT_DEPS = {"xcomp", "conj", "advcl", "pcomp"}
LIGHT_OBJECT_DEPS = {"dobj", "nsubjpass"}
# Word lists of the actor rules live in data/actor_words.yaml (data over code).
WORDS = _load_words()
# Prepositions that introduce a target, best first.
TARGET_PREPS = tuple(WORDS["target_prepositions"])
PRONOUNS = frozenset(WORDS["pronouns"])
RELATIVE_PRONOUNS = tuple(WORDS["relative_pronouns"])
LINK_PREPS = tuple(WORDS["link_prepositions"])
FORUM_PREPS = tuple(WORDS["forum_prepositions"])
INSTRUMENT_PREPS = tuple(WORDS["instrument_prepositions"])
# Verbs whose subject performs the event named by their object ("Japan imposed sanctions").
CARRY_OUT = frozenset(WORDS["carry_out"])
# Event nouns whose "of" phrase names the actor, not the target ("the request of Biden").
AGENT_OF_NOUNS = frozenset(WORDS["agent_of_nouns"])
# Nouns of talking, whose "on/about/over X" is the topic ("talks on Ukraine").
TALK_NOUNS = frozenset(WORDS["talk_nouns"])
AIMED_ACTS = frozenset(WORDS["aimed_acts"])
TOPIC_PREPS = tuple(WORDS["topic_prepositions"])
# A mention glued to these prefixes is an attitude, not an actor ("anti-Russian campaign").
ATTITUDE_PREFIXES = tuple(WORDS["attitude_prefixes"])
AIMING_VERBS = frozenset(WORDS.get("aiming_verbs") or ())
CONDITION_MARKS = frozenset(WORDS.get("condition_marks") or ())
MEETING_VERBS = frozenset(WORDS.get("meeting_verbs") or ())
TOPIC_NOUNS = frozenset(WORDS.get("topic_nouns") or ())


@dataclass(frozen=True)
class ActorMention:
    """One actor mention in a sentence: char span (doc offsets), tokens, the actor it names."""
    start: int
    end: int
    tokens: tuple  # token indices (doc positions)
    head: int  # index of the token that heads the span
    actor: Actor
    person: bool = False


def _span_tokens(span, start: int, end: int) -> list:
    """Tokens of a spaCy span (or doc) that overlap the characters [start, end)."""
    return [t for t in span if t.idx < end and t.idx + len(t) > start]


def _head_of(tokens: Sequence) -> object:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head is t:
            return t
    return tokens[-1]


def _people_list(people) -> list[tuple[int, int, Optional[str], Optional[str], Optional[str]]]:
    """person_spans() tuples (start, end, country, sector[, text]), malformed ones skipped."""
    out = []
    for item in people or ():
        try:
            s, e, country, sector, *rest = list(item) + [None] * 2
            text = rest[0] if isinstance(rest[0], str) else None
            out.append((int(s), int(e), country, sector, text))
        except (TypeError, ValueError):
            continue
    return out


def sentence_actors(sent, kb, people=None) -> list[ActorMention]:
    """All actor mentions of a spaCy sentence span, in order, with their tokens.

    People mentions take precedence where they overlap a lexicon match; a person with no known
    country borrows the country of a lexicon match in the same phrase ("Russian President Putin").
    """
    doc = sent.doc
    base = sent.start_char
    text = sent.text
    found: list[ActorMention] = []
    # lexicon matches, with bare agent nouns ("gunmen", "a grand jury")
    for m in kb.actors.find_all(text, agents=True):
        if text[:m.start].lower().endswith(ATTITUDE_PREFIXES):
            continue  # "anti-Russian sanctions", "pro-Western": an attitude, not a party
        toks = _span_tokens(sent, base + m.start, base + m.end)
        toks = [t for t in toks if sent.start <= t.i < sent.end]
        if not toks:
            continue
        head = _head_of(toks)
        found.append(ActorMention(base + m.start, base + m.end, tuple(t.i for t in toks), head.i,
                             Actor(m.text, m.country, m.sector)))
    persons: list[ActorMention] = []
    for s, e, country, sector, ptext in _people_list(people):
        if e <= sent.start_char or s >= sent.end_char:
            continue
        toks = [t for t in _span_tokens(sent, s, e) if sent.start <= t.i < sent.end]
        if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks):
            continue  # a name the parse reads as a verb is a misdetection ("Will Withdraw ...")
        head = _head_of(toks)
        full = doc_text(doc)
        surface = full[s:e] if 0 <= s < e <= len(full) else (ptext or head.text)
        persons.append(ActorMention(s, e, tuple(t.i for t in toks), head.i,
                               Actor(surface, country, sector), person=True))
    if persons:
        kept = [m for m in found if not any(p.start < m.end and m.start < p.end for p in persons)]
        merged = []
        for p in persons:
            if p.actor.country is None:
                # "Russian Foreign Minister Sergei Lavrov": the lexicon match right before the
                # name, or one of the name's own modifiers, lends its country.
                near = [m for m in kept if m.actor.country and (
                    0 <= p.start - m.end <= 2 or doc[m.head].head.i == p.head)]
                if near:
                    m = near[-1]
                    p = ActorMention(p.start, p.end, p.tokens, p.head,
                                Actor(p.actor.text, m.actor.country, p.actor.sector or m.actor.sector),
                                person=True)
            merged.append(p)
        found = kept + merged
    found.sort(key=lambda m: m.start)
    return found


def _sentence_actors_once(sent, kb, people) -> list[ActorMention]:
    """`sentence_actors`, computed once per sentence, knowledge base and people list, however many
    triggers the sentence holds (kept with the parse, in its `user_data`)."""
    cache = sent.doc.user_data.setdefault("dyad_sentence_actors", {})
    kept = cache.get((sent.start, sent.end))
    if kept is None or kept[0] is not kb or kept[1] is not people:
        kept = cache[(sent.start, sent.end)] = (kb, people, tuple(sentence_actors(sent, kb, people)))
    return list(kept[2])


# --------------------------------------------------------------------------- argument search

def _by_token(mentions: Iterable[ActorMention]) -> dict[int, ActorMention]:
    out: dict[int, ActorMention] = {}
    for m in mentions:
        for i in m.tokens:
            out.setdefault(i, m)
    return out


def _actor_in(tok, index: dict[int, ActorMention], depth: int = 3, exclude=(),
              avoid: frozenset = frozenset()) -> Optional[ActorMention]:
    """The actor named by the phrase headed by `tok`: the token's own mention, else the nearest
    mention in its phrase (breadth first, not entering clauses), preferring one with a country.
    A mention of a country in `avoid` (the other side's) gives way to a possessor of another country
    ("urged Russia's U.S. ambassador", by a US speaker), and as an owner to what follows ("its troops
    in Ukraine")."""
    first_any: Optional[ActorMention] = None
    avoided: Optional[ActorMention] = None
    frontier = [tok]
    for _ in range(depth + 1):
        nxt = []
        for t in frontier:
            m = index.get(t.i)
            if m is not None and m not in exclude:
                if m.actor.country in avoid and tok.doc[m.head].dep_ == "poss":
                    avoided = avoided or m  # "its forces in Ukraine": look on past the owner
                elif m.actor.country in avoid:
                    # the phrase names the other side's own ("the U.S. presence in X"), unless a possessor
                    # names another country ("Russia's U.S. ambassador")
                    return _possessor(tok.doc[m.head], index, exclude, avoid) or m
                elif m.actor.country:
                    return m
                first_any = first_any or m
            for c in t.children:
                if c.dep_ in CLAUSE_DEPS and not (c.dep_ == "appos" and (t is tok or c.pos_ == "PROPN")):
                    continue
                nxt.append(c)
        frontier = nxt
        if not frontier:
            break
    return avoided or first_any


def _conjuncts(m: ActorMention, doc, index: dict[int, ActorMention]) -> list[ActorMention]:
    """The mention and the actors conjoined with it ("Japan, the US and NATO"), including
    sibling subjects, as parsers often attach each item of a list to the verb."""
    out = [m]
    tok = doc[m.head]
    others = list(tok.conjuncts)
    for c in tok.children:  # "the US, Russia, and Switzerland" parsed as apposition
        if c.dep_ == "appos":
            others += [c] + list(c.conjuncts)
    if tok.dep_ in SUBJ | PASS_SUBJ:
        for sib in tok.head.children:
            if sib.dep_ == tok.dep_ and sib is not tok:
                others += [sib] + list(sib.conjuncts)
    for c in others:
        cm = _actor_in(c, index, depth=1)
        if cm is not None and cm not in out:
            out.append(cm)
    return sorted(out, key=lambda x: x.start)


def _subject_of(verb, index, depth=0) -> tuple[Optional[object], bool]:
    """(subject token, passive?) of a verb, climbing to the verb it inherits a subject from."""
    for c in verb.children:
        if c.dep_ in SUBJ:
            if c.lower_ in PRONOUNS and c.i not in index and depth < 3 and verb.head is not verb:
                # "Japan said it would respond": the pronoun stands for the reporting subject.
                up, _ = _subject_of(verb.head, index, depth + 1)
                if up is not None:
                    return up, False
                if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head, False
            return c, False
    if verb.dep_ == "relcl":  # "Japan, which imposed sanctions"; "sees no reason to resume"
        noun = verb.head
        if noun.i not in index and depth < 3:
            owner = _noun_owner(noun, index, depth)
            if owner is not None:
                return owner, False
        return noun, False
    if (verb.dep_ in SUBJECT_INHERIT_DEPS or _verb_list(verb)) and verb.head is not verb and depth < 3:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "xcomp":  # "Obama is scheduled to attend": the passive subject acts
                patient = next((c for c in head.children if c.dep_ in PASS_SUBJ), None)
                if patient is not None:
                    return patient, False
            return _subject_of(head, index, depth + 1)
        if verb.dep_ == "pcomp":  # "began the process of withdrawing": the owner of the noun
            owner = _noun_owner(head, index, depth)
            if owner is not None:
                return owner, False
    if verb.dep_ == "acl":
        if verb.tag_ == "VBN":  # "sanctions imposed by Japan": no subject, the agent may say
            return None, True
        noun = verb.head  # "the last member to apply sanctions", "a commitment to ease"
        if noun.i in index:
            return noun, False
        owner = _noun_owner(noun, index, depth)
        return (owner if owner is not None else noun), False
    return None, False


def _noun_owner(noun, index, depth) -> Optional[object]:
    """Whose is a noun with no actor of its own: the possessor, or the subject of the clause it
    completes ("Japan was the last member", "Japan made a commitment", "Russia began the process")."""
    for c in noun.children:
        if c.dep_ == "poss" and (c.lower_ not in PRONOUNS or c.i in index):
            return c
    agent = _agent_of(noun)  # "attempts by Kerry to broker a truce"
    if agent is not None and agent.i in index:
        return agent
    up = noun.head
    if noun.dep_ == "pobj" and up.dep_ == "prep":
        up = up.head
    if up is noun or depth >= 3 or up.pos_ not in ("VERB", "AUX"):
        return None
    if noun.dep_ in ("attr", "dobj", "pobj", "oprd"):
        subj, passive = _subject_of(up, index, depth + 1)
        return None if passive else subj
    return None


def _agent_of(verb) -> Optional[object]:
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _prep_objects(tok, preps=TARGET_PREPS) -> list:
    """(rank, pobj) for the prepositional objects under tok, best preposition first."""
    found = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    found.append((preps.index(c.lower_), g))
                elif g.dep_ == "pcomp":  # "away from X"
                    for h in g.children:
                        if h.dep_ == "pobj":
                            found.append((preps.index(c.lower_), h))
    return [g for _, g in sorted(found, key=lambda x: x[0])]


def _targets(trigger, index, exclude) -> Optional[ActorMention]:
    """The target: direct objects first, then prepositional objects of the trigger and of its object.
    A mention of the source's own country ("its forces", "the U.S. envoy") is kept only when no other
    country is found; a possessor names the other side ("urged Russia's U.S. ambassador")."""
    objs = [c for c in trigger.children if c.dep_ in OBJ]
    avoid = frozenset(m.actor.country for m in exclude if m.actor.country)
    own: list[ActorMention] = []

    def found(m: Optional[ActorMention]) -> Optional[ActorMention]:
        if m is None or not m.actor.country:
            return None
        if m.actor.country in avoid:
            own.append(m)
            return None
        return m

    for o in objs:
        m = index.get(o.i)
        if m is not None and m not in exclude and m.actor.country:
            return found(m) or _possessor(o, index, exclude, avoid) or m
    # the object's possessor: "blamed Russia's failure for the attack in Syria"
    for o in objs:
        m = _possessor(o, index, exclude, avoid)
        if m is not None:
            return m
    # all prepositional objects of the trigger and of its objects, best preposition first
    ranked = []
    for t in [trigger] + objs:
        for c in t.children:
            if t is not trigger and c.lower_ in TOPIC_PREPS and t.lemma_.lower() in TALK_NOUNS:
                continue  # "held talks on Bolivia": the topic of the talks
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS[:-1]:
                ranked += [(TARGET_PREPS.index(c.lower_), t is not trigger, p) for p in _prep_objects(t, (c.lower_,))]
    cands = []
    for _, _, p in sorted(ranked, key=lambda x: (x[0], x[1])):
        if p not in cands:
            cands.append(p)
    for p in cands:
        m = found(_actor_in(p, index, depth=3, exclude=exclude, avoid=avoid))  # "to the leader of the X party Y"
        if m is not None:
            return m
    for o in objs:
        if o.lemma_.lower() in TALK_NOUNS:
            continue  # "held talks on Bolivia": the partner comes with "with", handled above
        m = _actor_in(o, index, depth=3, exclude=exclude, avoid=avoid)
        if m is not None and m.actor.country:
            return m
    for p in _prep_objects(trigger, ("in",)) if trigger.lemma_.lower() not in MEETING_VERBS else ():
        m = found(_actor_in(p, index, depth=4, exclude=exclude))  # (where people meet is no party: "meet in Geneva")
        if m is not None:
            return m
    # "sanctions on a company linked to Japan": through a participle clause, last
    for p in cands:
        for c in p.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for q in _prep_objects(c, LINK_PREPS):
                    m = found(_actor_in(q, index, depth=1, exclude=exclude))
                    if m is not None:
                        return m
    return own[0] if own else None


def _possessor(noun, index, exclude, avoid) -> Optional[ActorMention]:
    for c in noun.children:
        m = index.get(c.i) if c.dep_ == "poss" else None
        if m is not None and m not in exclude and m.actor.country and m.actor.country not in avoid:
            return m
    return None


def _noun_actors(noun, index) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """Source and target inside a nominal trigger's phrase: "Japan's sanctions against Russia",
    "the embargo by China on Japan", "Russian strikes on Kyiv"."""
    source = None
    agent = _agent_of(noun)
    for c in noun.children:  # "concessions made by Russia"
        if agent is None and c.dep_ == "acl" and c.tag_ == "VBN":
            agent = _agent_of(c)
    if agent is not None:
        source = _actor_in(agent, index, depth=2)
    if source is None and noun.lemma_.lower() in AGENT_OF_NOUNS and not (noun.dep_ == "pobj" and noun.head.lower_ == "in"):
        # "at the request of Biden", "the visit of the minister": the "of" phrase acts
        # ("in support of X", "in protest of X": X is the target)
        for p in _prep_objects(noun, ("of",)):
            source = _actor_in(p, index, depth=2)
            if source is not None:
                break
    target = None
    if source is None:
        mods = []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i:
                m = _actor_in(c, index, depth=2)
                if m is not None and m.actor.country and m not in mods:
                    mods.append(m)
                for t in c.subtree:  # "Moscow-Tokyo": one modifier may hold two names
                    if t.dep_ in ("compound", "amod", "nmod", "poss") and t.i in index:
                        m = index[t.i]
                        if m.actor.country and m not in mods:
                            mods.append(m)
        # "Moscow-Tokyo dialogue", "U.S.-Russian relations": the first acts, the second receives
        mods = sorted({m.start: m for m in mods}.values(), key=lambda m: m.start)
        if mods:
            source = mods[0]
        if len(mods) > 1 and mods[1].actor.country != source.actor.country:
            target = mods[1]
    if target is not None:
        return source, target
    preps = TARGET_PREPS[:-1]
    if noun.lemma_.lower() in TALK_NOUNS:  # "talks on Ukraine": the topic, not the partner
        preps = tuple(p for p in preps if p not in TOPIC_PREPS)
    for p in _prep_objects(noun, preps):
        m = _actor_in(p, index, depth=2, exclude=(source,) if source else ())
        if m is not None and m.actor.country:
            target = m
            break
    if target is None:
        target = _aimed_at(noun, index, source)
    if target is None:  # "demands that China change its laws": the one asked to act
        for subj in marked_clause_subjects(noun, ("acl", "ccomp"), ("that",)):
            m = _actor_in(subj, index, depth=1)
            if m is not None and m.actor.country and not (source and m.actor.country == source.actor.country):
                target = m
    return source, target


def marked_clause_subjects(tok, deps, marks, subject_deps=SUBJ):
    """Subjects of the clauses under `tok` (dependency in `deps`) that a mark in `marks` introduces:
    "demands that China change" -> China, "will build missiles if the US exits" -> the US."""
    for c in tok.children:
        if c.dep_ in deps and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children):
            subj = next((g for g in c.children if g.dep_ in subject_deps), None)
            if subj is not None:
                yield subj


def _aimed_at(noun, index, source) -> Optional[ActorMention]:
    """The target named deep in the phrase an event noun is aimed at: a participle ("airstrikes
    targeting sites in X", "sanctions aimed at X") or "on/against" people described by a clause
    ("sanctions on firms that do business with X's military"), whatever the depth."""
    for c in noun.children:
        # "talks on X", "an agreement on X": a topic, not a target
        aimed_prep = c.dep_ == "prep" and c.lower_ in ("on", "against") and not _talk_phrase(noun) \
            and noun.lemma_.lower() not in TOPIC_NOUNS
        if c.dep_ == "acl" and c.lemma_.lower() in AIMING_VERBS or aimed_prep:
            for t in sorted(c.subtree, key=lambda t: t.i):
                m = index.get(t.i)
                if m is not None and m.actor.country and m is not source:
                    return m
    return None


# clauses with their own predication: a mention inside them is no party of the trigger's event
OTHER_CLAUSES = {"relcl", "acl", "conj", "parataxis", "appos", "csubj", "cc"}


def _own_phrase(trigger) -> set:
    """Token ids of the trigger's own phrase: its subtree, without relative clauses, conjoined
    predicates, conditions and topics ("talks on Ukraine"). An event noun used as an instrument
    ("responded with an embargo") shares the phrase of its verb ("..., dealing a blow to X")."""
    scope = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and trigger.head.lower_ in ("with", "by") \
            and trigger.head.head.pos_ == "VERB":
        scope = trigger.head.head
    out = set()

    def walk(tok):
        out.add(tok.i)
        for c in tok.children:
            if c.dep_ in OTHER_CLAUSES:
                continue
            if c.dep_ == "advcl" and (c.tag_ != "VBG" or any(g.dep_ == "mark" for g in c.children)):
                continue  # "because ...", "if ...": another clause; "..., dealing a blow to X" stays
            if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS and tok.lemma_.lower() in TALK_NOUNS:
                continue
            walk(c)

    walk(scope)
    return out


def _paired(m: ActorMention, text: str) -> bool:
    """One half of a hyphenated pair ("Japanese-Russian cooperation"): it names a relation, not a party."""
    return text[m.start - 1:m.start] == "-" or text[m.end:m.end + 1] == "-"


def _venue(m: ActorMention, trigger) -> bool:
    """The place where parties meet ("meet with Kim in Singapore"): no party of the meeting."""
    head = trigger.doc[m.head]
    return trigger.lemma_.lower() in MEETING_VERBS and head.dep_ == "pobj" and head.head.lower_ in ("in", "at") \
        and head.head.head.i == trigger.i


def _fallback(trigger, mentions: list[ActorMention], before: bool, exclude) -> Optional[ActorMention]:
    pool = [m for m in mentions if m.actor.country and m not in exclude]
    if before:
        left = [m for m in pool if m.end <= trigger.idx]
        return left[-1] if left else None
    right = [m for m in pool if m.start >= trigger.idx + len(trigger)]
    return right[0] if right else None


def _noun_trigger_actors(trigger, index: dict) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """Source and target of an event noun: its own phrase, then the verb that governs it."""
    source, target = _noun_actors(trigger, index)
    # the verb that governs the noun: "Japan imposed sanctions on Russia", "Japan warned
    # Russia of retaliation", "talks held during a visit to Beirut"
    head, dep = trigger.head, trigger.dep_
    if dep == "pobj" and head.dep_ == "agent" and target is None:
        # "a news site hit by a cyber attack": the attack's target is the verb's patient
        verb = head.head
        patient = next((c for c in verb.children if c.dep_ in PASS_SUBJ), None)
        if patient is None and verb.dep_ == "acl":
            patient = verb.head
        if patient is not None:
            target = _actor_in(patient, index, depth=2)
        head = verb
        dep = "agent"
    if dep == "pobj" and head.dep_ == "prep":
        head, dep = head.head, "pobj"
        if source is None and head.pos_ in ("NOUN", "PROPN") and head.i in index \
                and index[head.i].actor.country and index[head.i] is not target:
            source = index[head.i]  # "the Chilean minister at the meeting with Peru's envoy"
    if dep == "dobj" and head.lemma_.lower() not in CARRY_OUT:
        dep = "other"  # "considers the sanctions unfriendly": not the subject's sanctions
    if head is not trigger and head.pos_ in ("VERB", "AUX") and dep in LIGHT_OBJECT_DEPS | {"pobj", "nsubj"}:
        s2, t2 = _verbal(head, index, exclude_target=(source,) if source else ())
        if dep == "nsubj":
            s2 = t2 = None
        source = source or s2
        if target is None and t2 is not None and t2 is not source:
            target = t2
    return source, target


def _verb_trigger_actors(trigger, index: dict) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """Source and target of an event verb: its clause, then a light object or the verb it serves."""
    source, target = _verbal(trigger, index)
    if target is None:  # "launched strikes targeting X": the light verb's event noun aims
        for c in trigger.children:
            if c.dep_ in LIGHT_OBJECT_DEPS and target is None:
                target = _aimed_at(c, index, source)
    if target is None and trigger.dep_ in ("advcl", "xcomp", "conj") and trigger.head.pos_ == "VERB" \
            and not any(c.dep_ in OBJ and c.i in index for c in trigger.children):
        # "met with Assad to discuss ...": a purpose or chained verb shares the partner
        _, target = _verbal(trigger.head, index, exclude_target=(source,) if source else ())
    return source, target


def _reporter_source(trigger, index: dict, source: Optional[ActorMention],
                     target: Optional[ActorMention]) -> Optional[ActorMention]:
    """A clause with no subject of its own (or none with a country), reported by someone: "Putin told
    Mori that the dialogue with Japan will continue" -> the reporter acts."""
    if source is not None and source.actor.country:
        return source
    reporter = _reporter(trigger)
    if reporter is not None:
        said = _actor_in(reporter, index, depth=3)
        if said is not None and target is not None and said.actor.country == target.actor.country:
            said = None
        # an armed group named as the subject keeps its act ("Chile said rebels attacked ...")
        own = source is not None and source.actor.sector in ARMED_SUBJECT_SECTORS
        if said is not None and (source is None or said.actor.country) and not own:
            source = said
    return source


def find_actor_lists(trigger, kb, people=None, implicit: bool = True,
                     implicit_source: bool = True) -> tuple[list[Actor], list[Actor]]:
    """All source actors and all target actors of a trigger (conjuncts expanded), best first.
    `implicit`: may an empty target be the article's most mentioned other country (see below);
    `implicit_source`: may a missing subject be (else only an unresolved pronoun subject)."""
    doc = trigger.doc
    try:
        sent = trigger.sent
    except ValueError:  # a doc without sentence boundaries: the whole doc is the sentence
        sent = doc[:]
    mentions = _sentence_actors_once(sent, kb, people)
    index = _by_token(mentions)
    source: Optional[ActorMention] = None
    target: Optional[ActorMention] = None

    if trigger.pos_ in ("NOUN", "PROPN"):
        source, target = _noun_trigger_actors(trigger, index)
    else:
        source, target = _verb_trigger_actors(trigger, index)
    source = _reporter_source(trigger, index, source, target)
    if target is None and source is not None and source.actor.country and trigger.pos_ in ("VERB", "AUX"):
        target = _stated_target(trigger, index, source)
    guessed = False
    # fallbacks on broken parses: the nearest actor on a side the parse left empty
    # (headlines only: in a full sentence an empty side is a real gap, not a parse error)
    broken = _headline(sent)
    if source is None and broken and not _has_subject(trigger):
        source = _fallback(trigger, mentions, True, (target,) if target else ())
        guessed = source is not None
    if target is None and (not broken or not _has_object(trigger)):
        # in a full sentence only inside the trigger's own phrase ("alleged that France was aware")
        # (for an event noun, the phrase of its verb: "responded with an embargo, dealing a blow to X")
        pool = mentions if broken else [m for m in mentions if m.head in _own_phrase(trigger)
                                        and not _paired(m, doc_text(trigger.doc)) and not _venue(m, trigger)]
        target = _fallback(trigger, pool, False, (source,) if source else ())
    if source is not None and target is not None and source.actor.country == target.actor.country \
            and source is not target:
        # the same country on both sides is rarely the event ("Kishida condemned his people"):
        # a guessed side goes; otherwise the target goes, rather than a guess at another one
        if guessed:
            source = None
        elif not (source.actor.sector and target.actor.sector and source.actor.sector != target.actor.sector):
            target = None  # (different sectors of one country stay: "demonstrators ... the government")
    sources = _conjuncts(source, doc, index) if source else []
    targets = _conjuncts(target, doc, index) if target else []
    targets = [t for t in targets if t not in sources]
    src_actors = [m.actor for m in sources]
    tgt_actors = [m.actor for m in targets]
    # Implicit parties ("it ceased talks with Russia", "Moscow withdrew from the talks"): the
    # article's most mentioned other country, when the article keeps naming it.
    # Only one side is ever filled, and only against a party the sentence itself names.
    if not src_actors and tgt_actors and _implicit_subject(trigger, in_clause=implicit_source):
        filled = _salient(doc, kb, people, exclude={a.country for a in tgt_actors}, before=trigger.idx)
        src_actors = [filled] if filled else []
    elif not tgt_actors and src_actors and implicit and not _has_patient(trigger) and _aimed_act(trigger):
        filled = _salient(doc, kb, people, exclude={a.country for a in src_actors}, before=trigger.idx)
        tgt_actors = [filled] if filled else []
    return src_actors, tgt_actors


def _stated_target(trigger, index: dict, source: ActorMention) -> Optional[ActorMention]:
    """The party a statement is aimed at when the verb names none itself: the target of the stated act
    when the source states its own act ("Russia warned that Moscow would respond to Trump", "Chile
    pledged that it would aid Peru"), else the other country named as the subject of a condition on
    the act ("Russia will build missiles if the US exits the pact")."""
    own = source.actor.country
    for c in trigger.children:
        if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        subj, _ = _subject_of(c, index)
        said = _actor_in(subj, index, depth=2) if subj is not None else None
        if said is None or said.actor.country == own:
            _, aimed = _verbal(c, index, exclude_target=(source,))
            if aimed is not None and aimed.actor.country and aimed.actor.country != own:
                return aimed
    for verb in [trigger] + [c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")]:
        for subj in marked_clause_subjects(verb, ("advcl",), CONDITION_MARKS):
            party = _actor_in(subj, index, depth=2)
            if party is not None and party.actor.country and party.actor.country != own:
                return party
    return None


SALIENT_MIN = 3  # mentions a country needs before it fills an implicit role


def _implicit_subject(trigger, in_clause: bool = True) -> bool:
    """An event noun with no verb above it ("At the first meeting with Peru, ..."), or, when `in_clause`,
    a clause with no subject or a pronoun subject the parse could not resolve. Outside the types that
    allow it (`in_clause` False) a pronoun subject is left empty: on unseen articles "they", "we" and
    "it" were nearly always people, groups or things, not the article's most named country."""
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ in ("poss", "agent") for c in tok.children):
            return False
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        if head is tok or head.pos_ not in ("VERB", "AUX"):
            return True
        tok = head
    if not in_clause or any(c.dep_ in PASS_SUBJ for c in tok.children):
        return False  # a passive names its patient and leaves the doer unsaid ("was subjected to sanctions")
    if any(c.dep_ in SUBJ and c.lower_ in ("i", "you") for c in tok.children):
        return False  # the people talking, not a state the article keeps naming
    subj, _ = _subject_of(tok, {})
    if subj is None:
        return True
    return subj.lower_ in PRONOUNS and subj.lower_ not in RELATIVE_PRONOUNS


def _salient(doc, kb, people, exclude: set, before: int) -> Optional[Actor]:
    """The country the article names most often (at least SALIENT_MIN times) outside `exclude`,
    as the surface of its last mention before `before` (else its first mention)."""
    key = "dyad_actor_salience"
    table = doc.user_data.get(key)
    if table is None:
        table = {}
        text = doc_text(doc)
        spans = [(m.start, m.end, m.country, m.sector) for m in kb.actors.find_all(text) if m.country]
        n = len(text)
        spans += [(s, e, c, sec) for s, e, c, sec, _ in _people_list(people)
                  if c and 0 <= s < e <= n]  # a re-parsed sentence view sees only its own people
        for s, e, c, sec in sorted(spans, key=lambda x: (x[0], x[1])):
            table.setdefault(c, []).append((s, e, sec))
        doc.user_data[key] = table
    ranked = sorted(((len(v), -v[0][0], c) for c, v in table.items()
                     if c not in exclude and c != "IGO" and len(v) >= SALIENT_MIN), reverse=True)
    if not ranked:
        return None
    country = ranked[0][2]
    spans = table[country]
    prior = [sp for sp in spans if sp[1] <= before]
    s, e, sec = prior[-1] if prior else spans[0]
    return Actor(doc_text(doc)[s:e], country, sec)


REPORT_DEPS = {"ccomp", "parataxis"}
ARMED_SUBJECT_SECTORS = {"REB", "INS", "UAF", "CRM", "MIL", "SPY"}


def _reporter(trigger) -> Optional[object]:
    """The subject of the verb that reports the clause holding a subjectless trigger."""
    tok = trigger
    for _ in range(4):
        if tok.dep_ in REPORT_DEPS and tok.head is not tok:
            verb = tok.head
            return next((c for c in verb.children if c.dep_ in SUBJ), None)
        if tok.head is tok or tok.dep_ in ("relcl", "acl", "advcl", "conj"):
            return None
        if tok is not trigger and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in SUBJ for c in tok.children if c is not trigger and trigger not in c.subtree):
            return None  # a clause with its own subject stands for itself
        tok = tok.head
    return None


def _official(tok, index) -> bool:
    """The token names a person or body of a country ("Peru mayor"), not the country itself
    ("The US ... met") nor a bare noun ("Opponents ... protested")."""
    m = index.get(tok.i) if tok is not None else None
    return m is not None and m.actor.country is not None and (m.actor.sector is not None or m.person)


def _headline(sent) -> bool:
    """A headline: no closing punctuation."""
    text = sent.text.rstrip()
    return bool(text) and text[-1] not in ".!?\"\u201d'\u2019)"


def _has_subject(tok) -> bool:
    if any(c.dep_ in SUBJ | PASS_SUBJ or c.dep_ == "agent" or c.dep_ == "poss" for c in tok.children):
        return True
    return tok.dep_ in ("relcl", "acl") or ((tok.dep_ in SUBJECT_INHERIT_DEPS or _verb_list(tok)) and tok.head is not tok)


def _has_patient(tok) -> bool:
    """A passive subject that names no party ("the remark is not supported by Tokyo") or a direct
    object ("slammed the legislation", "condemned his people"): the event has its patient, so no
    implicit party is filled in; talks are no patient ("ceased consultations")."""
    return any(c.dep_ in PASS_SUBJ or (c.dep_ == "dobj" and not _talk_phrase(c)) for c in tok.children)


def _aimed_act(tok) -> bool:
    """An act whose unnamed target is a party: talks the trigger ends, refuses or leaves ("withdrew from
    the talks", "refused to continue consultations"), or a threat ("made threats", "threatened to
    retaliate"). Not a warning, refusal or resignation of its own ("warned that ...", "declined to
    comment", "considered resigning"): those have no counterpart to guess."""
    if tok.lemma_.lower() in AIMED_ACTS or _talk_phrase(tok):
        return True
    phrase = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
    phrase += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(_talk_phrase(n) for n in phrase)


def _talk_phrase(noun) -> bool:
    """"consultations", "the negotiation process": talks, whose partner is left unsaid ("refused to
    continue consultations"), not a patient of their own."""
    return any(t.lemma_.lower() in TALK_NOUNS or t.lower_ in TALK_NOUNS
               for t in [noun] + [c for c in noun.children if c.dep_ == "compound"])


def _has_object(tok) -> bool:
    return any(c.dep_ in OBJ | PASS_SUBJ or (c.dep_ == "prep" and c.lower_ in TARGET_PREPS[:-1])
               for c in tok.children)


def _verb_list(verb) -> bool:
    """"Kidnapped, killed": a verb the parser hangs on another as an unlabelled dependent."""
    return verb.dep_ == "dep" and verb.pos_ == "VERB" and verb.head.pos_ == "VERB"


def _is_passive(verb, index, subj=None, depth: int = 0) -> bool:
    deps = {c.dep_ for c in verb.children}
    agent = _agent_of(verb)
    if deps & PASS_SUBJ or (agent is not None and verb.tag_ == "VBN"):
        return True  # "X (was) blockaded by Y": a "by" agent marks a passive even under nsubj
    if (verb.dep_ == "conj" or _verb_list(verb)) and not deps & (SUBJ | PASS_SUBJ) and depth < 3 \
            and verb.head is not verb:
        return _is_passive(verb.head, index, depth=depth + 1)  # "kidnapped, killed"
    if subj is None:
        subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
    # headline ellipsis: "Japan general convicted of war crimes" (no auxiliary, no object);
    # headlines put active events in the present, so a bare past form there is passive
    return (verb.dep_ == "ROOT" and "nsubj" in deps
            and not deps & {"aux", "auxpass", "dobj", "ccomp", "xcomp"}
            and (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and _headline(verb.sent)
                                        and _official(subj, index))))


def _verbal(verb, index, exclude_target=()) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    subj, passive_like = _subject_of(verb, index)
    source = target = None
    agent = _agent_of(verb)
    passive = passive_like or _is_passive(verb, index)
    inherited = (verb.dep_ == "conj" or _verb_list(verb)) and not any(c.dep_ in SUBJ | PASS_SUBJ for c in verb.children)
    if passive:
        if agent is not None:
            source = _actor_in(agent, index, depth=2)
        else:
            # "convicted at the UN tribunal": a court or organisation named in the clause acts
            for p in _prep_objects(verb, FORUM_PREPS):
                m = _actor_in(p, index, depth=1)
                if m is not None and (m.actor.country == "IGO" or m.actor.sector == "JUD"):
                    source = m
                    break
            if source is None and verb.pos_ == "VERB":
                # "In Beijing, Tokyo's actions were called ...": a seat of government that opens the
                # sentence says where, and so by whom, it was said
                opening = verb.sent[0]
                if opening.lower_ == "in" and opening.head.i == verb.i:
                    for p in _prep_objects(verb, ("in",)):
                        m = index.get(p.i)
                        if m is not None and m.actor.sector == "GOV" and m.actor.country and len(m.tokens) == 1:
                            source = m
            if source is None:
                # "killed in Israeli shelling": the country that qualifies the instrument acts
                for p in _prep_objects(verb, INSTRUMENT_PREPS):
                    if p.i in index:
                        continue  # "in Ukraine" is a place, not an instrument
                    for c in p.children:
                        m = index.get(c.i)
                        if c.dep_ in ("amod", "compound", "poss") and m is not None and m.actor.country:
                            source = m
                            break
                    if source is not None:
                        break
        for c in verb.children:
            if c.dep_ in PASS_SUBJ or c.dep_ in SUBJ:
                target = _actor_in(c, index, depth=3)
        if target is None and inherited and subj is not None:
            target = _actor_in(subj, index, depth=3)
        if target is None and verb.dep_ == "acl":  # "soldiers killed in ...": the noun suffered it
            target = _actor_in(verb.head, index, depth=2)
        if target is None:
            target = _targets(verb, index, tuple(x for x in (source,) + tuple(exclude_target) if x))
        return source, target
    if subj is not None:
        source = _actor_in(subj, index, depth=3)
        if source is None and verb.dep_ == "ROOT":
            # "Russia: presidential candidate demands ...": the headline's topic country
            topic = next((c for c in verb.children if c.dep_ == "dep" and c.i < subj.i), None)
            if topic is not None:
                source = _actor_in(topic, index, depth=1)
    target = _targets(verb, index, tuple(x for x in (source,) + tuple(exclude_target) if x))
    return source, target


def find_actors(trigger, kb, people=None, implicit: bool = True,
                implicit_source: bool = True, mutual: bool = True) -> tuple[Optional[Actor], Optional[Actor]]:
    """(source, target) of the event at `trigger` (a spaCy token); either may be None.

    `people`: person spans in the trigger's doc coordinates, as from `person_spans(doc)`.
    `mutual`: is the act one that conjoined parties do to each other ("Japan and China met")?
    Otherwise conjoined subjects act together ("the US and France struck Syria"), not on each other.
    """
    sources, targets = find_actor_lists(trigger, kb, people, implicit, implicit_source)
    if not mutual:
        targets = [t for t in targets if t not in sources]  # a co-subject is no target
    elif not targets and len(sources) > 1:
        # "Japan and China agreed": conjoined parties act on each other
        targets = sources[1:]
    return (sources[0] if sources else None), (targets[0] if targets else None)


def find_actor_pairs(trigger, kb, people=None, implicit: bool = True,
                     implicit_source: bool = True, mutual: bool = True) -> list[tuple[Optional[Actor], Optional[Actor]]]:
    """Every (source, target) pair of a trigger with conjoined actors, first pair first:
    "Japan and the US sanctioned Russia" -> (JPN, RUS), (USA, RUS); "Chile, Peru and Brazil met"
    (`mutual`) -> each pair of the three once, the one named first as source (one meeting, not two).
    Always at least one pair."""
    sources, targets = find_actor_lists(trigger, kb, people, implicit, implicit_source)
    if not mutual:
        targets = [t for t in targets if t not in sources]
    elif not targets and len(sources) > 1:
        return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
    pairs = [(a, b) for a in (sources or [None]) for b in (targets or [None])]
    mixed = [(a, b) for a, b in pairs if not (a and b and a.country == b.country)]
    return mixed or pairs[:1]


# --------------------------------------------------------------------------- people

FORMER = frozenset(WORDS["former_qualifiers"])


def person_spans(doc, kb=None) -> list[tuple[int, int, Optional[str], Optional[str]]]:
    """(start, end, country, sector) in body offsets for each person mention of `doc`.

    The sector comes from the role stated at the mention, else the person's role ("Prime
    Minister" -> GOV, "general" -> MIL, "professor" -> EDU); a former office-holder is an elite
    (ELI, the CAMEO code for former leaders) rather than the government. A person whose country the
    people stage left open takes it, for every mention, from what the article says at any mention
    (`person_countries`).
    """
    if kb is None:
        from ..kb import KnowledgeBase

        kb = KnowledgeBase.default()
    lex = kb.actors
    people = doc.record.people
    mentions = doc.mentions
    learned = person_countries(doc, kb, people, mentions)
    out = []
    for m in mentions:
        try:
            person = people[m.person]
        except (IndexError, TypeError):
            continue
        role = m.role or person.role
        country = person.country
        sector = None
        if role:
            sector = lex.sector_of(role)
            if country is None:
                r = lex.resolve(role)
                country = r.country if r is not None else None
        if country is None:
            country, learned_sector = learned.get(m.person, (None, None))
            sector = sector or learned_sector
        if (m.qualifier or "").lower() in FORMER or (role or "").lower().startswith(("former", "ex-")):
            sector = "ELI" if sector else sector
        out.append((m.start, m.end, country, sector))
    return out + pronoun_spans(doc, out, people, mentions) + role_noun_spans(doc, out, people, mentions)


def role_noun_spans(doc, spans, people, mentions) -> list[tuple[int, int, Optional[str], Optional[str]]]:
    """Person spans for definite role nouns that stand for a person the article named before:
    "the president", "the foreign minister" is the last person mentioned whose role ends in that
    word ("President Ana Ruiz ... the president said")."""
    parsed = doc.spacy
    if parsed is None or not spans:
        return []
    heads: dict[str, list[tuple[int, tuple]]] = {}
    for span, m in zip(spans, mentions):
        person = people[m.person] if 0 <= m.person < len(people) else None
        role = (m.role or person.role or "").lower().split()
        if role:
            heads.setdefault(role[-1], []).append((span[1], span))
    covered = [(s[0], s[1]) for s in spans]
    out = []
    for tok in parsed:
        if tok.pos_ != "NOUN" or tok.lower_ not in heads or tok.dep_ == "compound":
            continue
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or any(s <= tok.idx < e for s, e in covered):
            continue
        before = [span for end, span in heads[tok.lower_] if end <= det.idx]
        if before:
            span = before[-1]
            out.append((det.idx, tok.idx + len(tok.text), span[2], span[3]))
    return out


PERSON_PRONOUNS = frozenset(WORDS.get("person_pronouns") or ())
SPEAKER_PRONOUNS = frozenset(WORDS.get("speaker_pronouns") or ())
ANTECEDENT_SENTENCES = 3  # how far back a pronoun looks for the person it stands for


def pronoun_spans(doc, spans, people, mentions) -> list[tuple[int, int, Optional[str], Optional[str]]]:
    """Person spans for pronouns, resolved to a person the article named (same tuples as
    `person_spans`): "he/his" is the person named last as a subject in this or the previous
    sentences, else the last one named; "I/my" inside a quote is its speaker."""
    parsed = doc.spacy
    if parsed is None or not spans:
        return []
    by_start = sorted(zip(spans, mentions), key=lambda x: x[0][0])
    out = []
    quotes = doc.quotes
    sents = list(parsed.sents)
    for k, sent in enumerate(sents):
        for tok in sent:
            low = tok.lower_
            if tok.pos_ != "PRON":
                continue
            if low in PERSON_PRONOUNS:
                span = _antecedent(tok, sents[max(0, k - ANTECEDENT_SENTENCES):k + 1], by_start)
            elif low in SPEAKER_PRONOUNS:
                span = _speaker_span(tok.idx, quotes, by_start, people)
            else:
                continue
            if span is not None:
                out.append((tok.idx, tok.idx + len(tok.text), span[2], span[3]))
    return out


def _antecedent(pron, window, by_start):
    """The person span the pronoun stands for: in the nearest sentence (back from the pronoun) that
    names a person before it, the one that is a subject, else the last one named. A person the
    people list lacks ("Kim ... he") counts too, and then the pronoun stays unresolved rather than
    going to someone else."""
    for sent in reversed(window):
        named = [(span, False) for span, _ in by_start if sent.start_char <= span[0] and span[1] <= sent.end_char
                 and span[1] <= pron.idx]
        known = {(span[0], span[1]) for span, _ in named}
        for ent in sent.ents:
            if ent.label_ == "PERSON" and ent.end_char <= pron.idx \
                    and not any(s <= ent.start_char < e or ent.start_char <= s < ent.end_char for s, e in known):
                named.append(((ent.start_char, ent.end_char, None, None), True))
        if not named:
            continue
        named.sort(key=lambda x: x[0][0])
        subjects = []
        for span, unknown in named:
            toks = pron.doc.char_span(span[0], span[1], alignment_mode="expand")
            if toks is not None and any(t.dep_ in ("nsubj", "nsubjpass") for t in toks):
                subjects.append((span, unknown))
        if not subjects and sent is window[-1]:
            continue  # in its own clause a pronoun is rarely its object's ("Putin, whom he will meet")
        span, unknown = (subjects or named)[0 if subjects else -1]
        return None if unknown else span
    return None


def _speaker_span(pos, quotes, by_start, people):
    """The person span of the speaker of the quote holding `pos`, matched by surname."""
    for q in quotes:
        if q.start <= pos < q.end and q.speaker:
            surname = q.speaker.split()[-1].lower()
            for span, m in reversed(by_start):
                person = people[m.person] if 0 <= m.person < len(people) else None
                name = (person.name or "").lower().split()
                if name and name[-1] == surname:
                    return span
    return None


AFFILIATIONS = [(re.compile(a["pattern"]), a["country"], a.get("sector")) for a in WORDS.get("person_affiliations") or []]
TITLE_GAP_STOP = frozenset(WORDS.get("title_gap_stop") or ())
# what may stand between a country word and the name it qualifies: role words, not a clause
_TITLE_GAP = re.compile(r"^(?:['’]s)?(?:\s+[\w.\-]+){0,3}\s+$")


TITLE_POS = {"ADJ", "NOUN", "PROPN", "DET", "PART", "PUNCT", "NUM"}


def _title_words(parsed, start: int, end: int) -> bool:
    """The words between a country word and a name read as a title ("president", "top envoy"), not a
    clause ("the US diplomatically recognizing the Kim regime")."""
    if parsed is None:
        return True
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is None or all(t.pos_ in TITLE_POS for t in span if t.idx >= start and t.idx < end)


def person_countries(doc, kb, people, mentions) -> dict[int, tuple[Optional[str], Optional[str]]]:
    """Country (and sector) of each person the people stage left without one, from the article:
    a country word qualifying the name at any mention ("his Philippine counterpart Rodrigo Duterte",
    "Syria's president Bashar al-Assad"), or a party-state label ("Sen. Jane Roe (D-Ohio)"). An office
    that names no country ("Treasury Secretary") gives none: the article's own state is not known
    well enough (an article on Russian sanctions names more Russian officials than American ones)."""
    text = doc.body  # mentions are in body offsets
    out: dict[int, tuple[Optional[str], Optional[str]]] = {}
    for m in mentions:
        person = people[m.person] if 0 <= m.person < len(people) else None
        if person is None or person.country or m.person in out:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        before = text[max(line_start, m.start - 60):m.start]
        for match in reversed(kb.actors.find_all(before)):
            gap = before[match.end:]
            if match.country and match.country != "IGO" and _TITLE_GAP.match(gap) \
                    and not any(w.lower() in TITLE_GAP_STOP for w in gap.split()) \
                    and _title_words(doc.spacy, m.start - len(gap), m.start):
                out[m.person] = (match.country, match.sector)
                break
        else:
            after = text[m.end:m.end + 30]
            for pattern, country, sector in AFFILIATIONS:
                if pattern.match(after):
                    out[m.person] = (country, sector)
                    break
            else:
                found = _appositive_country(doc.spacy, kb, m.start, m.end)
                if found:
                    out[m.person] = found
    return out


def _appositive_country(parsed, kb, start: int, end: int) -> Optional[tuple[str, Optional[str]]]:
    """The country of a title in apposition to the name: "Kim Yong Chol, a top North Korean official"
    (the country word modifies the apposition's noun; "a critic of the Chinese government" is no title)."""
    span = parsed.char_span(start, end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return None
    for appos in (c for c in span.root.children if c.dep_ == "appos"):
        for mod in (c for c in appos.children if c.dep_ in ("amod", "compound", "poss", "nmod")):
            words = " ".join(t.text for t in mod.subtree) + " " + appos.text
            match = next((x for x in kb.actors.find_all(words) if x.country and x.country != "IGO"), None)
            if match is not None:
                return match.country, match.sector
    return None


# --------------------------------------------------------------------------- countries and organisations referred back to

STATE_NOUNS = frozenset(WORDS.get("state_nouns") or ())
GOVERNMENT_NOUNS = frozenset(WORDS.get("government_nouns") or ())
ALLIANCE_NOUNS = frozenset(WORDS.get("alliance_nouns") or ())
REFERENT_PRONOUNS = frozenset(WORDS.get("referent_pronouns") or ())
DESCRIPTION_STOP = frozenset(WORDS.get("description_stop") or ())
COPULAS = frozenset(WORDS.get("copulas") or ())
NON_PARTY_PREPS = frozenset(WORDS.get("non_party_prepositions") or ())
INSTITUTION_NOUNS = frozenset(WORDS.get("institution_nouns") or ())
REFERENT_SENTENCES = 3  # how far back a description or pronoun looks for what it stands for


@dataclass(frozen=True)
class _Named:
    start: int
    end: int
    country: str
    sector: Optional[str]
    person: bool
    subject: bool


def referent_spans(doc, kb, persons) -> list[tuple[int, int, Optional[str], Optional[str]]]:
    """Actor spans (as `person_spans`) for words that stand for a country or organisation the article
    named before: "the (Western military) alliance" is the international organisation named last, "the
    country" the country named last, "the regime"/"the ministry" the one named so before, "it" the
    party named as the last subject. Antecedents are sought in this sentence and the REFERENT_SENTENCES
    before it, a subject first; a resolved span is itself an antecedent for what follows.
    ("The two countries", "both sides" as two parties were tried and dropped: on abp_dev and the tune
    split they only added false positives.)"""
    parsed = doc.spacy
    if parsed is None:
        return []
    text = doc_text(parsed)
    named: list[_Named] = []
    for m in kb.actors.find_all(text):
        if m.country and not text[:m.start].lower().endswith(ATTITUDE_PREFIXES):
            named.append(_Named(m.start, m.end, m.country, m.sector, False, _is_subject(parsed, m.start, m.end)))
    for s, e, country, sector, _ in _people_list(persons):
        if country and 0 <= s < e <= len(text):
            named.append(_Named(s, e, country, sector, True, _is_subject(parsed, s, e)))
    named.sort(key=_position)
    sents = list(parsed.sents)
    out: list[tuple[int, int, Optional[str], Optional[str]]] = []
    for k, sent in enumerate(sents):
        window = sents[max(0, k - REFERENT_SENTENCES)].start_char
        for tok in sent:
            found = _referent(tok, named, window)
            if not found:
                continue
            start, end, pick, sector = found
            out.append((start, end, pick.country, sector or pick.sector))
            bisect.insort(named, _Named(start, end, pick.country, sector or pick.sector, pick.person,
                                        _is_subject(parsed, start, end)), key=_position)
    return out


def _position(n: _Named) -> tuple[int, int]:
    return n.start, n.end


def _is_subject(parsed, start: int, end: int) -> bool:
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass") for t in span)


def _referent(tok, named: list[_Named], window: int):
    """(start, end, antecedent, sector) for a referring word, or None."""
    low = tok.lower_
    if tok.pos_ == "PRON" and low in REFERENT_PRONOUNS:
        if tok.dep_ == "poss":  # "its president": unless the phrase names its party ("its ally, Russia")
            phrase = [t for t in tok.head.subtree if t is not tok]
            if any(n.start < t.idx + len(t) and t.idx < n.end for t in phrase for n in named):
                return None
        elif tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_.lower() in COPULAS:
            return None  # "Hamas rejected it", "it was an honour": a thing, not a party
        # "it" continues the last subject, which must be a named party: after "The bill passed." it is the bill
        last = _last_subject(tok)
        if last is None:
            return None
        # the subject's own name, else a country in its phrase ("state media in North Korea said its ...")
        phrase = (min(t.idx for t in last.subtree), max(t.idx + len(t) for t in last.subtree))
        pick = next((n for n in reversed(named) if not n.person and n.start <= last.idx < n.end), None) \
            or next((n for n in named if not n.person and phrase[0] <= n.start and n.end <= phrase[1]), None)
        return (tok.idx, tok.idx + len(tok), pick, None) if pick else None
    if tok.pos_ != "NOUN" or tok.dep_ == "compound":
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ in NON_PARTY_PREPS:
        return None  # "across the country": a place, often the writer's own; "good for the country"
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    if any(c.lower_ in DESCRIPTION_STOP for c in kids) or any(c.dep_ == "prep" and c.lower_ == "of" for c in kids):
        return None  # "the other country", "the government of Peru"
    det = next((c for c in kids if c.dep_ in ("det", "predet")), None)
    if det is None or det.lower_ != "the" or tok.tag_ != "NN":
        return None
    start = min([tok.idx] + [c.idx for c in kids if c.i < tok.i and c.dep_ in ("det", "amod")])
    end = tok.idx + len(tok)
    if any(start < n.end and n.start < end for n in named):
        return None  # the phrase names its party itself ("the Russian government")
    if lemma in ALLIANCE_NOUNS:
        pick = _antecedent_of([n for n in named if n.country == "IGO"], window, start)
        sector = None
    elif lemma in STATE_NOUNS:
        pick = _antecedent_of([n for n in named if n.country != "IGO"], window, start)
        sector = None
    elif lemma in GOVERNMENT_NOUNS:
        # "the regime" is the one the article named so ("the Syrian regime", "the Assad regime"), anywhere
        # before: the last country named is as often the speaker's own
        text = doc_text(tok.doc)
        said_so = re.compile(r"(?:^|\s)" + re.escape(lemma) + r"\b", re.I)
        pick = next((n for n in reversed(named) if n.end <= start and n.country != "IGO"
                     and (said_so.match(text[n.end:n.end + 30]) or text[n.start:n.end].lower().endswith(lemma))),
                    None)
        sector = "GOV"
    elif lemma in INSTITUTION_NOUNS:
        # "the ministry" is the last body named "... Ministry" ("the Foreign Ministry", "the European Commission")
        text = doc_text(tok.doc)
        pick = next((n for n in reversed(named) if n.end <= start and text[n.start:n.end].lower().endswith(lemma)
                     and " " in text[n.start:n.end]), None)
        sector = None
    else:
        return None
    return (start, end, pick, sector) if pick else None


def _last_subject(pron) -> Optional[object]:
    """The last noun subject before the pronoun, in its sentence or the one before."""
    sent = pron.sent
    start = sent.start
    if start > 0:
        start = pron.doc[start - 1].sent.start
    for t in reversed(pron.doc[start:pron.i]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


def _antecedent_of(pool: list[_Named], window: int, pos: int) -> Optional[_Named]:
    """The last subject named between `window` and `pos`, else the last one named."""
    before = [n for n in pool if window <= n.start and n.end <= pos]
    subjects = [n for n in before if n.subject]
    return (subjects or before or [None])[-1]


REPLY_TYPES = frozenset(WORDS.get("reply_types") or ())
ASKING_TYPES = frozenset(WORDS.get("asking_types") or ())


def answer_targets(events: list, previous: list) -> list:
    """A reply with no target of its own ("Russia agrees.", "Iran refused.") answers the party that
    asked the replier in the sentence before ("Obama urged Russia not to retaliate.")."""
    out = []
    for e in events:
        src = e.source and e.source.country
        if e.type in REPLY_TYPES and src and not (e.target and e.target.country):
            asked = [p for p in previous if p.type in ASKING_TYPES and p.target and p.target.country == src
                     and p.source and p.source.country and p.source.country != src]
            if asked:
                e = replace(e, target=asked[-1].source)
        out.append(e)
    return out
