"""Event coders: a small interface, a registry by name, and the default pattern coder.

A coder turns one spaCy sentence of a `Document` into `model.Event`s (body offsets). The default,
`PatternCoder` ("pattern"), runs on CPU from the spaCy parse and the pattern files of `patterns.py`:

1. view: a title-case headline is re-parsed in sentence case (actor names keep their capitals);
2. triggers: verbs matched against verb rules (curated + converted PETRARCH-2), nouns against noun
   rules ("sanctions", "embargo", "talks") where they report an event ("imposed sanctions", "at the
   meeting with", "the introduction of sanctions"), not a state ("considers the sanctions unfriendly"),
   or wherever a meeting noun names its partner ("optimism about talks with X") or a named party owns the
   noun ("Lima's tariff threat"); light verbs ("impose", "hold") hand over to the noun in their
   object; frame verbs ("plan to") colour their complement; participles describing a noun ("officials
   accused of") are no events; condemning adjectives and nouns of condemnation or praise said of a party
   ("Y's conduct was reckless", "Y is a foe", "called Y a friend") are the speaker's ACCUSE or SUPPORT;
3. scope: a trigger inside the object or complement of another event verb belongs to that event
   ("asks Japan to end sanctions" is one REQUEST), except that agreeing to yield is yielding;
4. actors from `events.actors` (another module; conjoined actors give one event per pair); an event
   with no actor country is kept only when a named or political actor acts, or for types that are
   political by themselves (ASSAULT, PROTEST, COERCE...) in a sentence naming a state;
5. CAMEO code -> PLOVER type/mode and Goldstein intensity (cameo.py), then CAMEO's own readings:
   negated cooperation or yielding is REJECT; an intended cooperative act ("plans to send aid",
   "offered support") is AGREE; a coercive act one may/will take is THREATEN; an attack reported by
   another side ("Israel said a mortar was fired at it") is that side's ACCUSE.

A second backend (transformer, LLM) registers with `@register("name")` and is picked by
`Settings.event_coder`, env DYAD_EVENT_CODER (see events/__init__.py).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional, Protocol

from ..model import Actor, Event
from . import cameo
from .actors import PRONOUNS, find_actor_pairs as _find_pairs
from .modality import modality
from .patterns import EventPatterns, Match, Rule, norm, rule_type
from .rules import (AGREE_LIKE, COOPERATIVE, DROP_VERBS, IMPLICIT_OK, IMPLICIT_SOURCE_OK, THREAT_KINDS, YIELDING,
                    ACTORLESS_OK, CONDEMNATION_ADJECTIVES, CONDEMNATION_NOUNS, MUTUAL_TYPES, NONSTATE_SPEAKERS,
                    PRAISE_NOUNS, Candidate, apply_rules, evaluated, evaluation_actors, in_words, mention_actor, predicate_noun, stems,
                    trigger_actors)
from .words import load_words


class EventCoder(Protocol):
    """Built by the events stage as `Coder(nlp=<the pipeline's spaCy model>)`."""
    name: str

    def code(self, sent, doc, kb) -> list[Event]:
        """Events of one spaCy sentence span of `doc.spacy` (body offsets)."""
        ...


CODERS: dict[str, Callable[..., EventCoder]] = {}


def register(name: str):
    def deco(cls):
        CODERS[name] = cls
        cls.name = name
        return cls
    return deco


def get_coder(name: str = "pattern", **kwargs) -> EventCoder:
    try:
        factory = CODERS[name]
    except KeyError:
        raise ValueError(f"unknown event coder {name!r}; known: {sorted(CODERS)}") from None
    return factory(**kwargs)


CODER_WORDS = load_words("coder_words")
INTRANSITIVE_ONLY = CODER_WORDS["intransitive_only"]
OCCURRENCE_VERBS = CODER_WORDS["occurrence_verbs"]
NOMINAL_LIGHT = CODER_WORDS["nominal_light"]
EVENT_PREPS = CODER_WORDS["event_preps"]
NOUN_AIM_PREPS = CODER_WORDS["noun_aim_preps"]
PARTNER_PREPS = CODER_WORDS["partner_preps"]
MAX_PER_SENTENCE = 3  # news sentences rarely carry more codable events
MAX_PAIRS = 6
# dependency steps that keep a word inside the scope of the verb above it
SCOPE_DEPS = {"dobj", "xcomp", "ccomp", "pobj", "prep", "pcomp", "compound", "amod", "nmod", "acomp",
              "attr", "dative", "oprd", "poss", "npadvmod", "advmod", "agent", "acl"}
NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Trigger:
    token: object  # spaCy token (in the sentence view)
    match: Match
    kind: str  # "verb" | "noun" | "evaluation" (a condemning adjective, an evaluating predicate noun)
    actor_token: object = None  # token handed to find_actors (a light verb for its object noun)


def title_case(text: str) -> bool:
    """Headline-style capitalisation (most words capitalised): spaCy mis-tags such sentences."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


