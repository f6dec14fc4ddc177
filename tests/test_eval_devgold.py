"""eval/devgold.py: annotations packed as offsets unpack to the same gold, and refuse a changed text."""
import importlib.util
import json
import pathlib

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("devgold", ROOT / "eval" / "devgold.py")
devgold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(devgold)

TEXT = ("Ministers meet in Oslo\n\nOSLO (Wire) - Norway and Finland agreed on Monday to share radar data, "
        "officials said.\n\n“We will watch the border together,” the minister said.\n\nSubscribe to our newsletter\n")
RAW = {"articles": [{
    "file": "x01.txt", "outlet": {"name": "Wire", "country": None, "aliases": []},
    "title": "Ministers meet in Oslo", "dateline": {"place": "OSLO", "text": "OSLO (Wire) -"},
    "published": {"date": "2020-01-06", "precision": "day"}, "date_reasoning": "URL",
    "body_starts_with": "Norway and Finland agreed", "body_ends_with": "the minister said.",
    "boilerplate": ["Subscribe to our newsletter"], "people": [],
    "quotes": [{"text": "We will watch the border together", "speaker": "minister", "direct": True}],
    "events": [{"types": ["COOPERATE"], "source": "NOR", "target": "FIN",
                "evidence": "agreed on Monday to share radar data", "modality": "asserted"}]}]}


def _setup(tmp_path, text=TEXT):
    raw, corpus, abp = tmp_path / "raw", tmp_path / "corpus", tmp_path / "abp"
    for d in (raw, corpus, abp):
        d.mkdir()
    (raw / "x01.yaml").write_text(yaml.safe_dump(RAW, allow_unicode=True))
    (corpus / "x01.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "IDS.tsv").write_text("file\tabp_id\turl\tsplit\nx01.txt\tA1\thttp://w.example/a\theldout\n")
    (abp / "abp.input.jsonl").write_text(json.dumps({"id": "A1", "text": text}) + "\n")
    (abp / "abp.meta.jsonl").write_text(json.dumps({"id": "A1", "url": "http://w.example/a"}) + "\n")
    return raw, corpus, abp


def test_pack_keeps_no_text_and_unpacks_to_the_same_gold(tmp_path):
    raw, corpus, abp = _setup(tmp_path)
    packed = devgold.pack(raw, corpus / "IDS.tsv", corpus)
    dumped = yaml.safe_dump(packed, allow_unicode=True)
    assert "radar" not in dumped and "newsletter" not in dumped and "watch the border" not in dumped
    (tmp_path / "p.yaml").write_text(dumped)
    out = tmp_path / "out"
    assert devgold.unpack(tmp_path / "p.yaml", abp, out, "heldout") == 1
    gold = yaml.safe_load((out / "gold.yaml").read_text())["articles"][0]
    want = RAW["articles"][0]
    for key in ("title", "body_starts_with", "body_ends_with", "boilerplate", "quotes", "events", "dateline"):
        assert gold[key] == want[key]
    assert (out / "corpus" / "x01.txt").read_text(encoding="utf-8") == TEXT
    line = json.loads((out / "input.url.jsonl").read_text())
    assert line == {"id": "x01.txt", "text": TEXT, "url": "http://w.example/a"}
    assert devgold.unpack(tmp_path / "p.yaml", abp, tmp_path / "none", "tune") == 0


def test_unpack_refuses_a_changed_article(tmp_path):
    raw, corpus, abp = _setup(tmp_path, text=TEXT.replace("Monday", "Tuesday"))
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(devgold.pack(raw, corpus / "IDS.tsv", corpus)))
    with pytest.raises(SystemExit, match="changed"):
        devgold.unpack(tmp_path / "p.yaml", abp, tmp_path / "out", "all")
