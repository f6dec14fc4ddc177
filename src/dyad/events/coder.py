"""Event coders: a small interface, a registry by name, and the default pattern coder.

A coder turns one spaCy sentence of a `Document` into `model.Event`s (body offsets). The default,
`PatternCoder` ("pattern"), runs on CPU from the spaCy parse and the pattern files of `patterns.py`:

1. view: a title-case headline is re-parsed in sentence case (actor names keep their capitals);
2. triggers: verbs matched against verb rules (curated + converted PETRARCH-2), nouns against noun
   rules ("sanctions", "embargo", "talks") where they report an event ("imposed sanctions", "at the
   meeting with", "the introduction of sanctions"), not a state ("considers the sanctions unfriendly");
   light verbs ("impose", "hold") hand over to the noun in their object; frame verbs ("plan to")
   colour their complement; participles describing a noun ("officials accused of") are no events;
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
from .actors import find_actor_pairs as _find_pairs
from .actors import find_actors as _find_actors
from .modality import modality
from .patterns import EventPatterns, Match, norm, rule_type


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


# sectors that make a converted PETRARCH pattern codable without a country ("gunmen released ...";
# not "a protestor demolished the building")
STATE_SECTORS = {"UAF", "CRM", "REB", "MIL", "COP", "JUD", "GOV", "LEG", "IGO", "SPY", "INS"}
# types that stand as political events even when no actor country is found
ACTORLESS_OK = {"ASSAULT", "PROTEST", "MOBILIZE", "COERCE", "SANCTION", "RETREAT", "CONCEDE", "AID"}
# types whose unnamed counterpart may be the article's most mentioned other country ("Moscow withdrew
# from the talks" in an article about Japan): reactions to a known party, not acts in the void
IMPLICIT_OK = {"REJECT", "RETREAT", "ACCUSE", "PROTEST"}
# ... and whose missing subject may be that country ("sanctions imposed" in an article about Japan);
# other types take it only for an unresolved pronoun subject ("it ceased talks")
IMPLICIT_SOURCE_OK = IMPLICIT_OK | {"SANCTION"}
# sectors whose actors make an event political even without a country (CAMEO agent codes)
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "IGO", "SPY", "INS", "PTY", "ELI"}
OFFER_VERBS = {"offer", "promise", "pledge", "propose", "vow"}  # "offered support": an intent (CAMEO 03)
INTENT_CODES = {"AID": "033", "COOPERATE": "031", "CONSULT": "036", "SUPPORT": "032"}
# verbs of wanting and planning whose cooperative complement is coded as an intent (not "scheduled to")
INTENT_VERBS = {"plan", "intend", "want", "seek", "hope", "aim", "wish", "decide", "try", "attempt", "strive"}
THREAT_KINDS = {"COERCE", "SANCTION", "ASSAULT"}
# prepositions that make an event noun the setting of the sentence ("at the meeting", "during talks")
SETTING_PREPS = {"at", "in", "during", "after", "following", "before"}
# sectors of people who comment rather than act; their questions and views are no diplomacy
NONSTATE_SPEAKERS = {"MED", "EDU"}
SPEECH_TYPES = {"CONSULT", "REQUEST"}  # asking and meeting; an expert may still praise or accuse
THREAT_CODES = {"16": "131", "17": "132", "18": "138", "19": "138", "20": "138"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"}
YIELDING = {"RETREAT", "CONCEDE"}
MAX_PER_SENTENCE = 3
INTRANSITIVE_ONLY = {"demonstrate", "rally", "march"}
MAX_PAIRS = 6
# "Israel said a mortar was fired at it": CAMEO's transformation codes a reported attack as an accusation
REPORTED_AS_ACCUSE = {"ASSAULT", "COERCE"}
REPORTED_CODES = {"161"}  # "Tokyo had destroyed relations", in the words of the other side
REPORT_VERBS = {"say", "claim", "allege", "charge", "insist", "report", "state", "tell", "suggest", "add",
                "stress", "note", "declare", "announce", "write"}
AGREE_LIKE = {"agree", "promise", "pledge", "vow", "commit", "decide", "offer"}
# dependency steps that keep a word inside the scope of the verb above it
SCOPE_DEPS = {"dobj", "xcomp", "ccomp", "pobj", "prep", "pcomp", "compound", "amod", "nmod", "acomp",
              "attr", "dative", "oprd", "poss", "npadvmod", "advmod", "agent", "acl"}
NOUN_POS = {"NOUN", "PROPN"}
# steps a subjectless clause climbs to borrow a source when `actors.py` found none: wider than
# actors.SUBJECT_INHERIT_DEPS (also through the noun a relative clause or object hangs from)
SOURCE_CLIMB_DEPS = {"xcomp", "relcl", "acl", "dobj", "pobj", "prep", "advcl", "conj"}
OCCURRENCE_VERBS = {"begin", "start", "take", "continue", "resume", "end", "happen", "occur", "escalate",
                    "intensify", "increase", "spread", "break", "hit", "kill", "arrive", "rock", "erupt",
                    "enter", "follow", "come", "last", "grow", "proceed", "target", "destroy", "injure",
                    "wound", "damage", "strike", "affect", "force", "cause", "leave"}
NOMINAL_LIGHT = {"introduction", "imposition", "announcement", "launch", "start", "resumption", "holding",
                 "extension", "expansion", "tightening", "adoption", "signing", "beginning", "transfer",
                 "delivery", "supply", "provision", "shipment", "wave", "round", "series", "package",
                 "threat", "use", "outbreak", "escalation", "declaration"}
EVENT_PREPS = {"at", "with", "during", "by", "after", "following", "in", "through", "via", "amid"}


@dataclass
class Trigger:
    token: object  # spaCy token (in the sentence view)
    match: Match
    kind: str  # "verb" | "noun"
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

    def triggers(self, sent, headline: bool = False) -> list[Trigger]:
        lex = self.lex
        nouns: list[Trigger] = []
        for tok in sent:
            if tok.dep_ == "compound" or (tok.dep_ == "conj" and tok.head.dep_ == "compound"):
                head = tok.head if tok.dep_ == "compound" else tok.head.head
                if any(r.code for r in lex.nouns.get(norm(head.lemma_), ())):
                    continue  # "ceasefire talks", "trade talks": the head noun names the event
            if tok.pos_ in NOUN_POS and (headline or self._noun_licensed(tok)):
                t = self._noun_trigger(tok, sent)
                if t is not None:
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
            lemma = keys[-1] if not tok.pos_ == "VERB" else norm(tok.lemma_)
            is_light = lemma in lex.light or (tok.pos_ == "VERB" and in_words(tok, lex.light))
            if " " in keys[0] and keys[0] in lex.verbs:
                is_light = False  # "call for", "step up": the multiword verb is its own event
            if (lemma in lex.frames or in_words(tok, lex.frames)) and any(c.dep_ == "xcomp" for c in tok.children):
                continue
            obj = [t for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "prep") for t in c.subtree]
            if is_light and any(t.i in noun_ids for t in obj):
                continue  # "impose sanctions", "hold talks": the noun carries the event
            after = [t for t in tok.subtree if t.i > tok.i][:20]
            if headline and not tok.pos_ == "VERB":
                after = [t for t in sent if t.i > tok.i][:20]
            after = [t for c in tok.children if c.dep_ == "nsubjpass" for t in c.subtree] + after
            subj = {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
            before = [t for t in sent if t.i < tok.i and (t.i >= tok.i - 6 or t.i in subj)]
            if norm(tok.lemma_) in INTRANSITIVE_ONLY and any(c.dep_ == "dobj" for c in tok.children):
                continue  # "demonstrated a clear reluctance" shows something; it is no street protest
            m = lex.match_verb(keys, after, before)
            if m is None or not m.rule.code:
                continue
            if is_light and not (m.rule.before or m.rule.after):
                continue  # "make", "hold" alone are no events
            verbs.append(Trigger(tok, m, "verb", tok))
        verb_ids = {t.token.i for t in verbs}
        for t in nouns:
            head = t.token.head
            if t.token.dep_ in ("dobj", "nsubjpass", "pobj") and in_words(head, lex.light) and head.i not in verb_ids:
                t.actor_token = head if t.token.dep_ != "pobj" else t.actor_token
        return sorted(verbs + nouns, key=lambda t: t.token.i)

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
        if tok.i > sent.start:
            mods.append(sent.doc[tok.i - 1])
        m = lex.match_noun(key, mods)
        if m is None or not m.rule.code:
            return None
        return Trigger(tok, m, "noun", tok)

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
        people = doc.person_actors
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
        pairs = _find_pairs(t.actor_token, kb, people=people,
                            implicit=ev.type in IMPLICIT_OK,  # after the negation rule: REJECT
                            implicit_source=ev.type in IMPLICIT_SOURCE_OK)
        if len(pairs) < 2:
            return []
        first = (ev.source.country, ev.target and ev.target.country)
        out = []
        for source, target in pairs[:MAX_PAIRS]:
            if (source and source.country, target and target.country) == first or not (source and source.country):
                continue
            out.append(replace(ev, source=source, target=target))
        return out

    def _has_partner(self, noun, kb) -> bool:
        """The event noun's own phrase names a party ("the meeting with the new ambassador",
        "the Japan-Russia summit"), so it reports the meeting rather than places another act."""
        if not any(t.i != noun.i for t in noun.subtree):
            return False
        left, right = min(t.i for t in noun.subtree), max(t.i for t in noun.subtree)
        return any(m.country for m in kb.actors.find_all(noun.doc[left:right + 1].text))

    def _mentions_political(self, view, kb) -> bool:
        """The sentence names a state, an organisation or a political institution (police, court...)."""
        return any(m.country or m.sector in POLITICAL_SECTORS for m in kb.actors.find_all(view.text, agents=True))

    def _reporter(self, tok, kb, people) -> Optional[Actor]:
        """The actor of a reporting verb ("Israel said X fired at it") governing `tok`, if any."""
        for t in tok.sent:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                for g in t.doc[t.i + 1].children:
                    if g.dep_ == "pobj":
                        actor = self._resolve_np(g, kb)
                        if actor is not None:
                            return actor
        cur = tok
        for _ in range(5):
            if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "conj", "xcomp", "auxpass", "nsubjpass", "pobj", "prep", "dobj", "nsubj", "advcl"):
                return None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX") and norm(cur.lemma_) in REPORT_VERBS:
                source, _ = self._actors(cur, kb, people)
                return source if source and source.country else None
        return None

    def _resolve_np(self, tok, kb) -> Optional[Actor]:
        left = min(t.i for t in tok.subtree)
        right = max(t.i for t in tok.subtree)
        m = kb.actors.resolve(tok.doc[left:right + 1].text)
        return Actor(text=m.text, country=m.country, sector=m.sector) if m and m.country else None

    def _actors(self, tok, kb, people, implicit: bool = False,
                implicit_source: bool = False) -> tuple[Optional[Actor], Optional[Actor]]:
        source, target = self._find(tok, kb, people, implicit, implicit_source)
        # "Moscow sees no reason to resume talks": a clause without its own subject inherits the
        # subject of the clause it hangs from (through xcomp/relcl/acl and the noun they modify)
        cur, steps = tok, 0
        while source is None and steps < 4 and cur.head is not cur and cur.dep_ in SOURCE_CLIMB_DEPS:
            cur = cur.head
            steps += 1
            if cur.pos_ in ("VERB", "AUX"):
                source = self._find(cur, kb, people)[0]
        return source, target

    def _find(self, tok, kb, people, implicit: bool = False, implicit_source: bool = False):
        return _find_actors(tok, kb, people=people, implicit=implicit, implicit_source=implicit_source)

    def _event(self, t: Trigger, sent, view, base, doc, kb, people) -> Optional[Event]:
        rule = t.match.rule
        p = cameo.plover(rule.code)
        if p is None and not rule.type:
            return None
        kind = rule.type or p[0]
        mode = p[1] if p else None
        mod = modality(t.token, self.lex.frames)
        implicit = kind in IMPLICIT_OK or (mod == "negated" and (kind in COOPERATIVE or kind in YIELDING))
        source, target = self._actors(t.actor_token, kb, people, implicit=implicit,
                                      implicit_source=implicit or kind in IMPLICIT_SOURCE_OK)
        if view is not sent and not (source and source.country) and not (target and target.country):
            source, target = headline_actors(view, t.token, kb)
        code = rule.code
        offered = t.kind == "noun" and t.actor_token is not t.token and norm(t.actor_token.lemma_) in OFFER_VERBS
        if kind in INTENT_CODES and rule.code and (offered or framed_by_intent(t.token)):
            # "plans to send aid", "wants to help": CAMEO/PLOVER code the expressed intent (AGREE, 03)
            kind, mode, code = "AGREE", None, INTENT_CODES[kind]
        if rule.weak and (mod not in ("asserted", "intended") or hangs_from_noun(t.token) or not main_clause(t.token)):
            return None  # "reasons to strengthen ties", "if Tokyo restores ties": an attitude, no act
        if t.kind == "noun" and kind in COOPERATIVE and t.token.dep_ == "pobj" \
                and t.token.head.lower_ in SETTING_PREPS and not self._has_partner(t.token, kb):
            return None  # "at the meeting, X conveyed ...": the setting of another act, not the meeting
        if (source and source.sector in NONSTATE_SPEAKERS or target and target.sector in NONSTATE_SPEAKERS) \
                and kind in SPEECH_TYPES:
            return None  # journalists' questions, experts' views: no act between the parties
        if t.kind == "verb" and view is sent and kind != "ASSAULT" and passive_description(t.token) \
                and not (source and source.country):
            # "X, who had been arrested ...": a description of X (violence done to X is news of its own;
            # headlines drop the auxiliary: "four killed in air strike")
            return None
        if kind in THREAT_KINDS and mod == "intended" and dropped_plan(t.actor_token or t.token):
            # "suspended plans to impose a curfew": giving up a coercive plan is a concession (CAMEO 08)
            kind, mode, code, mod = "CONCEDE", None, "080", "asserted"
        if mod == "intended" and kind in THREAT_KINDS and framed_in_past(t.token, self.lex.frames) \
                and in_relative_clause(t.actor_token or t.token):
            return None  # "Kishida, who sought to punish X with sanctions, ...": a past motive describing a person
        if (mod in ("hypothetical", "intended", "conditional") or framed_by_promise(t.actor_token or t.token)) \
                and kind in THREAT_KINDS and source is not None and not framed_in_past(t.token, self.lex.frames):
            # announcing a coercive act one may, will or would take is a threat (CAMEO 13)
            kind, mode, code = "THREATEN", None, THREAT_CODES.get(code[:2], "130")
        if kind in COOPERATIVE and only_after(t.token):
            # "dialogue will be possible only after Tokyo ceases ...": a refusal with a condition
            kind, mode, code, mod = "REJECT", None, "120", "conditional"
        if mod == "demanded" and (kind in COOPERATIVE or kind in YIELDING):
            # "he said it is imperative that X talk with Y": the speaker asks X (CAMEO 10); a demand
            # nobody in the sentence makes ("a trend toward lifting sanctions must be created") is no act
            speaker = self._reporter(t.token, kb, people)
            if speaker is None or source is None:
                return None
            kind, mode, code, target, source = "REQUEST", None, "100", source, speaker
        if mod == "negated" and (kind in COOPERATIVE or kind in YIELDING):
            # refusing to meet, resume, cooperate or yield: PLOVER REJECT, asserted
            code = {"CONSULT": "125", "RETREAT": "124", "CONCEDE": "124"}.get(kind, "120")
            kind, mode, mod = "REJECT", None, "asserted"
        if not (source and source.country) and not (target and target.country):
            # a named person or body acting (no country known) still makes a codable event
            political = any(a is not None and (a.sector in POLITICAL_SECTORS or a.sector is None)
                            for a in (source, target))
            # domestic news: gunmen, a jury, lawmakers acting make an event by a curated rule (a
            # converted PETRARCH pattern is trusted only between countries)
            armed = any(a is not None and a.sector in STATE_SECTORS for a in (source, target))
            political = political or armed or (rule.origin == "curated" and any(a is not None for a in (source, target)))
            if rule.origin != "curated" and not armed and not political_named(source, target):
                return None
            if not (political or (kind in ACTORLESS_OK and self._mentions_political(view, kb))):
                return None
        if _asked_whether(t.token):
            return None  # "a question about whether Japan intended to ...": asked, not claimed
        if mod in ("hypothetical", "intended") and not (source and source.country):
            return None  # a possible or intended act needs the actor whose act it would be
        if (kind in REPORTED_AS_ACCUSE or code in REPORTED_CODES) and mod == "asserted":
            accuser = self._reporter(t.token, kb, people)
            if accuser is not None:
                own = source is not None and source.country == accuser.country
                accused = target if own else source
                # a side reporting its own act ("the US said it struck ...") is no accusation
                if not own and accused is not None and accused.country and accused.country != accuser.country:
                    kind, mode, code, source, target = "ACCUSE", "allege", "112", accuser, accused
        abs_pos = base + t.token.idx
        date, precision = event_date(doc, sent, abs_pos, t.actor_token if t.kind == "noun" else t.token)
        return Event(type=kind, mode=mode or None, cameo=code, intensity=cameo.goldstein(code),
                     source=source, target=target, modality=mod, date=date, date_precision=precision,
                     sentence=sent.text, start=sent.start_char, end=sent.end_char,
                     quote=quote_index(doc, abs_pos), coder=self.name)


def stems(word: str) -> list[str]:
    """Base-form candidates of an inflected verb, for when the lemmatiser slips ("staged" -> "stag")."""
    w = word.lower()
    out = []
    if w.endswith("ied"):
        out.append(w[:-3] + "y")
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"] + ([w[:-4]] if len(w) > 5 and w[-4] == w[-5] else [])
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return [norm(x) for x in out if len(x) > 2]


def in_words(tok, words) -> bool:
    return norm(tok.lemma_) in words or norm(tok.lower_) in words or any(k in words for k in stems(tok.lower_))


def complement_of(tok, lemmas, depth: int) -> bool:
    """The trigger is the (possibly conjoined) complement of one of these verbs, within `depth` steps."""
    cur = tok
    for _ in range(depth):
        if cur.dep_ not in ("xcomp", "conj") or cur.head is cur:
            return False
        cur = cur.head
        if norm(cur.lemma_) in lemmas and cur.pos_ in ("VERB", "AUX"):
            return True
    return False


def framed_by_intent(tok) -> bool:
    """An intention: "plans to", "wants to", "seeks to"."""
    return complement_of(tok, INTENT_VERBS, 3)


def framed_by_promise(tok) -> bool:
    """A promise: "vowed to strike", "pledged to retaliate"."""
    return complement_of(tok, AGREE_LIKE, 2)


def hangs_from_noun(tok) -> bool:
    """The trigger completes a noun ("one of the reasons to strengthen ties", "words about agreeing"),
    not a clause of its own."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("acl", "relcl", "pcomp", "pobj", "prep", "xcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if cur.pos_ in ("VERB", "AUX"):
            return False
    return False


