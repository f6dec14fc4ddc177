"""Build src/dyad/framing/data/loaded_language.tsv from the PTC training split (facts only: which
short word n-grams mark which technique, and how reliably), and measure it by k-fold cross-validation.

    python eval/framing_lexicon.py --gold ../shared/data/framing/ptc_train.gold.jsonl [--folds 2]

A candidate is the text of a gold span of at most 4 words (punctuation trimmed, lower-cased); its
technique is the one it carries most often. Every whole-word occurrence of the candidate in the
training articles is counted; its precision is the share of occurrences that overlap a gold span of
any technique. Kept: at least MIN_HITS occurrences inside spans, in MIN_ARTICLES articles, and
precision >= MIN_PRECISION. A bare country name or demonym ("America", "Americans") is left out:
news about international relations names countries neutrally all the time.
No sentence is stored, only n-grams with counts. Never run on the PTC dev split.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from dyad.framing.lexicon import MAX_WORDS, Entry, find, words  # noqa: E402

MIN_HITS = 2
MIN_ARTICLES = 1  # 2 (one author's pet phrase is no marker) lowered 2-fold CV F1 from 0.14 to 0.06 on PTC
MIN_PRECISION = 0.3
OUT = ROOT / "src" / "dyad" / "framing" / "data" / "loaded_language.tsv"
HEADER = ("# Built by eval/framing_lexicon.py from the PTC (SemEval-2020 Task 11) training split; see SOURCES.md.\n"
          "phrase\ttechnique\tprecision\tcount\n")


def learn(docs: list[dict], min_hits: int = MIN_HITS, min_precision: float = MIN_PRECISION
          ) -> dict[tuple[str, ...], Entry]:
    from dyad.kb import KnowledgeBase

    actors = KnowledgeBase.default().actors
    techniques: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    marked_in: dict[tuple[str, ...], set] = defaultdict(set)
    for d in docs:
        for s in d["gold"]["spans"]:
            toks = tuple(w for _, _, w in words(d["text"][s["start"]:s["end"]]))
            if 0 < len(toks) <= MAX_WORDS and s.get("technique"):
                techniques[toks][s["technique"]] += 1
                marked_in[toks].add(d["id"])
    seen, hits = Counter(), Counter()
    for d in docs:
        spans = sorted((s["start"], s["end"]) for s in d["gold"]["spans"])
        toks = words(d["text"])
        for i in range(len(toks)):
            for n in range(1, MAX_WORDS + 1):
                if i + n > len(toks):
                    break
                key = tuple(t[2] for t in toks[i:i + n])
                if key not in techniques:
                    continue
                seen[key] += 1
                a, b = toks[i][0], toks[i + n - 1][1]
                hits[key] += any(s < b and a < e for s, e in spans)
    out = {}
    for key, by_technique in techniques.items():
        phrase = " ".join(key).removeprefix("the ")
        if actors.country_of(phrase) or actors.country_of(phrase.title()):
            continue
        if len(marked_in[key]) >= MIN_ARTICLES and hits[key] >= min_hits and hits[key] / seen[key] >= min_precision:
            out[key] = Entry(by_technique.most_common(1)[0][0], round(hits[key] / seen[key], 3), seen[key])
    return out


def si_f1(docs: list[dict], lexicon) -> dict[str, float]:
    """SemEval-2020 SI precision/recall/F1 (overlaps merged), as score.py computes it."""
    def merged(spans):
        out = []
        for s, e in sorted(spans):
            if out and s <= out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        return out

    p_sum = r_sum = n_pred = n_gold = 0.0
    for d in docs:
        pred = merged((s, e) for s, e, _ in find(d["text"], lexicon))
        gold = merged((s["start"], s["end"]) for s in d["gold"]["spans"])
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
        for s, e in pred:
            for gs, ge in gold:
                inter = max(0, min(e, ge) - max(s, gs))
                p_sum += inter / (e - s)
                r_sum += inter / (ge - gs)
    p, r = p_sum / n_pred if n_pred else 0.0, r_sum / n_gold if n_gold else 0.0
    return {"si_p": round(p, 4), "si_r": round(r, 4), "si_f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION)
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)} from all articles")
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    for k in range(args.folds):
        test = [d for i, d in enumerate(docs) if i % args.folds == k]
        train = [d for i, d in enumerate(docs) if i % args.folds != k]
        print(json.dumps({"fold": k, **si_f1(test, learn(train, min_precision=args.min_precision))}))
    full = learn(docs, min_precision=args.min_precision)
    print(json.dumps({"fold": "train=test", "entries": len(full), **si_f1(docs, full)}))
    if args.write:
        rows = sorted(full.items(), key=lambda kv: (kv[1].technique, -kv[1].count, kv[0]))
        OUT.write_text(HEADER + "".join(f"{' '.join(k)}\t{e.technique}\t{e.precision}\t{e.count}\n"
                                        for k, e in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
