"""Train the learned event type model (`model/types.npz`) and cross-validate the coders.

    python -m dyad.events.train fit --shared ../shared --devgold /work/devgold -o src/dyad/events/model/types.npz
    python -m dyad.events.train cv  --shared ../shared --devgold /work/devgold

Training material, one labelled sentence each (the labels are the PLOVER types of its gold events;
a sentence without gold events is a negative):

- sentence-level gold files (`--events-gold`, and with `--shared` the three sets of data/events);
- article gold (`--articles GOLD.yaml CORPUS_DIR`; with `--shared` the seeds and abp_dev): each
  event's `evidence` locates its sentence in the article text; the article's other sentences are
  negatives;
- `--devgold DIR`: the articles of `DIR/raw/*.yaml` whose split in `DIR/corpus/IDS.tsv` is `tune`
  (the `heldout` split is never read).

`cv` scores pattern, learned and hybrid on a grouped k-fold split (an article, a petr2 story or an
ngec template stays in one fold, so near-duplicates never straddle train and test) with the
sentence-level event scorer of `SHARED/eval/score.py`, over a small grid of thresholds.
The fit is deterministic (liblinear, fixed seed, sorted vocabulary). Needs scikit-learn (`[train]`).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import yaml

from ..model import PLOVER_TYPES
from .learned import LearnedCoder, TypeModel, keep_features, keep_probability

DEFAULT_PARAMS = {"C": 4.0, "threshold": 0.4, "max_types": 2, "strong": 0.6, "keep_threshold": 0.4, "add": 1.01,
                  "min_df": 2, "ngec_weight": 0.2, "balanced": 1}
SHARED_EVENT_SETS = ("ngec_probes", "petr2_gsr", "conflibert")


@dataclass
class Item:
    """One labelled sentence."""
    set: str
    group: str
    id: str
    gold: dict  # {"events": [{"types", "source", "target"}], "no_event": bool} as score.py reads it
    sent: object = None  # spaCy span
    doc: object = None  # the dyad Document the sentence belongs to (for the coders' context)
    features: list = field(default_factory=list)  # per-token features of the sentence view
    view: object = None

    @property
    def labels(self) -> set[str]:
        return {t for e in self.gold["events"] for t in e["types"] if t in PLOVER_TYPES}


# ------------------------------------------------------------------------------------------ reading
def read_event_gold(path: Path) -> list[tuple[str, str, str, dict]]:
    """(set, group, text, record) for each line of a sentence-level gold file."""
    name = path.name.split(".")[0]
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        rid = str(rec["id"])
        if name == "ngec_probes" and rec.get("meta", {}).get("template"):
            group = rec["meta"]["template"]  # five fills of one template
        elif name == "petr2_gsr":
            group = rid.rsplit("_", 1)[0]  # sentences of one story
        else:
            group = rid
        gold = rec.get("gold", {})
        events = [{"types": [str(t).upper() for t in e.get("types", [])], "source": e.get("source") or [],
                   "target": e.get("target") or []} for e in gold.get("events", [])]
        out.append((name, f"{name}:{group}", rec["text"], {"id": rid, "events": events,
                                                           "no_event": bool(gold.get("no_event"))}))
    return out


def tune_articles(devgold: Path) -> list[tuple[Path, Path]]:
    """(raw yaml, corpus dir) of the `tune` split only."""
    with open(devgold / "corpus" / "IDS.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for row in rows:
        if row.get("split") != "tune":
            continue
        raw = devgold / "raw" / (Path(row["file"]).stem + ".yaml")
        if raw.exists():
            out.append((raw, devgold / "corpus"))
    return out


def find_span(text: str, snippet: str) -> Optional[tuple[int, int]]:
    """Where the evidence lies in the article: exact, then ignoring case, white space and quote style."""
    pos = text.find(snippet)
    if pos >= 0:
        return pos, pos + len(snippet)
    parts = [re.escape(w) for w in snippet.split()]
    if not parts:
        return None
    pattern = r"\s+".join(parts)
    for plain, fancy in (("'", "['‘’]"), ('"', '["“”]')):
        pattern = pattern.replace(re.escape(plain), fancy).replace(plain, fancy)
    pattern = re.sub(r"[‘’]", "['‘’]", pattern)
    pattern = re.sub(r"[“”]", '["“”]', pattern)
    m = re.search(pattern, text, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def country_list(value) -> list[str]:
    if not value:
        return []
    return [str(v).upper() for v in (value if isinstance(value, list) else [value])]


# ------------------------------------------------------------------------------------------ corpus
class Corpus:
    """Parses the material once and holds one `Item` per sentence."""

    def __init__(self, nlp, kb, coder: LearnedCoder):
        self.nlp, self.kb, self.coder = nlp, kb, coder
        self.items: list[Item] = []
        self.missed_evidence = 0

    def _document(self, rid: str, text: str, sdoc):
        from ..document import Document

        doc = Document(id=rid, input={"id": rid, "text": text}, text=text, body=text)
        doc.spacy = sdoc
        return doc

    def _features(self, item: Item) -> None:
        item.view, item.features, _ = self.coder.read(item.sent, self.kb)

    def add_sentences(self, rows) -> None:
        texts = [text for _, _, text, _ in rows]
        for (name, group, text, gold), sdoc in zip(rows, self.nlp.pipe(texts, batch_size=64)):
            item = Item(name, group, gold["id"], gold, sent=sdoc[:], doc=self._document(gold["id"], text, sdoc))
            self._features(item)
            self.items.append(item)

    def add_articles(self, gold_yaml: Path, corpus_dir: Path, name: str) -> None:
        data = yaml.safe_load(gold_yaml.read_text(encoding="utf-8"))
        for art in data.get("articles", []):
            path = corpus_dir / art["file"]
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            spans = []
            for ev in art.get("events") or []:
                span = find_span(text, str(ev.get("evidence") or ""))
                if span is None:
                    self.missed_evidence += 1
                    continue
                spans.append((span, ev))
            sdoc = self.nlp(text)
            doc = self._document(art["file"], text, sdoc)
            for k, sent in enumerate(sdoc.sents):
                if not sent.text.strip():
                    continue
                events = [{"types": [str(t).upper() for t in ev.get("types", [])],
                           "source": country_list(ev.get("source")), "target": country_list(ev.get("target"))}
                          for (a, b), ev in spans if a < sent.end_char and sent.start_char < b]
                rid = f"{name}:{art['file']}:{k}"
                item = Item(name, f"{name}:{art['file']}", rid, {"id": rid, "events": events,
                                                                   "no_event": not events}, sent=sent, doc=doc)
                self._features(item)
                self.items.append(item)


def build_corpus(args, nlp, kb, coder) -> Corpus:
    corpus = Corpus(nlp, kb, coder)
    gold_files = [Path(p) for p in args.events_gold or []]
    articles = [(Path(g), Path(c), Path(g).stem) for g, c in args.articles or []]
    if args.shared:
        shared = Path(args.shared)
        gold_files += [shared / "data" / "events" / f"{s}.gold.jsonl" for s in SHARED_EVENT_SETS]
        articles += [(shared / "gold" / "seeds.yaml", shared / "corpus" / "seeds", "seeds"),
                     (shared / "gold" / "abp_dev.yaml", shared / "corpus" / "abp_dev", "abp_dev")]
    if args.devgold:
        articles += [(raw, corpus_dir, "extra_tune") for raw, corpus_dir in tune_articles(Path(args.devgold))]
    rows = [row for path in gold_files for row in read_event_gold(path)]
    corpus.add_sentences(rows)
    for gold_yaml, corpus_dir, name in articles:
        corpus.add_articles(gold_yaml, corpus_dir, name)
    return corpus


# ------------------------------------------------------------------------------------------ fitting
def fit(items: list[Item], params: dict) -> TypeModel:
    """One-vs-rest logistic regression over sublinear TF-IDF of the items' features."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    bags = [[f for fs in it.features for f in fs] for it in items]
    df = Counter(f for bag in bags for f in set(bag))
    features = sorted(f for f, n in df.items() if n >= params["min_df"])
    vocab = {f: i for i, f in enumerate(features)}
    n = len(items)
    idf = np.log((1 + n) / (1 + np.array([df[f] for f in features], dtype=np.float64))) + 1.0
    model = TypeModel(labels=list(PLOVER_TYPES), vocab=vocab, idf=idf,
                      coef=np.zeros((len(PLOVER_TYPES), len(vocab))), intercept=np.full(len(PLOVER_TYPES), -10.0),
                      params=dict(params))
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        idx, w = model.vector(bag)
        rows += [r] * len(idx)
        cols += idx.tolist()
        vals += w.tolist()
    X = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    # ngec's templates come five fills at a time: weigh each template as one example or so
    weight = np.array([params["ngec_weight"] if it.set == "ngec_probes" else 1.0 for it in items])
    for k, label in enumerate(PLOVER_TYPES):
        y = np.array([label in it.labels for it in items], dtype=int)
        if y.min() == y.max():  # no positives (or no negatives) to learn from: keep the constant
            model.intercept[k] = 10.0 if y.min() else -10.0
            continue
        clf = LogisticRegression(C=params["C"], solver="liblinear", random_state=0, max_iter=1000,
                                 class_weight="balanced" if params["balanced"] else None)
        clf.fit(X, y, sample_weight=weight)
        model.coef[k] = clf.coef_[0]
        model.intercept[k] = clf.intercept_[0]
    return model


