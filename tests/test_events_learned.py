"""The learned event backend: the shipped type model, the "learned" and "hybrid" coders, and the
training script on a tiny set. Sentences are our own."""
import json
import numpy as np
import pytest

from dyad.events import CODERS, get_coder
from dyad.events.learned import MODEL_PATH, HybridCoder, LearnedCoder, TypeModel, keep_features, token_features
from dyad.model import PLOVER_TYPES


@pytest.fixture(scope="module")
def learned(nlp):
    from dyad.events.coder import PatternCoder

    return LearnedCoder(pattern=PatternCoder(nlp=nlp))


def context():
    from dyad.document import Document

    return Document(id="t", input={"id": "t", "text": ""})


def coded(coder, nlp, kb, text):
    return [(e.type, e.source and e.source.country, e.target and e.target.country)
            for e in coder.code(nlp(text)[:], context(), kb)]


def test_shipped_model_is_plain_arrays_over_the_plover_types():
    with np.load(MODEL_PATH, allow_pickle=False) as z:  # no pickle needed to read it
        assert z["coef"].shape == (len(PLOVER_TYPES), len(z["features"])) == (16, len(z["idf"]))
    model = TypeModel.default()
    assert model.labels == list(PLOVER_TYPES)
    assert 0 < model.params["threshold"] < 1 and model.params["max_types"] >= 1
    assert set(model.params["codes"]) <= set(PLOVER_TYPES)


def test_both_backends_are_in_the_registry():
    assert {"pattern", "learned", "hybrid"} <= set(CODERS)
    assert isinstance(get_coder("learned", nlp=None), LearnedCoder)
    assert isinstance(get_coder("hybrid", nlp=None), HybridCoder)


def test_learned_codes_an_accusation_with_its_actors(learned, nlp, kb):
    assert ("ACCUSE", "NOR", "CHL") in coded(learned, nlp, kb, "Norway accused Chile of spying on its embassy in Oslo.")


def test_learned_codes_nothing_in_a_sentence_without_an_act(learned, nlp, kb):
    assert coded(learned, nlp, kb, "The museum opened a new wing for children on Sunday.") == []


def test_learned_event_carries_the_sentence_code_and_intensity(learned, nlp, kb):
    text = "Canada imposed new sanctions on Iran over its missile programme."
    events = learned.code(nlp(text)[:], context(), kb)
    sanction = next(e for e in events if e.type == "SANCTION")
    assert (sanction.source.country, sanction.target.country) == ("CAN", "IRN")
    assert sanction.sentence == text and (sanction.start, sanction.end) == (0, len(text))
    assert sanction.cameo and sanction.intensity is not None and sanction.intensity < 0
    assert sanction.coder == "learned"


def test_predictions_are_deterministic(learned, nlp, kb):
    sent = nlp("Egypt and Jordan held talks on water sharing in Cairo.")[:]
    first = learned.read(sent, kb)[2]
    again = learned.read(sent, kb)[2]
    assert first == again
    assert abs(sum(first.values()) - sum(again.values())) == 0


def test_masked_features_do_not_name_the_actors(learned, nlp, kb):
    feats = {f for fs in token_features(nlp("Peru condemned Bolivia.")[:], kb) for f in fs}
    assert "l:<actor>" in feats and "v:condemn" in feats
    assert not any("peru" in f or "bolivia" in f for f in feats)


def test_hybrid_keeps_or_drops_pattern_events_by_the_keep_model(nlp, kb):
    from dyad.events.coder import PatternCoder

    hybrid = HybridCoder(pattern=PatternCoder(nlp=nlp))
    sent = nlp("Japan imposed sanctions on Russia.")[:]
    found = hybrid.pattern.code(sent, context(), kb)
    assert [e.type for e in found] == ["SANCTION"]
    view, per_token, probs = hybrid.read(sent, kb)
    assert keep_features(found[0], probs, False, 1)["p_type"] == probs["SANCTION"]
    names = list(keep_features(found[0], probs, False, 1))
    hybrid.model = TypeModel(hybrid.model.labels, hybrid.model.vocab, hybrid.model.idf, hybrid.model.coef,
                             hybrid.model.intercept, dict(hybrid.model.params))
    hybrid.model.params["keep"] = {"features": names, "coef": [0.0] * len(names), "intercept": -5.0, "threshold": 0.5}
    assert hybrid.combine(found, sent, view, per_token, probs, context(), kb) == []
    hybrid.model.params["keep"]["intercept"] = 5.0
    assert hybrid.combine(found, sent, view, per_token, probs, context(), kb) == found


TINY = [  # invented sentences, three types and negatives
    ("Norway accused Chile of lying about the deal.", ["ACCUSE"]),
    ("Peru accused Bolivia of hiding the report.", ["ACCUSE"]),
    ("Kenya accused Uganda of funding the rebels.", ["ACCUSE"]),
    ("Egypt accused Sudan of breaking the treaty.", ["ACCUSE"]),
    ("Canada imposed sanctions on Iran.", ["SANCTION"]),
    ("France imposed sanctions on Syria.", ["SANCTION"]),
    ("Japan imposed sanctions on North Korea.", ["SANCTION"]),
    ("Spain imposed sanctions on Venezuela.", ["SANCTION"]),
    ("India held talks with Nepal.", ["CONSULT"]),
    ("Ghana held talks with Togo.", ["CONSULT"]),
    ("Chile held talks with Argentina.", ["CONSULT"]),
    ("Brazil held talks with Paraguay.", ["CONSULT"]),
    ("The weather was mild in the capital.", []),
    ("The festival drew large crowds this year.", []),
]


def write_tiny(path):
    with open(path, "w", encoding="utf-8") as fh:
        for k, (text, types) in enumerate(TINY):
            events = [{"types": types, "source": [], "target": []}] if types else []
            fh.write(json.dumps({"id": f"t{k}", "text": text, "gold": {"events": events, "no_event": not types}}) + "\n")


def test_training_script_fits_a_tiny_set_reproducibly(tmp_path, nlp, kb):
    pytest.importorskip("sklearn")
    from dyad.events.train import main

    gold = tmp_path / "tiny.gold.jsonl"
    write_tiny(gold)
    args = ["fit", "--events-gold", str(gold), "--folds", "2", "--min-df", "1"]
    assert main(args + ["-o", str(tmp_path / "a.npz")]) == 0
    assert main(args + ["-o", str(tmp_path / "b.npz")]) == 0
    a, b = TypeModel.load(tmp_path / "a.npz"), TypeModel.load(tmp_path / "b.npz")
    assert a.vocab == b.vocab and np.array_equal(a.coef, b.coef) and np.array_equal(a.intercept, b.intercept)
    coder = LearnedCoder(model=a)
    probs = coder.read(nlp("Mexico imposed sanctions on Cuba.")[:], kb)[2]
    assert max(probs, key=probs.get) == "SANCTION"
    probs = coder.read(nlp("Mali accused Niger of lying.")[:], kb)[2]
    assert max(probs, key=probs.get) == "ACCUSE"
