"""Make a DuckDB file of synthetic events (and their articles) in dyad's schema, for query benchmarks.

Countries follow a skewed (Zipf-like) distribution, as news does: a few dyads hold most events.
Types, Goldstein intensities, modalities and dates (ten years, ~10 % undated events that fall back on
the article date) are drawn deterministically from the row number, so the same N gives the same data.

    .venv/bin/python bench/make_events.py --events 10000000 --db out/bench/events10m.duckdb
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from dyad.model import MODALITIES, PLOVER_TYPES
from dyad.queries import refresh_summaries
from dyad.store import Store

# 60 country codes, most reported first (the order sets the skew, nothing else).
COUNTRIES = ("USA CHN RUS UKR ISR IRN GBR FRA DEU JPN IND PAK TUR SAU KOR PRK SYR IRQ AFG EGY QAT ARE BRA "
             "MEX CAN AUS ITA ESP POL NGA ZAF KEN ETH SDN LBN JOR YEM LBY VEN COL ARG CHL IDN PHL VNM THA MYS "
             "BGD LKA NPL MMR KAZ UZB AZE ARM GEO BLR SRB HUN GRC").split()
# A Goldstein-like intensity per PLOVER type (cooperative positive, conflictual negative).
INTENSITY = {"AGREE": 3.0, "CONSULT": 1.0, "SUPPORT": 3.5, "CONCEDE": 4.0, "COOPERATE": 4.5, "AID": 6.0,
             "RETREAT": 2.0, "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0,
             "PROTEST": -3.0, "SANCTION": -5.0, "MOBILIZE": -6.5, "COERCE": -7.0, "ASSAULT": -9.0}
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "TASS", "Xinhua", "Al Jazeera", "NHK", "Kyodo", "RIA Novosti",
           "The Guardian", "Le Monde", "Deutsche Welle", "Yonhap", "Anadolu", "IRNA", "Dawn", "The Hindu")
EVENTS_PER_ARTICLE = 5


def sql_list(values) -> str:
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


def make(db: Path, n_events: int) -> None:
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    db.parent.mkdir(parents=True, exist_ok=True)
    if db.exists():
        db.unlink()
    with Store(db) as store:
        con = store.con
        t0 = time.perf_counter()
        # u(i, salt): a uniform number in [0, 1) from the row number.
        con.execute("CREATE MACRO u(i, salt) AS (hash(i, salt) % 1000003) / 1000003.0")
        con.execute(f"""INSERT INTO articles (hash, id, source, body, title, outlet_name, published_date,
                                              published_precision, published_method, language, ingested_at, record)
            SELECT md5(i::VARCHAR), 'syn-' || i, 'synthetic', NULL, 'Synthetic article ' || i,
                   {sql_list(OUTLETS)}[1 + floor(u(i, 'outlet') * {len(OUTLETS)})::INT],
                   DATE '2015-01-01' + floor(u(i, 'day') * 3652)::INT, 'day', 'synthetic', 'en',
                   TIMESTAMP '2026-01-01', '{{}}'
            FROM range({n_articles}) t(i)""")
        t1 = time.perf_counter()
        print(f"articles: {n_articles:,} in {t1 - t0:.1f}s")
        countries, types = sql_list(COUNTRIES), sql_list(PLOVER_TYPES)
        intensity = "MAP {" + ", ".join(f"'{k}': {v}" for k, v in INTENSITY.items()) + "}"
        k = len(COUNTRIES)
        con.execute(f"""INSERT INTO events (article_hash, idx, type, mode, cameo, intensity, source_text,
                                            source_country, source_sector, target_text, target_country,
                                            target_sector, modality, date, date_precision, sentence,
                                            "start", "end", quote, coder)
            WITH e AS (
                SELECT i, i // {EVENTS_PER_ARTICLE} AS art, i % {EVENTS_PER_ARTICLE} AS idx,
                       {countries}[1 + floor(pow(u(i, 'src'), 2.5) * {k})::INT] AS src,
                       {countries}[1 + floor(pow(u(i, 'tgt'), 2.5) * {k})::INT] AS tgt,
                       {types}[1 + floor(u(i, 'type') * 16)::INT] AS typ
                FROM range({n_articles * EVENTS_PER_ARTICLE}) t(i))
            SELECT md5(art::VARCHAR), idx, typ, NULL, NULL, {intensity}[typ],
                   src, src, 'GOV', tgt, CASE WHEN tgt = src THEN NULL ELSE tgt END, 'GOV',
                   {sql_list(MODALITIES)}[1 + floor(pow(u(i, 'mod'), 3) * {len(MODALITIES)})::INT],
                   CASE WHEN u(i, 'undated') < 0.1 THEN NULL
                        ELSE DATE '2015-01-01' + floor(u(art, 'day') * 3652)::INT - floor(u(i, 'lag') * 7)::INT END,
                   'day', 'Synthetic sentence for event ' || i, 0, 40, NULL, 'synthetic'
            FROM e""")
        t2 = time.perf_counter()
        print(f"events: {n_articles * EVENTS_PER_ARTICLE:,} in {t2 - t1:.1f}s")
        refresh_summaries(con)
        print(f"summaries refreshed in {time.perf_counter() - t2:.1f}s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--db", type=Path, default=Path("out/bench/events.duckdb"))
    args = ap.parse_args()
    make(args.db, args.events)


if __name__ == "__main__":
    main()
