"""Dashboard queries: the dyad timeline and the events page, from derived tables kept fresh."""
import datetime as dt

import pytest

from dyad.model import Actor, ArticleRecord, Event, Outlet, Published
from dyad.queries import dyad_timeline, events_between, events_page, refresh_summaries, summaries_fresh
from dyad.store import Store

D = dt.date


def article(n: int, published: str, events: list[tuple]) -> tuple[dict, ArticleRecord]:
    """An invented article with events (type, source country, target country, intensity, date or None)."""
    text = f"Invented article {n} about Ruritania, Freedonia and Sylvania."
    evs = [Event(type=t, mode=None, cameo=None, intensity=g, source=Actor(src, src), target=Actor(tgt, tgt) if tgt
                 else None, modality="asserted", date=d, date_precision="day" if d else None,
                 sentence=f"sentence {n}.{i}", start=0, end=10)
           for i, (t, src, tgt, g, d) in enumerate(events)]
    return {"id": f"a{n}", "text": text}, ArticleRecord(id=f"a{n}", title=f"Title {n}", body=text,
                                                        outlet=Outlet(name="Invented Wire"),
                                                        published=Published(date=published), events=evs)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "q.duckdb") as s:
        s.add(*article(1, "2024-01-20", [("AGREE", "RUR", "FRE", 3.0, "2024-01-19"),
                                         ("ACCUSE", "FRE", "RUR", -2.0, None),  # dated by its article
                                         ("AID", "RUR", "SYL", 6.0, "2024-01-05"),
                                         ("PROTEST", "RUR", None, -3.0, "2024-01-05")]))  # no target: no dyad
        s.add(*article(2, "2024-03-02", [("ACCUSE", "RUR", "FRE", -2.0, "2024-02-28"),
                                         ("SANCTION", "FRE", "RUR", None, "2024-03-01")]))  # no intensity
        refresh_summaries(s.con)
        yield s


def test_timeline_counts_types_and_goldstein_per_month(store):
    months = dyad_timeline(store.con, "FRE", "RUR")
    assert [m.month for m in months] == [D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1)]
    jan, feb, mar = months
    assert jan.counts == {"AGREE": 1, "ACCUSE": 1} and jan.events == 2
    assert (jan.goldstein_sum, jan.goldstein_mean) == (1.0, 0.5)
    assert feb.counts == {"ACCUSE": 1} and mar.counts == {"SANCTION": 1} and mar.goldstein_mean is None
    directed = dyad_timeline(store.con, "RUR", "FRE", directed=True)
    assert [(m.month, m.counts) for m in directed] == [(D(2024, 1, 1), {"AGREE": 1}), (D(2024, 2, 1), {"ACCUSE": 1})]
    assert [m.events for m in dyad_timeline(store.con, "RUR", "FRE", start=D(2024, 2, 15))] == [1, 1]


def test_events_page_filters_orders_and_paginates(store):
    page = events_page(store.con, "RUR", "FRE", limit=2)
    assert page.total == 4
    assert [(r[0], r[1]) for r in page.rows] == [(D(2024, 1, 19), "AGREE"), (D(2024, 1, 20), "ACCUSE")]
    row = dict(zip(page.columns, page.rows[0]))
    assert (row["sentence"], row["outlet"], row["title"], row["article_id"]) == \
        ("sentence 1.0", "Invented Wire", "Title 1", "a1")
    assert [r[1] for r in events_page(store.con, "RUR", "FRE", limit=2, offset=2).rows] == ["ACCUSE", "SANCTION"]
    newest = events_page(store.con, "FRE", "RUR", newest_first=True, limit=1)
    assert newest.rows[0][1] == "SANCTION"
    only = events_page(store.con, "FRE", "RUR", types=["ACCUSE"], directed=True)
    assert (only.total, only.rows[0][0]) == (1, D(2024, 1, 20))
    assert events_page(store.con, "RUR", "FRE", start=D(2024, 2, 1), end=D(2024, 2, 29)).total == 1
    assert events_page(store.con, "RUR", "XXX").total == 0