def political_named(source, target) -> bool:
    """A named person or body (no sector known) takes part: "Kishida", "the Sasakawa Foundation"."""
    return any(a is not None and a.sector is None for a in (source, target))


def main_clause(tok) -> bool:
    """The trigger (through the verbs that frame it: "plans to develop") is the main predicate of
    its sentence or of a reported clause, not an adverbial aside ("..., seeking to mend ties")."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("ROOT", "ccomp", "parataxis") or cur.head.i == cur.i:
            return True
        if cur.dep_ not in ("xcomp", "conj", "acomp", "aux"):
            return False
        cur = cur.head
    return False


def passive_description(tok) -> bool:
    """A passive participle describing a noun with no agent named ("the prisoners detained in 2019",
    "a man who had been arrested"): the noun's past, not an act this sentence reports."""
    if tok.dep_ not in ("relcl", "acl") or tok.tag_ != "VBN":
        return False
    if tok.head.dep_ == "ROOT" and tok.head.pos_ != "VERB":
        return False  # no finite verb: a headline ("former leader sentenced to prison") reports it
    kids = {c.dep_ for c in tok.children}
    if "agent" in kids:
        return False
    return tok.dep_ == "acl" or "auxpass" in kids


PLAN_NOUNS = {"plan", "intention", "threat", "decision", "proposal", "bid", "move"}
DROP_VERBS = {"suspend", "drop", "abandon", "shelve", "scrap", "cancel", "halt", "postpone", "freeze",
              "withdraw", "reverse", "rescind", "revoke", "delay", "put off", "back off"}