def keep_rows(items: list[Item], probs_of: dict, pattern_of: dict) -> list[tuple[dict, int]]:
    """(features, right type?) for every pattern event of the items."""
    rows = []
    for it in items:
        found = pattern_of[it.id]
        for e in found:
            rows.append((keep_features(e, probs_of[it.id], it.view is not it.sent, len(found)),
                         int(e.type in it.labels)))
    return rows


def fit_keep(rows: list[tuple[dict, int]], threshold: float) -> Optional[dict]:
    """The keep model: a small logistic regression over `keep_features`, as plain numbers."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({k for f, _ in rows for k in f})
    y = np.array([label for _, label in rows])
    if len(set(y.tolist())) < 2:
        return None
    X = np.array([[f.get(k, 0.0) for k in names] for f, _ in rows])
    clf = LogisticRegression(C=1.0, solver="liblinear", random_state=0, max_iter=1000).fit(X, y)
    return {"features": names, "coef": [round(float(w), 6) for w in clf.coef_[0]],
            "intercept": round(float(clf.intercept_[0]), 6), "threshold": threshold}


def usual_codes(items: list[Item], pattern_of: dict) -> dict[str, str]:
    """Each type's most frequent CAMEO code among the pattern coder's right events."""
    counts = Counter((e.type, e.cameo) for it in items for e in pattern_of[it.id] if e.type in it.labels and e.cameo)
    out: dict[str, str] = {}
    for (kind, code), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.setdefault(kind, code)
    return out


def fold_of(group: str, folds: int) -> int:
    return zlib.crc32(group.encode("utf-8")) % folds


def out_of_fold(items: list[Item], params: dict, folds: int, kb, pattern_coder, low: float):
    """Type probabilities of every item from a model that did not see its fold, and the learned
    event candidates (probability >= `low`) read with that model."""
    oof = {}
    for f in range(folds):
        train = [it for it in items if fold_of(it.group, folds) != f]
        test = [it for it in items if fold_of(it.group, folds) == f]
        model = fit(train, params)
        model.params.update(strong=0.0)  # the strong filter is applied by the caller
        learner = LearnedCoder(model=model, pattern=pattern_coder)
        for it in test:
            probs = model.probabilities([x for fs in it.features for x in fs])
            cands = learner.learned_events(it.sent, it.view, it.features, probs, it.doc, kb, low) if low <= 1 else []
            oof[it.id] = (probs, [(probs[e.type], e) for e in cands])
        print(f"fold {f}: {len(train)} train, {len(test)} test", file=sys.stderr)
    return oof


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("dyad_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_prediction(rid: str, events) -> dict:
    return {"id": rid, "events": [{"type": e.type, "source": {"country": e.source and e.source.country},
                                   "target": {"country": e.target and e.target.country}} for e in events]}


def cross_validate(corpus: Corpus, params: dict, folds: int, scorer, grid: dict) -> dict:
    """Out-of-fold predictions of every backend at every grid point, scored per set and pooled."""
    items, kb, coder = corpus.items, corpus.kb, corpus.coder
    pattern = {it.id: coder.pattern.code(it.sent, it.doc, kb) for it in items}
    low = min(min(grid["threshold"]), min(grid["add"]))
    oof = out_of_fold(items, params, folds, kb, coder.pattern, low)
    probs_of = {k: v[0] for k, v in oof.items()}
    # the keep model of each fold is fitted on the other folds' pattern events (stacked on the
    # out-of-fold probabilities), then scores this fold's
    keep_p = {}
    for f in range(folds):
        keep = fit_keep(keep_rows([it for it in items if fold_of(it.group, folds) != f], probs_of, pattern), 0.0)
        for it in items:
            if fold_of(it.group, folds) == f:
                found = pattern[it.id]
                keep_p[it.id] = [keep_probability(keep, keep_features(e, probs_of[it.id], it.view is not it.sent,
                                                                       len(found))) for e in found]

    def learned(it, threshold, strong):
        return [e for p, e in oof[it.id][1] if p >= threshold and (p >= strong or (e.source and e.source.country))]

    def hybrid(it, keep_threshold, add):
        found = pattern[it.id]
        if found:
            return [e for e, p in zip(found, keep_p[it.id]) if p >= keep_threshold]
        return [e for p, e in oof[it.id][1] if p >= add and e.source and e.source.country]

    runs = {"pattern": {(): lambda it: pattern[it.id]}}
    runs["learned"] = {(t, s): (lambda it, t=t, s=s: learned(it, t, s))
                       for t in grid["threshold"] for s in grid["strong"]}
    runs["hybrid"] = {(k, a): (lambda it, k=k, a=a: hybrid(it, k, a))
                      for k in grid["keep_threshold"] for a in grid["add"]}
    sets = sorted({it.set for it in items})
    results = {}
    for backend, variants in runs.items():
        for key, predict in variants.items():
            per_set = {}
            for s in sets + ["all"]:
                chosen = [it for it in items if s == "all" or it.set == s]
                preds = {it.id: as_prediction(it.id, predict(it)) for it in chosen}
                gold = [{"id": it.id, "gold": it.gold} for it in chosen]
                m, _ = scorer.score_events(preds, gold)
                per_set[s] = {k: round(m[k], 3) for k in ("type_micro_f1", "dyad_f1", "no_event_fp_rate",
                                                          "type_micro_p", "type_micro_r") if m.get(k) is not None}
            results[(backend, key)] = per_set
    return results


def macro(per_set: dict, key: str) -> float:
    vals = [v[key] for s, v in per_set.items() if s != "all" and v.get(key) is not None]
    return sum(vals) / len(vals) if vals else 0.0


# ------------------------------------------------------------------------------------------ cli
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dyad.events.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("fit", "cv"))
    ap.add_argument("--shared", help="the shared folder: its three event sets, seeds and abp_dev")
    ap.add_argument("--devgold", help="a dev-gold folder (raw/*.yaml, corpus/IDS.tsv): its tune split only")
    ap.add_argument("--events-gold", action="append", help="a sentence-level gold JSONL (repeatable)")
    ap.add_argument("--articles", nargs=2, action="append", metavar=("GOLD_YAML", "CORPUS_DIR"))
    ap.add_argument("-o", "--output", help="fit: where to write the model (.npz)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--spacy-model", default=None)
    for key, value in DEFAULT_PARAMS.items():
        ap.add_argument("--" + key.replace("_", "-"), type=type(value), default=value)
    args = ap.parse_args(argv)
    params = {k: getattr(args, k) for k in DEFAULT_PARAMS}

    from ..config import Settings
    from ..kb import KnowledgeBase
    from ..spacy_model import load_spacy
    from .coder import PatternCoder

    nlp = load_spacy(args.spacy_model or Settings.from_env().spacy_model)
    kb = KnowledgeBase.default()
    coder = LearnedCoder(model=TypeModel([], {}, np.zeros(0), np.zeros((0, 0)), np.zeros(0), {}),
                         pattern=PatternCoder(nlp=nlp))
    corpus = build_corpus(args, nlp, kb, coder)
    counts = Counter(it.set for it in corpus.items)
    positives = Counter(it.set for it in corpus.items if it.labels)
    print(json.dumps({"sentences": counts, "with_events": positives,
                      "evidence_not_found": corpus.missed_evidence}), file=sys.stderr)
    if args.command == "fit":
        if not args.output:
            ap.error("fit needs -o")
        # the keep model is stacked on out-of-fold type probabilities, like in `cv`
        pattern = {it.id: coder.pattern.code(it.sent, it.doc, kb) for it in corpus.items}
        oof = out_of_fold(corpus.items, params, args.folds, kb, coder.pattern, 2.0)
        rows = keep_rows(corpus.items, {k: v[0] for k, v in oof.items()}, pattern)
        model = fit(corpus.items, params)
        model.params["keep"] = fit_keep(rows, params["keep_threshold"])
        model.params["codes"] = usual_codes(corpus.items, pattern)
        model.params["trained_on"] = {k: counts[k] for k in sorted(counts)}
        model.save(args.output)
        print(f"wrote {args.output}: {len(model.vocab)} features, {len(model.labels)} types", file=sys.stderr)
        return 0
    if not args.shared:
        ap.error("cv needs --shared (for the scorer)")
    grid = {"threshold": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], "strong": [0.6, 0.8, 0.9, 1.01],
            "keep_threshold": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], "add": [0.6, 0.7, 0.8, 0.9, 0.95, 1.01]}
    results = cross_validate(corpus, params, args.folds, load_scorer(Path(args.shared)), grid)
    ranked = sorted(results.items(), key=lambda kv: -(macro(kv[1], "type_micro_f1") + macro(kv[1], "dyad_f1")))
    best = {}
    for (backend, key), per_set in ranked:
        best.setdefault(backend, (key, per_set))
    for (backend, key), per_set in [((b, k), ps) for b, (k, ps) in best.items()] + ranked:
        print(json.dumps({"backend": backend, "params": key, "macro_type_f1": round(macro(per_set, "type_micro_f1"), 3),
                          "macro_dyad_f1": round(macro(per_set, "dyad_f1"), 3), "sets": per_set}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
