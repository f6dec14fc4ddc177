"""pipeline.Pipeline end to end on text written for this test: order, offsets, errors, streaming."""
import json

from dyad.pipeline import Pipeline

ARTICLE = (
    "World\nSubscribe\n"
    "TOKYO, March 3 (Kyodo) - Japan imposed sanctions on Russia on Tuesday, freezing the assets of "
    "several banks, Chief Cabinet Secretary Yoshimasa Hayashi told reporters.\n\n"
    "\"We will keep working with our partners,\" Hayashi said.\n"
    "Share on your profiles\n"
)


def test_record_fields_and_exact_offsets(pipeline: Pipeline):
    rec = pipeline.annotate_one({"id": "a1", "text": ARTICLE})
    assert rec.error is None
    assert rec.outlet.name.startswith("Kyodo")
    assert "Subscribe" not in rec.body and "Share on" not in rec.body
    assert any(p.name == "Yoshimasa Hayashi" for p in rec.people)
    for p in rec.people:
        for m in p.mentions:
            assert ARTICLE[m.start:m.end] == m.text
    assert rec.quotes, "the direct quote is found"
    for q in rec.quotes:
        assert ARTICLE[q.start:q.end] == q.text
    assert any(e.type == "SANCTION" and e.source and e.source.country == "JPN"
               and e.target and e.target.country == "RUS" for e in rec.events)
    for e in rec.events:
        assert ARTICLE[e.start:e.end] == e.sentence
    json.dumps(rec.to_dict())  # the record is plain JSON


def test_bad_items_get_errors_and_the_run_goes_on(pipeline: Pipeline):
    items = [{"id": "ok", "text": "Japan protested to Russia."}, {"id": "none"},
             {"id": "bad", "error": "bad JSON on line 3"}, {"id": "num", "text": 42},
             {"id": "ok2", "text": "Russia rejected the protest."}]
    recs = list(pipeline.annotate(items))
    assert [r.id for r in recs] == ["ok", "none", "bad", "num", "ok2"]
    assert recs[0].error is None and recs[4].error is None
    assert all(r.error for r in recs[1:4])
    assert recs[2].error == "bad JSON on line 3"


def test_a_crashing_stage_fails_only_its_article(pipeline: Pipeline, monkeypatch):
    stage = next(s for s in pipeline.parse_stages if s.name == "quotes")
    original = type(stage).__call__

    def flaky(self, doc):
        if doc.id == "boom":
            raise RuntimeError("kaput")
        return original(self, doc)

    monkeypatch.setattr(type(stage), "__call__", flaky)
    recs = list(pipeline.annotate([{"id": "boom", "text": "Japan protested."},
                                   {"id": "fine", "text": "Russia protested."}]))
    assert recs[0].error == "quotes: RuntimeError: kaput"
    assert recs[1].error is None


def test_annotate_is_lazy_and_records_stage_timings(pipeline: Pipeline):
    def endless():
        n = 0
        while True:
            n += 1
            yield {"id": str(n), "text": "Japan and Russia held talks in Moscow."}

    stream = pipeline.annotate(endless())
    first = [next(stream) for _ in range(3)]  # a generator input is consumed batch by batch
    assert [r.id for r in first] == ["1", "2", "3"]
    assert {"clean", "nlp", "events"} <= set(pipeline.timings)


def test_metadata_only_mode_needs_no_parse():
    from dyad.config import Settings

    quick = Pipeline(Settings(metadata_only=True))
    assert quick.nlp is None
    text = "Talks resume\n\nWASHINGTON (Reuters) - Talks between the two governments resumed on Monday, officials said.\n"
    rec = quick.annotate_one({"id": "m", "text": text, "url": "https://www.example-news.com/2019/05/06/talks"})
    assert rec.error is None and rec.title == "Talks resume"
    assert (rec.outlet.name, rec.published.date, rec.published.method) == ("Example News", "2019-05-06",
                                                                             "url path y/m/d")
    assert rec.people == [] and rec.quotes == [] and rec.events == []
