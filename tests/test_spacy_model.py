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


def test_indexed_attribute_ruler_finds_the_rulers_own_matches(nlp):
    """Every match the attribute ruler's Matcher finds, in its order, and so the same tags, parts of
    speech, morphology and lemmas (contractions, auxiliaries, multi-word and regex patterns included)."""
    import spacy

    from dyad.sentences import add_paragraph_breaks
    from dyad.spacy_model import IndexedRulerMatch

    plain = add_paragraph_breaks(spacy.load(Settings().spacy_model))  # as load_spacy, less the index
    ruler = plain.get_pipe("attribute_ruler")
    indexed = IndexedRulerMatch(ruler)
    texts = ["The minister said that it wasn't over, and we're gonna wait; y'all know it ain't easy.",
             "Let's go, c'mon! I'd have done it if you had asked me, but there are talks whilst it's raining.",
             "Nothin' was decided.   The envoys have met twice and will meet again in May.\n\nNo comment.", ""]
    for sdoc in plain.pipe(texts):
        assert indexed(sdoc) == ruler.match(sdoc)
    with_index = [[(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in d] for d in nlp.pipe(texts)]
    without = [[(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in d] for d in plain.pipe(texts)]
    assert with_index == without
    assert len(indexed.rest) < len(ruler.patterns) // 4  # most patterns are looked up, not matched
