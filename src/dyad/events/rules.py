"""The coding rules of the pattern coder: named, ordered, each testable alone.

A trigger found by a coder becomes a `Candidate`: PLOVER type, mode, CAMEO code, modality and the
source/target actors read from the parse. Each rule of `RULES` then reads the candidate and its
sentence and either leaves it, rewrites it (a negated meeting becomes a REJECT, a promised strike a
THREATEN) or drops it (returns None). `apply_rules` runs them in order. The rules need only the
spaCy token of the trigger, the KB and the article's person spans, so a second backend that proposes
its own candidates (a classifier choosing the type) can run the same rules, or a subset of them.

Rule order matters where one rule's output is another's input: intent before the weak-attitude
check; the coercive-intent THREATEN before the demanded REQUEST; the negation REJECT before the
country check; the reported-attack ACCUSE last. Word lists live in data/coder_words.yaml;
the reporting verbs in the one speech-verb list, dyad/data/quotes/speech_verbs.csv.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from ..model import Actor
from ..quotes.lexicon import read_speech_verbs
from .actors import PRONOUNS
from .actors import find_actors as _find_actors
from .actors import marked_clause_subjects, sentence_actors
from .patterns import Rule, norm
from .words import load_words

WORDS = load_words("coder_words")
ACTORLESS_OK = WORDS["actorless_ok"]
IMPLICIT_OK = WORDS["implicit_ok"]
IMPLICIT_SOURCE_OK = IMPLICIT_OK | WORDS["implicit_source_extra"]
COOPERATIVE = WORDS["cooperative"]
YIELDING = WORDS["yielding"]
THREAT_KINDS = WORDS["threat_kinds"]
SPEECH_TYPES = WORDS["speech_types"]
REPORTED_AS_ACCUSE = WORDS["reported_as_accuse"]
REPORTED_CODES = WORDS["reported_codes"]
MUTUAL_TYPES = WORDS["mutual_types"]
DOMESTIC_UNTARGETED = WORDS["domestic_untargeted"]
OFFICIAL_SECTORS = WORDS["official_sectors"]
INTENT_CODES = WORDS["intent_codes"]
THREAT_CODES = WORDS["threat_codes"]
REJECT_CODES = WORDS["reject_codes"]
STATE_SECTORS = WORDS["state_sectors"]
POLITICAL_SECTORS = WORDS["political_sectors"]
NONSTATE_SPEAKERS = WORDS["nonstate_speakers"]
OFFER_VERBS = WORDS["offer_verbs"]
INTENT_VERBS = WORDS["intent_verbs"]
INTENT_NOUNS = WORDS["intent_nouns"]
DESIRE_VERBS = WORDS["desire_verbs"]
AGREE_LIKE = WORDS["agree_like"]
PROMISE_VERBS = WORDS["promise_verbs"]
DECISION_VERBS = WORDS["decision_verbs"]
# verbs of saying whose subject reports the clause below: the one speech-verb list marks them
REPORT_VERBS = frozenset(row["lemma"] for row in read_speech_verbs() if "events" in row["also_for"].split())
DROP_VERBS = WORDS["drop_verbs"]
FAIL_VERBS = WORDS["fail_verbs"]
CONDITION_CLAUSE_MARKS = WORDS["condition_clause_marks"]
ONLY_CONDITION_MARKS = WORDS["only_condition_marks"]
ACCEPTANCE_VERBS = WORDS["acceptance_verbs"]
REFUSAL_AUX = WORDS["refusal_aux"]
PLAN_NOUNS = WORDS["plan_nouns"]
SETTING_PREPS = WORDS["setting_preps"]
# steps a subjectless clause climbs to borrow a source when `actors.py` found none: wider than
# actors.SUBJECT_INHERIT_DEPS (also through the noun a relative clause or object hangs from)
SOURCE_CLIMB_DEPS = {"xcomp", "relcl", "acl", "dobj", "pobj", "prep", "advcl", "conj"}


@dataclass
class Candidate:
    """An event in the making: what one trigger would code, before and while the rules read it."""
    token: object  # the trigger's spaCy token (in the sentence view)
    actor_token: object  # the token whose arguments are the actors (a light verb for its object noun)
    kind: str  # PLOVER type
    mode: Optional[str]
    code: str  # CAMEO code
    modality: str
    source: Optional[Actor]
    target: Optional[Actor]
    rule: Rule  # the pattern rule that matched ("weak", "origin")
    noun: bool  # an event noun rather than a verb
    headline: bool  # read from a re-cased headline view
    view: object  # the sentence span the token belongs to
    kb: object
    people: list = field(default_factory=list)
    frames: dict = field(default_factory=dict)  # modality frame verbs of the lexicon
    speaker: Optional[Actor] = None  # who speaks the quote the trigger stands in, if known


RuleFn = Callable[[Candidate], Optional[Candidate]]


def apply_rules(cand: Candidate, rules: "list[RuleFn]" = None) -> Optional[Candidate]:
    """Run `rules` (default: RULES) in order; None as soon as one drops the candidate."""
    for rule in RULES if rules is None else rules:
        cand = rule(cand)
        if cand is None:
            return None
    return cand


def country(actor: Optional[Actor]) -> Optional[str]:
    return actor.country if actor is not None else None


# ---- the rules, in order ------------------------------------------------------------------------------

def intent_as_agree(c: Candidate) -> Optional[Candidate]:
    """"plans to send aid", "offered support": CAMEO/PLOVER code the expressed intent (AGREE, 03)."""
    offered = c.noun and c.actor_token is not c.token and norm(c.actor_token.lemma_) in OFFER_VERBS
    if c.kind in INTENT_CODES and c.rule.code and (offered or framed_by_intent(c.token)):
        c.kind, c.mode, c.code = "AGREE", None, INTENT_CODES[c.kind]
    return c


def desire_of_other_requests(c: Candidate) -> Optional[Candidate]:
    """"Chile wants Peru to withdraw", "expects Peru to agree": wanting another party to act asks it to
    (CAMEO 10, PLOVER REQUEST), from the one who wants to the one who is to act."""
    verb = c.actor_token if c.noun else c.token
    if verb.dep_ != "ccomp" or not any(k.dep_ == "aux" and k.lower_ == "to" for k in verb.children):
        return c
    head = verb.head
    if head.pos_ != "VERB" or norm(head.lemma_) not in DESIRE_VERBS:
        return c
    subj = next((k for k in verb.children if k.dep_ == "nsubj"), None)
    asker = find(head, c.kb, c.people)[0]
    asked = mention_actor(subj, c.kb, c.people) if subj is not None else None
    if asker is None or asked is None or not asker.country or asker.country == asked.country:
        return c
    c.kind, c.mode, c.code, c.modality, c.source, c.target = "REQUEST", None, "100", "asserted", asker, asked
    return c


def failed_act(c: Candidate) -> Optional[Candidate]:
    """"failed to impose sanctions", "refrained from striking": the act did not happen. It is negated;
    a failed cooperative or yielding act is left for the REJECT rule, a failed coercion is no event."""
    if complement_of(c.token, FAIL_VERBS, 3) or complement_of(c.actor_token, FAIL_VERBS, 3):
        c.modality = "negated"
    return c


def no_act_in_condition(c: Candidate) -> Optional[Candidate]:
    """"X will strike if Y attacks", "the operation goes on until Y stops": the act of a condition
    clause is the condition of the reported act, not an act the article reports."""
    cur = c.token
    for _ in range(6):
        if cur.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in CONDITION_CLAUSE_MARKS for k in cur.children):
            return None
        if cur.dep_ in ("ccomp", "ROOT", "parataxis") or cur.head.i == cur.i:
            return c
        cur = cur.head
    return c


def weak_needs_main_clause(c: Candidate) -> Optional[Candidate]:
    """An attitude rule ("develop relations") codes only in an asserted or intended main clause:
    "reasons to strengthen ties", "if Tokyo restores ties" are no acts."""
    if c.rule.weak and (c.modality not in ("asserted", "intended") or hangs_from_noun(c.token)
                        or not main_clause(c.token)):
        return None
    return c


def setting_needs_partner(c: Candidate) -> Optional[Candidate]:
    """"At the meeting, X conveyed ...": a meeting noun that is the setting of another act needs a
    partner in its own phrase to be the event."""
    if c.noun and c.kind in COOPERATIVE and c.token.dep_ == "pobj" and c.token.head.lower_ in SETTING_PREPS \
            and not has_partner(c.token, c.kb):
        return None
    return c


def no_commentator_speech(c: Candidate) -> Optional[Candidate]:
    """Journalists' questions and experts' meetings (sectors MED, EDU) are no CONSULT/REQUEST."""
    if c.kind in SPEECH_TYPES and any(a is not None and a.sector in NONSTATE_SPEAKERS for a in (c.source, c.target)):
        return None
    return c


def no_passive_description(c: Candidate) -> Optional[Candidate]:
    """"X, who had been arrested ...": a passive participle describing a noun (no agent, no country) is
    the noun's past. Violence is news of its own; headlines drop the auxiliary ("four killed")."""
    if not c.noun and not c.headline and c.kind != "ASSAULT" and passive_description(c.token) \
            and not country(c.source):
        return None
    return c


