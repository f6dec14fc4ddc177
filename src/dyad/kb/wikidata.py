"""Import office-holders from a Wikidata JSON export into the people/terms CSV format of kb/offices.py.

Input: a Wikidata entity export — the `{"entities": {...}}` object of Special:EntityData, a JSON
array of entities, or the dump format (one entity per line, lines ending in ","); `.gz`/`.bz2` ok.
Each person's P39 "position held" claims with P580 start / P582 end qualifiers become terms; P27
(citizenship) gives the country, P569/P570 birth/death. A position is mapped to an office key by
`kb/data/wikidata_positions.csv` (QID -> office), else by its English label when the export also
holds the position's entity ("Prime Minister of Japan" -> head_of_government, JPN), through
`OfficeHolders.match_role`. Unmapped positions are counted and skipped, never guessed.

    rows = import_wikidata("export.json", out_dir="kb-extra/")   # writes people.csv, terms.csv

The CLI exposes it as `dyad kb import-wikidata FILE`; `OfficeHolders.load(extra=...)` merges such a
directory when it is named in `Settings.offices_extra` (environment variable DYAD_OFFICES_EXTRA).
"""
from __future__ import annotations

import bz2
import csv
import gzip
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .offices import OfficeHolders, _read_csv

PEOPLE_FIELDS = ["kb_id", "name", "country", "born", "died", "aliases"]
TERM_FIELDS = ["kb_id", "office", "country", "target", "start", "end", "role", "note"]


@dataclass
class ImportReport:
    people: list = field(default_factory=list)  # rows for people.csv
    terms: list = field(default_factory=list)  # rows for terms.csv
    skipped_positions: dict = field(default_factory=dict)  # QID -> count of unmapped claims
    errors: list = field(default_factory=list)  # "Q123: why"

    def summary(self) -> str:
        return (f"{len(self.people)} people, {len(self.terms)} terms; "
                f"{sum(self.skipped_positions.values())} claims on {len(self.skipped_positions)} unmapped "
                f"positions; {len(self.errors)} errors")


def _open(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_entities(path: str | Path) -> Iterator[dict]:
    """Entities from any of the three export shapes."""
    path = Path(path)
    with _open(path) as fh:
        text = fh.read().lstrip()
    if not text.strip():
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict):
        ents = data.get("entities", data if "id" in data else {})
        yield from (ents.values() if isinstance(ents, dict) else [ents])
        return
    if isinstance(data, list):
        yield from (e for e in data if isinstance(e, dict))
        return
    for n, line in enumerate(text.splitlines(), 1):  # dump format
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {n} is not JSON: {exc}") from exc


def _label(entity: dict, lang: str = "en") -> Optional[str]:
    value = (entity.get("labels") or {}).get(lang)
    return value.get("value") if isinstance(value, dict) else None


def _aliases(entity: dict, lang: str = "en") -> list[str]:
    return [a.get("value") for a in (entity.get("aliases") or {}).get(lang, []) if a.get("value")]


def _item(snak: dict) -> Optional[str]:
    if not snak or snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    if isinstance(value, dict):
        return value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
    return None


def wd_date(snak: dict) -> Optional[date]:
    """A Wikidata time value as a date: day precision as is, month/year as their first day."""
    if not snak or snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value") or {}
    time = value.get("time")
    if not time or time.startswith("-"):
        return None
    y, m, d = time.lstrip("+").split("T")[0].split("-")
    precision = value.get("precision", 11)
    year, month, day = int(y), int(m) or 1, int(d) or 1
    if precision <= 9:
        month, day = 1, 1
    elif precision == 10:
        day = 1
    return date(year, month, day)


def _claims(entity: dict, prop: str) -> list[dict]:
    return [c for c in (entity.get("claims") or {}).get(prop, []) if c.get("rank") != "deprecated"]


