"""Event coder: pattern files, CAMEO tables, modality and one test per pattern family.

Sentences are our own. spaCy is loaded once for the module.
"""
import pytest
import yaml

from dyad.document import Document
from dyad.events import cameo
from dyad.events.coder import CODERS, PatternCoder, get_coder, sentence_case, title_case
from dyad.events.patterns import DATA, EventPatterns, PatternError, norm
from dyad.model import PLOVER_TYPES


def code(coder, nlp, kb, text):
    doc = Document(id="t", input={"id": "t", "text": text})
    return [(e.type, e.source and e.source.country, e.target and e.target.country, e.modality)
            for e in coder.code(nlp(text)[:], doc, kb)]


# ---- data files --------------------------------------------------------------------------------

def test_every_curated_rule_parses_and_maps_to_plover():
    lex = EventPatterns.load(DATA)
    for table in (lex.verbs, lex.nouns):
        for key, rules in table.items():
            for rule in rules:
                if rule.origin != "curated" or not rule.code:
                    continue
                kind = rule.type or (cameo.plover(rule.code) or (None,))[0]
                assert kind in PLOVER_TYPES, (key, rule)


def test_every_converted_row_has_a_cameo_code():
    for name in ("cameo_patterns.tsv", "cameo_verbs.tsv"):
        lines = [l for l in (DATA / name).read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
        for line in lines[1:]:
            code = line.split("\t")[-1]
            assert code == "" or code.isdigit(), (name, line)


def test_loaded_rules_are_usable():
    lex = EventPatterns.default()
    for rules in lex.verbs.values():
        for rule in rules:
            assert rule.usable and rule.specificity >= 0


def test_curated_yaml_is_well_formed():
    verbs = yaml.safe_load((DATA / "verbs.yaml").read_text(encoding="utf-8"))
    nouns = yaml.safe_load((DATA / "nouns.yaml").read_text(encoding="utf-8"))
    assert {"sets", "verbs", "light", "frames"} <= set(verbs)
    assert "sanction" in nouns["nouns"] and "accuse" in verbs["verbs"]


def test_bad_rule_is_a_clear_error(tmp_path):
    lex = EventPatterns({}, {}, {})
    with pytest.raises(PatternError):
        lex._rule_from_spec({"code": "x1"}, "test")
    with pytest.raises(PatternError):
        lex._rule_from_spec({"code": "111", "type": "SHOUT"}, "test")
    with pytest.raises(PatternError):
        lex._rule_from_spec({"code": "111", "after": ["&no_such_set"]}, "test")


def test_norm_ignores_plural():
    assert norm("Talks") == "talk" and norm("sanctions") == "sanction" and norm("parties") == "party"
    assert norm("press") == "press"


# ---- CAMEO tables ------------------------------------------------------------------------------

def test_cameo_to_plover_and_goldstein():
    assert cameo.plover("163")[0] == "SANCTION"  # our documented departure from CAMEO2PLOVER
    assert cameo.plover("1121") == ("ACCUSE", "allege")
    assert cameo.plover("042")[0] == "CONSULT"
    assert cameo.plover("010") is None and cameo.plover("020") is None  # PLOVER drops statements/appeals
    assert cameo.goldstein("190") == -10.0 and cameo.goldstein("1121") is not None


# ---- pattern families --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Japan accused Russia of violating the treaty.", ("ACCUSE", "JPN", "RUS")),
    ("Russian diplomats held talks with Japanese officials in Tokyo.", ("CONSULT", "RUS", "JPN")),
    ("Japan praised India for its support.", ("SUPPORT", "JPN", "IND")),
    ("Russian troops attacked Ukrainian positions.", ("ASSAULT", "RUS", "UKR")),
    ("Japan expelled two Russian diplomats.", ("SANCTION", "JPN", "RUS")),
    ("Russia threatened to cut gas supplies to Ukraine.", ("THREATEN", "RUS", "UKR")),
    ("Russia asked Japan to end the sanctions.", ("REQUEST", "RUS", "JPN")),
    ("Moscow refused to resume negotiations with Tokyo.", ("REJECT", "RUS", "JPN")),
    ("The Kenyan president congratulated the Ugandan president on his victory.", ("SUPPORT", "KEN", "UGA")),
    ("Chile later walked back its tariffs on Peruvian copper.", ("RETREAT", "CHL", "PER")),
    ("Peru removed the tariffs on Chilean wine.", ("RETREAT", "PER", "CHL")),
    ("Peruvian warships sailed toward the Chilean coast.", ("MOBILIZE", "PER", "CHL")),
    # quarrels and voiced concern are criticism; military action is armed
    ("The Chilean president has clashed with the Peruvian leader over trade.", ("ACCUSE", "CHL", "PER")),
    ("Chile has been feuding with Peru for months over fishing rights.", ("ACCUSE", "CHL", "PER")),
    ("Chile voiced deep concern over Peru's new fishing rules.", ("ACCUSE", "CHL", "PER")),
    ("Chile said it would take military action against Peru.", ("THREATEN", "CHL", "PER")),
])
def test_verb_families(coder, nlp, kb, text, expected):
    events = code(coder, nlp, kb, text)
    assert expected in [e[:3] for e in events]
    assert len(events) == 1  # the complement ("to end the sanctions") is part of the same event


