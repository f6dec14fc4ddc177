"""Per-type precision and recall of event types against an events gold set (actors ignored).

Pairs, per sentence, each predicted event with one unpaired gold event whose `types` hold its type
(the pairing of `score.py events`, type_micro): precision per predicted type, recall per gold
event's first listed type. Prints a table; asserts nothing.

    .venv/bin/python bench/events_types.py --pred OUT.jsonl --gold ../shared/data/events/SET.gold.jsonl
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def read(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh) if r.get("id") is not None}


def tally(pred: dict[str, dict], gold: dict[str, dict]) -> tuple[Counter, Counter, Counter, Counter]:
    p_all, p_ok, g_all, g_ok = Counter(), Counter(), Counter(), Counter()
    for sid, g in gold.items():
        events = (g.get("gold") or {}).get("events") or []
        free = list(range(len(events)))
        for e in (pred.get(sid) or {}).get("events") or []:
            kind = str(e.get("type") or "").upper()
            p_all[kind] += 1
            hit = next((i for i in free if kind in {t.upper() for t in events[i].get("types", [])}), None)
            if hit is not None:
                free.remove(hit)
                p_ok[kind] += 1
                g_ok[events[hit]["types"][0].upper()] += 1
        for ev in events:
            g_all[ev["types"][0].upper()] += 1
    return p_all, p_ok, g_all, g_ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    args = ap.parse_args()
    p_all, p_ok, g_all, g_ok = tally(read(args.pred), read(args.gold))
    print(f"{'type':10s} {'pred':>5s} {'P':>6s} {'gold':>5s} {'R':>6s}")
    for kind in sorted(set(p_all) | set(g_all)):
        prec = f"{p_ok[kind] / p_all[kind]:.2f}" if p_all[kind] else "-"
        rec = f"{g_ok[kind] / g_all[kind]:.2f}" if g_all[kind] else "-"
        print(f"{kind:10s} {p_all[kind]:5d} {prec:>6s} {g_all[kind]:5d} {rec:>6s}")


if __name__ == "__main__":
    main()
