"""DuckDB storage for real (tmp files): schema, idempotence, transactions, export, queries."""
import csv
import io
import json

import duckdb
import pytest

from dyad.model import Actor, ArticleRecord, Event, Outlet, Person, PersonMention, Published, Quote
from dyad.store import Store, content_hash


def make_record(item: dict) -> ArticleRecord:
    """A deterministic stand-in for the NLP: one person, one quote, one event per article."""
    if item.get("error"):
        return ArticleRecord(id=item["id"], error=item["error"])
    text = item["text"]
    a, b = item.get("dyad", ("JPN", "RUS"))
    return ArticleRecord(
        id=item["id"], title=item.get("title"), body=text, language="en",
        outlet=Outlet(item.get("outlet"), "JPN", "private"),
        published=Published(item.get("date"), "day" if item.get("date") else None, method="input"),
        people=[Person("Hanako Sato", ["Sato"], "foreign minister", "JPN", "Q1",
                       [PersonMention(0, 5, text[:5], "foreign minister")])],
        quotes=[Quote(text[:10], "Hanako Sato", True, 0, 10)],
        events=[Event("PROTEST", None, "14", -6.5, Actor("Tokyo", a, "GOV"), Actor("Moscow", b, "GOV"),
                      "asserted", item.get("date"), "day", text, 0, len(text), quote=0, coder="test")])


class FakePipeline:
    def __init__(self):
        self.seen = []

    def annotate(self, items):
        for item in items:
            self.seen.append(item["id"])
            yield make_record(item)


ITEMS = [
    {"id": "a", "text": "Tokyo protested to Moscow on Monday.", "outlet": "Kyodo", "date": "2024-03-04",
     "title": "Protest", "source": "x/a.txt"},
    {"id": "b", "text": "Moscow rejected the protest.", "outlet": "TASS", "date": "2024-04-01",
     "dyad": ("RUS", "JPN")},
    {"id": "c", "text": "Undated piece about fisheries.", "outlet": "Kyodo", "dyad": ("JPN", "CHN")},
    {"id": "bad", "source": "x/bad.txt", "error": "empty file"},
]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_ingest_stores_rows_and_reingest_is_a_noop(tmp_path):
    db = tmp_path / "t.duckdb"
    fake = FakePipeline()
    with Store(db) as s:
        stats = s.ingest(ITEMS, fake)
        assert (stats.new, stats.skipped, stats.failed) == (4, 0, 1)
        assert s.counts() == {"articles": 4, "people": 3, "person_mentions": 3, "quotes": 3, "events": 3, "conditions": 0}
    with Store(db) as s:  # a new process would see the same file
        stats = s.ingest(ITEMS, fake)
        assert (stats.new, stats.skipped) == (0, 4)
        assert stats.failed == 1  # the stored error still counts
        assert s.counts() == {"articles": 4, "people": 3, "person_mentions": 3, "quotes": 3, "events": 3, "conditions": 0}
    assert fake.seen == ["a", "b", "c", "bad"]  # stored content is not annotated again


def test_same_content_under_another_id_is_a_noop(store):
    store.ingest(ITEMS[:1], FakePipeline())
    stats = store.ingest([{**ITEMS[0], "id": "copy"}], FakePipeline())
    assert stats.skipped == 1 and store.counts()["articles"] == 1


def test_duplicate_content_in_one_run(store):
    stats = store.ingest([ITEMS[0], {**ITEMS[0], "id": "again"}], FakePipeline())
    assert (stats.new, stats.skipped) == (1, 1) and store.counts()["articles"] == 1


def test_content_hash():
    assert content_hash({"id": "x", "text": "abc"}) == content_hash({"id": "y", "text": "abc"})
    assert content_hash({"id": "x", "html": "abc"}) == content_hash({"id": "x", "text": "abc"})
    assert content_hash({"id": "x", "error": "e"}) != content_hash({"id": "y", "error": "e"})


