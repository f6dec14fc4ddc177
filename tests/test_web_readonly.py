import subprocess
import sys
import time

import duckdb
import pytest

from dyad.web.readonly import DatabaseBusy, connect

HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    con.close()
    return path


def hold(db, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_reader_waits_for_a_writer_between_batches(db):
    proc = hold(db, 0.8)
    try:
        started = time.monotonic()
        with connect(db, wait_s=10) as con:
            assert con.execute("SELECT x FROM t").fetchone() == (1,)
        assert time.monotonic() - started > 0.3
    finally:
        proc.wait()


def test_reader_gives_up_with_a_clear_error(db):
    proc = hold(db, 3)
    try:
        with pytest.raises(DatabaseBusy, match="locked by a writer"):
            with connect(db, wait_s=0.2):
                pass
    finally:
        proc.wait()


def test_connection_is_read_only(db):
    with connect(db) as con:
        with pytest.raises(duckdb.Error):
            con.execute("INSERT INTO t VALUES (2)")


def test_shared_connection_serves_concurrent_cursors_and_lets_a_writer_in(db):
    import threading

    from dyad.web.readonly import ReadOnlyDatabase

    shared = ReadOnlyDatabase(db, max_age_s=60)
    seen = []

    def read():
        with shared.cursor() as cur:
            seen.append(cur.execute("SELECT x FROM t").fetchone()[0])

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [1] * 8
    before = shared.fingerprint()
    assert shared.memo("k", lambda: "first") == "first" and shared.memo("k", lambda: "second") == "first"
    shared.close()
    writer = duckdb.connect(str(db))  # nothing of the dashboard holds the file now
    writer.execute("INSERT INTO t VALUES (2)")
    writer.close()
    assert shared.fingerprint() != before and shared.memo("k", lambda: "second") == "second"
    short = ReadOnlyDatabase(db, max_age_s=0)
    with short.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM t").fetchone() == (2,)
    assert short._con is None  # closed once idle and older than max_age_s


def test_an_idle_dashboard_lets_go_of_the_file(db):
    from dyad.web.readonly import ReadOnlyDatabase

    shared = ReadOnlyDatabase(db, max_age_s=60, idle_s=0.1)
    with shared.cursor() as cur:
        cur.execute("SELECT 1").fetchone()
    assert shared._con is not None  # kept for the next request ...
    time.sleep(0.5)
    assert shared._con is None  # ... and closed once idle
    writer = duckdb.connect(str(db))
    writer.close()
