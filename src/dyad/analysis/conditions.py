"""Conditional claims about a relationship (the `conditions` table the conditions stage fills), as a
pandas DataFrame."""
from __future__ import annotations

import json
from typing import Optional

import pandas as pd


def conditions(con, a: Optional[str] = None, b: Optional[str] = None) -> pd.DataFrame:
    """date, country_a, country_b, speaker, change, requires (list of condition texts), marker,
    outlet_name, article_id, sentence, start, end (evidence offsets into the article's input);
    between a and b in either order when given; newest first."""
    where, params = "", []
    if a and b:
        where = "WHERE (c.country_a = ? AND c.country_b = ?) OR (c.country_a = ? AND c.country_b = ?)"
        params = [a, b, b, a]
    frame = con.execute(f"""
        SELECT coalesce(c.date, a.published_date) AS date, c.country_a, c.country_b, c.speaker, c.change,
               c.requires, c.marker, a.outlet_name, a.id AS article_id, c.sentence, c."start", c."end"
        FROM conditions c JOIN articles a ON a.hash = c.article_hash {where}
        ORDER BY date DESC NULLS LAST, a.id, c.idx""", params).df()


    frame["requires"] = [[r["text"] for r in json.loads(x)] if isinstance(x, str) else [] for x in frame.requires]
    return frame