def sentence_case(text: str, kb) -> str:
    """Lower-case every word except actor names (same length, so offsets stay valid)."""
    keep = [(m.start, m.end) for m in kb.actors.find_all(text)]
    out = list(text)
    first = True
    i = 0
    n = len(text)
    while i < n:
        if text[i].isalpha():
            j = i
            while j < n and not text[j].isspace():
                j += 1
            if not first and not any(a <= i < b for a, b in keep) and not text[i:j].isupper():
                out[i:j] = text[i:j].lower()
            first = False
            i = j
        else:
            i += 1
    return "".join(out)


@register("pattern")
class PatternCoder:
    """Dictionary-and-parse event coder (CPU only)."""

    name = "pattern"

    def __init__(self, nlp, lexicon: Optional[EventPatterns] = None):
        self.lex = lexicon or EventPatterns.default()
        self.nlp = nlp  # the pipeline's spaCy model, for re-parsing headlines

    # ---- sentence view ---------------------------------------------------------------------------

    def view(self, sent, kb):
        """The sentence to read triggers from: re-parsed in sentence case when it is a headline."""
        text = sent.text
        if title_case(text):
            return self.nlp(sentence_case(text, kb), disable=["ner"])[:]
        return sent

    # ---- triggers --------------------------------------------------------------------------------
    def _verb_keys(self, tok) -> list[str]:
        keys = [norm(tok.lemma_), norm(tok.lower_)] + [k for k in stems(tok.lower_) if k in self.lex.verbs]
        # multiword verbs: "pull out", "step down", "carry out"
        parts = [c for c in tok.children if c.dep_ == "prt"]
        if parts:
            keys.insert(0, norm(tok.lemma_) + " " + parts[0].lower_)
        # prepositional verbs: "call on", "press for", with the preposition right after the verb
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == tok.i:
            key = norm(tok.lemma_) + " " + nxt.lower_
            if key in self.lex.verbs:
                keys.insert(0, key)
        return keys

    def _given_up(self, tok) -> bool:
        """The noun is the object of a verb of giving up ("called off the meeting", "postponed the summit")."""
        if tok.dep_ == "conj":
            tok = tok.head
        head = tok.head
        return (tok.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX")
                and any(k in DROP_VERBS for k in self._verb_keys(head)))

    def triggers(self, sent, headline: bool = False) -> list[Trigger]:
        lex = self.lex
        nouns: list[Trigger] = []
        for tok in sent:
            if tok.dep_ == "compound" or (tok.dep_ == "conj" and tok.head.dep_ == "compound"):
                head = tok.head if tok.dep_ == "compound" else tok.head.head
                if any(r.code for r in lex.nouns.get(norm(head.lemma_), ())):
                    continue  # "ceasefire talks", "trade talks": the head noun names the event
            if tok.pos_ in NOUN_POS:
                if self._given_up(tok):
                    continue  # "called off the summit", "cancelled talks with": an event that will not happen
                t = self._noun_trigger(tok, sent)
                if t is not None and (headline or self._noun_licensed(tok) or meeting_with_partner(t)
                                      or named_owner(tok)):
                    nouns.append(t)
        noun_ids = {t.token.i for t in nouns}
        verbs: list[Trigger] = []
        for tok in sent:
            is_verb = tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be")
            if is_verb:
                keys = self._verb_keys(tok)
            elif headline and tok.i not in noun_ids:
                keys = headline_verb_keys(tok, lex)
                is_verb = bool(keys)
            if not is_verb or tok.dep_ == "amod" or (not headline and (tok.dep_ in ("compound", "nmod")
                                                                      or _in_descriptive_participle(tok))):
                # "a visiting professor", "imported LNG", "officials accused of ...", "a trip aimed at
                # pushing for ...": participles that describe a noun name a state of affairs, not an event
                continue
            if not any(lex.verbs.get(k) for k in keys):
                continue  # no rule for this verb: match_verb would find none (skip building its context)
            lemma = keys[-1] if not tok.pos_ == "VERB" else norm(tok.lemma_)
            is_light = lemma in lex.light or (tok.pos_ == "VERB" and in_words(tok, lex.light))
            if " " in keys[0] and keys[0] in lex.verbs:
                is_light = False  # "call for", "step up": the multiword verb is its own event
            if (lemma in lex.frames or in_words(tok, lex.frames)) and any(c.dep_ == "xcomp" for c in tok.children):
                continue
            if is_light and any(t.i in noun_ids for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "prep")
                                for t in c.subtree):
                continue  # "impose sanctions", "hold talks": the noun carries the event
            after = [t for t in tok.subtree if t.i > tok.i][:20]
            if headline and not tok.pos_ == "VERB":
                after = [t for t in sent if t.i > tok.i][:20]
            after = [t for c in tok.children if c.dep_ == "nsubjpass" for t in c.subtree] + after
            subj = {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
            # its subject's words, then the six words before it (what a scan of the sentence would keep)
            near = max(sent.start, tok.i - 6)
            before = [tok.doc[i] for i in sorted(subj) if sent.start <= i < near] + list(tok.doc[near:tok.i])
            if norm(tok.lemma_) in INTRANSITIVE_ONLY and any(c.dep_ == "dobj" for c in tok.children):
                continue  # "demonstrated a clear reluctance" shows something; it is no street protest
            m = lex.match_verb(keys, after, before)
            if m is None or not m.rule.code:
                continue
            if is_light and not (m.rule.before or m.rule.after):
                continue  # "make", "hold" alone are no events
            verbs.append(Trigger(tok, m, "verb", tok))
        if not headline:
            verbs += self._evaluations(sent)
        verb_ids = {t.token.i for t in verbs}
        for t in nouns:
            head = t.token.head
            owned = any(c.dep_ == "poss" and c.lower_ not in PRONOUNS for c in t.token.children)
            # "facing Washington's demands": a noun that names its own actor keeps it
            if t.token.dep_ in ("dobj", "nsubjpass", "pobj") and in_words(head, lex.light) and head.i not in verb_ids \
                    and not owned:
                t.actor_token = head if t.token.dep_ != "pobj" else t.actor_token
        return sorted(verbs + nouns, key=lambda t: t.token.i)

    def _evaluations(self, sent) -> list[Trigger]:
        """Condemning adjectives ("unacceptable", "a hostile step") said of a party's act, and nouns of
        condemnation or praise said of a party ("Y is a foe", "called Y a friend"): the speaker's
        ACCUSE (CAMEO 111) or SUPPORT (CAMEO 051), coded only where a speaker and the party are both known."""
        out = []
        for tok in sent:
            key = norm(tok.lemma_)
            if tok.pos_ == "ADJ" and key in CONDEMNATION_ADJECTIVES:
                out.append(Trigger(tok, Match(Rule(code="111")), "evaluation", tok))
            elif tok.pos_ == "NOUN" and (key in CONDEMNATION_NOUNS or key in PRAISE_NOUNS) and predicate_noun(tok):
                code = "111" if key in CONDEMNATION_NOUNS else "051"
                out.append(Trigger(tok, Match(Rule(code=code)), "evaluation", tok))
        return out

    def _noun_licensed(self, tok, depth: int = 0) -> bool:
        """Does this event noun report an event here, rather than name an existing state of affairs?
        Yes as the object of a light verb ("imposed sanctions"), the subject of a verb of occurrence
        ("talks began"), after "at/with/during/by..." ("at the first meeting with"), or after a
        nominalised light verb ("the introduction of sanctions"); no as the object of an opinion
        ("considers the sanctions unfriendly") or a modifier ("the sanctions list")."""
        head, dep = tok.head, tok.dep_
        if head is tok or dep == "ROOT":
            return True
        if dep in ("conj", "appos") and depth < 3:
            return self._noun_licensed(head, depth + 1)
        if dep in ("dobj", "nsubjpass", "attr", "oprd") and in_words(head, self.lex.light):
            return True
        if dep in ("nsubj", "nsubjpass") and (in_words(head, OCCURRENCE_VERBS) or in_words(head, self.lex.light)):
            return True
        if dep == "pobj":
            prep = head.lower_
            if prep in EVENT_PREPS:
                return True
            if prep == "of" and norm(head.head.lemma_) in NOMINAL_LIGHT:
                return True
        return False

    def _noun_trigger(self, tok, sent) -> Optional[Trigger]:
        lex = self.lex
        key = norm(tok.lemma_)
        if key not in lex.nouns:
            key = norm(tok.lower_)
            if key not in lex.nouns:
                return None
        mods = [t for t in tok.subtree if t is not tok and t.i < tok.i]
        mods += [t for t in tok.children if t.i > tok.i and t.dep_ in ("compound", "amod")]
        # the object of an action noun is its modifier too: "suspension of attacks" = "attack suspension"
        mods += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        mods += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in NOUN_AIM_PREPS]
        if tok.i > sent.start:
            mods.append(sent.doc[tok.i - 1])
        m = lex.match_noun(key, mods)
        if m is None or not m.rule.code:
            return None
        return Trigger(tok, m, "noun", tok)

    def _between_only(self, t: Trigger) -> bool:
        """A meeting noun that only its "between ..." phrase makes an event."""
        tok = t.token
        return (meeting_with_partner(t) and not self._noun_licensed(tok) and not named_owner(tok)
                and any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children))

    def _in_scope_of(self, tok, event_heads: set) -> Optional[object]:
        """The event verb whose object/complement contains `tok`, if any."""
        cur = tok
        steps = 0
        while cur.head is not cur and steps < 6:
            if cur.dep_ not in SCOPE_DEPS:
                return None
            cur = cur.head
            steps += 1
            if cur.i in event_heads:
                return cur
        return None

    # ---- coding ----------------------------------------------------------------------------------
    def code(self, sent, doc, kb) -> list[Event]:
        view = self.view(sent, kb)
        base = 0 if view is sent else sent.start_char  # recased view: offsets relative to the sentence
        trigs = self.triggers(view, headline=view is not sent)
        if not trigs:
            return []
        head_ids = {t.token.i for t in trigs if t.kind == "verb"}
        kept: list[Trigger] = []
        replaced: dict[int, Trigger] = {}
        for t in trigs:
            outer = self._in_scope_of(t.token, head_ids)
            if outer is None:
                kept.append(t)
                continue
            # agreeing to withdraw is withdrawing; vowing to renew attacks is a threat (the inner act, coded
            # with its own modality); anything else belongs to the outer event
            inner = rule_type(t.match.rule)
            if norm(outer.lemma_) in AGREE_LIKE and (inner in YIELDING
                                                     or inner in THREAT_KINDS and (t.kind == "verb" or t.actor_token is not t.token)):
                replaced[outer.i] = t
        kept = [replaced.get(t.token.i, t) if t.kind == "verb" else t for t in kept]
        people = doc.person_actors + doc.referent_actors
        if base:  # person spans in the coordinates of the recased view
            people = _shift(people, -base)
        scored = []
        seen = set()
        for t in kept:
            ev = self._event(t, sent, view, base, doc, kb, people)
            if ev is None:
                continue
            src, tgt = ev.source and ev.source.country, ev.target and ev.target.country
            if src and src == tgt and ev.source.text == ev.target.text:
                continue  # one mention read as both sides
            # a bare mention of "talks" refers to an event; one aimed at someone is one; violent or
            # coercive nouns stand alone ("killed in a rocket attack", "amid protests")
            if t.kind == "noun" and not tgt and not src and t.actor_token is t.token and ev.type not in ACTORLESS_OK:
                continue
            if t.kind == "noun" and src and self._between_only(t) and ev.source.text not in phrase_text(t.token):
                continue  # "X was uneasy about the talks between Y and Z": the talks are Y's and Z's
            # two verbs of one type are two acts ("ceased talks and denied visas"); nouns repeat them
            key = (ev.type, src, tgt, ev.cameo if t.kind == "verb" and t.token.dep_ == "conj" else None)
            if key in seen or (key[3] and (ev.type, src, tgt, ev.cameo, "code") in seen):
                continue  # ("imposed export restrictions ... and banned imports": one sanction)
            seen.add(key)
            seen.add((ev.type, src, tgt, ev.cameo, "code"))
            group = [ev]
            # conjoined actors ("Japan and the US sanctioned Russia", "A, B and C met"): one event per pair
            for other in self._pair_events(t, ev, kb, people):
                okey = (other.type, other.source and other.source.country, other.target and other.target.country,
                        key[3])
                if okey not in seen and okey[1] != okey[2]:
                    seen.add(okey)
                    group.append(other)
            score = 2 * bool(src) + 2 * bool(tgt) + (t.token.dep_ == "ROOT") + (t.kind == "verb")
            scored.append((score, t.token.i, group))
        # news sentences rarely carry more than two codable events; keep the best anchored ones
        limit = 1 if view is not sent else MAX_PER_SENTENCE  # a headline states one event
        best = sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]
        events = [ev for _, _, group in sorted(best, key=lambda x: x[1]) for ev in group]
        # an event without a target repeats one of the same type and source that has one
        aimed = {(e.type, e.source and e.source.country) for e in events if e.target and e.target.country}
        return [e for e in events if (e.target and e.target.country)
                or (e.type, e.source and e.source.country) not in aimed]

    def _pair_events(self, t, ev, kb, people) -> list[Event]:
        if ev.source is None:
            return []
        if t.kind == "evaluation":  # "referred to both X and Y as friends": one event per party named
            head = evaluated(t.token)[0]
            named = head is not None and head is not t.token  # not the other evaluating nouns ("a monster and a puppet")
            parties = [mention_actor(c, kb, people) for c in (head.conjuncts if named else ())]
            return [replace(ev, target=p) for p in parties
                    if p is not None and p.country and p.country != ev.source.country]
        pairs = _find_pairs(t.actor_token, kb, people=people,
                            implicit=ev.type in IMPLICIT_OK,  # after the negation rule: REJECT
                            implicit_source=ev.type in IMPLICIT_SOURCE_OK,
                            mutual=ev.type in MUTUAL_TYPES)
        if len(pairs) < 2:
            return []
        first = (ev.source.country, ev.target and ev.target.country)
        out = []
        for source, target in pairs[:MAX_PAIRS]:
            if source is None and target is not None:
                source = ev.source  # a subject inherited from the governing clause ("a bill that allows ...")
            if ev.target is None:
                target = None  # a target the rules took away ("promised to push for peace between X and Y")
            if (source and source.country, target and target.country) == first or not (source and source.country):
                continue
            out.append(replace(ev, source=source, target=target))
        return out


    def _event(self, t: Trigger, sent, view, base, doc, kb, people) -> Optional[Event]:
        rule = t.match.rule
        p = cameo.plover(rule.code)
        if p is None and not rule.type:
            return None
        kind = rule.type or p[0]
        mod = modality(t.token, self.lex.frames)
        implicit = kind in IMPLICIT_OK or (mod == "negated" and (kind in COOPERATIVE or kind in YIELDING))
        if t.kind == "evaluation":
            source, target = evaluation_actors(t.token, kb, people)
        else:
            source, target = trigger_actors(t.actor_token, kb, people, implicit=implicit,
                                            implicit_source=implicit or kind in IMPLICIT_SOURCE_OK,
                                            mutual=kind in MUTUAL_TYPES)
        if view is not sent and not (source and source.country) and not (target and target.country):
            source, target = headline_actors(view, t.token, kb)
        speaker = quote_speaker(doc, base + t.token.idx, kb, people if not base else _shift(people, base))
        if t.kind == "evaluation" and speaker is not None and not (source and source.country):
            source = speaker  # "'Their conduct is reckless,' the minister said"
        if t.kind == "evaluation" and not evaluation_codable(source, target):
            return None
        cand = apply_rules(Candidate(
            token=t.token, actor_token=t.actor_token, kind=kind, mode=p[1] if p else None, code=rule.code,
            modality=mod, source=source, target=target, rule=rule, noun=t.kind == "noun",
            headline=view is not sent, view=view, kb=kb, people=people, frames=self.lex.frames, speaker=speaker))
        if cand is None:
            return None
        abs_pos = base + t.token.idx
        date, precision = event_date(doc, sent, abs_pos, t.actor_token if t.kind == "noun" else t.token)
        return Event(type=cand.kind, mode=cand.mode or None, cameo=cand.code, intensity=cameo.goldstein(cand.code),
                     source=cand.source, target=cand.target, modality=cand.modality, date=date,
                     date_precision=precision, sentence=sent.text, start=sent.start_char, end=sent.end_char,
                     quote=quote_index(doc, abs_pos), coder=self.name)


