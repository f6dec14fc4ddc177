"""Engines: the local and Dask runs give the records of a plain annotation, each exactly once, even
when a Dask worker dies mid-run; re-runs only do what is missing."""
import json
import os
import signal

import pytest
from typer.testing import CliRunner

from dyad import cli

from dyad.engine import RunStats, partitions, run_dask, run_local
from dyad.partitions import complete_partitions, read_records

# Invented wire copy of the kinds the pipeline meets: dateline, quotes, officials, events.
STORY = ("{city}, March {day} - The foreign minister of {a} said on Tuesday that {a} would sign a trade "
         "agreement with {b} next month. \"We expect the talks to end well,\" the minister told reporters.\n\n"
         "Officials in {b} accused {a} of delaying the accord and threatened to impose new tariffs. "
         "The two governments have held {day} rounds of negotiations since last year, a spokesman said.")
PAIRS = [("Japan", "Russia", "TOKYO"), ("France", "Germany", "PARIS"), ("India", "China", "NEW DELHI"),
         ("Brazil", "Argentina", "BRASILIA"), ("Kenya", "Uganda", "NAIROBI"), ("Canada", "Mexico", "OTTAWA")]
ITEMS = [{"id": f"s{i:02d}", "text": STORY.format(city=c, day=i + 2, a=a, b=b)}
         for i, (a, b, c) in enumerate(PAIRS * 2)] + [{"id": "broken", "error": "line 3: not JSON"}]


def _pipelines_built() -> int:
    from dyad import engine

    return len(engine._pipelines)


def by_id(records):
    out = {}
    for r in records:
        assert r["id"] not in out, f"{r['id']} twice"
        out[r["id"]] = json.dumps(r, sort_keys=True)
    return out


@pytest.fixture(scope="module")
def expected(pipeline):
    return by_id(r.to_dict() for r in pipeline.annotate(ITEMS))


def test_partitions_skip_done_and_repeated_content(tmp_path):
    stats = RunStats()
    parts = list(partitions(ITEMS + ITEMS[:2], tmp_path, 5, stats))
    assert [name[:16] for name, _ in parts] == ["part-0001-000000", "part-0001-000001", "part-0001-000002"]
    assert len({name[17:] for name, _ in parts}) == 1  # one token per run
    assert [len(chunk) for _, chunk in parts] == [5, 5, 3]
    with pytest.raises(ValueError):
        list(partitions(ITEMS, tmp_path, 0, RunStats()))


def test_local_run_matches_annotate_and_reruns_do_nothing(tmp_path, expected, pipeline):
    stats = run_local(ITEMS[:7], tmp_path, pipeline, size=3)
    assert (stats.items, stats.partitions, stats.failed) == (7, 3, 0)
    stats = run_local(ITEMS, tmp_path, pipeline, size=3)  # the first 7 are done: 6 left
    assert (stats.done_before, stats.partitions, stats.failed) == (7, 2, 1)
    assert [p.name[:16] for p in complete_partitions(tmp_path)][-1] == "part-0002-000001"
    assert by_id(read_records(tmp_path)) == expected
    assert run_local(ITEMS, tmp_path, pipeline, size=3).partitions == 0


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", death_timeout=60)
    client = distributed.Client(cluster)
    client.wait_for_workers(2, timeout=120)
    yield client
    client.close()
    cluster.close()


def test_dask_run_from_the_cli_matches_a_local_run(tmp_path, expected, client):
    """`dyad run --engine dask --scheduler ADDRESS`, as on a cluster of several machines."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(i) + "\n" for i in ITEMS if "text" in i) + "not JSON\n")
    result = CliRunner().invoke(cli.app, ["run", str(src), "--out", str(tmp_path / "parts"), "--engine", "dask",
                                          "--scheduler", client.scheduler.address, "-k", "4"])
    assert result.exit_code == 1, result.output  # the broken line is an item that failed
    assert "13 items read, 0 already done, 4 partitions written, 1 failed" in result.stderr
    records = by_id(read_records(tmp_path / "parts"))
    broken = [k for k in records if k not in expected]
    assert len(broken) == 1 and json.loads(records.pop(broken[0]))["error"]
    assert records == {k: v for k, v in expected.items() if k != "broken"}
    # One pipeline per worker process, built once for the client's settings and reused by every task.
    assert set(client.run(_pipelines_built).values()) == {1}


def test_killing_a_worker_mid_run_loses_and_repeats_nothing(tmp_path, expected, client, pipeline):
    pids = client.run(os.getpid)
    killed = []

    def kill_a_busy_worker(result):
        if killed:
            return
        busy = [addr for addr, keys in client.processing().items() if keys and addr in pids]
        if busy:  # a worker with partitions assigned to it: they must be run again elsewhere
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

    stats = run_dask(ITEMS, tmp_path, pipeline.settings, size=1, client=client, on_partition=kill_a_busy_worker)
    assert killed, "no worker was busy after the first partition"
    assert stats.failed_partitions == [] and stats.partitions == len(ITEMS)
    assert by_id(read_records(tmp_path)) == expected
    # Only complete partitions carry a part-* name; a dead writer can leave at most a hidden .tmp-* folder.
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".tmp-")) == \
        [p.name for p in complete_partitions(tmp_path)]
    client.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker
