"""Framing per outlet, beside each outlet's state affiliation (pandas DataFrames), from the records'
`framing` field (framing stage): loaded-language spans per 1,000 words by technique, and mean tone
toward a country."""
from __future__ import annotations

from typing import Optional

import pandas as pd


def framing_by_outlet(con, cluster: Optional[str] = None) -> pd.DataFrame:
    """Per outlet: outlet_name, outlet_affiliation, outlet_country, articles, words, spans,
    spans_per_1000_words, then one column per technique (spans per 1,000 words). Only the articles
    of one near-duplicate `cluster` (clusters.py) when given, to compare how outlets tell one story."""
    where, params = "a.error IS NULL", []
    if cluster:
        where += " AND a.hash IN (SELECT article_hash FROM article_clusters WHERE cluster = ?)"
        params.append(cluster)
    articles = con.execute(f"""
        SELECT a.hash, coalesce(a.outlet_name, '(unknown)') AS outlet_name, a.outlet_affiliation,
               a.outlet_country, length(regexp_split_to_array(trim(a.body), '\\s+')) AS words
        FROM articles a WHERE {where}""", params).df()
    spans = con.execute(f"""
        SELECT a.hash, json_extract_string(s.value, '$.technique') AS technique
        FROM articles a, json_each(json_extract(a.record, '$.framing.loaded_language')) s
        WHERE {where}""", params).df()
    per = articles.groupby(["outlet_name", "outlet_affiliation", "outlet_country"], dropna=False).agg(
        articles=("hash", "size"), words=("words", "sum")).reset_index()
    outlet_of = articles.set_index("hash").outlet_name
    spans["outlet_name"] = spans["hash"].map(outlet_of)
    counts = spans.groupby(["outlet_name", "technique"]).size().unstack(fill_value=0) if len(spans) else pd.DataFrame()
    per["spans"] = per.outlet_name.map(counts.sum(axis=1) if len(counts) else {}).fillna(0).astype(int)
    per["spans_per_1000_words"] = (1000 * per.spans / per.words.clip(lower=1)).round(2)
    for technique in counts.columns:
        per[technique] = (1000 * per.outlet_name.map(counts[technique]).fillna(0) / per.words.clip(lower=1)).round(2)
    return per.sort_values(["spans_per_1000_words", "outlet_name"], ascending=[False, True], ignore_index=True)


def tone_toward(con, country: str) -> pd.DataFrame:
    """Per outlet: outlet_name, outlet_affiliation, articles (naming `country`), tone (mean of the
    articles' `framing.tone[country]`, -1..+1), lowest, highest."""
    return con.execute("""
        SELECT coalesce(outlet_name, '(unknown)') AS outlet_name, outlet_affiliation, count(*) AS articles,
               round(avg(t), 3) AS tone, min(t) AS lowest, max(t) AS highest
        FROM (SELECT outlet_name, outlet_affiliation,
                     CAST(json_extract(record, '$.framing.tone.' || ?) AS DOUBLE) AS t FROM articles
              WHERE error IS NULL)
        WHERE t IS NOT NULL GROUP BY ALL ORDER BY tone, outlet_name""", [country]).df()
