"""The events stage on a Document: evidence offsets, event date, quote index, errors contained."""
import pytest

from dyad.document import Document, TimeExpression
from dyad.events import Events
from dyad.model import Quote

TEXT = ("Officials met on Friday. Japan imposed sanctions on Russia on March 3, 2022. "
        "\u201cTokyo attacked our interests,\u201d Russia said.")


def make_doc(nlp, text=TEXT):
    doc = Document(id="t", input={"id": "t", "text": text})
    doc.text = text
    doc.set_body([(0, len(text))])
    doc.spacy = nlp(doc.body)
    doc.record.published.date = "2022-03-05"
    doc.record.published.precision = "day"
    return doc


def test_stage_events_have_evidence_date_and_quote(nlp, kb):
    doc = make_doc(nlp)
    start = TEXT.index("March 3, 2022")
    doc.times = [TimeExpression(start, start + len("March 3, 2022"), "March 3, 2022", "2022-03-03", "day")]
    q0 = TEXT.index("\u201c")
    q1 = TEXT.index("\u201d") + 1
    doc.quotes = [Quote(text=TEXT[q0:q1], speaker="Russia", direct=True, start=q0, end=q1)]
    Events(kb=kb, nlp=nlp)(doc)
    sanction = [e for e in doc.events if e.type == "SANCTION"]
    assert sanction, doc.events
    ev = sanction[0]
    assert (ev.source.country, ev.target.country) == ("JPN", "RUS")
    assert doc.body[ev.start:ev.end] == ev.sentence and "imposed sanctions" in ev.sentence
    assert (ev.date, ev.date_precision) == ("2022-03-03", "day")
    assert ev.quote is None and ev.coder == "pattern" and ev.cameo == "163" and ev.intensity == -8.0
    quoted = [e for e in doc.events if e.quote == 0]
    assert quoted and quoted[0].type in ("ASSAULT", "ACCUSE")
    record = doc.finish()
    assert all(TEXT[e.start:e.end] == e.sentence for e in record.events)


def test_article_date_when_sentence_has_none(nlp, kb):
    doc = make_doc(nlp, "China imposes an embargo on Japan.")
    Events(kb=kb, nlp=nlp)(doc)
    assert [(e.type, e.date, e.date_precision) for e in doc.events] == [("SANCTION", "2022-03-05", "day")]


def test_past_event_without_time_gets_month_precision(nlp, kb):
    doc = make_doc(nlp, "China imposed an embargo on Japan.")
    Events(kb=kb, nlp=nlp)(doc)
    assert [(e.date, e.date_precision) for e in doc.events] == [("2022-03-01", "month")]


class Broken:
    name = "broken"

    def code(self, sent, doc, kb):
        raise RuntimeError("boom")


def test_a_failing_coder_fails_the_article_with_its_error(nlp, kb):
    doc = make_doc(nlp)
    with pytest.raises(RuntimeError, match="boom"):  # the pipeline turns it into the record's error
        Events(kb=kb, coder=Broken())(doc)


def test_no_parse_no_events(nlp, kb):
    doc = Document(id="x", input={"id": "x", "text": ""})
    Events(kb=kb, nlp=nlp)(doc)
    assert doc.events == []


def test_undated_article_uses_agreeing_bounds(nlp, kb):
    doc = make_doc(nlp, "China imposes an embargo on Japan.")
    doc.record.published.date = None
    doc.record.published.not_before, doc.record.published.not_after = "2024-01-01", "2024-12-31"
    Events(kb=kb, nlp=nlp)(doc)
    assert [(e.date, e.date_precision) for e in doc.events] == [("2024-01-01", "year")]
    doc.record.published.not_after = None
    Events(kb=kb, nlp=nlp)(doc)
    assert [(e.date, e.date_precision) for e in doc.events] == [(None, None)]


def test_a_restated_lead_is_one_event(nlp, kb):
    text = ("Chile imposed sanctions on Peru on Monday. "
            "\u201cWe have imposed sanctions on Peru,\u201d the Chilean minister said. "
            "Peru protested. Later, Chile imposed new sanctions on Peru.")
    doc = make_doc(nlp, text)
    Events(kb=kb, nlp=nlp)(doc)
    sanctions = [e for e in doc.events if e.type == "SANCTION" and e.target and e.target.country == "PER"]
    # the second sentence restates the first; the fourth, after another event, is reported on its own
    assert [text[e.start:e.end][:5] for e in sanctions] == ["Chile", "Later"], doc.events