def test_article_columns(store):
    store.ingest(ITEMS, FakePipeline())
    cols, rows = store.query("SELECT * FROM articles ORDER BY seq")
    a = dict(zip(cols, rows[0]))
    assert a["hash"] == content_hash(ITEMS[0]) and a["id"] == "a" and a["source"] == "x/a.txt"
    assert a["raw"] == ITEMS[0]["text"] and a["raw_kind"] == "text" and a["body"] == ITEMS[0]["text"]
    assert (a["outlet_name"], a["outlet_country"], a["outlet_affiliation"]) == ("Kyodo", "JPN", "private")
    assert str(a["published_date"]) == "2024-03-04" and a["published_precision"] == "day"
    assert a["error"] is None and a["ingested_at"] is not None
    assert json.loads(a["record"]) == make_record(ITEMS[0]).to_dict()
    bad = dict(zip(cols, rows[3]))
    assert bad["error"] == "empty file" and bad["raw"] is None
    _, ev = store.query("SELECT type, source_country, target_country, intensity, date, quote, coder, "
                        "\"start\", \"end\" FROM events ORDER BY article_hash")
    assert ("PROTEST", "JPN", "RUS", -6.5) in [e[:4] for e in ev]


def test_failed_write_rolls_back_and_stores_the_error(store):
    rec = make_record(ITEMS[0])
    rec.events[0].start = "not a number"  # DuckDB refuses it after people/quotes were inserted
    assert store.add(ITEMS[0], rec)
    _, rows = store.query("SELECT id, error FROM articles")
    assert rows[0][0] == "a" and rows[0][1].startswith("store: ")
    assert store.counts() == {"articles": 1, "people": 0, "person_mentions": 0, "quotes": 0, "events": 0, "conditions": 0}  # nothing half-written
    assert store.add(ITEMS[1], make_record(ITEMS[1]))  # and the run goes on
    assert store.counts()["events"] == 1


def test_one_bad_record_in_a_batch_costs_only_itself(store):
    class BadB(FakePipeline):
        def annotate(self, items):
            for rec in super().annotate(items):
                if rec.id == "b":
                    rec.quotes[0].start = "not a number"
                yield rec

    stats = store.ingest(ITEMS, BadB(), batch_size=10)
    assert (stats.new, stats.failed) == (4, 2)
    _, rows = store.query("SELECT id, error FROM articles ORDER BY seq")
    errors = dict(rows)
    assert errors["a"] is None and errors["c"] is None and errors["b"].startswith("store: ")
    assert store.counts() == {"articles": 4, "people": 2, "person_mentions": 2, "quotes": 2, "events": 2, "conditions": 0}


def test_replace_reannotates(store):
    store.ingest(ITEMS[:2], FakePipeline())
    fake = FakePipeline()
    stats = store.ingest(ITEMS[:2], fake, replace=True)
    assert stats.new == 2 and fake.seen == ["a", "b"]
    assert store.counts() == {"articles": 2, "people": 2, "person_mentions": 2, "quotes": 2, "events": 2, "conditions": 0}


def test_malformed_dates_become_null_but_json_keeps_them(store):
    rec = make_record(ITEMS[0])
    rec.published.date = "2024-13-45"
    store.add(ITEMS[0], rec)
    _, rows = store.query("SELECT published_date, record->>'$.published.date' FROM articles")
    assert rows == [(None, "2024-13-45")]


def test_export_jsonl_is_the_records(store, tmp_path):
    store.ingest(ITEMS, FakePipeline())
    out = tmp_path / "r.jsonl"
    assert store.export("jsonl", out) == 4
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert got == [make_record(i).to_dict() for i in ITEMS]
    assert [ArticleRecord.from_dict(d).to_dict() for d in got] == got
    buf = io.StringIO()
    store.export("jsonl", stream=buf)
    assert buf.getvalue() == out.read_text()


def test_export_tables_csv_parquet(store, tmp_path):
    store.ingest(ITEMS, FakePipeline())
    buf = io.StringIO()
    assert store.export("csv", stream=buf, table="events") == 3
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["type"] == "PROTEST" and "sentence" in rows[0]
    buf = io.StringIO()
    store.export("csv", stream=buf, table="people")
    assert json.loads(next(csv.DictReader(io.StringIO(buf.getvalue())))["aliases"]) == ["Sato"]
    pq = tmp_path / "a b's.parquet"  # spaces and quotes in the path are fine
    assert store.export("parquet", pq) == 4
    con = duckdb.connect()
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(pq)]).fetchone()[0] == 4
    with pytest.raises(ValueError, match="needs an output file"):
        store.export("parquet")
    with pytest.raises(ValueError, match="unknown format"):
        store.export("xml", tmp_path / "x")
    with pytest.raises(ValueError, match="unknown table"):
        store.export("csv", tmp_path / "x", table="users; DROP TABLE articles")


