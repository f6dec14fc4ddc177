"""urls.py: registered domains, site names and publication dates written into article URLs.
All URLs are invented; they follow the shapes news sites use."""
from datetime import date

import pytest

from dyad.urls import _anchors, registered_domain, site_name, url_date

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("url, domain", [
    ("https://news.daily-planet.co.uk/world/a-story", "daily-planet.co.uk"),
    ("http://www1.examplecast.com/news/x", "examplecast.com"),
    ("example-news.com", "example-news.com"),
    ("https://WWW.Example.ORG/Path", "example.org"),
    ("http://192.168.0.7/story", None),
    ("not a url at all", None),
    ("", None),
])
def test_registered_domain(url, domain):
    assert registered_domain(url) == domain


@pytest.mark.parametrize("url, name", [
    ("https://www.example-news.com/politics/story-1", "Example News"),
    ("http://news.dailyplanet.co.uk/", "Dailyplanet"),
    ("https://ABC-tribune.net/x", "Abc Tribune"),
    ("localhost", None),
])
def test_site_name_of_unknown_domains(url, name):
    assert site_name(url) == name


@pytest.mark.parametrize("url, day, method", [
    ("http://www.example.com/2017/08/11/talks-resume/", "2017-08-11", "url path y/m/d"),
    ("https://example.com/world/2018/1/30/123456/sanctions-list", "2018-01-30", "url path y/m/d"),
    ("http://example.com/USA/Politics/2016/0815/Speech-analysis", "2016-08-15", "url path y/mmdd"),
    ("http://example.com/news/2015/feb/22/group-expands/", "2015-02-22", "url path y/mon/d"),
    ("https://example.com/politics/articles/2019-08-16/envoy-visits?src=home", "2019-08-16", "url iso y-m-d"),
    ("http://example.com/news/la-pn-vote-20130827,0,4739357.story", "2013-08-27", "url slug yyyymmdd"),
    ("http://example.com/story.php?id=7&date=2017-08-11", "2017-08-11", "url query date"),
])
def test_day_shapes(url, day, method):
    found = url_date(url, TODAY)
    assert (found.day.isoformat(), found.precision, found.method) == (day, "day", method)
    assert found.not_before == found.not_after == found.day


@pytest.mark.parametrize("url, first, last", [
    ("https://example.com/2019/07/where-now-for-policy/", "2019-07-01", "2019-07-31"),
    ("http://example.com/cbnnews/politics/2018/march/lawmakers-brace", "2018-03-01", "2018-03-31"),
    ("https://example.com/carriers-compared-2020-2", "2020-02-01", "2020-02-29"),
])
def test_month_shapes_bound_the_month(url, first, last):
    found = url_date(url, TODAY)
    assert found.precision == "month"
    assert (found.not_before.isoformat(), found.not_after.isoformat()) == (first, last)


def test_timestamp_ids_only_for_the_outlets_that_use_them():
    # 1528070538 = 2018-06-04 00:02 UTC: the evening of June 3 in New York
    found = url_date("https://www.wsj.com/articles/trade-tensions-1528070538", TODAY)
    assert (found.day.isoformat(), found.precision) == ("2018-06-03", "day")
    assert found.method == "url id wsj unix time"
    assert url_date("https://www.example.com/articles/trade-tensions-1528070538", TODAY) is None
    month = url_date("http://www.politico.com/news/stories/0612/77508.html", TODAY)
    assert (month.day.isoformat(), month.precision) == ("2012-06-01", "month")


def test_reuters_day_count_gives_bounds_not_a_day():
    # "1B2" = 1*1296 + 11*36 + 2 = 1694 days after 2013-01-01 = 2017-08-22
    found = url_date("https://www.reuters.com/article/us-talks-resume-idUSKBN1B20XY", TODAY)
    assert found.precision == "range"
    assert (found.not_before.isoformat(), found.not_after.isoformat()) == ("2017-08-22", "2017-08-24")
    assert found.method == "url id reuters day count"
    assert url_date("https://www.example.com/article/us-talks-resume-idUSKBN1B20XY", TODAY) is None
    # a slug date says the day itself
    dated = url_date("http://www.reuters.com/article/2015/01/27/us-talks-idUSKBN0L01AB20150127", TODAY)
    assert (dated.day.isoformat(), dated.precision) == ("2015-01-27", "day")


@pytest.mark.parametrize("url", [
    "http://example.com/2017/13/40/impossible",  # no such day, no such month
    "http://example.com/1945/08/06/remembering-hiroshima",  # a date in a slug, before news on the web
    "http://example.com/2031/01/01/future",  # after today
    "https://example.com/news/world-asia-34114100",  # a plain id
    "https://2019.example.com/about",  # the host is not the path
    "",
])
def test_no_date_rather_than_a_wrong_one(url):
    assert url_date(url, TODAY) is None


def test_rising_story_numbers_give_bounds_between_known_ones(tmp_path, monkeypatch):
    anchors = tmp_path / "id_anchors.csv"
    anchors.write_text("# invented\ndomain,number,date\nthehill.com,100000,2017-03-01\n"
                       "thehill.com,100900,2017-03-09\nthehill.com,102000,2017-03-20\n", encoding="utf-8")
    monkeypatch.setattr("dyad.urls.ID_ANCHORS_PATH", anchors)
    _anchors.cache_clear()
    try:
        found = url_date("http://thehill.com/policy/defense/100500-talks-resume", TODAY)
        assert found.precision == "range" and found.method == "url id the hill story number"
        assert (found.not_before.isoformat(), found.not_after.isoformat()) == ("2017-03-01", "2017-03-09")
        # outside the known numbers, or another site: nothing
        assert url_date("http://thehill.com/policy/defense/99000-talks-resume", TODAY) is None
        assert url_date("http://example.com/policy/defense/100500-talks-resume", TODAY) is None
    finally:
        _anchors.cache_clear()
