"""sentences.py: paragraph breaks end spaCy sentences (invented text)."""
import pytest

from dyad.config import Settings
from dyad.pipeline import load_spacy
from dyad.sentences import NAME


@pytest.fixture(scope="module")
def nlp():
    return load_spacy(Settings().spacy_model)


def sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index(NAME) < names.index("parser")


def test_blank_line_ends_an_open_paragraph(nlp):
    out = sents(nlp, "The talks stalled ahead of the elections\n\nHours before the deadline, the envoys met again.")
    assert out == ["The talks stalled ahead of the elections", "Hours before the deadline, the envoys met again."]


def test_line_break_after_a_complete_line_ends_a_sentence(nlp):
    out = sents(nlp, "The envoy left Geneva on Friday.\nthe talks will resume in March, officials said.")
    assert out[0] == "The envoy left Geneva on Friday."


def test_line_break_inside_an_open_line_is_left_to_the_parser(nlp):
    out = sents(nlp, "Sen. Jane Roe\n (D-Maine) said the deal was fair to fishermen.")
    assert len(out) == 1


def test_single_break_under_a_heading_or_attribution_line_ends_a_sentence(nlp):
    # Extractors separate paragraphs with one line break; a heading has no closing period.
    out = sents(nlp, "What happens next\nOfficers from both navies will test the line every week.")
    assert out[0] == "What happens next"
    out = sents(nlp, "“We are ready.” ― Jane Roe\n“We are not,” said another resident of the port.")
    assert not any("Roe" in s and "We are not" in s for s in out)


def test_single_break_inside_a_clause_is_left_to_the_parser(nlp):
    out = sents(nlp, "Officials called him a rampant reformer,\nbold and tireless in the talks.")
    assert len(out) == 1
