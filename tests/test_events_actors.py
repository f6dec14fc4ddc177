"""Source and target actors from the dependency parse (sentences written for these tests)."""
import pytest

from dyad.document import Document, Mention
from dyad.events.actors import (find_actor_lists, find_actor_pairs, find_actors, person_spans,
                                 sentence_actors)
from dyad.model import Person



def countries(nlp, kb, text, trigger, people=None):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    s, t = find_actors(tok, kb, people=people)
    return (s and s.country, t and t.country)


@pytest.mark.parametrize("text,trigger,expected", [
    ("Canada imposed new sanctions against Moscow on Friday.", "imposed", ("CAN", "RUS")),
    ("Tariffs were imposed on Brazil by Argentina last week.", "imposed", ("ARG", "BRA")),
    ("The Polish Foreign Ministry accused Belarus of provoking a crisis.", "accused", ("POL", "BLR")),
    ("Kenya said it would send troops to Somalia.", "send", ("KEN", "SOM")),
    ("Vietnam decided to expel two diplomats from China.", "expel", ("VNM", "CHN")),
    ("Peru recalled its ambassador and suspended talks with Chile.", "suspended", ("PER", "CHL")),
    ("Egypt warned Ethiopia that the dam would be a threat.", "warned", ("EGY", "ETH")),
])
def test_verbal_triggers(nlp, kb, text, trigger, expected):
    assert countries(nlp, kb, text, trigger) == expected


@pytest.mark.parametrize("text,trigger,expected", [
    ("Norway's sanctions against Iran remain in force.", "sanctions", ("NOR", "IRN")),
    ("The embargo by Turkey on Armenia hurt both economies.", "embargo", ("TUR", "ARM")),
])
def test_nominal_triggers(nlp, kb, text, trigger, expected):
    assert countries(nlp, kb, text, trigger) == expected


def test_conjoined_actors(nlp, kb):
    doc = nlp("Japan, the US and NATO condemned the missile launch by North Korea.")
    tok = next(t for t in doc if t.text == "condemned")
    sources, targets = find_actor_lists(tok, kb)
    assert [a.country for a in sources] == ["JPN", "USA", "IGO"]
    assert sources[0].text == "Japan"


def test_mutual_action_targets_the_partner(nlp, kb):
    assert countries(nlp, kb, "Chile and Argentina signed a border treaty.", "signed") == ("CHL", "ARG")


def test_actor_text_is_the_surface(nlp, kb):
    doc = nlp("The Russian Foreign Ministry summoned the Japanese ambassador.")
    tok = next(t for t in doc if t.text == "summoned")
    s, t = find_actors(tok, kb)
    assert (s.text, s.country, s.sector) == ("Russian Foreign Ministry", "RUS", "GOV")
    assert (t.text, t.country, t.sector) == ("Japanese ambassador", "JPN", "GOV")


def test_people_spans_name_actors(nlp, kb):
    text = "Ana Lopez criticized Mexico over the new law."
    people = [(0, 9, "ESP", "GOV")]
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "criticized")
    s, t = find_actors(tok, kb, people=people)
    assert (s.text, s.country, s.sector) == ("Ana Lopez", "ESP", "GOV")
    assert t.country == "MEX"
    mentions = sentence_actors(next(doc.sents), kb, people)
    assert [m.actor.text for m in mentions] == ["Ana Lopez", "Mexico"]


def test_person_without_country_borrows_the_title(nlp, kb):
    text = "Chilean President Ana Lopez visited Peru."
    doc = nlp(text)
    start = text.index("Ana")
    tok = next(t for t in doc if t.text == "visited")
    s, t = find_actors(tok, kb, people=[(start, start + 9, None, "GOV")])
    assert (s.country, t.country) == ("CHL", "PER")


def test_no_actor(nlp, kb):
    assert countries(nlp, kb, "It rained all day in the hills.", "rained") == (None, None)


