"""The named coding rules (events/rules.py): each alone on a hand-built candidate, and through the
pattern coder on sentences of each kind. Sentences are our own."""
import pytest

from dyad.events import rules
from dyad.events.patterns import Rule
from dyad.model import Actor
from test_events_coder import code  # the pattern coder's events of one sentence


def candidate(nlp, kb, text, word, kind, modality="asserted", source=None, target=None, code="040"):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return rules.Candidate(token=tok, actor_token=tok, kind=kind, mode=None, code=code, modality=modality,
                           source=source, target=target, rule=Rule(code=code), noun=False, headline=False,
                           view=doc[:], kb=kb, people=[])


def test_rules_are_named_and_ordered():
    names = [r.__name__ for r in rules.RULES]
    assert len(names) == len(set(names))
    assert names.index("negated_cooperation_rejects") < names.index("countryless_needs_political_actor")
    assert names[-1] == "reported_attack_accuses"


def test_apply_rules_runs_a_subset(nlp, kb):
    c = candidate(nlp, kb, "Chile did not meet Peru.", "meet", "CONSULT", "negated",
                  Actor("Chile", "CHL"), Actor("Peru", "PER"))
    assert rules.apply_rules(c, [rules.intent_as_agree]) is c  # nothing to do for that rule


# ---- modality: failure, refusal, absence, condition ------------------------------------------------

def test_a_failed_act_is_negated(coder, nlp, kb):
    c = candidate(nlp, kb, "Chile failed to impose sanctions on Peru.", "impose", "SANCTION", code="163")
    assert rules.failed_act(c).modality == "negated"
    events = code(coder, nlp, kb, "Chile failed to impose sanctions on Peru.")
    assert [(e[0], e[2], e[3]) for e in events] == [("SANCTION", "PER", "negated")]


@pytest.mark.parametrize("text, word", [
    ("Chile will not meet Peru.", "meet"),
    ("Chile did not accept the offer from Peru.", "accept"),
    ("Chile does not intend to continue talks with Peru.", "continue"),
])
def test_a_refused_cooperation_is_reject(nlp, kb, text, word):
    c = candidate(nlp, kb, text, word, "CONSULT", "negated", Actor("Chile", "CHL"), Actor("Peru", "PER"))
    assert rules.negated_cooperation_rejects(c).kind == "REJECT"


@pytest.mark.parametrize("text, word", [
    ("Chile did not give notice to Peru.", "give"),
    ("The disputes between Chile and Peru will not be resolved soon.", "resolved"),
])
def test_an_absent_cooperation_is_no_event(nlp, kb, text, word):
    c = candidate(nlp, kb, text, word, "COOPERATE", "negated", Actor("Chile", "CHL"), Actor("Peru", "PER"))
    assert rules.negated_cooperation_rejects(c) is None


