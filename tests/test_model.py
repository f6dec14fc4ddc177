"""A real record checked against docs/CONTRACT.md: every field the contract names, with its type."""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from dyad.model import MODALITIES, PLOVER_TYPES, PRECISIONS

CONTRACT = Path(__file__).resolve().parent.parent / "docs" / "CONTRACT.md"
ARTICLE = ("TOKYO, March 4, 2024 (Kyodo) - Japan protested to Russia on Monday over the seizure of a fishing "
           "boat near Hokkaido, Chief Cabinet Secretary Yoshimasa Hayashi told reporters.\n\n"
           "\"We strongly protest this act,\" Hayashi said.\n")

OPT_STR = (str, type(None))


def is_date(v):
    return v is None or (isinstance(v, str) and dt.date.fromisoformat(v) is not None)


def one_of(*values):
    return lambda v: v in values


ACTOR_FIELDS = {"text", "country", "sector"}
LOADED_FIELDS = {"text", "technique", "start", "end"}


def loaded(v):
    return (isinstance(v, dict) and set(v) >= LOADED_FIELDS and isinstance(v["text"], str)
            and isinstance(v["start"], int) and isinstance(v["end"], int))


def actor(v):
    return v is None or (isinstance(v, dict) and set(v) >= ACTOR_FIELDS
                         and isinstance(v["text"], str) and isinstance(v["country"], OPT_STR))


# Field -> type (a type, a tuple of types, or a check), as the contract's output record states them.
FIELDS = {
    "id": str, "error": OPT_STR, "title": OPT_STR, "language": OPT_STR, "body": str,
    "outlet": dict, "outlet.name": OPT_STR, "outlet.country": OPT_STR,
    "outlet.affiliation": one_of("state", "private", "public", None),
    "dateline": (dict, type(None)), "dateline.place": OPT_STR, "dateline.text": OPT_STR,
    "published": dict, "published.date": is_date, "published.precision": one_of(*PRECISIONS, None),
    "published.not_before": is_date, "published.not_after": is_date, "published.method": str,
    "people": list, "people.name": str, "people.aliases": list, "people.role": OPT_STR,
    "people.country": OPT_STR, "people.kb_id": OPT_STR,
    "quotes": list, "quotes.text": str, "quotes.speaker": OPT_STR, "quotes.direct": bool,
    "quotes.start": int, "quotes.end": int,
    "events": list, "events.type": one_of(*PLOVER_TYPES), "events.mode": OPT_STR, "events.cameo": OPT_STR,
    "events.intensity": (int, float, type(None)), "events.source": actor, "events.target": actor,
    "events.modality": one_of(*MODALITIES), "events.date": is_date,
    "events.date_precision": one_of(*PRECISIONS, None), "events.sentence": str, "events.start": int,
    "events.end": int,
    "framing": dict, "framing.loaded_language": lambda v: isinstance(v, list) and all(map(loaded, v)),
    "framing.tone": lambda v: isinstance(v, dict) and all(isinstance(x, (int, float)) for x in v.values()),
}


def contract_names() -> set[str]:
    """Every field name in the contract's output record block."""
    text = CONTRACT.read_text(encoding="utf-8")
    block = text.split("## Output record", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    return set(re.findall(r'"(\w+)":', block))


def test_the_table_covers_every_name_in_the_contract():
    ours = {path.split(".")[-1] for path in FIELDS} | ACTOR_FIELDS | LOADED_FIELDS
    assert contract_names() - {"JPN", "RUS"} == ours  # (JPN/RUS are example keys of `tone`)


def check(value, expected) -> bool:
    if isinstance(expected, (type, tuple)):
        return isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    return expected(value)


@pytest.fixture(scope="module")
def record(pipeline):
    rec = pipeline.annotate_one({"id": "c1", "text": ARTICLE})
    return json.loads(json.dumps(rec.to_dict()))  # as a consumer reads it


def test_a_record_has_every_contract_field_with_its_type(record):
    assert record["error"] is None
    assert record["people"] and record["quotes"] and record["events"] and record["dateline"]
    for path, expected in FIELDS.items():
        head, _, leaf = path.partition(".")
        if not leaf:
            assert head in record and check(record[head], expected), (path, record.get(head))
            continue
        parent = record[head]
        for item in (parent if isinstance(parent, list) else [parent] if parent is not None else []):
            assert leaf in item and check(item[leaf], expected), (path, item.get(leaf))
    for span in record["framing"]["loaded_language"]:
        assert ARTICLE[span["start"]:span["end"]] == span["text"]
    for q in record["quotes"]:
        assert ARTICLE[q["start"]:q["end"]] == q["text"]
    for e in record["events"]:
        assert ARTICLE[e["start"]:e["end"]] == e["sentence"]


def test_an_error_record_keeps_the_shape(pipeline):
    rec = json.loads(json.dumps(pipeline.annotate_one({"id": "e1"}).to_dict()))
    assert rec["id"] == "e1" and isinstance(rec["error"], str)
    for path, expected in FIELDS.items():
        if "." not in path:
            assert path in rec and check(rec[path], expected), path