def dropped_plan_concedes(c: Candidate) -> Optional[Candidate]:
    """"suspended plans to impose a curfew": giving up a coercive plan is a concession (CAMEO 08)."""
    if c.kind in THREAT_KINDS and c.modality == "intended" and dropped_plan(c.actor_token or c.token):
        c.kind, c.mode, c.code, c.modality = "CONCEDE", None, "080", "asserted"
    return c


def no_past_motive(c: Candidate) -> Optional[Candidate]:
    """"Kishida, who sought to punish X with sanctions, ...": a past motive describing a person."""
    if c.modality == "intended" and c.kind in THREAT_KINDS and framed_in_past(c.token, c.frames) \
            and in_relative_clause(c.actor_token or c.token):
        return None
    return c


def coercive_intent_threatens(c: Candidate) -> Optional[Candidate]:
    """Announcing a coercive act one may, will or would take is a threat (CAMEO 13)."""
    if (c.modality in ("hypothetical", "intended", "conditional") or framed_by_promise(c.actor_token or c.token)) \
            and (c.kind in THREAT_KINDS or c.code[:2] in THREAT_CODES and not decided(c.token)) \
            and c.source is not None and not framed_in_past(c.token, c.frames) and aims_at_other_party(c):
        c.kind, c.mode, c.code = "THREATEN", None, THREAT_CODES.get(c.code[:2], "130")
        if c.target is None:
            c.target = condition_party(c)
        elif c.target.country == country(c.source):
            c.target = None  # "a plan to detain him" (one's own citizen): domestic, no party threatened
    return c