def test_the_act_of_a_condition_is_no_event(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile will strike Bolivia if Peru withdraws from the treaty.")
    assert [e[0] for e in events] == ["THREATEN"]  # no RETREAT by Peru


def test_a_conditional_threat_aims_at_the_party_of_the_condition(coder, nlp, kb):
    assert ("THREATEN", "CHL", "PER", "conditional") in code(coder, nlp, kb, "Chile will strike if Peru attacks.")


# ---- actors -------------------------------------------------------------------------------------------

def test_conjoined_subjects_strike_together(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile, Peru and Bolivia launched air strikes on Ecuador.")
    assert {e[:3] for e in events} == {("ASSAULT", x, "ECU") for x in ("CHL", "PER", "BOL")}


def test_a_meeting_of_two_is_one_event(coder, nlp, kb):
    assert [e[:3] for e in code(coder, nlp, kb, "Chile and Peru met on Monday.")] == [("CONSULT", "CHL", "PER")]


def test_an_own_pronoun_is_no_target(nlp, kb):
    c = candidate(nlp, kb, "Chile backed his plan.", "backed", "SUPPORT", source=Actor("Lopez", "CHL"),
                  target=Actor("his", "CHL"))
    assert rules.no_own_pronoun_target(c).target is None


def test_traded_barbs_is_criticism(coder, nlp, kb):
    assert [e[0] for e in code(coder, nlp, kb, "Chile traded barbs with Peru over fishing.")] == ["ACCUSE"]


@pytest.mark.parametrize("text", [
    "Chile will destroy Peru's fishing fleet if the raids go on.",
    "Chile will impose sanctions on Peru if the talks fail.",
])
def test_a_coercive_act_promised_against_another_party_is_a_threat(coder, nlp, kb, text):
    assert ("THREATEN", "CHL", "PER") in [e[:3] for e in code(coder, nlp, kb, text)]


def test_a_promised_act_that_takes_no_named_party_threatens_nobody_named_elsewhere(coder, nlp, kb):
    events = code(coder, nlp, kb, "Peruvian soldiers will be shot at, and the Chilean army will be shooting back.")
    assert ("THREATEN", "CHL", "PER") not in [e[:3] for e in events]


def test_a_coercive_plan_against_ones_own_threatens_no_party(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chilean officials plan to detain the Chilean dissident.")
    assert ("THREATEN", "CHL", "CHL") not in [e[:3] for e in events]


@pytest.mark.parametrize("text,word", [
    ("Chile would not meet Peru.", "meet"),
    ("Chile does not intend to resume talks with Peru.", "resume"),
])
def test_a_negation_on_the_act_or_its_frame_is_a_refusal(nlp, kb, text, word):
    c = candidate(nlp, kb, text, word, "CONSULT", "negated", Actor("Chile", "CHL"), Actor("Peru", "PER"))
    assert rules.negated_cooperation_rejects(c).kind == "REJECT"


def test_a_negation_beyond_the_acts_own_clause_is_no_refusal(nlp, kb):
    c = candidate(nlp, kb, "Chile has no evidence that Bolivia met Peru.", "met", "CONSULT", "negated",
                  Actor("Bolivia", "BOL"), Actor("Peru", "PER"))
    assert rules.negated_cooperation_rejects(c) is None


# ---- evaluations: the speaker's ACCUSE ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Chilean minister said Peru's behavior was outrageous and unacceptable.",
    "The Chilean foreign minister said Peru took a hostile step toward Bolivia.",
])
def test_a_condemning_word_is_the_speakers_accusation(coder, nlp, kb, text):
    assert ("ACCUSE", "CHL", "PER") in [e[:3] for e in code(coder, nlp, kb, text)]


@pytest.mark.parametrize("text,accused", [
    ("Chilean officials said Peru launched a missile toward the coast.", True),
    ("Chilean officials said artillery fire from Peru killed two farmers.", True),
    ("\"Peru keeps threatening its neighbors,\" the Chilean senator said.", True),
    # a country named as the place or the victim of the reported attack is not accused
    ("Chile said its consul was shot dead in the Peruvian capital.", False),
    ("The Chilean minister said the Peruvian ship was hit by pirates.", False),
])
def test_an_attack_reported_by_the_other_side_accuses_its_named_doer(coder, nlp, kb, text, accused):
    assert (("ACCUSE", "CHL", "PER") in [e[:3] for e in code(coder, nlp, kb, text)]) == accused


def test_a_condemning_word_without_a_speaker_is_no_event(coder, nlp, kb):
    assert "ACCUSE" not in [e[0] for e in code(coder, nlp, kb, "The situation in Peru is dangerous.")]


def test_an_invitation_is_a_meeting_offered(coder, nlp, kb):
    assert ("CONSULT", "CHL", "PER") in [e[:3] for e in code(coder, nlp, kb, "Chile invited Peru to talks in Santiago.")]


def test_a_bill_that_authorizes_sanctions_sanctions_each_target(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile agreed on a bill that authorizes new sanctions against Peru and Bolivia.")
    assert {e[:3] for e in events if e[0] == "SANCTION"} == {("SANCTION", "CHL", "PER"), ("SANCTION", "CHL", "BOL")}


# ---- evaluating predicate nouns: name-calling is ACCUSE, praise is SUPPORT ---------------------------------

def test_a_condemning_noun_that_names_an_actor_is_no_evaluation(coder, nlp, kb):
    assert "ACCUSE" not in [e[0] for e in code(coder, nlp, kb, "The enemy attacked a Chilean border post.")]


def test_an_evaluation_of_two_parties_codes_each(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Kenyan president said Uganda and Tanzania are enemies.")
    assert {e[:3] for e in events} == {("ACCUSE", "KEN", "UGA"), ("ACCUSE", "KEN", "TZA")}


# ---- wanting, leaving, promising --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Chilean government wants Peru to release the fishermen.",
    "Chile expects Peru to withdraw its troops.",
])
def test_wanting_another_party_to_act_is_a_request(coder, nlp, kb, text):
    assert [e[:3] for e in code(coder, nlp, kb, text)] == [("REQUEST", "CHL", "PER")]


def test_wanting_to_act_oneself_is_no_request(coder, nlp, kb):
    assert "REQUEST" not in [e[0] for e in code(coder, nlp, kb, "Chile wants to meet Peru.")]


def test_leaving_a_treaty_is_a_rejection_and_announced_a_threat(coder, nlp, kb):
    assert ("REJECT", "CHL", "PER") in [e[:3] for e in code(coder, nlp, kb, "Chile withdrew from its arms treaty with Peru last year.")]
    said = "The Chilean leader said Chile would quit the border treaty over Peru's conduct."
    assert [e[:3] for e in code(coder, nlp, kb, said)] == [("THREATEN", "CHL", "PER")]


def test_an_agreed_coercive_act_is_taken_not_threatened(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile and its partners agreed to expel Peru from the regional council.")
    assert "THREATEN" not in [e[0] for e in events]


def test_a_verbal_act_between_officials_of_one_state_has_no_target(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Chilean senator called on the Chilean president to come to Congress.")
    assert [e[:3] for e in events] == [("REQUEST", "CHL", None)]


def test_a_government_and_its_opposition_are_two_parties(coder, nlp, kb):
    events = code(coder, nlp, kb, "Georgian demonstrators received weapons from the Georgian government.")
    assert [e[:3] for e in events] == [("AID", "GEO", "GEO")]


def test_an_intent_noun_frames_an_intent(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Chilean president expressed willingness to work with Peru.")
    assert [e[:3] for e in events] == [("AGREE", "CHL", "PER")]


# ---- a promise's party -----------------------------------------------------------------------------

def test_a_promise_aims_at_its_own_party(coder, nlp, kb):
    # the party named inside the promised words is no party the promise is made to ...
    c = candidate(nlp, kb, "Chile promised to be tough on Peru.", "promised", "AGREE",
                  source=Actor("Chile", "CHL"), target=Actor("Peru", "PER"), code="030")
    assert rules.promise_aims_at_its_own_party(c).target is None
    both = [e for e in code(coder, nlp, kb, "Chile promised to push for peace between Peru and Bolivia.")
            if e[0] == "AGREE" and e[2] is not None]
    assert both == []
    # ... the one the promise names itself is
    c = candidate(nlp, kb, "Chile pledged new loans to Peru.", "pledged", "AGREE",
                  source=Actor("Chile", "CHL"), target=Actor("Peru", "PER"), code="030")
    assert rules.promise_aims_at_its_own_party(c).target.country == "PER"
