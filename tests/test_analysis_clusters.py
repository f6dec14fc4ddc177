import pytest

from dyad.analysis import article_clusters, build_clusters, near_duplicates, stories
from dyad.analysis.clusters import has_clusters


@pytest.fixture
def store(analysis_store):
    return analysis_store


def test_wire_copy_is_one_near_duplicate_cluster(store):
    frame = near_duplicates(store.con)
    by_id = dict(store.con.execute("SELECT id, hash FROM articles").fetchall())
    cluster = dict(zip(frame.article_hash, frame.cluster))
    assert cluster[by_id["a1"]] == cluster[by_id["a2"]]
    assert len({cluster[by_id[i]] for i in ("a1", "a3", "a4", "a5")}) == 4


def test_same_event_across_outlets_is_one_story(store):
    counts = build_clusters(store.con)
    assert counts["duplicate_groups"] == 1 and counts["duplicate_articles"] == 1
    # a1, a2 (copies) and a3 (own words, two days later) report one sanction; a4 is another one
    assert counts["events"] == 7 and counts["stories"] == 5 and counts["multi_report_stories"] == 1
    assert has_clusters(store.con)
    s = stories(store.con, "JPN", "RUS", min_reports=2)
    assert sorted(s.article_id) == ["a1", "a2", "a3"]
    assert set(s.reports) == {3} and set(s.outlets) == {3}
    groups = article_clusters(store.con)
    assert sorted(groups.id) == ["a1", "a2"] and set(groups["size"]) == {2}


def test_reports_too_far_apart_are_two_stories(store):
    counts = build_clusters(store.con, window_days=1)  # a3 is two days after a1
    assert counts["stories"] == 6


def test_two_events_of_one_kind_in_one_article_stay_two_stories():
    from analysis_store import article, event
    from dyad.store import Store

    with Store() as s:
        article(s, "t1", "Two measures.", "AP", "private", "2023-05-02", [
            event("SANCTION", "USA", "IRN", "2023-05-02", "Washington froze the assets of an Iranian shipping line.", -4.0),
            event("SANCTION", "USA", "IRN", "2023-05-02", "Separately, the Treasury banned exports of drone engines to Tehran.", -4.0)])
        assert build_clusters(s.con)["stories"] == 2