def test_queries(store):
    store.ingest(ITEMS, FakePipeline())
    cols, rows = store.quotes_by("sato")  # alias or part of the name, any case
    assert len(rows) == 3 and cols[:5] == ["date", "outlet", "title", "speaker", "quote"]
    assert rows[0][:3] == ("2024-03-04", "Kyodo", "Protest")
    assert store.quotes_by("Nobody")[1] == []
    _, ev = store.events_between("RUS", "JPN")  # either direction
    assert sorted(r[2] for r in ev) == ["JPN (Tokyo)", "RUS (Tokyo)"]
    assert store.events_between("JPN", "RUS", "AGREE")[1] == []
    assert len(store.events_between("JPN", "CHN", "PROTEST")[1]) == 1
    assert store.by_outlet_month() == [("Kyodo", "2024-03", 1), ("Kyodo", "undated", 1), ("TASS", "2024-04", 1)]
    s = store.stats()
    assert s["errors"] == 1 and s["top_errors"] == [("empty file", 1)]


def test_read_only_missing_db(tmp_path):
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_round_trip_with_the_real_pipeline(pipeline, tmp_path):
    items = [{"id": "r1", "text": "TOKYO, May 2 - Japan's foreign minister said on Thursday that Tokyo "
                                  "would keep talking with Moscow about fishing rights."},
             {"id": "r2", "html": "<html><body><p>Russia and Japan held consultations in Moscow on "
                                  "Friday, the two foreign ministries said.</p></body></html>"},
             {"id": "r3", "error": "bad JSON on line 3"}]
    expected = [r.to_dict() for r in pipeline.annotate(items)]
    with Store(tmp_path / "rt.duckdb") as s:
        s.ingest(items, pipeline)
        assert list(s.record_dicts()) == expected
        assert s.counts()["articles"] == 3


# --- one record per source ----------------------------------------------------------------------

def test_new_content_for_a_source_replaces_its_record(store):
    first = {"id": "a.txt", "text": "Tokyo protested to Moscow.", "identity": "/corpus/a.txt"}
    edited = {**first, "text": "Tokyo protested to Moscow again, louder."}
    store.ingest([first], FakePipeline())
    stats = store.ingest([edited], FakePipeline())
    assert (stats.new, stats.skipped) == (1, 0)
    counts = store.counts()
    assert {t: counts[t] for t in ("articles", "people", "person_mentions", "quotes", "events")} == {
        "articles": 1, "people": 1, "person_mentions": 1, "quotes": 1, "events": 1}
    _, rows = store.query("SELECT id, body FROM articles")
    assert rows == [("a.txt", edited["text"])]
    assert store.stats()["counts"]["articles"] == 1  # stats count only the current record
    store.ingest([first], FakePipeline())  # going back to the first content replaces again
    assert store.query("SELECT body FROM articles")[1] == [(first["text"],)]


def test_replaced_content_still_named_by_another_source_is_kept(store):
    shared = "Both files say the same thing."
    a = {"id": "a", "text": shared, "identity": "/c/a.txt"}
    b = {"id": "b", "text": shared, "identity": "/c/b.txt"}
    store.ingest([a, b], FakePipeline())
    store.ingest([{**a, "text": "File a was edited."}], FakePipeline())
    _, rows = store.query("SELECT body FROM articles ORDER BY seq")
    assert rows == [(shared,), ("File a was edited.",)]  # b's record is still b's


def test_a_source_taking_over_content_another_source_left_keeps_it(store):
    """a.txt moves from X to Y while b.txt now holds X, in one run: X must stay, as b's record;
    and X arriving again later in the run is stored again once dropped."""
    x, y = "Content X about Tokyo.", "Content Y about Moscow."
    store.ingest([{"id": "a", "text": x, "identity": "/c/a.txt"}], FakePipeline())
    store.ingest([{"id": "b", "text": x, "identity": "/c/b.txt"},  # skipped (stored), then a moves on
                  {"id": "a", "text": y, "identity": "/c/a.txt"}], FakePipeline(), batch_size=1)
    assert sorted(store.query("SELECT body FROM articles")[1]) == [(x,), (y,)]
    store.ingest([{"id": "c", "text": x, "identity": "/c/c.txt"}], FakePipeline())
    store.ingest([{"id": "b", "text": "b moved on.", "identity": "/c/b.txt"},
                  {"id": "c", "text": "c moved on.", "identity": "/c/c.txt"},
                  {"id": "d", "text": x, "identity": "/c/d.txt"}], FakePipeline(), batch_size=2)
    assert sorted(store.query("SELECT body FROM articles")[1]) == sorted([("b moved on.",), ("c moved on.",), (x,), (y,)])


