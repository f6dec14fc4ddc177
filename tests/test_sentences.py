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
