"""The dashboard's events page for a dyad comes from dyad_events and equals the plain query."""
import datetime as dt

import pytest

from dyad.model import Actor, ArticleRecord, Event, Outlet, Published
from dyad.queries import summaries_fresh
from dyad.store import Store
from dyad.web.queries import EventFilter, events, events_from_tables

D = dt.date


def add(store, n: int, published, outlet: str, events_: list[tuple]) -> None:
    """An invented article with events (type, source, target, intensity, modality, own date or None)."""
    text = f"Invented article {n} about Ruritania and Freedonia."
    evs = [Event(type=t, mode=None, cameo=None, intensity=g, source=Actor(s, s), target=Actor(o, o) if o else None,
                 modality=m, date=d, date_precision="day" if d else None, sentence=f"s{n}.{i}", start=0, end=5)
           for i, (t, s, o, g, m, d) in enumerate(events_)]
    store.add({"id": f"a{n}", "text": text},
              ArticleRecord(id=f"a{n}", title=f"T{n}", body=text, outlet=Outlet(name=outlet),
                            published=Published(date=published), events=evs))


@pytest.fixture
def path(tmp_path):
    with Store(tmp_path / "w.duckdb") as s:
        add(s, 1, "2024-01-20", "Wire A", [("AGREE", "RUR", "FRE", 3.0, "asserted", None),
                                           ("ACCUSE", "FRE", "RUR", -2.0, "negated", "2024-01-19"),
                                           ("AID", "RUR", "SYL", 6.0, "asserted", None)])
        add(s, 2, "2024-01-20", "Wire B", [("ACCUSE", "RUR", "FRE", -2.0, "asserted", None),  # ties on date
                                           ("SANCTION", "FRE", "RUR", None, "asserted", None)])
        add(s, 3, None, "Wire A", [("PROTEST", "RUR", "FRE", -3.0, "asserted", None)])  # undated
        add(s, 4, "2024-03-02", "Wire B", [("AGREE", "FRE", "RUR", 3.0, "intended", None),
                                           ("ACCUSE", "FRE", "RUR", -2.0, "asserted", None)])
    return tmp_path / "w.duckdb"


FILTERS = [EventFilter(a="RUR", b="FRE"), EventFilter(a="FRE", b="RUR", type="ACCUSE"),
           EventFilter(a="RUR", b="FRE", outlet="Wire B"), EventFilter(a="RUR", b="FRE", modality="asserted"),
           EventFilter(a="RUR", b="FRE", start=D(2024, 1, 20), end=D(2024, 2, 1)),
           EventFilter(a="RUR", b="SYL"), EventFilter(a="RUR", b="XXX")]


@pytest.mark.parametrize("read_only", [False, True])
def test_dyad_events_equal_the_plain_query(path, read_only):
    """Every filter, both orders, every page size: the same total and rows as the scan of `events`
    (writable: from refreshed dyad_events; read-only and stale: from the base tables)."""
    with Store(path, read_only=read_only) as store:
        for f in FILTERS:
            for order in ("date", "intensity"):
                for limit, offset in ((50, 0), (2, 0), (2, 2), (1, 5)):
                    assert events(store.con, f, limit, offset, order) == \
                        events_from_tables(store.con, f, limit, offset, order), (f, order, limit, offset)
        assert summaries_fresh(store.con) != read_only
    with Store(path, read_only=True) as store:
        total, rows = events(store.con, EventFilter(a="RUR", b="FRE"))
        assert total == 7 and rows[0]["type"] == "AGREE" and rows[-1]["date"] is None


def test_all_dyads_use_the_plain_query(path):
    with Store(path, read_only=True) as store:
        total, rows = events(store.con, EventFilter(), limit=50)
        assert total == 8 and "AID" in {r["type"] for r in rows}