def dropped_plan(tok) -> bool:
    """The trigger completes a plan noun that a verb of giving up takes as object ("suspended plans to
    impose", "abandoned the threat to attack")."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN") and norm(cur.lemma_) in PLAN_NOUNS:
            return cur.dep_ in ("dobj", "nsubjpass") and norm(cur.head.lemma_) in DROP_VERBS
    return False


def in_relative_clause(tok) -> bool:
    """The token lies in a relative clause (a description of a noun, not the sentence's report)."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "relcl":
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def framed_in_past(tok, frames) -> bool:
    """An intention reported in the past ("sought to injure", "tried to"): an attempt, not a threat."""
    cur = tok
    for _ in range(5):
        if cur.dep_ not in ("xcomp", "conj", "pobj", "prep") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.tag_ in ("VBD", "VBN") and norm(cur.lemma_) in frames:
            return True
    return False


def only_after(tok) -> bool:
    """The trigger's clause is made possible only by a condition ("resumption will be possible only
    after Tokyo ceases ...", "talks only if ...")."""
    cur = tok
    for _ in range(5):  # up to the clause verb
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    for t in cur.subtree:
        if t.lower_ in ("after", "if", "until", "unless") and t.i > 0 and t.doc[t.i - 1].lower_ == "only" \
                and t.i > tok.i:
            return True
    return False


def _asked_whether(tok) -> bool:
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in cur.children):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


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
