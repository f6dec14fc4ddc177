"""Build src/dyad/data/dates/id_anchors.csv: (domain, story number, known publication day) for the
outlets whose story numbers rise with time (url_dates.yaml `id_sequences`), from a metadata JSONL
with url and published.date (corpus/abp's abp.meta.jsonl). Articles named in the --exclude files
(IDS.tsv of dev gold: their abp_id column) are left out, so dev sets are never their own anchors.

    python3 scripts/id_anchors.py ABP_META --exclude IDS.tsv ... -o src/dyad/data/dates/id_anchors.csv
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import yaml

URL_DATES = Path(__file__).resolve().parent.parent / "src" / "dyad" / "data" / "dates" / "url_dates.yaml"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("meta", type=Path)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[])
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    excluded = set()
    for ids in args.exclude:
        with open(ids, encoding="utf-8") as fh:
            excluded |= {row["abp_id"] for row in csv.DictReader(fh, delimiter="\t")}
    rules = yaml.safe_load(URL_DATES.read_text(encoding="utf-8"))["id_sequences"]
    rows = set()
    with open(args.meta, encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            day = (item.get("published") or {}).get("date")
            if item["id"] in excluded or not day or len(day) != 10:
                continue
            for rule in rules:
                host = re.sub(r"^https?://(www\d?\.)?", "", item.get("url") or "").split("/")[0]
                if any(host == d or host.endswith("." + d) for d in rule["domains"]):
                    if m := re.search(rule["pattern"], item["url"], re.I):
                        rows.add((rule["domains"][0], int(m.group("seq")), day))
    with open(args.output, "w", encoding="utf-8", newline="") as out:
        out.write("# Story numbers with a known publication day (scripts/id_anchors.py; see SOURCES.md)\n")
        writer = csv.writer(out)
        writer.writerow(["domain", "number", "date"])
        writer.writerows(sorted(rows))
    print(f"{len(rows)} anchors ({len(excluded)} dev articles excluded)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