def test_person_spans_from_mentions(kb):
    doc = Document(id="x", input={})
    doc.record.people = [Person("Ana Lopez", role="Foreign Minister", country="CHL"),
                         Person("Bo Li", role="professor at a university", country=None),
                         Person("Carl Berg", role=None, country="SWE")]
    doc.mentions = [Mention(0, 9, 0, "Ana Lopez"), Mention(20, 25, 1, "Bo Li"),
                    Mention(30, 39, 2, "Carl Berg", role="general"),
                    Mention(50, 59, 0, "Ana Lopez", role="Foreign Minister", qualifier="former"),
                    Mention(60, 65, 7, "ghost")]
    assert person_spans(doc, kb) == [(0, 9, "CHL", "GOV"), (20, 25, None, "EDU"),
                                     (30, 39, "SWE", "MIL"), (50, 59, "CHL", "ELI")]
    # a role naming a country gives the country when the person has none
    doc.record.people = [Person("Ana Lopez", role="Russian ambassador")]
    doc.mentions = [Mention(0, 9, 0, "Ana Lopez")]
    assert person_spans(doc, kb) == [(0, 9, "RUS", "GOV")]


@pytest.mark.parametrize("text,trigger,expected", [
    # headline past tense is passive: the named person suffered it
    ("Peru mayor kidnapped, killed", "kidnapped", (None, "PER")),
    # a court named in a passive clause acts
    ("A Chilean general was convicted at the UN tribunal.", "convicted", ("IGO", "CHL")),
    # an infinitive under a passive inherits the passive subject
    ("The Brazilian president is scheduled to visit Angola.", "visit", ("BRA", "AGO")),
    # a list parsed as apposition
    ("The US, Chile, and Peru met yesterday.", "met", ("USA", "CHL")),
])
def test_harder_parses(nlp, kb, text, trigger, expected):
    assert countries(nlp, kb, text, trigger) == expected


def test_reported_clause_takes_the_reporter(nlp, kb):
    text = 'Lopez told Smith that "the dialogue with Peru will continue."'
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "dialogue")
    s, t = find_actors(tok, kb, people=[(0, 5, "CHL", "GOV"), (11, 16, "USA", "GOV")])
    assert (s.country, t.country) == ("CHL", "PER")


def test_implicit_target_is_the_salient_other_country(nlp, kb):
    text = ("Chile and Peru have argued over fishing for years. Peru wants a new deal. "
            "Peru said so again. Chile withdrew from the talks on Monday.")
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "withdrew")
    s, t = find_actors(tok, kb)
    assert (s.country, t.country) == ("CHL", "PER")
    assert t.text == "Peru" and text.count(t.text) >= 3


def test_two_names_before_a_noun_trigger(nlp, kb):
    doc = nlp("The resumption of Moscow-Tokyo dialogue will be possible.")
    tok = next(t for t in doc if t.text == "dialogue")
    s, t = find_actors(tok, kb)
    assert (s.text, t.text) == ("Moscow", "Tokyo")


def test_misread_person_span_over_a_verb_is_ignored(nlp, kb):
    text = "Chile will withdraw its complaint against Peru"
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "withdraw")
    start = text.index("will")
    s, t = find_actors(tok, kb, people=[(start, start + len("will withdraw"), None, None)])
    assert (s.country, t.country) == ("CHL", "PER")


def find_pairs_countries(pairs):
    return [(a and a.country, b and b.country) for a, b in pairs]


def test_actor_pairs(nlp, kb):
    doc = nlp("Japan and the US sanctioned Russia.")
    tok = next(t for t in doc if t.text == "sanctioned")
    assert [(a.country, b.country) for a, b in find_actor_pairs(tok, kb)] == [("JPN", "RUS"), ("USA", "RUS")]
    doc = nlp("Chile, Peru and Brazil met on Monday.")
    tok = next(t for t in doc if t.text == "met")
    # a mutual act: each pair once, the party named first as source (one meeting, not two)
    assert find_pairs_countries(find_actor_pairs(tok, kb)) == [("CHL", "PER"), ("CHL", "BRA"), ("PER", "BRA")]
    # conjoined subjects of a one-sided act act together, not on each other
    doc = nlp("Chile, Peru and Brazil launched strikes.")
    tok = next(t for t in doc if t.text == "launched")
    assert find_pairs_countries(find_actor_pairs(tok, kb, mutual=False)) == [("CHL", None), ("PER", None),
                                                                            ("BRA", None)]
    doc = nlp("It rained.")
    assert find_actor_pairs(doc[1], kb) == [(None, None)]