@pytest.mark.parametrize("text, expected", [
    ("China imposed sanctions on Japan.", ("SANCTION", "CHN", "JPN")),
    ("China announced an embargo on rare earth exports to Japan.", ("SANCTION", "CHN", "JPN")),
    ("Chile implemented tariffs on Peruvian goods.", ("SANCTION", "CHL", "PER")),
    ("The Kenyan leader has expressed admiration for the Ugandan president.", ("SUPPORT", "KEN", "UGA")),
    # a meeting noun whose own phrase names the partner reports the meeting wherever it stands
    ("The Chilean president spoke warmly about negotiations with Peru.", ("CONSULT", "CHL", "PER")),
    # correspondence is consultation by another medium
    ("The Kenyan president wrote a letter to the Ugandan president.", ("CONSULT", "KEN", "UGA")),
    # an event noun owned by a named party is that party's act
    ("Chilean officials say Peru's embargo on Chilean wine remains unfair.", ("SANCTION", "PER", "CHL")),
    # a demand that X act asks X
    ("The talks stalled over Peru's demand that Chile reopen the border crossing.", ("REQUEST", "PER", "CHL")),
    # nouns of condemnation and praise said of a party: the speaker's ACCUSE or SUPPORT
    ("Peru is an enemy in many ways, the Chilean president said.", ("ACCUSE", "CHL", "PER")),
    ("The Kenyan president has repeatedly referred to the French minister as a liar.", ("ACCUSE", "KEN", "FRA")),
    ("The Chilean senator called the Peruvian leader a butcher.", ("ACCUSE", "CHL", "PER")),
    ("Chile's president described Peru as a close friend.", ("SUPPORT", "CHL", "PER")),
])
def test_noun_families(coder, nlp, kb, text, expected):
    assert expected in [e[:3] for e in code(coder, nlp, kb, text)]


def test_headline_is_read_in_sentence_case(coder, nlp, kb):
    assert title_case("Russia Accuses Japan of Trade Violations")
    assert not title_case("Russia accused Japan of trade violations.")
    recased = sentence_case("Russia Accuses Japan of Trade Violations", kb)
    assert recased == "Russia accuses Japan of trade violations"
    assert ("ACCUSE", "RUS", "JPN") in [e[:3] for e in code(coder, nlp, kb, "Russia Accuses Japan of Trade Violations")]


def test_no_interaction_no_event(coder, nlp, kb):
    assert code(coder, nlp, kb, "The weather was fine in Tokyo on Monday.") == []
    assert code(coder, nlp, kb, "A man demolished the old barn.") == []


def test_conjoined_sources_give_one_event_each(coder, nlp, kb):
    events = code(coder, nlp, kb, "Japan and the United States imposed sanctions on Russia.")
    assert {e[:3] for e in events} == {("SANCTION", "JPN", "RUS"), ("SANCTION", "USA", "RUS")}


def test_reported_attack_is_an_accusation(coder, nlp, kb):
    # CAMEO's transformation: "A said B attacked" codes A accusing B
    assert [e[:3] for e in code(coder, nlp, kb, "Russia said Ukrainian troops attacked the village.")] == [
        ("ACCUSE", "RUS", "UKR")]
    assert [e[:3] for e in code(coder, nlp, kb, "Moscow said Japan had destroyed relations with Russia.")] == [
        ("ACCUSE", "RUS", "JPN")]


def test_descriptive_words_and_questions_are_no_events(coder, nlp, kb):
    assert [e[0] for e in code(coder, nlp, kb, "A visiting Japanese professor praised Russia.")] == ["SUPPORT"]
    assert code(coder, nlp, kb, "Officials asked whether Japan intended to send aid to Ukraine.") == []


