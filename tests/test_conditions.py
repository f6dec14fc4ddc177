"""Conditions and signposts, on invented text of the kinds seeds 001 and 003 carry (no seed text here)."""
import glob
import json
from pathlib import Path

import pytest

from dyad.conditions.stage import find_conditions

EXPERT = ("OSAKA, March 3. Rapprochement between Japan and China is possible within two years if the "
          "fisheries dispute is settled and the export bans are withdrawn, a Japanese scholar of Chinese "
          "politics, Kenji Morita, said on Monday.")
LEADER = ('Indian Prime Minister Ravi Shankar told reporters: "When they stop arming our rivals, when they '
          'treat us as equals, then there will be a basis for restoring normal relations with Pakistan."')


def test_if_with_two_conditions(pipeline):
    rec = pipeline.annotate_one({"id": "c1", "text": EXPERT})
    [c] = rec.conditions
    assert {c.country_a, c.country_b} == {"JPN", "CHN"}
    assert c.marker == "if" and c.speaker == "Kenji Morita"
    assert c.change.text.startswith("Rapprochement between Japan and China")
    assert [r.text for r in c.requires] == ["the fisheries dispute is settled", "the export bans are withdrawn"]
    for clause in (c.change, *c.requires):
        assert EXPERT[clause.start:clause.end] == clause.text  # offsets into the input
    assert EXPERT[c.start:c.end] == c.sentence


def test_when_then_in_a_quote(pipeline):
    rec = pipeline.annotate_one({"id": "c2", "text": LEADER})
    [c] = rec.conditions
    assert c.marker == "when ... then"
    assert {c.country_a, c.country_b} == {"IND", "PAK"}
    assert [r.text for r in c.requires] == ["they stop arming our rivals", "they treat us as equals"]
    assert "restoring normal relations" in c.change.text


@pytest.mark.parametrize("sentence,marker", [
    ("A peace treaty can be signed only after the territorial question is resolved.", "only after"),
    ("Sanctions will not be lifted unless the troops withdraw.", "unless"),
    ("Ankara would hand over the two border villages after a settlement is signed.", "after"),
])
def test_markers(sentence, marker):
    [(name, change, requires, _)] = find_conditions(sentence, (0, len(sentence)))
    assert name == marker and requires[0].text.split()[0] in ("the", "a")


def test_after_that_points_back_to_the_clause_before():
    text = ("Officials said the position had not changed: the border question should be settled first, "
            "and a peace treaty concluded after that.")
    [(name, change, requires, _)] = find_conditions(text, (0, len(text)))
    assert (name, change.text) == ("after", "peace treaty")
    assert [r.text for r in requires] == ["the border question should be settled first"]


@pytest.mark.parametrize("sentence", ["You asked me if we are ready to build relations.",
                                      "Relations improved last year.",
                                      "Even if talks fail, the summit goes ahead.",
                                      "Relations were restored after the war ended."])
def test_no_condition(sentence):
    assert find_conditions(sentence, (0, len(sentence))) == []


# ../shared beside the repository (or beside the worktrees' folder)
SEEDS = next((p / "shared" / "corpus" / "seeds" for p in Path(__file__).resolve().parents[1:4]
              if (p / "shared" / "corpus" / "seeds").is_dir()), Path("/nonexistent"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not here")
def test_seed_normalisation_conditions(pipeline):
    for prefix, pair in (("001", {"JPN", "RUS"}), ("003", {"USA", "RUS"})):
        [path] = glob.glob(str(SEEDS / f"{prefix}_*.txt"))
        rec = pipeline.annotate_one({"id": prefix, "text": Path(path).read_text(encoding="utf-8")})
        found = [c for c in rec.conditions if {c.country_a, c.country_b} == pair and len(c.requires) >= 2]
        assert found, json.dumps([c.change.text for c in rec.conditions])
