"""Does target-level tone beat document-level VADER? Measured against the events of the dev gold.

    python eval/tone_eval.py [--shared ../shared] [--devgold /work/devgold]

Proxy gold: in each gold article (seeds.yaml, abp_dev.yaml, and the devgold articles whose split is
`tune`; never the held-out ones), every country that is the target of gold events gets the sign of
the summed Goldstein values of those events' types (analysis/data/quad_classes.yaml): a country that
is sanctioned, accused, threatened is written about in hostile terms, one that is helped or agreed
with in friendly ones. Two figures for each method:
- sign_acc: share of (article, country) pairs whose tone has the gold sign (a tone of 0 counts wrong);
- pair_acc: within one article, pairs of countries with opposite gold signs ordered rightly; a
  document-level score gives both the same tone, a tie, counted as 0.5.
Sentences are cut at . ! ? followed by a space (no parse), so the script runs in seconds.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from dyad.analysis.timeline import type_table  # noqa: E402
from dyad.framing import tone  # noqa: E402
from dyad.kb import KnowledgeBase  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def articles(shared: Path, devgold: Path):
    """(text, gold events) of every tune article."""
    for gold, corpus in ((shared / "gold" / "seeds.yaml", shared / "corpus" / "seeds"),
                         (shared / "gold" / "abp_dev.yaml", shared / "corpus" / "abp_dev")):
        for art in yaml.safe_load(gold.read_text(encoding="utf-8"))["articles"]:
            yield (corpus / art["file"]).read_text(encoding="utf-8"), art.get("events") or []
    if devgold.is_dir():
        with open(devgold / "corpus" / "IDS.tsv", encoding="utf-8") as fh:
            tune = [r["file"] for r in csv.DictReader(fh, delimiter="\t") if r["split"] == "tune"]
        for name in tune:
            raw = devgold / "raw" / (Path(name).stem + ".yaml")
            if raw.exists():
                art = yaml.safe_load(raw.read_text(encoding="utf-8"))
                art = art["articles"][0] if "articles" in art else art
                yield (devgold / "corpus" / name).read_text(encoding="utf-8"), art.get("events") or []


def sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    return out + [(pos, len(text))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--devgold", type=Path, default=Path("/work/devgold"))
    args = ap.parse_args()
    actors = KnowledgeBase.default().actors
    goldstein = {t: v["goldstein"] for t, v in type_table().items()}
    sign_hits = {"document": 0, "target": 0}
    pair_hits = {"document": 0.0, "target": 0.0}
    n_sign = n_pairs = n_articles = 0
    for text, events in articles(args.shared, args.devgold):
        score = defaultdict(float)
        for ev in events:
            target, source = ev.get("target"), ev.get("source")
            if target and target != source and target != "IGO":
                score[target] += sum(goldstein.get(t, 0.0) for t in ev.get("types") or []) / max(len(ev.get("types") or []), 1)
        labels = {c: (1 if v > 0 else -1) for c, v in score.items() if v != 0}
        if not labels:
            continue
        n_articles += 1
        doc = tone.document_tone(text)
        target = tone.tone_by_country(text, sentences(text), actors)
        for c, label in labels.items():
            n_sign += 1
            sign_hits["document"] += doc * label > 0
            sign_hits["target"] += target.get(c, 0.0) * label > 0
        for a, b in combinations(labels, 2):
            if labels[a] == labels[b]:
                continue
            n_pairs += 1
            hi, lo = (a, b) if labels[a] > labels[b] else (b, a)
            pair_hits["document"] += 0.5
            ta, tb = target.get(hi, 0.0), target.get(lo, 0.0)
            pair_hits["target"] += 1.0 if ta > tb else 0.5 if ta == tb else 0.0
    print(json.dumps({"articles": n_articles, "countries": n_sign, "opposite_pairs": n_pairs,
                      **{f"{m}_sign_acc": round(sign_hits[m] / n_sign, 3) for m in sign_hits},
                      **{f"{m}_pair_acc": round(pair_hits[m] / n_pairs, 3) if n_pairs else None for m in pair_hits}}))


if __name__ == "__main__":
    main()