def aims_at_other_party(c: Candidate) -> bool:
    """A threat names whom it threatens: a target that the coercive act itself takes ("destroy
    Turkey's economy", "sanctions imposed on Saudi Arabia"). A target found elsewhere in the sentence
    ("Americans will be shot at, and they will be shooting back") makes no threat; with no target yet,
    the condition's party is the one threatened."""
    if c.target is None:
        return True
    text = (c.target.text or "").lower()
    for tok in {c.token, c.actor_token or c.token}:
        args = [k for k in tok.children if k.dep_ in ("dobj", "dative", "nsubjpass", "poss")]
        args += [p for k in tok.children if k.dep_ == "prep" for p in k.children if p.dep_ == "pobj"]
        if text and any(text in tok.doc[a.left_edge.i:a.right_edge.i + 1].text.lower() for a in args):
            return True
    return False


def condition_party(c: Candidate) -> Optional[Actor]:
    """"X will strike if Y attacks": the party whose act the condition names is the one threatened."""
    cur = c.token
    for _ in range(4):
        for k in cur.children:
            if k.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_CLAUSE_MARKS for m in k.children):
                party = find(k, c.kb, c.people)[0]
                if party is not None and party.country and party.country != country(c.source):
                    return party
        if cur.dep_ not in ("xcomp", "conj", "aux") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def only_after_rejects(c: Candidate) -> Optional[Candidate]:
    """"dialogue will be possible only after Tokyo ceases ...": a refusal with a condition."""
    if c.kind in COOPERATIVE and only_after(c.token):
        c.kind, c.mode, c.code, c.modality = "REJECT", None, "120", "conditional"
    return c