# ---- modality ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, modality", [
    # an announced intention to cooperate is AGREE (CAMEO 03)
    ("Japan plans to send humanitarian aid to Ukraine.", "AGREE", "intended"),
    ("Russia did not attack Ukraine.", "ASSAULT", "negated"),
    ("Japan must impose sanctions on Russia.", "SANCTION", "demanded"),
    # the act of the main clause hangs on the condition; the condition's own act is no event
    ("If Tokyo lifts the sanctions, Moscow will meet Japanese officials.", "CONSULT", "conditional"),
    ("Japan could send aid to Ukraine.", "AID", "hypothetical"),
    # a coercive act one may or will take is a threat (CAMEO 13)
    ("Russia might attack Ukraine.", "THREATEN", "hypothetical"),
    ("China will impose sanctions on Japan.", "THREATEN", "intended"),
])
def test_modality(coder, nlp, kb, text, kind, modality):
    events = code(coder, nlp, kb, text)
    assert (kind, modality) in [(e[0], e[3]) for e in events]


def test_negated_cooperation_is_reject(coder, nlp, kb):
    events = code(coder, nlp, kb, "Moscow sees no reason to resume negotiations with Tokyo.")
    assert [e[0] for e in events] == ["REJECT"]


# ---- registry ----------------------------------------------------------------------------------

def test_registry():
    assert "pattern" in CODERS and get_coder("pattern", nlp=None).name == "pattern"
    with pytest.raises(ValueError):
        get_coder("no-such-coder")


# ---- round 2: precision rules (sentences written for these tests) ---------------------------------

@pytest.mark.parametrize("text", [
    "If Lisbon comes to its senses, the dispute ends.",  # converted "come to": no content word
    "Analysts said there were many reasons to strengthen ties with Peru.",  # weak trigger under a noun
    "I think Chile has improved relations with Peru.",  # weak trigger in an opinion
    "At the meeting, the Chilean minister handed Peru a letter.",  # a meeting as the setting only
    "The Chilean president called a possible crisis on the island a serious matter.",  # not "call on"
    "Chilean journalists asked the Peruvian minister to comment.",  # a press question
    "A trend toward lifting sanctions against Peru must be created.",  # a demand nobody makes
    "A protestor demolished the building.",  # a converted pattern with no state actor
])
def test_non_events(coder, nlp, kb, text):
    assert code(coder, nlp, kb, text) == []


def test_weak_trigger_in_a_main_clause_stays(coder, nlp, kb):
    assert code(coder, nlp, kb, "Chile plans to strengthen ties with Peru.") == [("AGREE", "CHL", "PER", "intended")]


def test_prepositional_verbs(coder, nlp, kb):
    assert code(coder, nlp, kb, "Chile called on Peru to release the fishermen.")[0][:3] == ("REQUEST", "CHL", "PER")


