import math
from statistics import NormalDist

import pandas as pd
import pytest

from analysis_store import build
from dyad.analysis import build_clusters, change_points, timeline
from dyad.store import Store


@pytest.fixture
def store():
    with Store() as s:
        build(s)
        build_clusters(s.con)
        yield s


def test_story_counted_once_and_index_by_shrinkage(store):
    t = timeline(store.con, "JPN", "RUS", by="month")
    assert list(t.period.dt.strftime("%Y-%m")) == [f"2023-{m:02d}" for m in range(3, 13)] + ["2024-01"]
    march = t.iloc[0]
    assert (march.stories, march.reports, march.SANCTION, march.material_conflict) == (1, 3, 1, 1)
    # stories: -4 (Mar), -4 and +4 (Apr), -4 and PROTEST without intensity -> its type's -6.5 (Jan)
    values = [-4, -4, 4, -4, -6.5]
    mu, sigma = sum(values) / 5, pd.Series(values).std()
    z = NormalDist().inv_cdf(0.95)
    april = t.iloc[1]
    assert april.goldstein_sum == 0 and april.goldstein_mean == 0
    assert april["index"] == pytest.approx((3 * mu + 0) / 5)
    assert april.index_high - april["index"] == pytest.approx(z * sigma / math.sqrt(5))
    empty = t.iloc[2]
    assert empty.stories == 0 and empty["index"] == pytest.approx(mu)
    assert empty.index_high - empty.index_low > april.index_high - april.index_low  # few events: wide band


def test_directed_and_periods(store):
    directed = timeline(store.con, "JPN", "RUS", by="day", directed=True)
    assert directed.stories.sum() == 3  # AGREE on 2023-04-11 and the two 2024 events
    weeks = timeline(store.con, "RUS", "JPN", by="week")
    assert weeks.period.iloc[0] == pd.Timestamp("2023-03-06")  # the Monday of 2023-03-07
    assert timeline(store.con, "USA", "PRK").empty
    with pytest.raises(ValueError):
        timeline(store.con, "JPN", "RUS", by="year")


def test_change_points_find_a_step_and_not_noise():
    assert change_points([0.0] * 10 + [5.0] * 10) == [10]
    assert change_points([1.0, -1.0] * 10) == []
    assert change_points([0, 0, 0]) == []
    assert change_points([0.0] * 8 + [-6.0] * 8 + [0.0] * 8) == [8, 16]


def test_year_only_dates_take_the_article_day_or_are_left_out():
    from analysis_store import article, event
    from dyad.store import Store

    with Store() as s:
        this_year = event("ACCUSE", "USA", "RUS", "2017-01-01", "Washington accused Moscow this year.", -2.0)
        long_ago = event("AGREE", "USA", "RUS", "1987-01-01", "The two signed a treaty in 1987.", 4.0)
        this_year.date_precision = long_ago.date_precision = "year"
        article(s, "y1", "Washington accused Moscow. The two signed a treaty in 1987.", "AP", "private",
                "2017-06-20", [this_year, long_ago])
        t = timeline(s.con, "USA", "RUS")
    assert list(t.period.dt.strftime("%Y-%m")) == ["2017-06"] and t.stories.sum() == 1