def test_word_lists_come_from_the_data_file():
    from dyad.events import actors

    assert "impose" in actors.CARRY_OUT and "request" in actors.AGENT_OF_NOUNS
    assert "talks" in actors.TALK_NOUNS


def test_agent_of_nouns_name_the_actor(nlp, kb):
    assert countries(nlp, kb, "Chile sent aid at the request of Peru.", "request")[0] == "PER"


def test_implicit_target_needs_no_own_object(nlp, kb):
    # a passive patient that names no party: no implicit counterpart is filled in
    doc = nlp("Chile said the remark was not supported by Peru.")
    tok = next(t for t in doc if t.text == "supported")
    s, t = find_actors(tok, kb, implicit=True)
    assert s is not None and s.country == "PER" and t is None


def test_an_armed_subject_keeps_its_reported_act(nlp, kb):
    doc = nlp("Chile said that rebels attacked a Peruvian village.")
    source, _ = find_actors(next(t for t in doc if t.text == "attacked"), kb)
    assert source is not None and source.text == "rebels" and source.country is None


def _doc_with_people(nlp, text, people, names):
    """A Document over `text` whose people are mentioned wherever their name (or surname) appears."""
    doc = Document(id="x", input={})
    doc.body = text
    doc.record.people = people
    doc.mentions = []
    for i, name in enumerate(names):
        start = 0
        while (pos := text.find(name, start)) >= 0:
            doc.mentions.append(Mention(pos, pos + len(name), i, name))
            start = pos + len(name)
    doc.mentions.sort(key=lambda m: m.start)
    doc.spacy = nlp(text)
    return doc


def test_person_country_from_a_title_at_another_mention(nlp, kb):
    text = "The president invited his Peruvian counterpart Ana Ruiz to Santiago. Ruiz accepted."
    doc = _doc_with_people(nlp, text, [Person("Ana Ruiz", role="President")], ["Ana Ruiz", "Ruiz"])
    spans = person_spans(doc, kb)
    assert {s[2] for s in spans if text[s[0]:s[1]] in ("Ana Ruiz", "Ruiz")} == {"PER"}


def test_person_country_not_from_a_listed_country(nlp, kb):
    text = "Sanctions hit Peru and Ana Ruiz last week."
    doc = _doc_with_people(nlp, text, [Person("Ana Ruiz")], ["Ana Ruiz"])
    assert person_spans(doc, kb)[0][2] is None


def test_person_country_from_a_party_state_label(nlp, kb):
    text = "Sen. Jane Roe (D-Ohio) criticized the plan."
    doc = _doc_with_people(nlp, text, [Person("Jane Roe", role="Senator")], ["Jane Roe"])
    assert person_spans(doc, kb)[0][2] == "USA"


def test_pronouns_stand_for_the_person_named_as_subject(nlp, kb):
    text = "Foreign Minister Ana Lopez met the envoy. Later he said nothing, and she left."
    doc = _doc_with_people(nlp, text, [Person("Ana Lopez", role="Foreign Minister", country="CHL")], ["Ana Lopez"])
    spans = person_spans(doc, kb)
    resolved = {text[s:e]: c for s, e, c, _ in spans}
    assert resolved["he"] == "CHL" and resolved["she"] == "CHL"


def test_a_strike_targeting_a_country(nlp, kb):
    assert countries(nlp, kb, "Chile launched air strikes targeting bases in Peru.", "launched") == ("CHL", "PER")


def test_a_definite_role_noun_stands_for_the_person_with_that_role(nlp, kb):
    text = "Peruvian President Ana Ruiz arrived on Monday. The president later criticized Chile."
    doc = _doc_with_people(nlp, text, [Person("Ana Ruiz", role="President", country="PER")], ["Ana Ruiz"])
    resolved = {text[s:e]: c for s, e, c, _ in person_spans(doc, kb)}
    assert resolved.get("The president") == "PER"


def test_a_pronoun_is_not_the_object_of_its_own_clause(nlp, kb):
    text = "Ana Lopez spoke in Lima. She praised Carl Berg, whom she will meet on Monday."
    doc = _doc_with_people(nlp, text, [Person("Ana Lopez", country="CHL"), Person("Carl Berg", country="SWE")],
                           ["Ana Lopez", "Carl Berg"])
    pos = text.index("whom she") + len("whom ")
    assert {c for s, e, c, _ in person_spans(doc, kb) if s == pos} == {"CHL"}


