"""The command line, in process with typer's CliRunner (sharing the session's Pipeline)."""
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from dyad import cli
from dyad.model import Actor, ArticleRecord, Event, Outlet, Published, Quote
from dyad.store import Store
from test_fetch import server  # noqa: F401  (the 127.0.0.1 fixture server)

runner = CliRunner()

GOOD = [{"id": "g1", "text": "TOKYO, June 3 - Japan's foreign minister met the Russian ambassador on Monday."},
        {"id": "g2", "text": "MOSCOW, June 4 - Russia said it would reply to the new Japanese export controls."}]


def invoke(*args, **kw):
    return runner.invoke(cli.app, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture(autouse=True)
def _shared_pipeline(pipeline):
    """Load spaCy once per session; the CLI reuses the same cached Pipeline."""
    assert cli.get_pipeline() is pipeline


@pytest.mark.parametrize("cmd", [[], ["annotate"], ["ingest"], ["run"], ["load"], ["fetch"], ["export"], ["stats"],
                                 ["quotes"], ["events"], ["timeline"], ["kb"], ["kb", "who"], ["kb", "import-wikidata"]])
def test_help_everywhere(cmd):
    result = invoke(*cmd, "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def write_jsonl(path, items):
    path.write_text("".join(json.dumps(i) + "\n" for i in items))
    return path


def test_ingest_is_idempotent_and_exit_status(tmp_path, fixtures):
    db = tmp_path / "d.duckdb"
    src = write_jsonl(tmp_path / "in.jsonl", GOOD)
    r = invoke("ingest", src, fixtures / "ingest" / "folder", "--db", db)
    assert r.exit_code == 0, r.stderr
    assert "4 new, 0 already stored, 0 failed" in r.stderr
    with Store(db, read_only=True) as s:
        counts = s.counts()
    assert counts["articles"] == 4
    r = invoke("ingest", src, fixtures / "ingest" / "folder", "--db", db)
    assert r.exit_code == 0 and "0 new, 4 already stored" in r.stderr
    with Store(db, read_only=True) as s:
        assert s.counts() == counts


def test_ingest_bad_input_fails_softly(tmp_path, fixtures):
    db = tmp_path / "d.duckdb"
    (tmp_path / "empty.txt").write_bytes(b"")
    r = invoke("ingest", fixtures / "ingest" / "lines.jsonl", tmp_path / "empty.txt", "--db", db)
    assert r.exit_code == 1
    assert "8 new" in r.stderr and "failed" in r.stderr
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT id, error FROM articles ORDER BY seq")
    errors = dict(rows)
    assert errors["ok-1"] is None and errors["lines.jsonl:6"] is None
    assert errors["empty.txt"] == "empty file"
    assert "bad JSON" in errors["broken-2"]


def test_failure_summary_adds_up_and_names_the_files(tmp_path, fixtures):
    db = tmp_path / "d.duckdb"
    (tmp_path / "empty.txt").write_bytes(b"")
    r = invoke("ingest", fixtures / "ingest" / "lines.jsonl", tmp_path / "empty.txt", "--db", db)
    summary = r.stderr.splitlines()[0]
    failed = int(re.search(r"(\d+) failed", summary).group(1))
    kinds = re.search(r"failed \((.*)\);", summary).group(1)
    assert failed >= 3 and sum(int(n) for n in re.findall(r": (\d+)", kinds)) == failed
    named = [line for line in r.stderr.splitlines() if line.startswith("  failed: ")]
    assert len(named) == failed
    assert any(f"{tmp_path / 'empty.txt'}: empty file" in line for line in named)
    assert any("lines.jsonl:" in line and "bad JSON" in line for line in named)
    # Run again: all already stored, the same failures counted and named again.
    again = invoke("ingest", fixtures / "ingest" / "lines.jsonl", tmp_path / "empty.txt", "--db", db)
    assert f"0 new, 8 already stored, {failed} failed" in again.stderr
    r = invoke("errors", "--db", db, "--json")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.exit_code == 0 and len(rows) == failed
    assert {"id": "empty.txt", "source": str(tmp_path / "empty.txt"), "error": "empty file"} in rows


def test_missing_input_is_a_usage_error_and_creates_no_database(tmp_path):
    db = tmp_path / "new.duckdb"
    r = invoke("ingest", tmp_path / "nope", "--db", db)
    assert r.exit_code == 2 and "no such file or folder" in r.stderr
    assert not db.exists()


def test_unwritable_outputs_are_one_line_errors(tmp_path):
    db = tmp_path / "d.duckdb"
    invoke("ingest", write_jsonl(tmp_path / "in.jsonl", GOOD), "--db", db)
    for args in (["export", "--db", db, "-f", "csv", "-o", "/missing/x.csv"],
                 ["annotate", tmp_path / "in.jsonl", "-o", "/missing/o.jsonl"],
                 ["export", "--db", db, "-o", tmp_path]):
        r = invoke(*args)
        assert r.exit_code == 2 and r.stderr.startswith("error: ") and len(r.stderr.splitlines()) == 1, r.stderr
        assert "Traceback" not in r.stderr + r.stdout
    r = invoke("stats", "--db", tmp_path)
    assert r.exit_code == 2 and "is a folder" in r.stderr


def test_help_shows_defaults():
    text = " ".join(invoke("ingest", "--help").stdout.replace("│", " ").split())
    assert "[default: DYAD_MAX_FILE_BYTES or 50 MB]" in text
    assert "[default: 20.0]" in invoke("fetch", "--help").stdout


def test_progress_has_a_total_and_an_eta(monkeypatch):
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    monkeypatch.setattr(cli, "err_console", console)
    with cli.progress("ingest", total=4) as step:
        step("a")
        step("b")
    text = console.file.getvalue()  # the last frame is drawn on exit
    assert "2/4" in text and "eta" in text


def test_export_equals_annotate(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", GOOD + [{"id": "x"}])
    ann = tmp_path / "ann.jsonl"
    r = invoke("annotate", src, "-o", ann)
    assert r.exit_code == 1  # the line without text failed
    db = tmp_path / "d.duckdb"
    invoke("ingest", src, "--db", db)
    out = tmp_path / "exp.jsonl"
    r = invoke("export", "--db", db, "--format", "jsonl", "-o", out)
    assert r.exit_code == 0
    assert out.read_text() == ann.read_text()
    r = invoke("export", "--db", db)  # stdout
    assert r.stdout == ann.read_text()


def test_annotate_stdin_and_bad_lines():
    r = invoke("annotate", input=json.dumps(GOOD[0]) + "\nnot json\n")
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["g1", "2"]
    assert lines[0]["error"] is None and "bad JSON" in lines[1]["error"]
    assert r.exit_code == 1


def test_export_formats_and_errors(tmp_path):
    db = tmp_path / "d.duckdb"
    invoke("ingest", write_jsonl(tmp_path / "in.jsonl", GOOD), "--db", db)
    r = invoke("export", "--db", db, "--format", "csv", "--table", "articles")
    assert r.exit_code == 0 and r.stdout.startswith("hash,seq,id,")
    r = invoke("export", "--db", db, "--format", "parquet", "-o", tmp_path / "a.parquet")
    assert r.exit_code == 0 and (tmp_path / "a.parquet").stat().st_size > 0
    r = invoke("export", "--db", db, "--format", "parquet")
    assert r.exit_code == 2 and "needs an output file" in r.stderr
    r = invoke("export", "--db", tmp_path / "none.duckdb")
    assert r.exit_code == 2 and "no database" in r.stderr


@pytest.fixture
def filled_db(tmp_path):
    db = tmp_path / "q.duckdb"
    with Store(db) as s:
        for n, (src, tgt, typ, day) in enumerate([("JPN", "RUS", "PROTEST", "2024-03-04"),
                                                  ("RUS", "JPN", "SANCTION", "2024-04-10"),
                                                  ("JPN", "CHN", "CONSULT", "2024-05-01")]):
            text = f"Article {n}: {src} and {tgt}."
            s.add({"id": f"q{n}", "text": text}, ArticleRecord(
                id=f"q{n}", title=f"Title {n}", body=text, outlet=Outlet("Kyodo" if n else "TASS", "JPN"),
                published=Published(day, "day", method="t"),
                quotes=[Quote("We will respond", "Maria Zakharova", True, 0, 5)],
                events=[Event(typ, None, None, -4.0, Actor(src, src), Actor(tgt, tgt), "asserted", day, "day",
                              f"Sentence {n}.", 0, 5)]))
    return db


def test_stats_and_summary(filled_db):
    r = invoke("stats", "--db", filled_db)
    assert r.exit_code == 0
    assert "3 articles (0 with errors)" in r.stdout
    assert "2024-03" in r.stdout and "Kyodo" in r.stdout and "SANCTION" in r.stdout


def test_quotes(filled_db):
    r = invoke("quotes", "--db", filled_db, "--speaker", "zakharova", "--json")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.exit_code == 0 and len(rows) == 3
    assert rows[0]["date"] == "2024-03-04" and rows[0]["outlet"] == "TASS" and rows[0]["title"] == "Title 0"
    assert rows[0]["quote"] == "We will respond"
    r = invoke("quotes", "--db", filled_db, "--speaker", "Zakharova")
    assert r.exit_code == 0 and "We will" in r.stdout


def test_events(filled_db):
    r = invoke("events", "--db", filled_db, "--dyad", "RUS-JPN", "--json")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["type"] for x in rows] == ["PROTEST", "SANCTION"]  # either direction, by date
    assert set(rows[0]) >= {"date", "type", "source", "target", "modality", "intensity", "sentence"}
    r = invoke("events", "--db", filled_db, "--dyad", "jpn-rus", "--type", "sanction", "--json")
    assert [json.loads(x)["type"] for x in r.stdout.splitlines()] == ["SANCTION"]
    assert invoke("events", "--db", filled_db, "--dyad", "JPN").exit_code == 2
    for names in ("JAPAN-RUSSIA", "russia-Japan", "Japan/RUS"):
        r = invoke("events", "--db", filled_db, "--dyad", names, "--json")
        assert [json.loads(x)["type"] for x in r.stdout.splitlines()] == ["PROTEST", "SANCTION"], names
    r = invoke("events", "--db", filled_db, "--dyad", "JAPAN-NARNIA")
    assert r.exit_code == 2 and "cannot read 'JAPAN-NARNIA' as two countries" in r.stderr and "JPN-RUS" in r.stderr
    assert invoke("events", "--db", filled_db, "--dyad", "JPN-RUS", "--type", "HUG").exit_code == 2
    assert invoke("events", "--db", filled_db, "--dyad", "JPN-RUS").exit_code == 0


def test_events_show_dates_at_their_precision(tmp_path):
    db = tmp_path / "p.duckdb"
    with Store(db) as s:
        for n, (day, precision) in enumerate([("2022-01-01", "year"), ("2023-03-01", "month"),
                                              ("2024-05-06", "day")]):
            s.add({"id": f"p{n}", "text": f"Text {n}."}, ArticleRecord(
                id=f"p{n}", body=f"Text {n}.", events=[Event("CONSULT", None, None, 1.0, Actor("a", "JPN"),
                                                             Actor("b", "RUS"), "asserted", day, precision,
                                                             "Text.", 0, 5)]))
    r = invoke("events", "--db", db, "--dyad", "JPN-RUS", "--json")
    assert [json.loads(x)["date"] for x in r.stdout.splitlines()] == ["2022", "2023-03", "2024-05-06"]
    assert "2023-03 " in invoke("events", "--db", db, "--dyad", "JPN-RUS").stdout


def test_readme_quotes_example_names_a_speaker_of_the_demo_corpus():
    """The README's `quotes --speaker NAME` must find something on `make demo`'s database."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    (name,) = re.findall(r"quotes --db out/demo.duckdb --speaker (\w+)", (root / "README.md").read_text())
    corpus = " ".join(p.read_text(encoding="utf-8", errors="replace")
                      for p in (root / "examples" / "corpus").rglob("*") if p.is_file())
    assert re.search(rf"\b{name}\b[^.]{{0,200}}\bsaid\b|\bsaid\b[^.]{{0,40}}\b{name}\b", corpus), name


def test_kb_who(monkeypatch):
    import datetime as dt

    term = SimpleNamespace(role="Prime Minister", office="Prime Minister of Japan", country="JPN",
                           start=dt.date(2021, 10, 4), end=dt.date(2024, 10, 1))
    person = SimpleNamespace(kb_id="Q1", name="Fumio Kishida", country="JPN")
    calls = []

    class KB:
        def who(self, name, on):
            calls.append((name, on))
            return [(person, [term])] if "kishida" in name.lower() else []

    monkeypatch.setattr("dyad.kb.KnowledgeBase.default", classmethod(lambda cls, offices_extra=(): KB()))
    r = invoke("kb", "who", "Kishida", "--on", "2023-01-01", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {"name": "Fumio Kishida", "kb_id": "Q1", "country": "JPN",
                                    "role": "Prime Minister", "from": "2021-10-04", "to": "2024-10-01"}
    assert "Kishida" in invoke("kb", "who", "Kishida").stdout
    assert calls[0] == ("Kishida", dt.date(2023, 1, 1))
    assert invoke("kb", "who", "Nobody").exit_code == 1
    assert invoke("kb", "who", "Kishida", "--on", "yesterday").exit_code == 2


def test_fetch_into_db_and_jsonl(server, tmp_path):  # noqa: F811
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/article.html\n{server}/missing.html\n")
    db = tmp_path / "f.duckdb"
    r = invoke("fetch", "--urls", urls, "--db", db, "--delay", "0", "--timeout", "2")
    assert r.exit_code == 1 and "2 new" in r.stderr  # the 404 is stored as a failed item
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT url, error, raw_kind FROM articles ORDER BY seq")
    assert rows == [(f"{server}/article.html", None, "html"),
                    (f"{server}/missing.html", "HTTP 404 Not Found", None)]
    r = invoke("fetch", "--urls", urls, "--db", db, "--delay", "0")  # stored pages are not fetched again;
    assert "0 new, 1 already stored, 1 failed" in r.stderr           # failed ones are, and fail again
    out = tmp_path / "pages.jsonl"
    r = invoke("fetch", "--feed", f"{server}/feed.xml", "-o", out, "--delay", "0")
    pages = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(pages) == 3 and pages[0]["title"] == "Fishing talks resume" and r.exit_code == 1
    assert invoke("fetch", "--db", db).exit_code == 2  # neither --feed nor --urls


def test_failed_fetches_are_fetched_again_and_refetch_keeps_one_row(server, tmp_path):  # noqa: F811
    from test_fetch import LATER

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/later.html\n")
    db = tmp_path / "l.duckdb"
    args = ("fetch", "--urls", urls, "--db", db, "--delay", "0", "--timeout", "2")
    assert invoke(*args).exit_code == 1  # 404: stored as an error record
    LATER["ready"] = True
    r = invoke(*args)  # fetched again by default; the page replaces the error record
    assert r.exit_code == 0 and "1 new" in r.stderr and "0 failed" in r.stderr
    LATER["version"] = 2
    assert "0 new" in invoke(*args).stderr  # stored without error: not fetched again
    r = invoke(*args, "--refetch")  # changed page: replaces the old record, no second row
    assert r.exit_code == 0 and "1 new" in r.stderr
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT id, error, body LIKE '%again again%' FROM articles")
        assert rows == [(f"{server}/later.html", None, True)]
        assert s.stats()["errors"] == 0
    assert "database now 1 articles" in r.stderr


def test_kb_who_answers_from_bundled_kb():
    r = invoke("kb", "who", "Kishida", "--on", "2015-06-01", "--json")
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {"name": "Fumio Kishida", "role": "Foreign Minister", "country": "JPN"}.items() <= rows[0].items()
    later = [json.loads(line) for line in invoke("kb", "who", "Kishida", "--on", "2023-01-01", "--json").stdout.splitlines()]
    assert later[0]["role"] == "Prime Minister"


def test_kb_import_wikidata(tmp_path):
    from test_kb_wikidata import ENTITIES

    export = tmp_path / "export.json"
    export.write_text(json.dumps(list(ENTITIES.values())), encoding="utf-8")
    r = invoke("kb", "import-wikidata", export, "--out", tmp_path / "kb")
    assert r.exit_code == 0, r.stdout
    assert "DYAD_OFFICES_EXTRA" in r.stdout
    assert sorted(p.name for p in (tmp_path / "kb").iterdir()) == ["people.csv", "terms.csv"]
    assert invoke("kb", "import-wikidata", tmp_path / "missing.json").exit_code == 2
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "Q1", "claims": ')
    r = invoke("kb", "import-wikidata", broken, "--out", tmp_path / "kb2")
    assert r.exit_code == 2 and "cannot import" in r.stderr and len(r.stderr.splitlines()) <= 2


# --- in other processes: memory, readers during an ingest, a second writer, SIGKILL ---------------

DYAD = str(Path(sys.executable).parent / "dyad")
STORIES = ["Japan protested to Russia on Monday over the seizure of a fishing boat near Hokkaido.",
           "Russia's foreign ministry summoned the Japanese ambassador in Moscow on Tuesday.",
           "China and Japan agreed to resume talks on maritime safety, officials said on Friday.",
           "South Korea said it would send an envoy to Tokyo next week to discuss export controls."]


def corpus(folder: Path, n: int) -> Path:
    """n small text files of invented news sentences, each different."""
    folder.mkdir()
    for i in range(n):
        (folder / f"story{i:02d}.txt").write_text(f"{STORIES[i % len(STORIES)]} It was report number {i}.\n")
    return folder


def start_ingest(*args, **env) -> subprocess.Popen:
    return subprocess.Popen([DYAD, "ingest", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, **env})


def wait_for_pid(lock: Path, proc: subprocess.Popen) -> None:
    """Until the writer has taken the database (its PID is in the lock file)."""
    while proc.poll() is None and (not lock.exists() or lock.read_text().strip() != str(proc.pid)):
        time.sleep(0.05)


def _peak_rss_kb(*args: str) -> tuple[int, int, str]:
    """Exit code, peak RSS (kB) and stdout of `dyad ARGS` run in a child process."""
    measure = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stderr)")
    r = subprocess.run([sys.executable, "-c", measure, DYAD, *args], capture_output=True, text=True, timeout=300)
    code, rss_kb = map(int, r.stdout.split()[:2])
    return code, rss_kb, r.stdout


def test_200_mb_files_are_read_with_bounded_memory(tmp_path):
    """200 lines of 1 MB each: streamed line by line and refused before cleaning (text too long);
    then one 200 MB line: gathered on disk, not in memory, and refused (longer than the limit).
    Peak memory is that of a 1 MB input plus a small margin: it does not grow with the file. (The
    absolute figure, ~260-280 MB measured here, depends on the environment: a brand-new venv adds
    ~60 MB to the spaCy import alone, so the test bounds the growth, not the total.)"""
    text = "Japan protested to Russia over the fishing boats. " * 21_000  # 1.05 M characters
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": "s", "text": text}) + "\n")
    big = tmp_path / "big.jsonl"
    with big.open("w") as fh:
        for i in range(200):
            fh.write(json.dumps({"id": f"l{i}", "text": text}) + "\n")
    assert big.stat().st_size > 200 * 1_000_000
    one = tmp_path / "one.jsonl"
    with one.open("wb") as fh:
        fh.write(b'{"id": "one", "text": "')
        fh.truncate(200 * 1024 * 1024)  # one 200 MB line, sparse on disk
    code, base_kb, _ = _peak_rss_kb("ingest", str(small), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1
    code, rss_kb, out = _peak_rss_kb("ingest", str(big), str(one), "--db", str(tmp_path / "b.duckdb"))
    assert code == 1 and "201 failed (text too long: 200; line 1 longer than 52428800 bytes: 1)" in out
    assert rss_kb - base_kb < 64 * 1024, f"peak RSS {rss_kb // 1024} MB against {base_kb // 1024} MB for 1 MB"
    with Store(tmp_path / "b.duckdb", read_only=True) as s:
        _, rows = s.query("SELECT count(*), count(raw), count(body) FILTER (WHERE body <> '') FROM articles")
    assert rows == [(201, 0, 0)]  # only the error records are stored


def test_readers_work_during_an_ingest_and_a_second_writer_is_named(tmp_path):
    db = tmp_path / "live.duckdb"
    proc = start_ingest(corpus(tmp_path / "c", 24), "--db", db, DYAD_WRITE_BATCH="2")
    wait_for_pid(Path(f"{db}.lock"), proc)
    second = subprocess.run([DYAD, "ingest", str(tmp_path / "c"), "--db", str(db)], capture_output=True, text=True,
                            timeout=120)
    assert second.returncode == 3 and f"PID {proc.pid}" in second.stderr, second.stderr
    during = []
    while proc.poll() is None and len(during) < 3:  # three reads while it runs are enough
        r = subprocess.run([DYAD, "stats", "--db", str(db)], capture_output=True, text=True, timeout=120)
        assert r.returncode in (0, 2), r.stderr  # 2: the database file is not created yet
        if r.returncode == 0 and proc.poll() is None:
            during.append(int(r.stdout.split()[0]))
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert during, "no reader got in while the ingest ran"
    assert any(n < 24 for n in during)  # it read a database still being filled


def test_a_reader_kept_out_too_long_says_who_holds_the_database(tmp_path):
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from dyad.store import Store\n"
                               "s = Store(sys.argv[1]); print('held', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = subprocess.run([DYAD, "stats", "--db", str(db)], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "DYAD_LOCK_WAIT_S": "0.5"})
    finally:
        holder.kill()
        holder.wait()
    assert r.returncode == 3 and f"busy: dyad process {holder.pid} holds it" in r.stderr, r.stderr


def stored(db: Path) -> list[tuple]:
    with Store(db, read_only=True) as s:
        return s.query("SELECT id, record FROM articles ORDER BY id")[1]


def test_sigkill_at_any_point_leaves_every_file_stored_once(tmp_path, pipeline):
    from dyad.ingest import iter_inputs

    folder = corpus(tmp_path / "c", 16)
    db = tmp_path / "k.duckdb"
    for at_least in (0, 4):  # killed while loading (nothing written), then after some batches
        proc = start_ingest(folder, "--db", db, DYAD_WRITE_BATCH="2")
        wait_for_pid(Path(f"{db}.lock"), proc)
        while proc.poll() is None and at_least and (not db.exists() or len(stored(db)) < at_least):
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL  # it was still running
        if at_least:
            assert len(stored(db)) >= at_least
    proc = start_ingest(folder, "--db", db)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    after = stored(db)
    assert [i for i, _ in after] == [f"story{i:02d}.txt" for i in range(16)]  # each file once
    with Store() as uninterrupted:  # the same records as a run nobody stopped
        uninterrupted.ingest(iter_inputs([folder]), pipeline)
        assert after == uninterrupted.query("SELECT id, record FROM articles ORDER BY id")[1]




def test_run_then_load(tmp_path, fixtures):
    out, db = tmp_path / "parts", tmp_path / "d.duckdb"
    r = invoke("run", fixtures / "ingest" / "folder", write_jsonl(tmp_path / "in.jsonl", GOOD), "--out", out, "-k", 3)
    assert r.exit_code == 0, r.stderr
    assert "4 items read, 0 already done, 2 partitions written, 0 failed" in r.stderr
    r = invoke("run", fixtures / "ingest" / "folder", tmp_path / "in.jsonl", "--out", out)
    assert "4 already done, 0 partitions written" in r.stderr
    r = invoke("load", out, "--db", db)
    assert r.exit_code == 0 and "2 partitions loaded (4 new articles" in r.stderr
    r = invoke("load", out, "--db", db)
    assert "0 partitions loaded" in r.stderr and "2 loaded before" in r.stderr
    assert invoke("events", "--db", db, "--dyad", "JPN-RUS").exit_code == 0
    assert invoke("run", tmp_path / "in.jsonl", "--out", out, "--engine", "spark").exit_code == 2
    assert invoke("load", tmp_path / "nowhere", "--db", db).exit_code == 2


def test_analysis_commands(tmp_path):
    from analysis_store import build

    db = tmp_path / "a.duckdb"
    with Store(db) as store:
        build(store)
    result = invoke("timeline", "--db", db, "--dyad", "Japan-Russia", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["period"].startswith("2023-03") and rows[0]["stories"] == 1 and rows[0]["reports"] == 3
    assert invoke("clusters", "--db", db, "--dyad", "JPN-RUS").exit_code == 0
    atom = tmp_path / "feed.atom"
    result = invoke("alerts", "--db", db, "--dyad", "JPN-RUS", "--atom", atom, "--json")
    assert result.exit_code == 0 and atom.read_text().count("<entry>") == len(result.stdout.splitlines()) > 0
    assert invoke("conditions", "--db", db, "--dyad", "JPN-RUS").exit_code == 0
    assert invoke("framing", "--db", db).exit_code == 0
    assert invoke("timeline", "--db", db, "--dyad", "RUS-JPN", "--by", "week").exit_code == 0  # clusters stored now
    assert invoke("timeline", "--db", db, "--dyad", "Atlantis-Japan").exit_code == 2