def convert(entities: Iterable[dict], offices: Optional[OfficeHolders] = None) -> ImportReport:
    """People with mapped P39 claims -> rows in our CSV format.

    A person the KB already knows (same name) keeps its kb_id, and only terms it lacks are added.
    """
    offices = offices or OfficeHolders.load()
    positions = {r["qid"]: r for r in _read_csv("wikidata_positions.csv")[0]}
    countries = {r["qid"]: r["iso3"] for r in _read_csv("wikidata_countries.csv")[0]}
    entities = list(entities)
    by_id = {e.get("id"): e for e in entities if isinstance(e, dict)}
    report = ImportReport()

    def position(qid: str) -> Optional[dict]:
        if qid in positions:
            return positions[qid]
        ent = by_id.get(qid)
        label = _label(ent) if ent else None
        if not label:
            return None
        match = offices.match_role(label)
        if match is None:
            return None
        country = match.country
        if country is None:  # the position's own country (P17) or jurisdiction (P1001)
            for prop in ("P17", "P1001"):
                country = next((countries.get(_item(c.get("mainsnak"))) for c in _claims(ent, prop)), None)
                if country:
                    break
        if country is None:
            return None
        return {"qid": qid, "office": match.office, "country": country, "target": match.target or "", "role": label}

    for ent in entities:
        qid = ent.get("id", "?")
        p39 = _claims(ent, "P39")
        if not p39 or ent.get("type", "item") != "item":
            continue
        name = _label(ent)
        if not name:
            report.errors.append(f"{qid}: no English label")
            continue
        terms = []
        for claim in p39:
            pos_id = _item(claim.get("mainsnak"))
            pos = position(pos_id) if pos_id else None
            if pos is None:
                report.skipped_positions[pos_id or "?"] = report.skipped_positions.get(pos_id or "?", 0) + 1
                continue
            quals = claim.get("qualifiers") or {}
            start = next(filter(None, map(wd_date, quals.get("P580", []))), None)
            end = next(filter(None, map(wd_date, quals.get("P582", []))), None)
            if start is None:
                report.errors.append(f"{qid}: {pos_id} without a start date")
                continue
            terms.append({"office": pos["office"], "country": pos["country"], "target": pos.get("target") or "",
                          "start": start.isoformat(), "end": end.isoformat() if end else "",
                          "role": pos.get("role") or "", "note": f"wikidata {qid} {pos_id}"})
        if not terms:
            continue
        known = [p for p in offices.find_person(name) if p.name.lower() == name.lower()
                 or name.lower() in (a.lower() for a in p.aliases)]
        kb_id = known[0].kb_id if len(known) == 1 else f"wd:{qid}"
        have = {(t.office, t.country, t.start.isoformat()) for t in (known[0].terms if len(known) == 1 else ())}
        new_terms = [dict(t, kb_id=kb_id) for t in terms if (t["office"], t["country"], t["start"]) not in have]
        if len(known) != 1:
            citizenship = next(filter(None, (countries.get(_item(c.get("mainsnak"))) for c in _claims(ent, "P27"))),
                               None)
            born = next((wd_date(c.get("mainsnak")) for c in _claims(ent, "P569")), None)
            died = next((wd_date(c.get("mainsnak")) for c in _claims(ent, "P570")), None)
            report.people.append({"kb_id": kb_id, "name": name, "country": citizenship or terms[0]["country"],
                                  "born": born.isoformat() if born else "", "died": died.isoformat() if died else "",
                                  "aliases": ";".join(a for a in _aliases(ent) if ";" not in a)})
        report.terms.extend(new_terms)
    return report


def write_rows(report: ImportReport, out_dir: str | Path) -> tuple[Path, Path]:
    """Write people.csv and terms.csv (our format) into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    people_path, terms_path = out / "people.csv", out / "terms.csv"
    with open(people_path, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Imported from a Wikidata export by dyad.kb.wikidata (CC0 data).\n")
        w = csv.DictWriter(fh, fieldnames=PEOPLE_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(report.people)
    with open(terms_path, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Imported from a Wikidata export by dyad.kb.wikidata (CC0 data).\n")
        fh.write(f"# as_of: {date.today().isoformat()}\n")
        w = csv.DictWriter(fh, fieldnames=TERM_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(report.terms)
    return people_path, terms_path


def import_wikidata(path: str | Path, out_dir: str | Path, offices: Optional[OfficeHolders] = None) -> ImportReport:
    """Read a Wikidata export and write people.csv/terms.csv into out_dir; returns the report."""
    report = convert(read_entities(path), offices=offices)
    write_rows(report, out_dir)
    return report