def meeting_with_partner(t: Trigger) -> bool:
    """A meeting noun whose own phrase names a partner ("optimism about negotiations with Peru", "a call
    between the two presidents") reports the meeting, wherever the noun stands."""
    if rule_type(t.match.rule) != "CONSULT":
        return False
    return any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS and any(g.pos_ == "PROPN" for g in c.subtree)
               for c in t.token.children)


def phrase_text(tok) -> str:
    left, right = min(t.i for t in tok.subtree), max(t.i for t in tok.subtree)
    return tok.doc[left:right + 1].text


def named_owner(tok) -> bool:
    """An event noun owned by a named party ("Lima's tariff threat", "Peru's blockade of the port")
    reports that party's act, wherever the noun stands."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in tok.children)


def _in_descriptive_participle(tok) -> bool:
    if tok.sent.root.pos_ not in ("VERB", "AUX"):
        return False  # "Former leader sentenced to prison": the participle is the predicate
    cur = tok
    for _ in range(4):
        if cur.dep_ == "acl" and cur.tag_ == "VBN":
            return True
        if cur.dep_ not in ("pcomp", "prep", "xcomp", "pobj", "acl") or cur.head is cur:
            return False
        cur = cur.head
    return False


def headline_actors(view, trigger, kb) -> tuple[Optional[Actor], Optional[Actor]]:
    """Headlines parse badly: the nearest actor before the trigger is the source, the nearest
    after it the target ("Russia Denounces Actions By Japan")."""
    found = [m for m in kb.actors.find_all(view.text) if m.country]
    pos = trigger.idx - view.start_char
    before = [m for m in found if m.end <= pos]
    after = [m for m in found if m.start >= pos + len(trigger.text)]
    src = before[-1] if before else None
    tgt = next((m for m in after if src is None or m.country != src.country), None)
    as_actor = lambda m: Actor(text=m.text, country=m.country, sector=m.sector) if m else None
    return as_actor(src), as_actor(tgt)


def headline_verb_keys(tok, lex) -> list[str]:
    """In a headline spaCy often tags the verb as a noun ("Russia Denounces Actions By Japan"):
    a 3rd-person "-s" word whose stem is a verb of our curated rules counts as the verb."""
    low = tok.lower_
    if tok.pos_ not in ("NOUN", "PROPN") or not low.endswith("s") or tok.dep_ in ("pobj",):
        return []
    for stem in (low[:-1], low[:-2], low[:-3] + "y" if low.endswith("ies") else ""):
        if stem and any(r.origin == "curated" and r.code for r in lex.verbs.get(stem, ())):
            return [stem]
    return []


def _shift(people, delta):
    return [(s + delta, e + delta, *rest) for s, e, *rest in people]


def evaluation_codable(speaker, party) -> bool:
    """An evaluation with no speaker or no party, a party's view of itself, or a newspaper's view,
    is no accusation."""
    return bool(speaker and party and speaker.country and party.country and speaker.country != party.country
                and speaker.sector not in NONSTATE_SPEAKERS)


def quote_speaker(doc, pos: int, kb, people) -> Optional[Actor]:
    """The actor (with a country) who speaks the quote holding body offset `pos`: the speaker's
    words resolved by the KB ("the Foreign Ministry of Peru"), else the person of the article whose
    mention bears the speaker's surname (with the country the article gives that person)."""
    i = quote_index(doc, pos)
    if i is None:
        return None
    name = doc.quotes[i].speaker
    if not name:
        return None
    m = kb.actors.resolve(name)
    if m is not None and m.country:
        return Actor(text=name, country=m.country, sector=m.sector)
    surname = name.split()[-1].lower()
    body = doc.body
    for item in people or []:
        s, e, country, sector = item[:4]
        words = body[s:e].split() if 0 <= s < e <= len(body) else []
        if country and words and words[-1].lower() == surname:
            return Actor(text=name, country=country, sector=sector)
    return None


