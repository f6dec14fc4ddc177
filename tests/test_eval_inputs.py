"""eval/inputs.py: the dev sets' input lines, with and without URLs."""
import importlib.util
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("inputs", ROOT / "eval" / "inputs.py")
inputs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(inputs)


def _shared(tmp_path):
    (tmp_path / "corpus/abp_dev").mkdir(parents=True)
    (tmp_path / "corpus/abp").mkdir()
    (tmp_path / "corpus/abp_dev/a01.txt").write_text("Oslo and Helsinki met.\n", encoding="utf-8")
    (tmp_path / "corpus/abp_dev/IDS.tsv").write_text("file\tabp_id\turl\na01.txt\tA\thttp://w.example/a\n")
    (tmp_path / "corpus/abp/abp.input.jsonl").write_text(json.dumps({"id": "A", "text": "t"}) + "\n")
    (tmp_path / "corpus/abp/abp.meta.jsonl").write_text(json.dumps({"id": "A", "url": "http://w.example/a"}) + "\n")
    return tmp_path


def test_abp_dev_lines_carry_the_url_unless_told_not_to(tmp_path):
    shared = _shared(tmp_path)
    assert list(inputs.abp_dev(shared, True)) == [
        {"id": "a01.txt", "text": "Oslo and Helsinki met.\n", "url": "http://w.example/a"}]
    assert list(inputs.abp_dev(shared, False)) == [{"id": "a01.txt", "text": "Oslo and Helsinki met.\n"}]


def test_abp_lines_take_their_url_from_the_meta_file(tmp_path):
    assert list(inputs.abp(_shared(tmp_path), True)) == [{"id": "A", "text": "t", "url": "http://w.example/a"}]