def demand_is_request(c: Candidate) -> Optional[Candidate]:
    """"he said it is imperative that X talk with Y": the speaker asks X (CAMEO 10); a demand nobody
    in the sentence makes ("a trend toward lifting sanctions must be created") is no act."""
    if c.modality == "demanded" and (c.kind in COOPERATIVE or c.kind in YIELDING):
        speaker = reporter(c.token, c.kb, c.people) or c.speaker
        if speaker is None or c.source is None or speaker.country == c.source.country:
            return None  # (a speaker urging their own side is domestic politics, not a request between parties)
        c.kind, c.mode, c.code, c.target, c.source = "REQUEST", None, "100", c.source, speaker
    return c


def negated_cooperation_rejects(c: Candidate) -> Optional[Candidate]:
    """Refusing to meet, resume, cooperate or yield is PLOVER REJECT, asserted: "will not meet",
    "won't back down", "did not accept". A cooperative act that simply did not happen ("did not give
    notice", "doesn't like to concede", "wasn't backing down") is no event at all."""
    if c.modality == "negated" and (c.kind in COOPERATIVE or c.kind in YIELDING):
        if not refusal(c.token) or not negation_in_scope(c.token):
            return None
        c.kind, c.mode, c.code, c.modality = "REJECT", None, REJECT_CODES.get(c.kind, "120"), "asserted"
    return c


def no_own_pronoun_target(c: Candidate) -> Optional[Candidate]:
    """A pronoun target of the source's own country is the source's own ("Doe and his advisers",
    "support his presidency"): no party of the event. The event keeps its source."""
    if c.target is not None and c.source is not None and c.target.country == c.source.country \
            and (c.target.text or "").lower() in PRONOUNS:
        c.target = None
    return c


def request_aims_at_the_asked(c: Candidate) -> Optional[Candidate]:
    """"Lima's demand that Santiago reopen the border": a request with no target asks the subject of
    the clause that says what is asked."""
    if c.kind != "REQUEST" or country(c.target):
        return c
    for subj in marked_clause_subjects(c.token, ("acl", "ccomp"), ("that",), subject_deps=("nsubj",)):
        asked = mention_actor(subj, c.kb, c.people)
        if asked is not None and asked.country != country(c.source):
            c.target = asked
            return c
    return c


def domestic_has_no_target(c: Candidate) -> Optional[Candidate]:
    """"Parliament voted down the prime minister's budget", "a senator urged the president to veto
    the bill": a verbal or cooperative act between two actors of one country is domestic politics, no
    relation between parties; the event keeps its source."""
    if c.kind in DOMESTIC_UNTARGETED and country(c.source) and country(c.source) == country(c.target) \
            and all(a.sector is None or a.sector in OFFICIAL_SECTORS for a in (c.source, c.target)):
        c.target = None
    return c


def countryless_needs_political_actor(c: Candidate) -> Optional[Candidate]:
    """An event with no country needs a political or armed actor: a named person or body, or a bare
    agent noun ("gunmen", "a grand jury") by a curated rule (a converted PETRARCH pattern is trusted
    only between countries); else a violent or coercive type in a sentence naming such an actor."""
    if country(c.source) or country(c.target):
        return c
    actors = [a for a in (c.source, c.target) if a is not None]
    political = any(a.sector in POLITICAL_SECTORS or a.sector is None for a in actors)
    armed = any(a.sector in STATE_SECTORS for a in actors)
    political = political or armed or (c.rule.origin == "curated" and bool(actors))
    if c.rule.origin != "curated" and not armed and not political_named(c.source, c.target):
        return None
    if not (political or (c.kind in ACTORLESS_OK and mentions_political(c.view, c.kb))):
        return None
    return c


def not_asked_whether(c: Candidate) -> Optional[Candidate]:
    """"a question about whether Japan intended to ...": asked, not claimed."""
    return None if asked_whether(c.token) else c


def possible_act_needs_actor(c: Candidate) -> Optional[Candidate]:
    """A possible or intended act needs the actor (a country) whose act it would be."""
    if c.modality in ("hypothetical", "intended") and not country(c.source):
        return None
    return c