def test_salience_takes_spans_of_one_place_with_and_without_sector(nlp, kb):
    from dyad.events.actors import _salient
    doc = nlp("Chile spoke. Chile left. Chile won.")
    people = [(0, 5, "CHL", None), (0, 5, "CHL", "GOV")]  # a name and a role noun on one place
    assert _salient(doc, kb, people, exclude=set(), before=len(doc.text)).country == "CHL"


def test_sanctions_on_people_described_by_a_clause_target_their_country(nlp, kb):
    assert countries(nlp, kb, "Chile imposed sanctions on firms that do business with the Peruvian military.",
                     "imposed") == ("CHL", "PER")


def test_an_agreement_on_a_bill_is_not_aimed_at_the_bills_target(nlp, kb):
    doc = nlp("Chile reached an agreement on a bill that allows sanctions against Peru.")
    tok = next(t for t in doc if t.text == "agreement")
    assert find_actors(tok, kb)[1] is None


@pytest.mark.parametrize("text,trigger,expected", [
    # the envoy of the possessor, not of the speaker's own country
    ("Canada urged Spain's Canadian ambassador to stay calm.", "urged", ("CAN", "ESP")),
    # the object's possessor is the accused, before a place named in a prepositional phrase
    ("Chile blamed Peru's negligence for the accident in Bolivia.", "blamed", ("CHL", "PER")),
])
def test_target_in_object_phrase(nlp, kb, text, trigger, expected):
    assert countries(nlp, kb, text, trigger) == expected


def _referents(nlp, kb, text, people=None):
    from types import SimpleNamespace

    from dyad.events.actors import referent_spans
    doc = SimpleNamespace(spacy=nlp(text))
    return {text[s:e]: c for s, e, c, _ in referent_spans(doc, kb, people or [])}, doc.spacy


def test_alliance_is_the_organisation_named_before(nlp, kb):
    found, _ = _referents(nlp, kb, "NATO met in Brussels on Monday. On Tuesday, the Western military alliance "
                                   "accused Belarus of moving troops.")
    assert found == {"the Western military alliance": "IGO"}


def test_it_is_the_subject_named_before_not_a_thing(nlp, kb):
    text = "Egypt proposed a truce. Hamas rejected it. Later it said talks would resume."
    found, _ = _referents(nlp, kb, text)
    assert found == {"it": "PSE"}  # the subject "it" is Hamas; "rejected it" is the truce


def test_regime_is_the_one_named_so(nlp, kb):
    text = "Canada condemned the Syrian regime on Monday. France spoke next. The regime denied the report."
    found, _ = _referents(nlp, kb, text)
    assert found == {"The regime": "SYR"}


def test_in_support_of_names_the_target(nlp, kb):
    doc = nlp("Several nations, including Kenya and Ghana, came out in support of Nigeria on Friday.")
    tok = next(t for t in doc if t.text == "support")
    pairs = find_actor_pairs(tok, kb)
    assert [(s.country, t.country) for s, t in pairs] == [("KEN", "NGA"), ("GHA", "NGA")]


def test_noun_owner_by_agent(nlp, kb):
    doc = nlp("Efforts by Norway to broker a truce with Colombia failed.")
    tok = next(t for t in doc if t.text == "broker")
    s, t = find_actors(tok, kb)
    assert (s and s.country, t and t.country) == ("NOR", "COL")


@pytest.mark.parametrize("text,trigger,expected", [
    # the speaker states its own act: the act's target is the statement's
    ("Iran warned that Tehran would respond to Israel.", "warned", ("IRN", "ISR")),
    # a condition names whom the act answers
    ("Turkey will close the border if Syria attacks the town.", "close", ("TUR", "SYR")),
])
def test_stated_and_conditioned_targets(nlp, kb, text, trigger, expected):
    assert countries(nlp, kb, text, trigger) == expected


