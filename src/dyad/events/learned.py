"""The learned event backend: a sentence-level PLOVER type classifier, alone or over the pattern coder.

`TypeModel` is a one-vs-rest logistic regression over TF-IDF sentence features (lemmas, lemma
bigrams, verbs with their objects, prepositions, negation and complements), with actor names
masked so that it learns how acts are reported, not who acts. It ships as plain arrays in
`model/types.npz` (vocabulary, idf, coefficients; no pickle) and is scored with numpy;
scikit-learn is needed only to train it (`python -m dyad.events.train`, extra `[train]`).

Two coders use it (pick one with `DYAD_EVENT_CODER`):

- "learned": every type whose probability passes the model's threshold (at most `max_types`);
  the event is anchored at the word that contributes most to that type's score, and takes its
  actors, modality and date from the same helpers as the pattern coder. An event without a
  resolved source country needs a probability of `strong` or more.
- "hybrid": the pattern coder's events, less those a second small model (`keep`, stacked on the
  type probabilities, the event's resolved sides, type and modality) finds unlikely to be right;
  a sentence the patterns leave empty takes the learned events with probability `add` or more
  and a resolved source.

The thresholds were chosen on a grouped cross-validation and are stored with the model.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from ..model import Event
from . import cameo
from .actors import find_actors
from .coder import (IMPLICIT_OK, IMPLICIT_SOURCE_OK, PatternCoder, event_date, headline_actors,
                    quote_index, register)
from .modality import modality
from .patterns import rule_type

MODEL_PATH = Path(__file__).parent / "model" / "types.npz"

# NER labels whose words are names, masked like the KB's actors ("Ms Smith condemned ..." reads as
# "<name> condemned ...")
NAME_ENTS = {"PERSON", "GPE", "NORP", "ORG", "LOC", "FAC"}
ANCHOR_POS = {"VERB", "NOUN", "AUX", "ADJ"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative"}


# ------------------------------------------------------------------------------------------ features
def masked_tokens(view, kb) -> list[Optional[str]]:
    """The reading of each token of a sentence view: its lower-case lemma, "<actor>" inside a KB
    actor name, "<name>" inside another named entity, None for punctuation and numbers."""
    base = view.start_char
    spans = [(m.start, m.end) for m in kb.actors.find_all(view.text)] if kb is not None else []
    out: list[Optional[str]] = []
    for tok in view:
        pos = tok.idx - base
        if tok.is_punct or tok.is_space or tok.like_num or not tok.text.strip():
            out.append(None)
        elif any(a <= pos < b for a, b in spans):
            out.append("<actor>")
        elif tok.ent_type_ in NAME_ENTS:
            out.append("<name>")
        else:
            out.append(tok.lemma_.lower().strip() or tok.lower_)
    return out


def token_features(view, kb, triggers=()) -> list[list[str]]:
    """Features of each token of the view (a sentence's features are their union): the lemma, the
    bigram it ends, for a verb its objects, prepositions, complements and negation, and for a
    trigger of the pattern lexicon its type (`triggers`: the pattern coder's `Trigger`s of the view),
    so the model learns where the lexicon is right and the anchor lands on the trigger."""
    reading = masked_tokens(view, kb)
    offset = view.start
    feats: list[list[str]] = []
    prev = "<s>"
    for k, tok in enumerate(view):
        word = reading[k]
        if word is None:
            feats.append([])
            continue
        own = [f"l:{word}", f"b:{prev}_{word}"]
        prev = word
        if word.startswith("<"):
            feats.append(own)
            continue
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            own.append(f"v:{word}")
            for c in tok.children:
                ci = c.i - offset
                child = reading[ci] if 0 <= ci < len(reading) else None
                if c.dep_ in OBJECT_DEPS and child:
                    own.append(f"vo:{word}:{child}")
                elif c.dep_ == "prep":
                    own.append(f"vp:{word}:{c.lower_}")
                elif c.dep_ == "neg":
                    own.append(f"neg:{word}")
                elif c.dep_ == "xcomp" and child:
                    own.append(f"vx:{word}:{child}")
                elif c.dep_ in ("nsubj", "nsubjpass") and child and child.startswith("<"):
                    own.append(f"vs:{word}")  # a named actor acts
        elif tok.pos_ == "NOUN" and tok.head.i != tok.i:
            hi = tok.head.i - offset
            head = reading[hi] if 0 <= hi < len(reading) else None
            if head and tok.dep_ in OBJECT_DEPS | {"pobj", "nsubj"}:
                own.append(f"nh:{tok.dep_}:{word}:{head}")
        feats.append(own)
    for t in triggers:
        kind = rule_type(t.match.rule)
        k = t.token.i - offset
        if kind and 0 <= k < len(feats):
            feats[k] += [f"tr:{kind}", f"tr:{kind}:{t.kind}"]
    return feats


# ------------------------------------------------------------------------------------------ model
@dataclass
class TypeModel:
    """TF-IDF + one-vs-rest logistic regression, as plain arrays."""
    labels: list[str]
    vocab: dict[str, int]
    idf: np.ndarray  # (V,)
    coef: np.ndarray  # (L, V)
    intercept: np.ndarray  # (L,)
    params: dict  # thresholds and training notes

    @classmethod
    def load(cls, path: Path | str) -> "TypeModel":
        with np.load(path, allow_pickle=False) as z:
            features = [str(f) for f in z["features"]]
            return cls(labels=[str(x) for x in z["labels"]], vocab={f: i for i, f in enumerate(features)},
                       idf=z["idf"].astype(np.float64), coef=z["coef"].astype(np.float64),
                       intercept=z["intercept"].astype(np.float64), params=json.loads(str(z["params"])))

    @classmethod
    def default(cls) -> "TypeModel":
        return _default_model()

    def save(self, path: Path | str) -> None:
        features = sorted(self.vocab, key=self.vocab.get)
        np.savez_compressed(path, labels=np.array(self.labels), features=np.array(features),
                            idf=self.idf.astype(np.float32), coef=self.coef.astype(np.float32),
                            intercept=self.intercept.astype(np.float32),
                            params=np.array(json.dumps(self.params, sort_keys=True)))

    def vector(self, features: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(indices, weights) of a bag of features: sublinear tf x idf, l2-normalised; unknown
        features are dropped."""
        counts = Counter(f for f in features if f in self.vocab)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.array([self.vocab[f] for f in counts], dtype=np.int64)
        w = np.array([1.0 + math.log(n) for n in counts.values()]) * self.idf[idx]
        return idx, w / np.linalg.norm(w)

    def probabilities(self, features: list[str]) -> dict[str, float]:
        idx, w = self.vector(features)
        z = self.coef[:, idx] @ w + self.intercept
        return dict(zip(self.labels, (1.0 / (1.0 + np.exp(-z))).tolist()))

    def anchor(self, per_token: list[list[str]], label: str, tokens) -> Optional[int]:
        """Index (in the view) of the content word whose features add most to `label`'s score."""
        all_feats = [f for fs in per_token for f in fs]
        idx, w = self.vector(all_feats)
        weight = dict(zip(idx.tolist(), w.tolist()))
        row = self.coef[self.labels.index(label)]
        best, best_score = None, 0.0
        for k, fs in enumerate(per_token):
            if tokens[k].pos_ not in ANCHOR_POS:
                continue
            score = sum(row[self.vocab[f]] * weight.get(self.vocab[f], 0.0) for f in set(fs) if f in self.vocab)
            if score > best_score:
                best, best_score = k, score
        return best


@lru_cache(maxsize=1)
def _default_model() -> TypeModel:
    return TypeModel.load(MODEL_PATH)


@lru_cache(maxsize=None)
def root_code(kind: str) -> Optional[str]:
    """The most general CAMEO code of a PLOVER type (its root, else its shortest code)."""
    codes = sorted((c for c, (t, mode) in cameo.plover_table().items() if t == kind and not mode),
                   key=lambda c: (len(c), c))
    return codes[0] if codes else None


# ------------------------------------------------------------------------------------------ coders
@register("learned")
class LearnedCoder:
    """Types from the classifier; actors, modality and date from the pattern coder's helpers."""

    name = "learned"

    def __init__(self, nlp=None, model: Optional[TypeModel] = None, pattern: Optional[PatternCoder] = None):
        self.model = model or TypeModel.default()
        self.pattern = pattern or PatternCoder(nlp)

    def read(self, sent, kb):
        """(view, per-token features, type probabilities) of one sentence."""
        view = self.pattern.view(sent, kb)
        per_token = token_features(view, kb, self.pattern.triggers(view, headline=view is not sent))
        probs = self.model.probabilities([f for fs in per_token for f in fs])
        return view, per_token, probs

    def code(self, sent, doc, kb) -> list[Event]:
        view, per_token, probs = self.read(sent, kb)
        return self.learned_events(sent, view, per_token, probs, doc, kb, self.model.params["threshold"])

    def learned_events(self, sent, view, per_token, probs, doc, kb, threshold: float) -> list[Event]:
        params = self.model.params
        ranked = sorted((p, t) for t, p in probs.items() if p >= threshold)[::-1][:params["max_types"]]
        events = []
        people = doc.person_actors + doc.referent_actors
        base = 0 if view is sent else sent.start_char
        for p, kind in ranked:
            k = self.model.anchor(per_token, kind, view)
            if k is None:
                continue
            ev = self._event(kind, view[k], sent, view, base, doc, kb, people)
            if ev is None or (not (ev.source and ev.source.country) and p < params["strong"]):
                continue  # no resolved source: only a confident reading stands
            events.append(ev)
        return events

    def _event(self, kind, tok, sent, view, base, doc, kb, people) -> Optional[Event]:
        if base:
            people = [(s - base, e - base, *rest) for s, e, *rest in people]
        implicit = kind in IMPLICIT_OK
        source, target = find_actors(tok, kb, people=people, implicit=implicit,
                                     implicit_source=implicit or kind in IMPLICIT_SOURCE_OK)
        if view is not sent and not (source and source.country) and not (target and target.country):
            source, target = headline_actors(view, tok, kb)
        if source and target and source.country and source.country == target.country:
            target = None
        # a learned event has no rule of its own: it takes the CAMEO code the pattern coder most often
        # gave this type when right on the training sentences (for its Goldstein intensity)
        code = self.model.params.get("codes", {}).get(kind) or root_code(kind)
        p = cameo.plover(code)
        abs_pos = base + tok.idx
        date, precision = event_date(doc, sent, abs_pos, tok)
        return Event(type=kind, mode=p[1] if p else None, cameo=code, intensity=cameo.goldstein(code),
                     source=source, target=target, modality=modality(tok, self.pattern.lex.frames),
                     date=date, date_precision=precision, sentence=sent.text, start=sent.start_char,
                     end=sent.end_char, quote=quote_index(doc, abs_pos), coder=self.name)


def keep_features(event: Event, probs: dict[str, float], headline: bool, n_events: int) -> dict[str, float]:
    """What the keep model sees of one pattern event: how probable the classifier finds its type in
    the sentence, whether it is the classifier's first choice, which sides are resolved, its type
    and modality, and the sentence kind."""
    top = max(probs, key=probs.get) if probs else None
    return {"p_type": probs.get(event.type, 0.0), "is_top": float(event.type == top),
            "p_top": probs.get(top, 0.0) if top else 0.0,
            "source": float(bool(event.source and event.source.country)),
            "target": float(bool(event.target and event.target.country)),
            "headline": float(headline), "crowded": float(n_events > 1),
            f"type:{event.type}": 1.0, f"modality:{event.modality}": 1.0}


def keep_probability(keep: dict, features: dict[str, float]) -> float:
    """P(the pattern event's type is right) under the stored keep model (`params["keep"]`)."""
    z = keep["intercept"] + sum(w * features.get(name, 0.0) for name, w in zip(keep["features"], keep["coef"]))
    return 1.0 / (1.0 + math.exp(-z))


@register("hybrid")
class HybridCoder(LearnedCoder):
    """The pattern coder's events, less those the keep model finds improbable; learned events
    where the patterns find none."""

    name = "hybrid"

    def code(self, sent, doc, kb) -> list[Event]:
        found = self.pattern.code(sent, doc, kb)
        view, per_token, probs = self.read(sent, kb)
        return self.combine(found, sent, view, per_token, probs, doc, kb)

    def combine(self, found, sent, view, per_token, probs, doc, kb) -> list[Event]:
        params = self.model.params
        keep = params.get("keep")
        if found:
            if not keep:
                return found
            return [e for e in found
                    if keep_probability(keep, keep_features(e, probs, view is not sent, len(found))) >= keep["threshold"]]
        added = self.learned_events(sent, view, per_token, probs, doc, kb, params["add"])
        return [e for e in added if e.source and e.source.country]
