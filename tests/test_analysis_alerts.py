from xml.etree import ElementTree as ET

import pytest

from dyad.analysis import alerts, atom_feed, first_of_a_kind


@pytest.fixture
def store(analysis_store):
    return analysis_store


def test_first_sanction_per_pair_and_year_and_summoned_ambassador(store):
    frame = first_of_a_kind(store.con)
    got = sorted((str(d.date()), k) for d, k in zip(frame.date, frame.kind))
    assert got == [("2023-03-07", "first_sanction"), ("2024-01-15", "ambassador_summoned"),
                   ("2024-01-15", "first_sanction")]
    assert set(frame.dyad) == {"JPN-RUS"}


def test_alerts_and_atom_feed(store, tmp_path):
    frame = alerts(store.con, "JPN", "RUS")
    assert list(frame.date) == sorted(frame.date, reverse=True)
    path = tmp_path / "alerts.atom"
    atom_feed(frame, "JPN-RUS", "tag:dyad,2026:alerts:JPN-RUS", path)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(path).getroot()
    entries = root.findall("a:entry", ns)
    assert len(entries) == len(frame)
    ids = [e.find("a:id", ns).text for e in entries]
    assert len(set(ids)) == len(ids)
    assert alerts(store.con, "USA", "PRK").empty
