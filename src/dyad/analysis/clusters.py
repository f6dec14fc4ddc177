"""Story clusters: near-duplicate articles, and reports of the same event across articles.

Two derived tables, rebuilt from `articles` and `events` by `build_clusters(con)` (`dyad clusters
--build`); nothing else writes them:

- `article_clusters` (article_hash, cluster, size, similarity): articles whose bodies are near
  duplicates (wire copies, re-posts, updated versions). MinHash over word 5-shingles of the body,
  candidate pairs from LSH (datasketch), kept when the estimated Jaccard similarity is at least
  `threshold` (THRESHOLD, 0.5); clusters are the connected components. `cluster` is the first 16 hex digits of the
  smallest member hash; `similarity` the highest estimated Jaccard to another member (1.0 alone).
- `event_clusters` (article_hash, idx, story, reports, outlets): events that report the same event.
  Two events are one story when they have the same source and target country and PLOVER type, their
  dates (placed as EVENT_DAY says) lie within `window_days` of the story's first report, and
  their evidence sentences share at least `min_evidence` of their content words (Jaccard) with one
  of the story's reports (a wire copy repeats the sentence: 1.0). Being in one article, or in copies of
  one article, is not enough: an article often tells of two sanctions, or two rounds of talks. `story` is "<hash16>:<idx>" of its first report.

An event told by ten outlets is one story with ten reports: the timeline counts stories.
All functions return pandas DataFrames.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

import pandas as pd

SHINGLE = 5
# On the 2,581 abp articles (word 5-shingles of the raw text), the pairs at 0.5 or more were one wire
# story re-posted or updated (2 pairs); those between 0.3 and 0.45 were different stories on one topic.
THRESHOLD = 0.5
WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to show that two evidence sentences tell the same thing.
SHORT_WORD = 3

# The day an event is placed on: its own date unless that is a year only (stored as 1 January, it
# would pile up there); else the article's publication date, unless that is a year only too or falls in
# another year than the event's.
EVENT_DAY = """CASE WHEN e.date IS NOT NULL AND coalesce(e.date_precision, 'day') <> 'year' THEN e.date
                    WHEN coalesce(a.published_precision, 'day') <> 'year'
                         AND (e.date IS NULL OR year(a.published_date) = year(e.date)) THEN a.published_date
               END"""

ARTICLE_CLUSTERS_DDL = """CREATE OR REPLACE TABLE article_clusters (
    article_hash VARCHAR PRIMARY KEY, cluster VARCHAR, size INTEGER, similarity DOUBLE)"""
EVENT_CLUSTERS_DDL = """CREATE OR REPLACE TABLE event_clusters (
    article_hash VARCHAR, idx INTEGER, story VARCHAR, reports INTEGER, outlets INTEGER,
    PRIMARY KEY (article_hash, idx))"""


def _shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_duplicates(con, threshold: float = THRESHOLD, num_perm: int = 128) -> pd.DataFrame:
    """Near-duplicate article groups (not stored). Columns: article_hash, cluster, size, similarity.
    Every article without error and with a body is listed; a lone article is its own cluster."""
    from datasketch import MinHash, MinHashLSH

    rows = con.execute("SELECT hash, body FROM articles WHERE error IS NULL AND body IS NOT NULL "
                       "AND length(body) > 0 ORDER BY hash").fetchall()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches: dict[str, MinHash] = {}
    for h, body in rows:
        m = MinHash(num_perm=num_perm, seed=1)
        m.update_batch(list(_shingles(body)))
        sketches[h] = m
        lsh.insert(h, m)
    uf = _UnionFind()
    best: dict[str, float] = defaultdict(float)
    for h, m in sketches.items():
        uf.find(h)
        for other in lsh.query(m):
            if other == h:
                continue
            sim = m.jaccard(sketches[other])
            if sim >= threshold:
                uf.union(h, other)
                best[h] = max(best[h], sim)
    members: dict[str, list[str]] = defaultdict(list)
    for h in sketches:
        members[uf.find(h)].append(h)
    out = [(h, root[:16], len(group), best[h] if len(group) > 1 else 1.0)
           for root, group in members.items() for h in group]
    return pd.DataFrame(out, columns=["article_hash", "cluster", "size", "similarity"])


def _words(sentence: Optional[str]) -> frozenset[str]:
    return frozenset(w for w in WORD.findall((sentence or "").lower()) if len(w) > SHORT_WORD)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class _Story:
    id: str
    date: object  # the first report's date (datetime.date) or None
    words: list[frozenset]


def same_event_clusters(con, window_days: int = 3, min_evidence: float = 0.25) -> pd.DataFrame:
    """Stories over the stored events (not stored). Columns: article_hash, idx, story, reports, outlets."""
    rows = con.execute(f"""
        SELECT e.article_hash, e.idx, e.source_country, e.target_country, e.type,
               {EVENT_DAY} AS day, e.sentence, coalesce(a.outlet_name, a.hash)
        FROM events e JOIN articles a ON a.hash = e.article_hash
        ORDER BY e.source_country, e.target_country, e.type, day NULLS LAST, e.article_hash, e.idx""").fetchall()
    story_of: dict[tuple[str, int], str] = {}
    groups: dict[tuple, list[_Story]] = defaultdict(list)
    outlet_of: dict[tuple[str, int], str] = {}
    for h, idx, src, tgt, typ, day, sentence, outlet in rows:
        key = (h, idx)
        outlet_of[key] = outlet
        words = _words(sentence)
        chosen = None
        if src and tgt and day is not None:
            best = 0.0
            for story in groups[(src, tgt, typ)]:
                if story.date is None or abs((day - story.date).days) > window_days:
                    continue
                sim = max(_jaccard(words, w) for w in story.words)
                if sim >= min_evidence and sim > best:
                    chosen, best = story, sim
        if chosen is None:
            chosen = _Story(f"{h[:16]}:{idx}", day, [])
            if src and tgt:
                groups[(src, tgt, typ)].append(chosen)
        chosen.words.append(words)
        story_of[key] = chosen.id
    frame = pd.DataFrame([(h, i, s) for (h, i), s in story_of.items()], columns=["article_hash", "idx", "story"])
    frame["outlet"] = [outlet_of[(h, i)] for h, i in zip(frame.article_hash, frame.idx)]
    frame["reports"] = frame.groupby("story")["idx"].transform("size").astype("int64")
    frame["outlets"] = frame.groupby("story")["outlet"].transform("nunique").astype("int64")
    return frame.drop(columns="outlet")


def build_clusters(con, threshold: float = THRESHOLD, window_days: int = 3, min_evidence: float = 0.25,
                   num_perm: int = 128) -> dict[str, int]:
    """Rebuild `article_clusters` and `event_clusters` (one transaction). Returns counts:
    articles, duplicate_groups (clusters of 2+ articles), duplicate_articles (articles in them
    beyond the first of each: the copies), stories, multi_report_stories, events."""
    articles = near_duplicates(con, threshold, num_perm)
    events = same_event_clusters(con, window_days, min_evidence)
    con.execute("BEGIN TRANSACTION")
    try:
        for ddl, name, frame in ((ARTICLE_CLUSTERS_DDL, "article_clusters", articles),
                                 (EVENT_CLUSTERS_DDL, "event_clusters", events)):
            con.execute(ddl)
            con.register("_dyad_frame", frame)
            con.execute(f"INSERT INTO {name} SELECT * FROM _dyad_frame")
            con.unregister("_dyad_frame")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    groups = articles[articles["size"] > 1]
    return {"articles": len(articles), "duplicate_groups": int(groups.cluster.nunique()),
            "duplicate_articles": int(len(groups) - groups.cluster.nunique()),
            "stories": int(events.story.nunique()) if len(events) else 0,
            "multi_report_stories": int(events[events.reports > 1].story.nunique()) if len(events) else 0,
            "events": len(events)}


def has_clusters(con) -> bool:
    """Whether `event_clusters` exists and covers every stored event."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_clusters'"
                         ).fetchall()[0][0]
    if not exists:
        return False
    n_events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    n_clustered = con.execute("SELECT count(*) FROM event_clusters").fetchall()[0][0]
    return n_events == n_clustered


