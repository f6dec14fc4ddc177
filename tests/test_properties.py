"""Property-based tests (hypothesis) on generated text: the text stages never raise, every offset
lies inside the input and slices to the text reported with it, and cleaning is idempotent.

The generated texts mix news-like pieces (names, datelines, dates, quote marks, speech verbs,
line breaks) with arbitrary Unicode, so the rules are exercised on text no one has seen.
Examples are few and unbounded in time (deadline=None), so the suite stays fast.
"""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.clean import Clean
from dyad.document import Document
from dyad.model import PRECISIONS
from dyad.timexp import find_times

PIECES = ["Japan", "Russia", "China", "Tokyo", "MOSCOW", " said", " told reporters", " on Monday", " last week",
          "March 3, 2024", "2023", "in May", "Foreign Minister", "Hayashi", "Maria Zakharova", "the ministry",
          '"', "\u201c", "\u201d", "'", ". ", ", ", " - ", "(Kyodo) ", "\n", "\n\n", "Share", "Subscribe",
          " protested", " sanctions on", " will respond", " agreed to", " not", " yesterday", "  "]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
CHECK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])
# Errors the pipeline may give for text without an article in it (not a stage crash).
NO_ARTICLE = ("empty text", "clean: no article text left")


@CHECK
@given(TEXTS)
def test_time_expressions_never_raise_and_slice_exactly(text):
    for raw in find_times(text):
        assert 0 <= raw.start < raw.end <= len(text)
        assert text[raw.start:raw.end] == raw.text


def clean(text: str):
    doc = Document(id="p", input={"id": "p", "text": text})
    doc.text = text
    Clean()(doc)
    return None if doc.failed else doc.body


@CHECK
@given(TEXTS)
def test_cleaning_never_raises_and_is_idempotent(text):
    once = clean(text)
    if once is not None:
        assert clean(once) == once


@CHECK
@given(TEXTS)
def test_the_pipeline_never_raises_and_every_offset_slices_to_its_text(pipeline, text):
    rec = pipeline.annotate_one({"id": "p", "text": text})
    assert rec.error is None or rec.error.startswith(NO_ARTICLE), rec.error
    if rec.error:
        return
    for q in rec.quotes:
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text
    for e in rec.events:
        assert 0 <= e.start <= e.end <= len(text) and text[e.start:e.end] == e.sentence
        assert e.date_precision in (None, *PRECISIONS)
    for p in rec.people:
        for m in p.mentions:
            assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text
    pub = rec.published
    assert pub.precision in (None, *PRECISIONS)
    if pub.not_before and pub.not_after:
        assert pub.not_before <= pub.not_after
