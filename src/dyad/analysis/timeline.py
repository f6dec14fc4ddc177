"""A dyad's timeline and relations index, per day, week or month, as a pandas DataFrame.

Each **story** (see clusters.py: one event however many outlets report it) counts once. A story's
value is the mean Goldstein intensity of its reports (an event without intensity takes its type's
value from data/quad_classes.yaml), its date is its first report's date (`clusters.EVENT_DAY`: the
event's date, else the article's publication date; a year-only date counts only through its
article's date; undated stories are left out).

**Relations index with an uncertainty band: Bayesian shrinkage (normal-normal).** In a period with
n stories of mean value x, the index is the posterior mean (k*mu + n*x) / (k + n), where mu is the
dyad's mean story value over the whole timeline (empirical prior) and k = `prior_strength`
pseudo-stories; the band is the posterior mean +- z * sigma / sqrt(k + n) (z for `level`, default 90 %),
sigma the standard deviation of story values over the timeline (5 Goldstein points when fewer than
3 stories). A period with no stories sits at the prior with the widest band; many stories narrow it.

**Change-points**: binary segmentation (changepoints.py) of the index over the periods that have
stories (an empty period only repeats the prior); `change_point` marks the first period of a new
level, `change` the mean index of the new level (to the next change-point) minus the previous one.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist
from typing import Optional

import numpy as np
import pandas as pd
import yaml

from ..model import PLOVER_TYPES
from .changepoints import change_points
from .clusters import EVENT_DAY, has_clusters

DATA = Path(__file__).parent / "data"
PERIODS = {"day": "D", "week": "W-MON", "month": "MS"}  # pandas frequencies of period starts (weeks start Monday)
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
DEFAULT_SIGMA = 5.0
PRIOR_STRENGTH = 3.0
LEVEL = 0.9


@lru_cache(maxsize=1)
def type_table() -> dict[str, dict]:
    """PLOVER type -> {"quad": quad class, "goldstein": value used when an event has no intensity}."""
    return yaml.safe_load((DATA / "quad_classes.yaml").read_text(encoding="utf-8"))


def _story_sql(clustered: bool) -> str:
    """One row per story between the pair (direction filter added by the caller)."""
    story = "ec.story" if clustered else "e.article_hash || ':' || e.idx"
    join = "JOIN event_clusters ec ON ec.article_hash = e.article_hash AND ec.idx = e.idx" if clustered else ""
    return f"""
        SELECT {story} AS story, any_value(e.type) AS type, any_value(e.source_country) AS source_country,
               any_value(e.target_country) AS target_country, min({EVENT_DAY}) AS date,
               avg(coalesce(e.intensity, t.goldstein)) AS value, count(*) AS reports
        FROM events e JOIN articles a ON a.hash = e.article_hash {join}
        LEFT JOIN _dyad_types t ON t.type = e.type
        WHERE ((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))
        GROUP BY ALL"""


def story_values(con, a: str, b: str, directed: bool = False) -> pd.DataFrame:
    """The stories between a and b (a -> b only when `directed`): story, type, source_country,
    target_country, date, value (mean Goldstein of its reports), reports. Uses `event_clusters` when
    it covers every event, else counts each event as its own story."""
    types = pd.DataFrame([(k, v["goldstein"]) for k, v in type_table().items()], columns=["type", "goldstein"])
    con.register("_dyad_types", types)
    try:
        frame = con.execute(_story_sql(has_clusters(con)), [a, b, b, a]).df()
    finally:
        con.unregister("_dyad_types")
    if directed:
        frame = frame[(frame.source_country == a) & (frame.target_country == b)]
    return frame.reset_index(drop=True)


def period_start(dates: pd.Series, by: str) -> pd.Series:
    """The first day of each date's day, week (Monday) or month."""
    days = pd.to_datetime(dates).dt.normalize()
    if by == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if by == "month":
        return days - pd.to_timedelta(days.dt.day - 1, unit="D")
    return days


def timeline(con, a: str, b: str, by: str = "month", directed: bool = False,
             start: Optional[dt.date] = None, end: Optional[dt.date] = None,
             prior_strength: float = PRIOR_STRENGTH, level: float = LEVEL) -> pd.DataFrame:
    """Per period between countries a and b (ISO3 codes; `analysis.parse_dyad` reads names):

    period (Timestamp, first day), stories, reports, one column per PLOVER type (stories), the four
    quad classes (stories), goldstein_sum, goldstein_mean (over stories; NaN when none), index,
    index_low, index_high, change_point (bool), change (index level after minus before, at a
    change-point). Every period from the first story to the last is a row (empty ones too)."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    columns = (["period", "stories", "reports", *PLOVER_TYPES, *QUADS, "goldstein_sum", "goldstein_mean",
                "index", "index_low", "index_high", "change_point", "change"])
    s = story_values(con, a, b, directed)
    s = s[s.date.notna()]
    if start:
        s = s[pd.to_datetime(s.date) >= pd.Timestamp(start)]
    if end:
        s = s[pd.to_datetime(s.date) <= pd.Timestamp(end)]
    if s.empty:
        return pd.DataFrame(columns=columns)
    s = s.assign(period=period_start(s.date, by),
                 quad=s.type.map(lambda t: type_table().get(t, {}).get("quad")))
    periods = pd.date_range(s.period.min(), s.period.max(), freq=PERIODS[by])
    out = pd.DataFrame({"period": periods})
    grouped = s.groupby("period")
    out["stories"] = out.period.map(grouped.size()).fillna(0).astype(int)
    out["reports"] = out.period.map(grouped.reports.sum()).fillna(0).astype(int)
    for name, key in [(t, "type") for t in PLOVER_TYPES] + [(q, "quad") for q in QUADS]:
        out[name] = out.period.map(s[s[key] == name].groupby("period").size()).fillna(0).astype(int)
    out["goldstein_sum"] = out.period.map(grouped.value.sum()).fillna(0.0)
    out["goldstein_mean"] = out.period.map(grouped.value.mean())
    mu = float(s.value.mean())
    sigma = float(s.value.std(ddof=1)) if len(s) >= 3 else DEFAULT_SIGMA
    sigma = sigma if sigma > 0 else DEFAULT_SIGMA
    n = out.stories.to_numpy(dtype=float)
    index = (prior_strength * mu + out.goldstein_sum.to_numpy()) / (prior_strength + n)
    half = NormalDist().inv_cdf(0.5 + level / 2) * sigma / np.sqrt(prior_strength + n)
    out["index"], out["index_low"], out["index_high"] = index, index - half, index + half
    # Change-points over the periods with stories: an empty period only repeats the prior.
    rows = np.flatnonzero(n > 0)
    observed = index[rows]
    cps = change_points(observed)
    out["change_point"] = False
    out["change"] = np.nan
    bounds = [0, *cps, len(observed)]
    for i, cp in enumerate(cps):
        out.loc[rows[cp], "change_point"] = True
        out.loc[rows[cp], "change"] = observed[cp:bounds[i + 2]].mean() - observed[bounds[i]:cp].mean()
    return out[columns]