def promise_aims_at_its_own_party(c: Candidate) -> Optional[Candidate]:
    """A promise is made to a party named by the promise itself (its object, "to ..." phrase or fellow
    subjects: "pledged aid to Peru", "Chile and Peru promised to ratify"), not to one named inside what
    is promised: "promised to be tough on China", "vowed to repel it", "committed to paying him" aim
    at no party, so the promise keeps no target (the promised act, if codable, codes itself)."""
    verb = c.token
    if c.noun or c.target is None or norm(verb.lemma_) not in PROMISE_VERBS:
        return c
    own = [g for k in verb.children if k.dep_ in ("nsubj", "dative", "dobj") for g in k.subtree]
    own += [g for k in verb.children if k.dep_ == "prep" for p in k.children if p.dep_ == "pobj"
            for g in p.subtree]
    named = {a.country for a in (mention_actor(t, c.kb, c.people) for t in own) if a is not None}
    if c.target.country not in named:
        c.target = None
    return c


def reported_attack_accuses(c: Candidate) -> Optional[Candidate]:
    """"Israel said a mortar was fired at it", "'Russia keeps threatening its neighbours,' the senator
    said": CAMEO codes an attack or threat reported by the other side as that side's accusation; a
    side reporting its own act ("the US said it struck ...") is none."""
    if c.kind == "THREATEN" and c.noun:
        return c  # "issued a warning": the warning is the act itself, whoever reports it
    if (c.kind in REPORTED_AS_ACCUSE or c.code in REPORTED_CODES) and c.modality == "asserted":
        accuser = reporter(c.token, c.kb, c.people) or c.speaker
        if accuser is not None:
            own = c.source is not None and c.source.country == accuser.country
            accused = c.target if own else c.source
            if not own and accused is not None and accused.country and accused.country != accuser.country \
                    and named_as_doer(c, accused):
                c.kind, c.mode, c.code, c.source, c.target = "ACCUSE", "allege", "112", accuser, accused
    return c


def named_as_doer(c: Candidate, accused: Actor) -> bool:
    """The accused is the one the report names as doing the act: the subject of the active attack
    ("said North Korea launched", "said fire from Syria killed"). A country named as the place, the
    victim or a passive's agent ("was gunned down in the Turkish capital") is not accused by the report."""
    text = (accused.text or "").lower()
    for tok in {c.token, c.actor_token or c.token}:
        for _ in range(3):  # "Russia continues to threaten ...": the subject of the verb the act completes
            for k in tok.children:
                if k.dep_ == "nsubj" and text and text in tok.doc[k.left_edge.i:k.right_edge.i + 1].text.lower():
                    return True
            if tok.dep_ != "xcomp":
                break
            tok = tok.head
    return False


RULES: list[RuleFn] = [
    desire_of_other_requests,
    intent_as_agree,
    failed_act,
    no_act_in_condition,
    weak_needs_main_clause,
    setting_needs_partner,
    no_commentator_speech,
    no_passive_description,
    dropped_plan_concedes,
    no_past_motive,
    coercive_intent_threatens,
    only_after_rejects,
    demand_is_request,
    negated_cooperation_rejects,
    no_own_pronoun_target,
    request_aims_at_the_asked,
    domestic_has_no_target,
    countryless_needs_political_actor,
    not_asked_whether,
    possible_act_needs_actor,
    promise_aims_at_its_own_party,
    reported_attack_accuses,
]


# ---- actors of a trigger ------------------------------------------------------------------------------

def find(tok, kb, people, implicit: bool = False, implicit_source: bool = False, mutual: bool = True):
    return _find_actors(tok, kb, people=people, implicit=implicit, implicit_source=implicit_source, mutual=mutual)


def trigger_actors(tok, kb, people, implicit: bool = False, implicit_source: bool = False,
                   mutual: bool = True) -> tuple[Optional[Actor], Optional[Actor]]:
    """Source and target of a trigger. "Moscow sees no reason to resume talks": a clause without its
    own subject inherits the subject of the clause it hangs from (through xcomp/relcl/acl and the
    noun they modify), before any unnamed party is guessed (`implicit`, `implicit_source`)."""
    source, target = find(tok, kb, people, False, False, mutual)
    cur, steps = tok, 0
    while source is None and steps < 4 and cur.head is not cur and cur.dep_ in SOURCE_CLIMB_DEPS:
        cur = cur.head
        steps += 1
        if cur.pos_ in ("VERB", "AUX"):
            source = find(cur, kb, people)[0]
    if (implicit or implicit_source) and (source is None or target is None):
        # only then guess an unnamed party (the article's most mentioned other country)
        guessed_source, guessed_target = find(tok, kb, people, implicit, implicit_source, mutual)
        if source is None and (target is None or guessed_target == target):
            source = guessed_source
        if target is None:
            target = guessed_target
        if source is not None and target is not None and source.country == target.country:
            target = None
    return source, target


