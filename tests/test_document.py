"""document.Document: the body is built by deleting ranges, and every body offset maps back exactly."""
from dyad.document import Document, Mention
from dyad.model import ArticleRecord, Event, Person, Quote

TEXT = "Subscribe\nTOKYO, May 2 - Japan protested.\n\nMoscow replied on Friday.\nShare this\n"


def make_doc() -> Document:
    doc = Document(id="d", input={"text": TEXT}, text=TEXT)
    lead = TEXT.index("Japan")
    second = TEXT.index("Moscow")
    doc.set_body([(lead, TEXT.index("\n", lead)), (second, TEXT.index("\n", second))])
    return doc


def test_body_keeps_whitespace_gaps_verbatim():
    doc = make_doc()
    assert doc.body == "Japan protested.\n\nMoscow replied on Friday."
    for needle in ("Japan", "protested.", "Moscow replied", "Friday."):
        b = doc.body.index(needle)
        a, e = doc.span_to_input(b, b + len(needle))
        assert TEXT[a:e] == needle


def test_removed_text_between_ranges_becomes_one_newline():
    doc = Document(id="d", input={}, text="aaa XXX bbb")
    doc.set_body([(0, 3), (8, 11)])
    assert doc.body == "aaa\nbbb"
    assert doc.to_input(4) == 8 and doc.to_input(6) == 10


def test_finish_maps_quotes_events_and_mentions_to_input_offsets():
    doc = make_doc()
    doc.record.people.append(Person("Moscow Person"))  # a stand-in person for the mapping
    b = doc.body.index("Moscow")
    doc.mentions.append(Mention(b, b + 6, 0, "Moscow", role="spokesman"))
    q = doc.body.index("replied")
    doc.quotes.append(Quote("replied on Friday", None, False, q, q + 17))
    doc.events.append(Event("PROTEST", None, "14", -6.5, None, None, "asserted", None, None,
                            "Japan protested.", 0, 16))
    rec = doc.finish()
    assert TEXT[rec.quotes[0].start:rec.quotes[0].end] == "replied on Friday"
    assert TEXT[rec.events[0].start:rec.events[0].end] == "Japan protested."
    m = rec.people[0].mentions[0]
    assert TEXT[m.start:m.end] == "Moscow" and m.role == "spokesman"


def test_record_round_trips_through_dict():
    doc = make_doc()
    doc.record.people.append(Person("Moscow Person"))
    doc.mentions.append(Mention(0, 5, 0, "Japan"))
    rec = doc.finish()
    assert ArticleRecord.from_dict(rec.to_dict()) == rec