def test_a_reply_answers_the_party_that_asked():
    from dyad.events.actors import answer_targets
    from dyad.model import Actor, Event

    def event(kind, src, tgt):
        return Event(type=kind, mode=None, cameo=None, intensity=None, source=Actor(src, src),
                     target=Actor(tgt, tgt) if tgt else None, modality="asserted", date=None,
                     date_precision=None, sentence="", start=0, end=0)

    asked = [event("REQUEST", "USA", "RUS")]
    [reply] = answer_targets([event("AGREE", "RUS", None)], asked)
    assert reply.target.country == "USA"
    [other] = answer_targets([event("ASSAULT", "RUS", None)], asked)
    assert other.target is None  # not a reply
    [unasked] = answer_targets([event("AGREE", "RUS", None)], [event("ASSAULT", "USA", "RUS")])
    assert unasked.target is None  # an attack asks for no reply


def test_demand_that_names_who_is_asked(nlp, kb):
    doc = nlp("Brazil's demands that Chile change its laws angered officials.")
    tok = next(t for t in doc if t.text == "demands")
    s, t = find_actors(tok, kb)
    assert (s and s.country, t and t.country) == ("BRA", "CHL")


def test_it_after_a_thing_is_no_party(nlp, kb):
    found, _ = _referents(nlp, kb, "Egypt drafted a bill. The bill passed on Monday. It bans imports from Libya.")
    assert "It" not in found




def test_person_country_from_a_title_not_a_clause(nlp, kb):
    text = "The talks ended with Peru formally recognising the Soto family. Ana Soto, a senior Chilean diplomat, left."
    doc = _doc_with_people(nlp, text, [Person("Ana Soto")], ["Soto"])
    assert {text[s:e]: c for s, e, c, _ in person_spans(doc, kb)} == {"Soto": "CHL"}  # not Peru


def test_where_parties_meet_is_no_party(nlp, kb):
    assert countries(nlp, kb, "Chile said it would meet the envoy on Friday in Peru.", "meet")[1] != "PER"
    assert countries(nlp, kb, "Israeli jets struck targets in Syria.", "struck") == ("ISR", "SYR")


def test_the_ministry_is_the_ministry_named_before(nlp, kb):
    found, _ = _referents(nlp, kb, "The Russian Foreign Ministry summoned the envoy. The ministry accused Latvia of bias.")
    assert found == {"The ministry": "RUS"}


def test_across_the_country_is_a_place(nlp, kb):
    found, _ = _referents(nlp, kb, "Peru protested to Chile. Papers across the country backed the protest.")
    assert found == {}


SALIENT_PERU = "Chile and Peru have argued over fishing for years. Peru wants a new deal. Peru said so again. "


def test_implicit_target_only_for_threats_and_talks(nlp, kb):
    # a threat or the talks one leaves are aimed at the party the article keeps naming ...
    for text, word in [(SALIENT_PERU + "Chile made new threats on Monday.", "threats"),
                       (SALIENT_PERU + "Chile refused to resume the negotiations.", "resume")]:
        doc = nlp(text)
        s, t = find_actors(next(tok for tok in doc if tok.text == word), kb)
        assert (s.country, t and t.country) == ("CHL", "PER"), text
    # ... a warning of something else, a refusal or a resignation is not
    for text, word in [(SALIENT_PERU + "Chile warned that prices were rising.", "warned"),
                       (SALIENT_PERU + "The Chilean envoy declined to comment.", "declined"),
                       (SALIENT_PERU + "The Chilean minister considered resigning.", "resigning")]:
        doc = nlp(text)
        _, t = find_actors(next(tok for tok in doc if tok.text == word), kb)
        assert t is None, text


def test_pronoun_subject_is_filled_only_where_the_type_allows(nlp, kb):
    doc = nlp(SALIENT_PERU + "They welcomed Chile into the group.")
    tok = next(t for t in doc if t.text == "welcomed")
    assert find_actors(tok, kb, implicit=False, implicit_source=False)[0] is None
    s, _ = find_actors(tok, kb, implicit=False, implicit_source=True)
    assert s is not None and s.country == "PER"


def test_a_passive_without_agent_gets_no_guessed_doer(nlp, kb):
    # the doer of "was subjected to sanctions" is unsaid; the article's most named country is no guess
    doc = nlp(SALIENT_PERU + "Bolivia has been subjected to sanctions since 2006.")
    tok = next(t for t in doc if t.text == "subjected")
    s, t = find_actors(tok, kb, implicit=True, implicit_source=True)
    assert s is None or s.country != "PER"
    # an active clause with a pronoun subject still may (test_pronoun_subject_is_filled_only_where_the_type_allows)
