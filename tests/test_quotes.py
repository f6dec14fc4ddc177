"""Tests for dyad.quotes: quotation marks, reported speech, speakers, exact body offsets.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import re

import pytest

from dyad.config import Settings
from dyad.document import Document, Mention
from dyad.model import Person
from dyad.quotes import Quotes, SpeechLexicon, find_marks


def make_doc(nlp, text: str, people=None, mentions=None) -> Document:
    doc = Document(id="t", input={"id": "t", "text": text})
    doc.text = text
    doc.set_body([(0, len(text))])
    doc.spacy = nlp(doc.body)
    if people:
        doc.record.people = people
        doc.mentions = mentions or []
    return doc


def run(nlp, text: str, mode: str = "all", speakers=None, **kw):
    doc = make_doc(nlp, text, **kw)
    Quotes(mode=mode, speakers=speakers)(doc)
    for q in doc.quotes:  # offsets are sacred: the text is exactly the body slice
        assert doc.body[q.start:q.end] == q.text
    return doc.quotes


def linked(text: str, names: dict[str, str]) -> tuple[list[Person], list[Mention]]:
    """People and their mentions as the people stage would give them: name -> regex of its forms."""
    people = [Person(name=name) for name in names]
    mentions = [Mention(m.start(), m.end(), k, m.group())
                for k, forms in enumerate(names.values()) for m in re.finditer(forms, text)]
    return people, sorted(mentions, key=lambda m: m.start)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


# --- quotation marks -------------------------------------------------------------------------

def test_marks_straight_curly_and_apostrophes():
    text = 'He said "we go" and then “we stay”; the country"s view, Japan\'s \'partial\' view.'
    inner = [text[m.start:m.end] for m in find_marks(text)]
    assert inner == ["we go", "we stay", "partial"]


def test_marks_multi_paragraph_and_double_apostrophes():
    text = "“First part of it.\n\n“Second part,” she said.\n\nThen ''another one'' came."
    marks = find_marks(text)
    assert [(m.start, m.end) for m in marks] == [(1, text.index("Second part,") + len("Second part,")),
                                                 span(text, "another one")]


def test_marks_unclosed_quote_ends_with_its_paragraph():
    text = "“An open quote that never closes\n\nA new paragraph."
    (mark,) = find_marks(text)
    assert (mark.start, mark.end, mark.closed) == (1, text.index("\n"), False)


# --- direct quotes ---------------------------------------------------------------------------

def test_split_quote_is_one_quote_with_one_speaker(nlp):
    text = ("Pavel Ivanov spoke to reporters in Oslo on Monday.\n\n"
            "“We will not retreat from these talks,” Ivanov said. “We will hold the line.”")
    (q,) = run(nlp, text)
    assert (q.start, q.end) == (text.index("We will not"), text.index("the line.") + len("the line."))
    assert q.speaker == "Pavel Ivanov" and q.direct


@pytest.mark.parametrize("text, halves, speaker", [
    # two sentences around the attribution
    ("Pavel Ivanov spoke to reporters in Oslo on Monday.\n\n"
     "“We will not retreat from these talks,” Ivanov said. “We will hold the line.”",
     ("We will not retreat from these talks,", "We will hold the line."), "Pavel Ivanov"),
    # one sentence broken by the attribution: the lower-case half is kept
    ("Anna Berg spoke after the vote.\n\n“I would think that will matter to many voters,” she said, "
     "“but I also expect the senator will have something to say about it.”",
     ("I would think that will matter to many voters,",
      "but I also expect the senator will have something to say about it."), "Anna Berg"),
])
def test_split_quote_in_direct_mode_is_two_quotes_without_the_attribution(nlp, text, halves, speaker):
    first, second = run(nlp, text, mode="direct")
    assert (first.text, second.text) == halves
    assert first.speaker == second.speaker == speaker


def test_multi_paragraph_quote(nlp):
    text = ("Anna Berg addressed the assembly.\n\n"
            "“The first thing we must do is rebuild trust between our two countries.\n\n"
            "“The second is to reopen the consulates,” Berg said.")
    (q,) = run(nlp, text)
    assert q.start == text.index("The first thing")
    assert q.end == text.index("consulates,") + len("consulates,")
    assert q.speaker == "Anna Berg"


def test_colon_introduced_quote_on_next_line(nlp):
    text = ("Foreign Minister Anna Berg avoided the question about the summit, saying:\n"
            "“We will decide on our participation when the agenda is known.”")
    (q,) = run(nlp, text)
    assert (q.start, q.end) == span(text, "We will decide on our participation when the agenda is known.")
    assert q.speaker == "Anna Berg"


def test_partial_quote_after_speech_verb(nlp):
    text = "Deputy Minister Pavel Ivanov expressed “deep disappointment with the sanctions course” on Monday."
    (q,) = run(nlp, text)
    assert (q.start, q.end) == span(text, "deep disappointment with the sanctions course")
    assert q.speaker == "Pavel Ivanov" and q.direct


def test_scare_quotes_and_titles_are_not_quotes(nlp):
    text = ("The agency presented a badge “For Friendship” to the mayor. "
            "Two firms were added to the “sanction list” this week. "
            "Critics see the “northern route” as a tool.")
    assert run(nlp, text) == []


def test_quote_without_any_cue_has_no_speaker(nlp):
    text = "The hall fell silent.\n\n“Nobody expected the border to close so quickly.”"
    (q,) = run(nlp, text)
    assert q.speaker is None
    assert (q.start, q.end) == span(text, "Nobody expected the border to close so quickly.")


# --- reported speech -------------------------------------------------------------------------

def test_pronoun_resolves_to_the_earlier_speaker(nlp):
    text = ("Pavel Ivanov met reporters in Oslo on Monday. "
            "He said that the talks on the fishing quota would resume in May.")
    (q,) = run(nlp, text, speakers="resolved")
    assert q.text.startswith("that the talks") and q.text.endswith("in May")
    assert q.speaker == "Pavel Ivanov" and not q.direct
    assert q.speaker_text == "He"  # the words the article used, kept beside the resolved name
    # the PolNeAR style ("all" mode's default) keeps the source as written
    (q,) = run(nlp, text)
    assert q.speaker == "He"


def test_according_to(nlp):
    text = "According to Foreign Minister Anna Berg, the embassy will reopen next week."
    (q,) = run(nlp, text)
    assert (q.start, q.end) == span(text, "the embassy will reopen next week")
    assert q.speaker == "Anna Berg" and not q.direct


def test_reported_clause_with_partial_quote_is_one_mixed_quote(nlp):
    text = "Anna Berg told reporters that the decision was “a grave mistake” by the council."
    (q,) = run(nlp, text)
    assert q.text == "that the decision was “a grave mistake” by the council"
    assert q.speaker == "Anna Berg" and q.direct


def test_direct_mode_keeps_only_quoted_words(nlp):
    text = ("Anna Berg said the embassy would reopen next week. "
            "“We are ready for dialogue,” Berg said.")
    (q,) = run(nlp, text, mode="direct")
    assert q.text == "We are ready for dialogue,"
    assert q.speaker == "Anna Berg"


def test_role_noun_resolves_through_people_stage_mentions(nlp):
    text = "Sato, a professor, spoke in Tokyo. The professor said that the treaty was within reach."
    people = [Person(name="Kenji Sato", role="professor")]
    mentions = [Mention(0, 4, 0, "Sato", role="professor")]
    (q,) = run(nlp, text, speakers="resolved", people=people, mentions=mentions)
    assert q.speaker == "Kenji Sato"  # the canonical name from record.people, not the surface "Sato"
    (q,) = run(nlp, text, people=people, mentions=mentions)
    assert q.speaker == "professor"  # mention style: the role noun phrase as written


def test_default_speaker_style_follows_the_mode():
    assert Quotes(mode="direct").speakers == "resolved"
    assert Quotes(mode="all").speakers == "mention"
    with pytest.raises(ValueError, match="speakers"):
        Quotes(mode="all", speakers="guess")


def test_any_verb_right_after_a_quotation_attributes_it(nlp):
    text = ("The vote failed on Monday.\n\n"
            "“They were never serious about this bill,” Pavel Ivanov fumed on Tuesday.")
    (q,) = run(nlp, text, mode="direct")
    assert q.text == "They were never serious about this bill,"
    assert q.speaker == "Pavel Ivanov"


def test_passive_report_verb_gives_its_subject(nlp):
    text = "“Our method works where others fail,” Ivanov is quoted as saying."
    (q,) = run(nlp, text, mode="direct")
    assert q.speaker == "Ivanov"


def test_direct_flag_follows_double_quotation_marks(nlp):
    text = ("''We will not sign this treaty,'' Mr. Ivanov said. "
            "“We will sign the other one,” Mr. Ivanov added.")
    quotes = run(nlp, text)
    assert [q.direct for q in quotes] == [False, True]
    assert all(q.speaker == "Ivanov" for q in quotes)
    # direct mode still keeps words in two apostrophes: they are quoted words
    assert len(run(nlp, text, mode="direct")) == 2


def test_empty_and_unparsed_documents_are_fine(nlp):
    doc = Document(id="e", input={"id": "e", "text": ""})
    Quotes()(doc)
    assert doc.quotes == []
    doc = make_doc(nlp, "No quotes here at all.")
    Quotes()(doc)
    assert doc.quotes == []


def test_bad_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="DYAD_QUOTES"):
        Quotes(mode="some")


def test_lexicon_loads():
    lex = SpeechLexicon.load()
    assert lex.verbs["say"] == "say" and lex.verbs["believe"] == "think"
    assert "expert" in lex.role_nouns and "he" in lex.person_pronouns


def test_mode_comes_from_settings_not_the_environment(monkeypatch):
    monkeypatch.setenv("DYAD_QUOTES", "all")
    assert Quotes().mode == "reported"
    assert Quotes(settings=Settings(quote_mode="all")).mode == "all"
    assert Quotes(settings=Settings.from_env()).mode == "all"


def test_signature_after_quotation_names_the_speaker(nlp):
    text = "Readers wrote in.\n“The debate changed my mind about the election.” ― Maria Lopez\n"
    (q,) = run(nlp, text)
    assert (q.start, q.end) == span(text, "The debate changed my mind about the election.")
    assert q.speaker == "Maria Lopez"


def test_said_as_inverted_attribution_and_nested_marks(nlp):
    text = "“They call it “progress” and we call it a retreat,” said Pavel Ivanov, a deputy."
    (q,) = run(nlp, text)
    assert q.text == "They call it “progress” and we call it a retreat,"
    assert q.speaker == "Pavel Ivanov"


def test_title_case_and_possessive_quotations_are_names_not_speech(nlp):
    text = ("“Our members are tired of waiting,” Anna Berg said Sunday on NBC's “Meet the Press.” "
            "“We want a vote this week.”")
    quotes = run(nlp, text, mode="direct")
    assert all("Meet the Press" not in q.text or "Our members" in q.text for q in quotes)
    assert not any(q.text.startswith("Meet the Press") for q in quotes)
    assert all(q.speaker == "Anna Berg" for q in quotes)


def test_a_quote_inside_another_is_reported_once(nlp):
    text = "Anna Berg said that the council had made “a grave and costly mistake” on Monday."
    quotes = run(nlp, text)
    assert len(quotes) == 1 and "the council had made" in quotes[0].text


def test_adverbial_clause_after_a_cue_is_not_content(nlp):
    text = ("“We will win this fight,” Pavel Ivanov said, as the young boxers trained in the hall "
            "behind him.")
    quotes = run(nlp, text)
    assert [q.text for q in quotes] == ["We will win this fight,"]


def test_partial_quote_object_runs_to_the_end_of_what_the_verb_governs(nlp):
    text = "Pavel Ivanov called the tariff “a slow disaster” that would ruin the farmers in the north."
    (q,) = run(nlp, text, mode="direct")
    assert q.text == "the tariff “a slow disaster” that would ruin the farmers in the north"
    assert q.speaker == "Pavel Ivanov" and q.direct


def test_inverted_speaker_after_cue_without_parsed_subject(nlp):
    from dyad.quotes.frames import inverted_subject

    sp = nlp("“We expect a long winter,” said Skelly, a data analyst.")
    said = next(t for t in sp if t.lower_ == "said")
    assert inverted_subject(said).text == "Skelly"


def test_noun_phrase_before_a_colon_is_the_source(nlp):
    text = ("The survey had one clear finding.\n\n"
            "The report: “Many online panels now weight their samples by political interest.”")
    (q,) = run(nlp, text)
    assert q.text == "Many online panels now weight their samples by political interest."
    assert q.speaker == "report"  # not a noun phrase inside the quotation


def test_split_quote_around_one_cue_is_joined_even_when_the_second_half_is_lower_case(nlp):
    text = ("“I would think that will matter to many voters in the state,” she said, "
            "“but I also expect that the senator will have something to say about it.”")
    (q,) = run(nlp, text)
    assert q.text.startswith("I would think") and q.text.endswith("something to say about it.")
    assert q.speaker == "she" and q.direct


def test_parenthetical_attribution_reports_the_clause_around_it(nlp):
    text = "The vote was close.\n\nThis campaign, he says, is different from the last one."
    (q,) = run(nlp, text)
    assert q.text == "This campaign, he says, is different from the last one"
    assert q.speaker == "he" and not q.direct


def test_according_to_after_an_opening_adverbial(nlp):
    text = "But the next day, according to Anna Berg, the council made further demands."
    (q,) = run(nlp, text)
    assert q.text == "the council made further demands"
    assert q.speaker == "Anna Berg"


def test_relative_pronoun_speaker(nlp):
    text = ("The bill was passed on Friday.\n\n"
            "It was criticised by Senator Anna Berg, who said that the measure would raise prices for farmers.")
    (q,) = run(nlp, text, speakers="resolved")
    assert q.text == "that the measure would raise prices for farmers" and q.speaker == "Anna Berg"
    (q,) = run(nlp, text)  # mention style: the relative pronoun, as PolNeAR marks the source
    assert q.speaker == "who"


def test_role_noun_mention_linked_by_the_people_stage(nlp):
    text = "Kenji Sato opened the session. The mayor said that the budget would be balanced by June."
    people = [Person(name="Kenji Sato", role="mayor")]
    start = text.index("The mayor")
    mentions = [Mention(0, 10, 0, "Kenji Sato"), Mention(start, start + 9, 0, "The mayor", role="mayor")]
    (q,) = run(nlp, text, speakers="resolved", people=people, mentions=mentions)
    assert q.speaker == "Kenji Sato"
    (q,) = run(nlp, text, people=people, mentions=mentions)
    assert q.speaker == "mayor"  # mention style keeps the role noun as written


def test_direct_is_typographic_in_all_mode(nlp):
    # a paraphrased object that holds a quoted word counts as direct (PolNeAR's convention);
    # direct mode does not report a scare-quoted word in an object as a quotation
    text = "Pavel Ivanov called his rival a “moderate,” a subtle dig at the former governor."
    (q,) = run(nlp, text)
    assert q.direct and q.speaker == "Pavel Ivanov" and "“moderate,”" in q.text
    assert run(nlp, text, mode="direct") == []


def test_long_title_case_quotation_is_a_title(nlp):
    text = ("Anna Berg's new book, “Broken Harbors: How the Fishing Towns Lost Their Fleets,” "
            "comes out next week.")
    assert run(nlp, text, mode="direct") == []


@pytest.mark.parametrize("text, content, speaker", [
    ("Senator Anna Berg issued a statement saying that the chamber should wait until after the election.",
     "that the chamber should wait until after the election", "Anna Berg"),
    ("Pavel Ivanov, after initially saying he would not run again, entered the race on Monday.",
     "he would not run again", "Pavel Ivanov"),
    ("The minister responded by saying the port should stay open to all ships.",
     "the port should stay open to all ships", "minister"),
])
def test_speaker_of_a_cue_inside_a_noun_or_prepositional_phrase(nlp, text, content, speaker):
    (q,) = run(nlp, text)
    assert (q.text, q.speaker) == (content, speaker)


def test_sourceless_reports_keep_speaker_none(nlp):
    # the reporter who asked is not named: the question has no speaker; the answer has one
    text = "Asked whether the port would reopen, Anna Berg said the decision was not hers."
    quotes = {q.text: q.speaker for q in run(nlp, text)}
    assert quotes == {"whether the port would reopen": None, "the decision was not hers": "Anna Berg"}
    (q,) = run(nlp, "The council seems to have found a compromise on the harbor fees.")
    assert q.speaker is None and q.text.startswith("The council seems")
    (q,) = run(nlp, "The ministers are expected to approve the new fishing quotas on Monday.")
    assert q.speaker is None
    # an evidential verb without a clause reports nothing
    assert run(nlp, "Anna Berg appeared on television with the prime minister on Sunday.") == []


def test_speech_noun_with_its_owner(nlp):
    (q,) = run(nlp, "The minister's claim that the harbor fees were illegal surprised the council.")
    assert (q.text, q.speaker) == ("that the harbor fees were illegal", "minister")
    (q,) = run(nlp, "Anna Berg's warning about the budget came too late.")
    assert (q.text, q.speaker) == ("the budget", "Anna Berg")


# --- speakers in news prose ------------------------------------------------------------------

def test_a_document_speaks_for_its_author(nlp):
    text = ("The Harbour Ministry issued a statement on Tuesday.\n\n"
            "“The ferry service will resume within a week,” the ministry’s statement said.\n\n"
            "“We regret the delay,” said a Harbour Ministry statement released later.")
    first, second = run(nlp, text, mode="direct")
    assert first.speaker == "Harbour Ministry" and second.speaker == "Harbour Ministry"


def test_the_statement_alone_speaks_for_the_author_named_earlier(nlp):
    text = ("A Harbour Ministry statement described the call between the two captains.\n\n"
            "“The captains agreed to share the channel,” said the statement.")
    (q,) = run(nlp, text, mode="direct")
    assert q.speaker == "Harbour Ministry"


def test_inverted_common_noun_speaker(nlp):
    text = "The port reopened.\n\n“The main worry,” says a senior official, “is the cost of the new ferries.”"
    first, second = run(nlp, text, mode="direct")
    assert first.speaker == second.speaker == "senior official"


def test_name_after_an_abbreviated_title_is_the_speaker(nlp):
    text = ("“The drill ended without injuries,” said Coast Guard spokesman Lt. Cmdr. Jorn Malvik.\n\n"
            "“The crews performed well,” he said.")
    people = [Person(name="Jorn Malvik")]
    start = text.index("Jorn Malvik")
    mentions = [Mention(start, start + len("Jorn Malvik"), 0, "Jorn Malvik")]
    first, second = run(nlp, text, mode="direct", people=people, mentions=mentions)
    assert first.speaker == second.speaker == "Jorn Malvik"


@pytest.mark.parametrize("text, words, speaker", [
    # after a sentence whose main verb is a speech verb
    ("The council met on Friday. Mayor Lena Holm denied the report. “We have never discussed a new tax.”",
     "We have never discussed a new tax.", "Lena Holm"),
    # after a dash, the name before it
    ("The vote was delayed twice. But Holm — “We will get it done before winter.”",
     "We will get it done before winter.", "Holm"),
])
def test_speaker_of_a_quotation_set_after_its_speaker(nlp, text, words, speaker):
    (q,) = run(nlp, text, mode="direct")
    assert (q.text, q.speaker) == (words, speaker)


@pytest.mark.parametrize("text, names, speaker", [
    # the owner of a role noun is not the one speaking
    ("Lena Holm’s spokesman, Per Dahl, spoke to reporters.\n\n"
     "“The mayor has no plans to resign,” said Holm’s spokesman, Per Dahl.",
     {"Lena Holm": "Lena Holm|Holm", "Per Dahl": "Per Dahl"}, "Per Dahl"),
    # a bare surname names the person of that surname mentioned most, not the first named
    ("Per Holm founded the yard in 1970. His daughter Lena Holm runs it now. Lena Holm thanked the crews. "
     "“We will keep every job,” Holm said.",
     {"Lena Holm": "Lena Holm", "Per Holm": "Per Holm"}, "Lena Holm"),
])
def test_speaker_among_the_people_the_article_names(nlp, text, names, speaker):
    people, mentions = linked(text, names)
    (q,) = run(nlp, text, mode="direct", people=people, mentions=mentions)
    assert q.speaker == speaker


def test_a_cue_a_sentence_after_a_full_stop_is_not_the_attribution(nlp):
    text = ("Mayor Lena Holm spoke on Monday. “The threat is real,” Holm said. “It will not go away.\"Former "
            "police chief Per Dahl also urged residents to stay calm.")
    first, second = run(nlp, text, mode="direct")
    assert second.text == "It will not go away."
    assert first.speaker == second.speaker == "Lena Holm"


def test_reported_mode_adds_reported_clauses_but_not_questions_or_topics(nlp):
    text = ("Mayor Lena Holm said the bridge would reopen in May. She asked whether the council "
            "had read the report. She discussed the new budget for the harbour. "
            "“We are ready,” Holm said.")
    quotes = run(nlp, text, mode="reported")
    assert [q.text for q in quotes] == ["the bridge would reopen in May", "We are ready,"]
    assert [q.direct for q in quotes] == [False, True]
    assert {q.speaker for q in quotes} == {"Lena Holm"}


def test_an_abstract_noun_is_no_speaker(nlp):
    text = ("The harbour fees rose again. As practice has shown, the council rarely changes its mind. "
            "Officials said the fees would stay.")
    quotes = run(nlp, text, mode="reported")
    assert [(q.text, q.speaker) for q in quotes] == [("the fees would stay", "Officials")]


def test_a_capital_speaks_for_its_country(nlp):
    from dyad.kb import KnowledgeBase

    text = "The talks stalled. Moscow said it would “answer in kind” if the fleet moved north."
    doc = make_doc(nlp, text)
    Quotes(kb=KnowledgeBase.default(), mode="direct")(doc)
    (q,) = doc.quotes
    assert q.speaker == "Russia"


def test_according_to_relays_a_report_that_names_its_own_speaker(nlp):
    text = ("The envoy left early. According to a local newspaper, Mayor Lena Holm called the plan "
            "“a slow disaster.” According to two officials, Holm told the council that the port would close.")
    quotes = run(nlp, text, mode="reported")
    assert [(q.text, q.speaker) for q in quotes][-1] == ("that the port would close", "Lena Holm")
    assert all(q.speaker == "Lena Holm" for q in quotes)


def test_a_report_holding_a_partial_quotation_keeps_all_of_its_words(nlp):
    text = ("Mayor Lena Holm urged the harbour board to “rethink the whole scheme.” "
            "She said the city would sell permits at a “two for the price of one” discount.")
    quotes = run(nlp, text, mode="direct")
    assert quotes[0].text.endswith("“rethink the whole scheme.")
    assert "two for the price of one" in quotes[1].text and quotes[1].speaker == "Lena Holm"


@pytest.mark.parametrize("text, inner", [
    # an opening mark after a word and before a space closes the quotation
    ("“The new toll will pay for the bridge,“ wrote Jane Doe, a city planner. “It is fair.”",
     ["The new toll will pay for the bridge,", "It is fair."]),
    # a paragraph that lost its opening mark
    ("The vote was close.\n\nThe ferries will run on Sundays again,” Holm said. “Crews agreed.”",
     ["The ferries will run on Sundays again,", "Crews agreed."]),
])
def test_marks_survive_scraped_text_slips(text, inner):
    assert [text[m.start:m.end] for m in find_marks(text)] == inner


def test_a_quoted_complement_of_call_is_not_a_title(nlp):
    text = "The Harbour Ministry called the toll “premature” and the mayor stayed away."
    (q,) = run(nlp, text, mode="direct")
    assert "“premature" in q.text and q.speaker == "Harbour Ministry"


def test_trailing_inverted_attribution_after_a_because_clause(nlp):
    text = ("Shops may close. Why? Because the new levy could quickly grow into a permanent tax over time, "
            "said Richard Dahl, who chaired the budget panel last year.")
    (q,) = run(nlp, text, mode="reported")
    assert q.text.startswith("Because the new levy") and q.text.endswith("over time")
    assert q.speaker == "Richard Dahl"


def test_a_quote_never_runs_over_removed_input(nlp):
    text = ("“We will rebuild the pier this year.\nPHOTO: harbour at dawn\n"
            "“And the market next year,” Holm said.")
    doc = Document(id="t", input={"id": "t", "text": text})
    doc.text = text
    # the caption line removed: the quotation continues over it in the body
    doc.set_body([(0, text.index("\nPHOTO")), (text.index("“And"), len(text))])
    doc.spacy = nlp(doc.body)
    Quotes(mode="direct")(doc)
    record = doc.finish()
    assert record.quotes
    for q in record.quotes:
        assert text[q.start:q.end] == q.text


def test_one_speech_verb_list_serves_quotes_events_and_people():
    from dyad.events.rules import REPORT_VERBS
    from dyad.people import _SPEECH_VERBS
    from dyad.quotes.lexicon import SpeechLexicon, read_speech_verbs

    rows = read_speech_verbs()
    verbs = SpeechLexicon.load().verbs
    assert {r["lemma"] for r in rows} == set(verbs)
    # every verb another stage reads is a speech verb of the quotes lexicon
    assert REPORT_VERBS and REPORT_VERBS <= set(verbs)
    assert _SPEECH_VERBS and _SPEECH_VERBS <= set(verbs)
    assert "say" in REPORT_VERBS and "say" in _SPEECH_VERBS
    assert {r["also_for"] for r in rows} <= {"", "events", "people", "events people"}
