"""kb/wikidata.py on a small export written here (invented people and positions, Wikidata's shape)."""
import json
from datetime import date

import pytest

from dyad.kb.offices import OfficeHolders
from dyad.kb.wikidata import convert, import_wikidata, read_entities, wd_date


def _time(value, precision=11):
    return {"snaktype": "value", "datavalue": {"type": "time", "value": {
        "time": value, "timezone": 0, "before": 0, "after": 0, "precision": precision}}}


def _item(qid):
    return {"snaktype": "value", "datavalue": {"type": "wikibase-entityid",
                                               "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}}}


def _claim(qid, start=None, end=None, rank="normal"):
    quals = {}
    if start:
        quals["P580"] = [start]
    if end:
        quals["P582"] = [end]
    return {"mainsnak": _item(qid), "rank": rank, "qualifiers": quals}


def _label(text):
    return {"en": {"language": "en", "value": text}}


ENTITIES = {
    "Q900001": {"id": "Q900001", "type": "item", "labels": _label("Ivo Testanov"),
                "aliases": {"en": [{"language": "en", "value": "Ivo T. Testanov"}]},
                "claims": {"P27": [{"mainsnak": _item("Q159"), "rank": "normal"}],
                           "P569": [{"mainsnak": _time("+1960-03-00T00:00:00Z", 10), "rank": "normal"}],
                           "P39": [_claim("Q900100", _time("+2019-05-01T00:00:00Z"), _time("+2021-00-00T00:00:00Z", 9)),
                                   _claim("Q900200", _time("+2015-01-01T00:00:00Z")),
                                   _claim("Q900100", _time("+2001-01-01T00:00:00Z"), rank="deprecated")]}},
    "Q900100": {"id": "Q900100", "type": "item", "labels": _label("Deputy Minister of Foreign Affairs of Russia"),
                "claims": {}},
    "Q900200": {"id": "Q900200", "type": "item", "labels": _label("chairman of an example club"), "claims": {}},
    # known to the bundled KB: keeps its kb_id; only the term it lacks is added
    "Q900002": {"id": "Q900002", "type": "item", "labels": _label("Joe Biden"),
                "claims": {"P39": [_claim("Q11696", _time("+2021-01-20T00:00:00Z"), _time("+2025-01-20T00:00:00Z")),
                                   _claim("Q900300", _time("+1990-01-03T00:00:00Z"), _time("+1991-01-15T00:00:00Z"))]}},
    "Q900300": {"id": "Q900300", "type": "item", "labels": _label("Ambassador of the United States to Japan"),
                "claims": {"P17": [{"mainsnak": _item("Q30"), "rank": "normal"}]}},
    "Q900003": {"id": "Q900003", "type": "item", "labels": _label("Undated Person"),
                "claims": {"P39": [_claim("Q11696")]}},
}


@pytest.fixture(scope="module")
def offices():
    return OfficeHolders.load(extra=[])


def test_wd_date_precisions():
    assert wd_date(_time("+2019-05-07T00:00:00Z")) == date(2019, 5, 7)
    assert wd_date(_time("+2021-00-00T00:00:00Z", 9)) == date(2021, 1, 1)
    assert wd_date(_time("+1960-03-00T00:00:00Z", 10)) == date(1960, 3, 1)
    assert wd_date({"snaktype": "novalue"}) is None


def test_convert(offices):
    report = convert(ENTITIES.values(), offices=offices)
    people = {p["kb_id"]: p for p in report.people}
    assert people["wd:Q900001"]["country"] == "RUS" and people["wd:Q900001"]["born"] == "1960-03-01"
    assert people["wd:Q900001"]["aliases"] == "Ivo T. Testanov"
    terms = [t for t in report.terms if t["kb_id"] == "wd:Q900001"]
    assert [(t["office"], t["country"], t["start"], t["end"]) for t in terms] == [
        ("deputy_foreign_minister", "RUS", "2019-05-01", "2021-01-01")]  # deprecated claim left out
    assert report.skipped_positions == {"Q900200": 1}
    # Joe Biden: the bundled person, only the invented ambassador term is new
    assert "joe-biden" not in people
    biden = [t for t in report.terms if t["kb_id"] == "joe-biden"]
    assert [(t["office"], t["country"], t["target"]) for t in biden] == [("ambassador", "USA", "JPN")]
    assert any("Q900003" in e for e in report.errors)


def test_import_round_trip(tmp_path, offices):
    src = tmp_path / "export.json"
    src.write_text(json.dumps({"entities": ENTITIES}), encoding="utf-8")
    out = tmp_path / "kb-extra"
    report = import_wikidata(src, out, offices=offices)
    assert "2 people" not in report.summary() and report.terms
    merged = OfficeHolders.load(extra=[out])
    ivo = merged.find_person("Testanov")
    assert len(ivo) == 1 and ivo[0].terms[0].covers(date(2020, 1, 1))
    assert merged.holders("deputy_foreign_minister", "RUS", date(2020, 6, 1))
    assert len(merged.find_person("Joe Biden")[0].terms) == len(offices.find_person("Joe Biden")[0].terms) + 1


def test_dump_format_and_bad_lines(tmp_path):
    dump = tmp_path / "dump.json"
    dump.write_text("[\n" + ",\n".join(json.dumps(e) for e in ENTITIES.values()) + "\n]\n", encoding="utf-8")
    assert len(list(read_entities(dump))) == len(ENTITIES)
    lines = tmp_path / "lines.json"
    lines.write_text("[\n" + json.dumps(ENTITIES["Q900001"]) + ",\n{not json\n]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3"):
        list(read_entities(lines))


def test_extra_folders_come_from_settings_not_the_environment(tmp_path, offices, monkeypatch):
    from dyad.kb import KnowledgeBase

    src = tmp_path / "export.json"
    src.write_text(json.dumps({"entities": ENTITIES}), encoding="utf-8")
    out = tmp_path / "kb-extra"
    import_wikidata(src, out, offices=offices)
    monkeypatch.setenv("DYAD_OFFICES_EXTRA", str(out))
    assert not OfficeHolders.load().find_person("Testanov")
    assert not KnowledgeBase.default().offices.find_person("Testanov")
    assert KnowledgeBase.default((str(out),)).offices.find_person("Testanov")
