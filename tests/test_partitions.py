"""Parquet partitions: written atomically, never read when incomplete, loaded once."""
import json
import os
import time

import duckdb
import pytest

from dyad.model import ArticleRecord, Event, Actor
from dyad.partitions import (MARKER, complete_partitions, done_hashes, load_partitions, parquet_glob,
                             read_records, remove_stale_temporaries, write_partition)
from dyad.store import COLUMNS, TABLES, Store, content_hash


def pair(i: int, error=None):
    item = {"id": f"a{i}", "text": f"Ruritania and Freedonia signed a fishing accord, number {i}."}
    record = ArticleRecord(id=item["id"], error=error, body=item["text"], events=[] if error else [
        Event(type="AGREE", mode=None, cameo="057", intensity=8.0, source=Actor("Ruritania", "RUR", "GOV"),
              target=Actor("Freedonia", "FRE", "GOV"), modality="asserted", date="2024-03-01",
              date_precision="day", sentence=item["text"], start=0, end=len(item["text"]))])
    return item, record


def test_partition_has_the_store_columns_and_a_marker(tmp_path):
    result = write_partition(tmp_path, "part-0001-000000-ab12", [pair(1), pair(2, error="extract: empty")])
    assert (result.items, result.articles, result.failed, result.written) == (2, 2, 1, True)
    folder = tmp_path / "part-0001-000000-ab12"
    assert json.loads((folder / MARKER).read_text())["articles"] == 2
    con = duckdb.connect()
    for table in TABLES:
        cols = [d[0] for d in con.execute(f"SELECT * FROM '{folder / (table + '.parquet')}'").description]
        assert tuple(cols) == COLUMNS[table]
    assert con.execute(f"SELECT type, source_country FROM '{parquet_glob(tmp_path, 'events')}'").fetchall() \
        == [("AGREE", "RUR")]
    assert [r["id"] for r in read_records(tmp_path)] == ["a1", "a2"]


def test_a_failed_write_leaves_nothing_that_looks_complete(tmp_path, monkeypatch):
    def broken_rename(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "rename", broken_rename)
    with pytest.raises(OSError):
        write_partition(tmp_path, "part-0001-000000-ab12", [pair(1)])
    assert list(tmp_path.iterdir()) == []


def test_incomplete_folders_are_ignored_and_temporaries_removed(tmp_path):
    write_partition(tmp_path, "part-0001-000000-ab12", [pair(1)])
    (tmp_path / "part-0001-000001-ab12").mkdir()  # e.g. copied without its marker
    dead = tmp_path / ".tmp-part-0001-000002-ab12-cdef"  # a writer that died
    dead.mkdir()
    assert [p.name for p in complete_partitions(tmp_path)] == ["part-0001-000000-ab12"]
    assert done_hashes(tmp_path) == {content_hash(pair(1)[0])}
    assert remove_stale_temporaries(tmp_path) == 0  # it may be a writer still at work
    os.utime(dead, (time.time() - 7200, time.time() - 7200))
    assert remove_stale_temporaries(tmp_path) == 1 and not dead.exists()


def test_the_same_partition_twice_is_written_once(tmp_path):
    assert write_partition(tmp_path, "part-0001-000000-ab12", [pair(1)]).written
    again = write_partition(tmp_path, "part-0001-000000-ab12", [pair(1)])
    assert not again.written and again.articles == 1
    assert [p.name for p in tmp_path.iterdir()] == ["part-0001-000000-ab12"]


def test_load_is_idempotent_and_skips_stored_content(tmp_path):
    parts = tmp_path / "parts"
    write_partition(parts, "part-0001-000000-ab12", [pair(1), pair(2)])
    write_partition(parts, "part-0001-000001-ab12", [pair(3), pair(2)])  # a2 again: loaded once
    with Store(tmp_path / "d.duckdb") as store:
        store.add(*pair(3))  # already ingested
        stats = load_partitions(parts, store)
        assert (stats.partitions, stats.articles, stats.duplicates) == (2, 2, 2)
        again = load_partitions(parts, store)
        assert (again.partitions, again.skipped, again.articles) == (0, 2, 0)
        assert store.counts()["articles"] == 3 and store.counts()["events"] == 3
        assert sorted(r.id for r in store.records()) == ["a1", "a2", "a3"]
