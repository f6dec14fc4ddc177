"""spacy_model.py: the shared spaCy pipeline (invented text)."""
import pytest

from dyad.config import Settings
from dyad.spacy_model import load_spacy, text_length


@pytest.fixture(scope="module")
def nlp():
    return load_spacy(Settings().spacy_model)


def test_text_length_is_the_length_of_the_parsed_text(nlp):
    for text in ("", "Talks resumed.", "Talks resumed.  \n\nThen they ended. ", "  "):
        assert text_length(nlp(text)) == len(text)