def quote_index(doc, pos: int) -> Optional[int]:
    for i, q in enumerate(doc.quotes):
        if q.start <= pos < q.end:
            return i
    return None


PAST_TAGS = {"VBD", "VBN"}


def event_date(doc, sent, pos: int, trigger) -> tuple[Optional[str], Optional[str]]:
    """The dated time expression of the sentence nearest the trigger, else the article date
    (a month-precision date for past-tense events, which may predate the article)."""
    best = None
    for tx in doc.times:
        if tx.date and sent.start_char <= tx.start and tx.end <= sent.end_char:
            dist = abs(tx.start - pos)
            if best is None or dist < best[0]:
                best = (dist, tx)
    if best is not None:
        return best[1].date, best[1].precision
    pub = doc.record.published
    if not pub.date:
        # undated article: the bounds, when they agree on a month or a year
        lo, hi = pub.not_before or "", pub.not_after or ""
        if lo and hi and lo[:7] == hi[:7]:
            return lo[:8] + "01", "month"
        if lo and hi and lo[:4] == hi[:4]:
            return lo[:5] + "01-01", "year"
        return None, None
    precision = pub.precision or "day"
    if trigger.tag_ in PAST_TAGS and precision == "day":
        return pub.date[:8] + "01", "month"
    return pub.date, precision