def test_banned_imports_are_one_sanction(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile imposed tariffs on Peru and banned imports of Peruvian fish.")
    assert events == [("SANCTION", "CHL", "PER", "asserted")]


def test_only_after_is_a_conditional_refusal(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Chilean Foreign Ministry said the resumption of talks with Peru will be "
                                  "possible only after Lima withdraws its claim.")
    assert ("REJECT", "CHL", "PER", "conditional") in events


def test_disparaging_names_are_accusations(coder, nlp, kb):
    assert code(coder, nlp, kb, "The Peruvian ambassador called Chile's position out of touch with reality.") \
        == [("ACCUSE", "PER", "CHL", "asserted")]
    # passive, said in a capital that opens the sentence
    assert code(coder, nlp, kb, "In Lima, Chile's actions were called a return to militarism.") \
        == [("ACCUSE", "PER", "CHL", "asserted")]


def test_reported_demand_is_a_request(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Peruvian minister said it is imperative that Chile talk with Bolivia.")
    assert events == [("REQUEST", "PER", "CHL", "demanded")]


def test_past_intention_is_no_threat(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile, which sought to punish Peru with sanctions, changed course.")
    assert "THREATEN" not in [e[0] for e in events]


def test_talks_on_a_topic_are_not_with_it(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile and Peru held talks on Bolivia.")
    assert {(e[1], e[2]) for e in events} == {("CHL", "PER")}  # a mutual act: one event per pair


def test_meeting_with_a_partner_is_consult(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Chilean minister at the first meeting with the new Peruvian ambassador "
                                  "was forced to leave early.")
    assert events == [("CONSULT", "CHL", "PER", "asserted")]


def test_armed_groups_act_without_a_country(coder, nlp, kb):
    assert [e[0] for e in code(coder, nlp, kb, "Gunmen kidnapped two priests.")] == ["ASSAULT"]


def test_same_country_and_attitude_targets_are_dropped(coder, nlp, kb):
    assert code(coder, nlp, kb, "Chile condemned Santiago.") == [("ACCUSE", "CHL", None, "asserted")]
    assert [e[2] for e in code(coder, nlp, kb, "Chile joined an anti-Peruvian campaign.")] in ([], [None])


def test_weak_flag_is_read_from_the_yaml():
    lex = EventPatterns.default()
    assert any(r.weak for r in lex.verbs["strengthen"])
    assert not any(r.weak for r in lex.verbs["sanction"])
    assert all(r.contentful for rules in lex.verbs.values() for r in rules
               if r.origin == "petrarch" and r.before)


# ---- promises: the promised act carries the type --------------------------------------------------

def test_promising_an_attack_is_a_threat(coder, nlp, kb):
    assert [e[:3] for e in code(coder, nlp, kb, "Chile vowed to attack Peru.")] == [("THREATEN", "CHL", "PER")]
    assert [e[:3] for e in code(coder, nlp, kb, "Chile pledged to impose sanctions on Peru.")] == \
        [("THREATEN", "CHL", "PER")]


def test_agreeing_to_a_ceasefire_or_an_end_of_war_is_retreat(coder, nlp, kb):
    assert [e[0] for e in code(coder, nlp, kb, "Chile agreed to a ceasefire with Peru.")] == ["RETREAT"]
    assert [e[0] for e in code(coder, nlp, kb, "Chile agreed to a withdrawal of its troops.")] == ["RETREAT"]
    assert [e[0] for e in code(coder, nlp, kb, "Chile promised to end the war with Peru.")] == ["RETREAT"]


def test_a_promise_without_a_promised_act_is_no_agreement(coder, nlp, kb):
    assert "AGREE" not in [e[0] for e in code(coder, nlp, kb, "Chile criticized Peru and vowed a court case.")]
    assert [e[0] for e in code(coder, nlp, kb, "Chile promised to hold talks with Peru.")] != []


def test_a_past_motive_in_a_relative_clause_is_no_event(coder, nlp, kb):
    text = "The Peruvian minister, who sought to weaken Chile with harsh sanctions, left his people in trouble."
    assert "SANCTION" not in [e[0] for e in code(coder, nlp, kb, text)]
    text = "The Peruvian minister, who imposed sanctions on Chile last year, resigned."
    assert "SANCTION" in [e[0] for e in code(coder, nlp, kb, text)]


def test_a_passive_description_of_a_person_is_no_event(coder, nlp, kb):
    text = "The release of the activist, who had been arrested two years ago, came as Chile freed prisoners."
    assert "COERCE" not in [e[0] for e in code(coder, nlp, kb, text)]
    # an agent named, or a headline without a finite verb, still reports the act
    text = "The journalist, who was arrested by Peruvian police last year, was freed."
    assert "COERCE" in [e[0] for e in code(coder, nlp, kb, text)]
    assert "SANCTION" in [e[0] for e in code(coder, nlp, kb, "Former leader of Chile sentenced to prison")]


def test_dropping_a_coercive_plan_is_a_concession(coder, nlp, kb):
    assert [e[0] for e in code(coder, nlp, kb, "Chile abandoned plans to attack Peru.")] == ["CONCEDE"]
    assert [e[0] for e in code(coder, nlp, kb, "Chile announced plans to impose sanctions on Peru.")] == ["THREATEN"]


def test_the_object_of_an_action_noun_selects_its_rule(coder, nlp, kb):
    text = "Rebels in Chile announced a suspension of attacks against government forces."
    assert [e[0] for e in code(coder, nlp, kb, text)] == ["RETREAT"]


def test_a_list_of_grievances_is_an_accusation(coder, nlp, kb):
    text = "Peruvian diplomats pointed to the introduction of sanctions by Chile and the transfer of weapons."
    assert [e[:3] for e in code(coder, nlp, kb, text)] == [("ACCUSE", "PER", "CHL")]
    assert code(coder, nlp, kb, "The Chilean minister pointed to the growth of trade with Peru.") == []


def test_declaring_relations_broken_is_an_accusation(coder, nlp, kb):
    assert [e[:3] for e in code(coder, nlp, kb, "Chile declared the collapse of relations with Peru.")] == \
        [("ACCUSE", "CHL", "PER")]
    assert code(coder, nlp, kb, "The collapse of the bridge was announced on Monday.") == []


def test_a_noun_with_its_own_possessor_keeps_its_actor(coder, nlp, kb):
    # the demands are Brazil's, not those of the party facing them
    events = code(coder, nlp, kb, "Chile is facing Brazil's demands that Chile change its laws.")
    assert ("REQUEST", "BRA", "CHL") in [e[:3] for e in events]


def test_a_call_for_is_a_request_and_a_call_between_a_consultation(coder, nlp, kb):
    assert ("REQUEST", "PER", None) in [e[:3] for e in code(coder, nlp, kb, "Peru has called for a ceasefire.")]
    assert "REQUEST" not in [e[0] for e in code(coder, nlp, kb, "Chile called the minister on Friday.")]


def test_talks_between_others_are_not_the_onlookers(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chile watched the talks between Peru and Bolivia with unease.")
    assert not any(e[1] == "CHL" for e in events)


def test_leaving_a_summit_is_no_event(coder, nlp, kb):
    assert code(coder, nlp, kb, "The Chilean president smiled as he left the summit in Lima.") == []


def test_an_unowned_event_noun_in_an_opinion_is_no_event(coder, nlp, kb):
    assert code(coder, nlp, kb, "Chilean officials say the embargo on Chilean wine remains unfair.") == []


@pytest.mark.parametrize("text", [
    "Hours after the report's release, the Chilean minister criticized Peru.",
    "Chile wants to send Peru a strong signal on fishing.",
])
def test_publishing_and_signalling_are_no_events(coder, nlp, kb, text):
    assert not any(e[0] in ("RETREAT", "CONSULT") for e in code(coder, nlp, kb, text))


def test_working_with_another_party_is_cooperation(coder, nlp, kb):
    assert ("COOPERATE", "CHL", "PER") in [e[:3] for e in code(coder, nlp, kb, "Chile will work with Peru on the border.")]


def test_an_announced_suspension_of_a_treaty_is_a_threat(coder, nlp, kb):
    events = code(coder, nlp, kb, "The Chilean minister said Chile would suspend its compliance with the treaty with Peru.")
    assert [e[0] for e in events] == ["THREATEN"]


def test_a_fight_between_troops_stays_an_assault(coder, nlp, kb):
    events = code(coder, nlp, kb, "Chilean troops clashed with Peruvian soldiers at the border.")
    assert [e[:3] for e in events] == [("ASSAULT", "CHL", "PER")]


@pytest.mark.parametrize("text, expected", [
    ("The Chilean minister declined to comment.", []),
    ("Peru refuses to call it a war.", []),
    ("The Chilean president was not backing down on Peru.", []),
    ("The Chilean president will not back down on Peru.", [("REJECT", "CHL", "PER")]),
    ("Chile and its partners agreed to expel Peru from the regional council.", [("SANCTION", "CHL", "PER")]),
    ("Peru announced it would suspend the fishing accord with Chile.", [("REJECT", "PER", "CHL")]),
])
def test_speech_refusals_expulsions_decisions_and_backing_down(coder, nlp, kb, text, expected):
    assert [e[:3] for e in code(coder, nlp, kb, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # "to" before a verb is the infinitive marker, no destination: "going to", "goes on to" are no trip
    ("The Chilean president told the Peruvian Congress that he is going to continue to pretend all is well.", []),
    ("The Chilean envoy said the deal goes on to show that Peru is a reliable partner.",
     [("SUPPORT", "CHL", "PER")]),
    # "to" before a place is the trip
    ("The Chilean president went to Peru for talks.", [("CONSULT", "CHL", "PER")]),
])
def test_converted_to_is_a_preposition_not_an_infinitive(coder, nlp, kb, text, expected):
    assert [e[:3] for e in code(coder, nlp, kb, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a meeting given up ("called off", "postponed") does not happen: no CONSULT from the noun
    ("The Chilean president called off the meeting with Peru, citing the border dispute.", []),
    ("The Chilean president called off his meeting with the Peruvian leader.", []),
    ("The Chilean president postponed his meeting with the Peruvian leader.", [("RETREAT", "CHL", "PER")]),
    ("The Chilean president held a meeting with the Peruvian leader.", [("CONSULT", "CHL", "PER")]),
])
def test_given_up_meeting_is_no_meeting(coder, nlp, kb, text, expected):
    assert [e[:3] for e in code(coder, nlp, kb, text)] == expected