def has_partner(noun, kb) -> bool:
    """The event noun's own phrase names a party ("the meeting with the new ambassador",
    "the Japan-Russia summit"), so it reports the meeting rather than places another act."""
    if not any(t.i != noun.i for t in noun.subtree):
        return False
    left, right = min(t.i for t in noun.subtree), max(t.i for t in noun.subtree)
    return any(m.country for m in kb.actors.find_all(noun.doc[left:right + 1].text))


def mentions_political(view, kb) -> bool:
    """The sentence names a state, an organisation or a political institution (police, court...)."""
    return any(m.country or m.sector in POLITICAL_SECTORS for m in kb.actors.find_all(view.text, agents=True))


def reporter(tok, kb, people) -> Optional[Actor]:
    """The actor (with a country) of a reporting verb governing `tok` ("Israel said X fired at it"),
    or of "according to X" in the sentence, if any."""
    for t in tok.sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for g in t.doc[t.i + 1].children:
                if g.dep_ == "pobj":
                    actor = resolve_np(g, kb)
                    if actor is not None:
                        return actor
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "conj", "xcomp", "auxpass", "nsubjpass", "pobj",
                                                   "prep", "dobj", "nsubj", "advcl"):
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and norm(cur.lemma_) in REPORT_VERBS:
            source, _ = trigger_actors(cur, kb, people)
            return source if source and source.country else None
    return None


def resolve_np(tok, kb) -> Optional[Actor]:
    left = min(t.i for t in tok.subtree)
    right = max(t.i for t in tok.subtree)
    m = kb.actors.resolve(tok.doc[left:right + 1].text)
    return Actor(text=m.text, country=m.country, sector=m.sector) if m and m.country else None


NAMING_VERBS = WORDS["naming_verbs"]
NAMING_AS_VERBS = WORDS["naming_as_verbs"]
CONDEMNATION_ADJECTIVES = WORDS["condemnation_adjectives"]
CONDEMNATION_NOUNS = WORDS["condemnation_nouns"]
PRAISE_NOUNS = WORDS["praise_nouns"]


def predicate_noun(tok) -> bool:
    """The noun is said of something ("Y is a foe", "called Y a monster", "referred to Y as a friend"),
    not a mention of one ("the enemy attacked")."""
    return evaluated(tok)[0] is not None


def evaluated(word) -> tuple[Optional[object], Optional[object]]:
    """(what an evaluating word is said of, the naming verb that says it or None)."""
    head = word.head
    if word.dep_ == "amod" and word.pos_ == "ADJ":
        return head, None
    if word.dep_ in ("acomp", "attr"):
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None), None
    if word.dep_ in ("oprd", "xcomp", "ccomp") and norm(head.lemma_) in NAMING_VERBS:
        named = next((c for c in head.children if c.dep_ == "dobj" or (c.dep_ == "oprd" and c.i < word.i)), None)
        if named is None and word.pos_ == "NOUN":
            named = word  # "called Syrian President X a monster", parsed as one phrase: the name is inside
        return named, head
    if word.dep_ == "dobj" and word.pos_ in ("NOUN", "PROPN") and norm(head.lemma_) in NAMING_VERBS:
        # "labeled China the biggest threat": the first of two objects is the one named
        first = next((c for c in head.children if c.dep_ == "dobj" and c.i < word.i), None)
        return first, head if first is not None else None
    if word.dep_ == "pobj" and head.lower_ == "as" and norm(head.head.lemma_) in NAMING_AS_VERBS:
        verb = head.head
        named = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if named is None:  # "referred to Y as ..."
            named = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                          for g in c.children if g.dep_ == "pobj"), None)
        return named, verb if named is not None else None
    return None, None