def test_stale_summaries_are_rebuilt_or_bypassed(store, tmp_path):
    store.add(*article(3, "2024-03-10", [("AGREE", "FRE", "RUR", 3.0, None)]))
    assert not summaries_fresh(store.con)
    path = store.path
    store.close()
    with Store(path, read_only=True) as ro:  # cannot rebuild: answers from the base tables
        assert dyad_timeline(ro.con, "FRE", "RUR")[-1].counts == {"SANCTION": 1, "AGREE": 1}
        assert events_page(ro.con, "FRE", "RUR").total == 5
    with Store(path) as rw:
        assert events_page(rw.con, "FRE", "RUR").total == 5
        assert summaries_fresh(rw.con)


def test_refresh_appends_what_was_added_and_rebuilds_after_a_delete(store):
    assert refresh_summaries(store.con) == "fresh"
    store.add(*article(4, "2024-03-15", [("AGREE", "RUR", "FRE", 3.0, None)]))
    assert refresh_summaries(store.con) == "appended"
    appended = ([(m.month, m.counts, m.goldstein_sum) for m in dyad_timeline(store.con, "FRE", "RUR")],
                events_page(store.con, "FRE", "RUR").rows)
    assert appended[0][-1] == (D(2024, 3, 1), {"SANCTION": 1, "AGREE": 1}, 3.0)
    assert refresh_summaries(store.con, full=True) == "rebuilt"
    assert ([(m.month, m.counts, m.goldstein_sum) for m in dyad_timeline(store.con, "FRE", "RUR")],
            events_page(store.con, "FRE", "RUR").rows) == appended
    store.add(*article(4, "2024-03-15", [("AGREE", "RUR", "FRE", 3.0, None)]), replace=True)  # delete + insert
    assert refresh_summaries(store.con) == "rebuilt"
    assert events_page(store.con, "FRE", "RUR").total == 5


def _more_events(store):
    """Ties on one day across two articles, an undated event in an undated article, and dates known
    only to the month or year."""
    inputs, record = article(5, "2024-01-19", [("AID", "FRE", "RUR", 6.0, "2024-01-19"),
                                               ("ACCUSE", "RUR", "FRE", -2.0, None)])
    store.add(inputs, record)
    inputs, record = article(6, None, [("PROTEST", "RUR", "FRE", -3.0, None), ("AGREE", "FRE", "RUR", 3.0, None)])
    store.add(inputs, record)
    inputs, record = article(7, "2024-02-01", [("AGREE", "RUR", "FRE", 3.0, None)])
    record.published = Published(date="2024-02-01", precision="month")
    store.add(inputs, record)
    inputs, record = article(8, "2023-01-01", [("SANCTION", "FRE", "RUR", -5.0, None)])
    record.published = Published(date="2023-01-01", precision="year")
    store.add(inputs, record)


CASES = (("RUR", "FRE", None, None), ("FRE", "RUR", "AGREE", None), ("RUR", "FRE", None, 3), ("RUR", "SYL", None, None),
         ("RUR", "XXX", None, None))


def test_events_between_gives_the_plain_querys_rows(store):
    _more_events(store)
    for a, b, type_, limit in CASES:
        assert events_between(store.con, a, b, type_, limit) == store.events_between(a, b, type_, limit)
    assert summaries_fresh(store.con)  # refreshed on the writable connection, then read from dyad_events
    cols, rows = events_between(store.con, "RUR", "FRE")
    assert [r[0] for r in rows][:4] == ["2023", "2024-01-19", "2024-01-19", "2024-01-19"]
    assert "2024-02" in [r[0] for r in rows] and rows[-1][0] is None


def test_events_between_on_stale_summaries_read_only(store):
    _more_events(store)
    path = store.path
    store.close()
    with Store(path, read_only=True) as ro:
        assert not summaries_fresh(ro.con)
        for a, b, type_, limit in CASES:
            assert events_between(ro.con, a, b, type_, limit) == ro.events_between(a, b, type_, limit)