def test_a_fixed_failure_replaces_its_error_record(store):
    store.ingest([{"id": "u", "url": "http://x/u", "error": "HTTP 503 Service Unavailable"}], FakePipeline())
    stats = store.ingest([{"id": "u", "url": "http://x/u", "html": "<p>Tokyo protested.</p>",
                           "text": "Tokyo protested."}], FakePipeline())
    assert (stats.new, stats.failed) == (1, 0)
    _, rows = store.query("SELECT url, error FROM articles")
    assert rows == [("http://x/u", None)]
    assert store.stats()["errors"] == 0


def test_two_contents_for_one_source_in_one_batch_keep_the_last(store):
    one = {"id": "x", "text": "First version.", "identity": "/c/x.txt"}
    two = {**one, "text": "Second version."}
    store.ingest([one, two], FakePipeline())
    assert store.query("SELECT body FROM articles")[1] == [("Second version.",)]


def test_edited_file_through_the_readers(tmp_path):
    from dyad.ingest import iter_inputs

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Tokyo protested to Moscow.")
    (folder / "b.txt").write_text("Moscow rejected it.")
    with Store(tmp_path / "t.duckdb") as s:
        s.ingest(iter_inputs([folder]), FakePipeline())
        (folder / "a.txt").write_text("Tokyo protested to Moscow on Monday.")
        stats = s.ingest(iter_inputs([folder]), FakePipeline())
        assert (stats.new, stats.skipped) == (1, 1)
        _, rows = s.query("SELECT id, body FROM articles ORDER BY id")
    assert rows == [("a.txt", "Tokyo protested to Moscow on Monday."), ("b.txt", "Moscow rejected it.")]


# --- one writer, readers between batches ----------------------------------------------------------

def test_a_second_writer_is_told_the_holders_pid(tmp_path):
    import os

    from dyad.store import StoreLocked

    db = tmp_path / "w.duckdb"
    with Store(db):
        with pytest.raises(StoreLocked, match=f"PID {os.getpid()}"):
            Store(db)
    with Store(db):  # released on close
        pass


def test_readers_open_the_file_between_write_batches(tmp_path):
    """The writer closes DuckDB between batches: a reader in another process gets in meanwhile."""
    import subprocess
    import sys

    db = tmp_path / "r.duckdb"
    seen = []

    class Watching(FakePipeline):
        def annotate(self, items):
            for record in super().annotate(items):
                if len(self.seen) in (3, 5):  # after the first batch (2) was written
                    probe = subprocess.run(
                        [sys.executable, "-c", "import sys; from dyad.store import Store\n"
                         "with Store(sys.argv[1], read_only=True, wait_s=5) as s: print(s.counts()['articles'])",
                         str(db)], capture_output=True, text=True, timeout=60)
                    seen.append(probe.stdout.strip() or probe.stderr)
                yield record

    items = [{"id": str(n), "text": f"Tokyo protested {n} times."} for n in range(6)]
    with Store(db) as s:
        s.ingest(items, Watching(), batch_size=2)
    assert seen == ["2", "4"]


# ---- the schema, declared once in model.py --------------------------------------------------------

def test_schema_doc_is_generated_from_the_declaration():
    from dyad.store import SCHEMA_DOC, schema_doc

    current = SCHEMA_DOC.read_text(encoding="utf-8")
    assert schema_doc(current) == current, "stale docs/SCHEMA.md: run `python -m dyad.store`"


def test_every_column_path_names_a_record_field():
    import dataclasses
    import typing

    from dyad import model

    row_types = {None: model.ArticleRecord, "people": model.Person, "people.mentions": model.PersonMention,
                 "quotes": model.Quote, "events": model.Event, "conditions": model.Condition}
    for table in model.STORED_TABLES:
        for col in table.columns:
            if col.path is None:
                continue
            kind = row_types[table.rows]
            for part in col.path.split("."):
                assert part in {f.name for f in dataclasses.fields(kind)}, (table.name, col.name)
                hint = typing.get_type_hints(kind)[part]
                kind = next((a for a in typing.get_args(hint) if dataclasses.is_dataclass(a)), hint)


def test_tables_are_created_as_declared():
    from dyad.model import STORED_TABLES

    with Store() as store:
        for table in STORED_TABLES:
            got = store.con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                                    "ORDER BY column_index", [table.name]).fetchall()
            assert got == [(c.name, c.type) for c in table.columns]