def article_clusters(con, min_size: int = 2) -> pd.DataFrame:
    """Near-duplicate groups with their members: cluster, size, article_hash, id, outlet_name,
    outlet_affiliation, published_date, title, similarity; largest groups first."""
    return con.execute("""
        SELECT c.cluster, c.size, c.article_hash, a.id, a.outlet_name, a.outlet_affiliation,
               a.published_date, a.title, c.similarity
        FROM article_clusters c JOIN articles a ON a.hash = c.article_hash
        WHERE c.size >= ? ORDER BY c.size DESC, c.cluster, a.published_date, a.id""", [min_size]).df()


def stories(con, a: Optional[str] = None, b: Optional[str] = None, min_reports: int = 1) -> pd.DataFrame:
    """Stories with every report attached: story, reports, outlets, date, type, source_country,
    target_country, intensity, outlet_name, outlet_affiliation, article_id, sentence (one row per
    report); between countries a and b (either direction) when given."""
    where, params = "ec.reports >= ?", [min_reports]
    if a and b:
        where += (" AND ((e.source_country = ? AND e.target_country = ?) OR "
                  "(e.source_country = ? AND e.target_country = ?))")
        params += [a, b, b, a]
    return con.execute(f"""
        SELECT ec.story, ec.reports, ec.outlets, {EVENT_DAY} AS date, e.type,
               e.source_country, e.target_country, e.intensity, a.outlet_name, a.outlet_affiliation,
               a.id AS article_id, e.sentence
        FROM event_clusters ec JOIN events e ON e.article_hash = ec.article_hash AND e.idx = ec.idx
        JOIN articles a ON a.hash = e.article_hash
        WHERE {where} ORDER BY ec.reports DESC, ec.story, date, a.outlet_name""", params).df()