def evaluation_actors(word, kb, people) -> tuple[Optional[Actor], Optional[Actor]]:
    """Speaker and evaluated party of a condemning adjective or an evaluating predicate noun: "X said
    Y's behaviour was outrageous" (X, Y), "X, calling the Y strike irresponsible" (X, Y), "X said Y took
    a hostile step" (X, Y), "X called Y a monster" (X, Y), "X referred to Y as a friend" (X, Y).
    The party is the owner of what is evaluated (its possessor or a name in its phrase), else what is
    evaluated itself, else the subject of the verb that governs it."""
    head, verb = evaluated(word)
    speaker = None
    if verb is not None:
        speaker = find(verb, kb, people)[0]
        if speaker is None:  # "..., calling the strike irresponsible": the clause above speaks
            speaker = find(verb.head, kb, people)[0] if verb.dep_ in ("advcl", "conj", "xcomp") else None
    if head is None:
        return None, None
    if speaker is None or not speaker.country:  # the reporter of the clause the evaluation stands in
        speaker = reporter(word.head if word.dep_ in ("acomp", "attr") else head, kb, people)
    party = None
    for t in sorted(head.subtree, key=lambda t: t.i):
        if t.i < head.i and t.dep_ in ("poss", "compound", "amod", "nmod"):
            party = resolve_np(t, kb) or party
            if party is not None:
                break
    if party is None and word.pos_ == "NOUN" and head is not word:
        party = mention_actor(head, kb, people)  # "Peru is a foe", "called the Peruvian leader a liar"
    if party is None and head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
        party = find(head.head, kb, people)[0]  # "Y took a hostile step"
    if party is not None and not party.country:
        party = None
    return speaker, party


def mention_actor(tok, kb, people) -> Optional[Actor]:
    """The actor (with a country) that the phrase headed by `tok` names: its own mention first."""
    mentions = [m for m in sentence_actors(tok.sent, kb, people) if m.actor.country]
    own = [m for m in mentions if tok.i in m.tokens]
    if own:
        return own[0].actor
    phrase = {t.i for t in tok.subtree}
    inside = [m for m in mentions if m.head in phrase]
    return inside[0].actor if inside else None


# ---- parse predicates ---------------------------------------------------------------------------------

def refusal(tok) -> bool:
    """The negated act is refused, not merely absent: an acceptance verb ("did not accept"), a
    future or conditional auxiliary on the trigger or the verbs that frame it ("will not meet",
    "would not agree to talk"), or a negated frame above the trigger ("does not intend to continue
    talks", "sees no reason to resume")."""
    if any(c.dep_ == "auxpass" for c in tok.children):
        return False  # "the issues won't be resolved": nobody refuses
    cur = tok
    for step in range(4):
        if step and any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in cur.children):
            return True
        if norm(cur.lemma_) in ACCEPTANCE_VERBS and cur.pos_ == "VERB" and not any(k.dep_ == "prt" for k in cur.children):
            return True  # (a phrasal verb is another verb: "back down" is no "back")
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in REFUSAL_AUX for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj", "pobj", "prep", "dobj", "acl", "relcl") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def negation_in_scope(tok) -> bool:
    """The negation that makes a refusal is said of the act within its own clause: on the act or on
    a frame it completes ("would not continue talks", "does not intend to meet"). A negation beyond a
    clause with its own subject ("has no evidence that X met Y", "it was not a war ... Assad invited")
    denies something else."""
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in cur.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children) or cur.head.i == cur.i \
                or cur.dep_ not in ("xcomp", "conj", "pobj", "prep", "dobj", "acl", "relcl"):
            return False
        cur = cur.head
    return False


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
    """An intention: "plans to", "wants to", "seeks to", "willingness to"."""
    if tok.dep_ in ("acl", "xcomp") and tok.head.pos_ == "NOUN" and norm(tok.head.lemma_) in INTENT_NOUNS:
        return True
    return complement_of(tok, INTENT_VERBS, 3)


def decided(tok) -> bool:
    """The act is the content of an announced decision ("announced that it would suspend the agreement")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "ccomp" and norm(cur.head.lemma_) in DECISION_VERBS:
            return True
        if cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def framed_by_promise(tok) -> bool:
    """A promise: "vowed to strike", "pledged to retaliate"."""
    return complement_of(tok, PROMISE_VERBS, 2)


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
        if t.lower_ in ONLY_CONDITION_MARKS and t.i > 0 and t.doc[t.i - 1].lower_ == "only" \
                and t.i > tok.i:
            return True
    return False


def asked_whether(tok) -> bool:
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in cur.children):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False
