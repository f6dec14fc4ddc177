"""Contract input lines (JSONL on stdout) for the dev sets kept in ../shared, so the quality gate and
eval/dev.sh build them one way.

    python3 eval/inputs.py seeds SHARED          # the five seed files, text only
    python3 eval/inputs.py abp_dev SHARED [--no-url]
    python3 eval/inputs.py abp SHARED            # all of corpus/abp with the url from abp.meta.jsonl
"""
from __future__ import annotations

import argparse
import csv
import json
import pathlib
import sys


def seeds(shared: pathlib.Path, url: bool):
    for p in sorted((shared / "corpus/seeds").glob("*.txt")):
        yield {"id": p.name, "text": p.read_text(encoding="utf-8")}


def abp_dev(shared: pathlib.Path, url: bool):
    d = shared / "corpus/abp_dev"
    urls = {r["file"]: r["url"] for r in csv.DictReader(open(d / "IDS.tsv", encoding="utf-8"), delimiter="\t")}
    for p in sorted(d.glob("a*.txt")):
        line = {"id": p.name, "text": p.read_text(encoding="utf-8")}
        if url:
            line["url"] = urls.get(p.name)
        yield line


def abp(shared: pathlib.Path, url: bool):
    d = shared / "corpus/abp"
    urls = {m["id"]: m["url"] for m in map(json.loads, open(d / "abp.meta.jsonl", encoding="utf-8"))}
    for line in map(json.loads, open(d / "abp.input.jsonl", encoding="utf-8")):
        if url:
            line["url"] = urls[line["id"]]
        yield line


SETS = {"seeds": seeds, "abp_dev": abp_dev, "abp": abp}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("shared", type=pathlib.Path)
    ap.add_argument("--no-url", action="store_true", help="leave the url out (text-only runs)")
    args = ap.parse_args(argv)
    for line in SETS[args.set](args.shared, not args.no_url):
        sys.stdout.write(json.dumps(line) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
