"""Our own real-article dev gold, kept in the repo without the articles' text.

Annotations of articles from ../shared/corpus/abp are written in the conventions of
`shared/gold/abp_dev.yaml` (one YAML per article, with quoted strings). The repo keeps them *packed*:
every string taken from the article (title, body ends, boilerplate, quote text, event evidence) becomes
`[start, end]` offsets into the article, so no outlet's text is committed. `unpack` rebuilds the
seeds-format YAML, the corpus folder and contract input lines from the shared corpus for `score.py`.

    python3 eval/devgold.py pack RAW_DIR IDS.tsv -o eval/gold/abp_extra.yaml
    python3 eval/devgold.py unpack eval/gold/abp_extra.yaml --abp ../shared/corpus/abp --out DIR [--split tune]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pathlib
import sys

import yaml

SPLITS = ("tune", "heldout")


def _texts(abp: pathlib.Path, ids: set[str]) -> dict[str, dict]:
    meta = {}
    for line in open(abp / "abp.meta.jsonl", encoding="utf-8"):
        m = json.loads(line)
        if m["id"] in ids:
            meta[m["id"]] = m
    out = {}
    for line in open(abp / "abp.input.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["id"] in ids:
            out[r["id"]] = {"text": r["text"], "url": meta[r["id"]]["url"]}
    return out


def _find(text: str, s: str, what: str) -> list[int]:
    i = text.find(s)
    if i < 0:
        raise SystemExit(f"{what}: not in the article text: {s[:80]!r}")
    return [i, i + len(s)]


def pack(raw_dir: pathlib.Path, ids_tsv: pathlib.Path, corpus: pathlib.Path) -> dict:
    rows = list(csv.DictReader(open(ids_tsv, encoding="utf-8"), delimiter="\t"))
    articles = []
    for row in rows:
        path = raw_dir / (pathlib.Path(row["file"]).stem + ".yaml")
        if not path.exists():
            continue
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        for a in yaml.safe_load(open(path, encoding="utf-8"))["articles"]:
            where = a["file"]
            a = dict(a, abp_id=row["abp_id"], split=row["split"],
                     sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
            for key in ("title", "body_starts_with", "body_ends_with"):
                if a.get(key):
                    a[key] = {"at": _find(text, a[key], f"{where} {key}")}
            if a.get("dateline") and a["dateline"].get("text"):
                a["dateline"] = dict(a["dateline"], text={"at": _find(text, a["dateline"]["text"], where)})
            a["boilerplate"] = [{"at": _find(text, b, f"{where} boilerplate")} for b in a.get("boilerplate") or []]
            a["quotes"] = [dict(q, text={"at": _find(text, q["text"], f"{where} quote")})
                           for q in a.get("quotes") or []]
            a["events"] = [dict(e, evidence={"at": _find(text, e["evidence"], f"{where} evidence")})
                           for e in a.get("events") or []]
            a.pop("date_reasoning", None)  # prose that may quote the article
            articles.append(a)
    return {"articles": articles}


def _unpack_value(v, text: str):
    if isinstance(v, dict) and set(v) == {"at"}:
        a, b = v["at"]
        return text[a:b]
    return v


def unpack(packed: pathlib.Path, abp: pathlib.Path, out: pathlib.Path, split: str | None) -> int:
    doc = yaml.safe_load(open(packed, encoding="utf-8"))
    arts = [a for a in doc["articles"] if split in (None, "all") or a["split"] == split]
    texts = _texts(abp, {a["abp_id"] for a in arts})
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    gold, lines_url, lines_txt = [], [], []
    for a in arts:
        src = texts[a["abp_id"]]
        text = src["text"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != a["sha256"]:
            raise SystemExit(f"{a['file']}: the shared corpus text changed since it was annotated")
        (out / "corpus" / a["file"]).write_text(text, encoding="utf-8")
        g = {k: v for k, v in a.items() if k not in ("abp_id", "split", "sha256")}
        for key in ("title", "body_starts_with", "body_ends_with"):
            g[key] = _unpack_value(g.get(key), text)
        if g.get("dateline"):
            g["dateline"] = dict(g["dateline"], text=_unpack_value(g["dateline"].get("text"), text))
        g["boilerplate"] = [_unpack_value(b, text) for b in g.get("boilerplate") or []]
        g["quotes"] = [dict(q, text=_unpack_value(q["text"], text)) for q in g.get("quotes") or []]
        g["events"] = [dict(e, evidence=_unpack_value(e["evidence"], text)) for e in g.get("events") or []]
        gold.append(g)
        lines_url.append(json.dumps({"id": a["file"], "text": text, "url": src["url"]}, ensure_ascii=False))
        lines_txt.append(json.dumps({"id": a["file"], "text": text}, ensure_ascii=False))
    yaml.safe_dump({"articles": gold}, open(out / "gold.yaml", "w", encoding="utf-8"),
                   allow_unicode=True, sort_keys=False, width=1000)
    (out / "input.url.jsonl").write_text("".join(s + "\n" for s in lines_url), encoding="utf-8")
    (out / "input.txt.jsonl").write_text("".join(s + "\n" for s in lines_txt), encoding="utf-8")
    return len(gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack", help="raw annotations (with text) -> packed offsets")
    p.add_argument("raw_dir", type=pathlib.Path)
    p.add_argument("ids_tsv", type=pathlib.Path, help="file, abp_id, url, split columns; corpus beside it")
    p.add_argument("-o", "--out", type=pathlib.Path, required=True)
    u = sub.add_parser("unpack", help="packed offsets + shared corpus -> gold.yaml, corpus/, input lines")
    u.add_argument("packed", type=pathlib.Path)
    u.add_argument("--abp", type=pathlib.Path, required=True, help="shared/corpus/abp")
    u.add_argument("--out", type=pathlib.Path, required=True)
    u.add_argument("--split", choices=SPLITS + ("all",), default="all")
    args = ap.parse_args(argv)
    if args.cmd == "pack":
        doc = pack(args.raw_dir, args.ids_tsv, args.ids_tsv.parent)
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write("# Packed dev gold (eval/devgold.py): offsets into shared/corpus/abp texts, no text.\n")
            yaml.safe_dump(doc, fh, allow_unicode=True, sort_keys=False, width=1000)
        print(f"packed {len(doc['articles'])} articles into {args.out}", file=sys.stderr)
    else:
        n = unpack(args.packed, args.abp, args.out, args.split)
        print(f"unpacked {n} articles into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
