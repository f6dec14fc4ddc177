"""Relations analysis over a dyad DuckDB store: plain functions taking a DuckDB connection
(`Store(...).con` or `duckdb.connect(path)`) and returning **pandas** DataFrames.

- `parse_dyad("Japan-Russia")` -> ("JPN", "RUS"): codes or names, via the knowledge base.
- `build_clusters(con)`: rebuild the derived tables `article_clusters` and `event_clusters`;
  `article_clusters(con)`, `stories(con, a, b)` read them (clusters.py).
- `timeline(con, a, b, by="month", directed=False)`: counts by PLOVER type and quad class, Goldstein
  sum/mean, relations index with its band, change-points (timeline.py).
- `framing_by_outlet(con)`, `tone_toward(con, country)`: loaded-language rates and tone per outlet
  beside its state affiliation (framing.py).
- `conditions(con, a, b)`: conditional claims about a relationship (conditions.py).
- `alerts(con, a, b)`, `atom_feed(frame, ...)`: change-points and first-of-a-kind events (alerts.py).
"""
from .alerts import alerts, atom_feed, first_of_a_kind
from .changepoints import change_points
from .conditions import conditions
from .framing import framing_by_outlet, tone_toward
from .clusters import article_clusters, build_clusters, near_duplicates, same_event_clusters, stories
from .dyads import DyadError, parse_dyad
from .timeline import story_values, timeline

__all__ = ["conditions", "framing_by_outlet", "tone_toward", "alerts", "atom_feed", "first_of_a_kind", "change_points", "article_clusters", "build_clusters",
           "near_duplicates", "same_event_clusters", "stories", "DyadError", "parse_dyad", "story_values",
           "timeline"]
