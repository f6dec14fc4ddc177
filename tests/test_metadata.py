"""metadata.py and outlets.py: title, dateline, outlet registry, stated publication dates."""
from pathlib import Path

import pytest

from dyad.clean import Clean
from dyad.document import Document
from dyad.extract import Extract
from dyad.metadata import Metadata, published_from
from dyad.outlets import OutletRegistry

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def record(item):
    doc = Document(id=str(item.get("id", "")), input=item)
    for stage in (Extract, Clean, Metadata):
        stage()(doc)
    assert doc.record.error is None
    return doc.record


def fixture_record(name, **extra):
    return record({"id": name, "text": (FIXTURES / name).read_text(encoding="utf-8"), **extra})


# --- registry -------------------------------------------------------------------------------------

REQUIRED = ["Reuters", "AP", "AFP", "Bloomberg", "BBC", "CNN", "Al Jazeera", "DW", "France 24", "NHK",
            "Kyodo", "Jiji Press", "Yonhap", "Xinhua", "CGTN", "Global Times", "People's Daily", "TASS",
            "RIA Novosti", "Sputnik", "RT", "Interfax", "MK", "Kommersant", "Ukrinform", "IRNA", "Press TV",
            "Anadolu", "TRT", "Voice of America", "Radio Free Europe"]


@pytest.mark.parametrize("name", REQUIRED)
def test_registry_covers_major_outlets(name):
    assert OutletRegistry.default().by_name(name) is not None, name


def test_registry_rows_are_valid():
    reg = OutletRegistry.default()
    countries = {o.country for o in reg.outlets if o.country}
    assert all(len(c) == 3 and c.isupper() for c in countries)
    # state-media of the countries the project watches are present
    state = {o.country for o in reg.outlets if o.affiliation == "state"}
    assert {"RUS", "CHN", "JPN", "UKR", "IRN", "TUR", "QAT"} <= state
    public = {o.country for o in reg.outlets if o.affiliation in ("state", "public")}
    assert {"USA", "GBR", "FRA", "DEU", "KOR"} <= public


@pytest.mark.parametrize("query,name,country,affiliation", [
    ("TASS", "TASS", "RUS", "state"),
    ("Russian News Agency TASS", "TASS", "RUS", "state"),
    ("Sputnik International", "Sputnik", "RUS", "state"),
    ("the associated press", "Associated Press", "USA", "private"),
    ("Kyodo", "Kyodo News", "JPN", "private"),
    ("world today news", "World Today News", None, None),
])
def test_registry_names(query, name, country, affiliation):
    outlet = OutletRegistry.default().resolve(query)
    assert (outlet.name, outlet.country, outlet.affiliation) == (name, country, affiliation)


def test_registry_urls_and_unknowns():
    reg = OutletRegistry.default()
    assert reg.resolve(url="https://www.reuters.com/world/asia/x-2024").name == "Reuters"
    assert reg.resolve(url="https://en.mk.ru/politics/2024/1/1/x.html").name == "MK"
    assert reg.by_url("https://notreuters.com/x") is None
    assert reg.resolve(url="not a url") is None
    unknown = reg.resolve("Harbour Town Gazette")
    assert unknown.name == "Harbour Town Gazette" and unknown.country is None


# --- record fields --------------------------------------------------------------------------------

def test_tass_style_fields():
    rec = fixture_record("tass_style.txt")
    assert rec.title == "Beijing and Hanoi pledge closer river cooperation"
    assert (rec.dateline.place, rec.dateline.text) == ("BEIJING", "March 3")
    assert rec.outlet.name == "TASS" and rec.outlet.country == "RUS"
    assert rec.published.date is None  # no year stated: dates.py infers it


def test_site_chrome_outlet_beats_credit_and_unknown_site_kept():
    rec = fixture_record("sputnik_style.txt")
    assert rec.title == "Officials Say Ankara Ready to Host Grain Talks"
    assert rec.outlet.name == "Example Globe News" and rec.outlet.country is None


def test_prefix_and_promo_outlets():
    assert fixture_record("blog_style.txt").outlet.name == "daily wire digest"
    text = ("The ministry said the talks had been constructive and that both sides would meet again soon.\n"
            "Subscribe to MK channel at MAX. With him you will know all the latest events")
    assert record({"id": "m", "text": text}).outlet.name == "MK"


def test_input_outlet_and_url_win():
    rec = fixture_record("tass_style.txt", outlet="Kyodo")
    assert rec.outlet.name == "Kyodo News"
    rec = fixture_record("tass_style.txt", url="https://www.aljazeera.com/news/2024/1/1/x")
    assert rec.outlet.name == "Al Jazeera" and rec.url.startswith("https://www.aljazeera.com")


def test_quote_credit_inside_article_is_not_the_outlet():
    text = ("The senator repeated the claim in an interview on Sunday, saying the deal had been a mistake.\n"
            "—Fox News\n"
            "Critics said the remarks ignored the facts, and the debate is expected to continue this week.")
    assert record({"id": "q", "text": text}).outlet.name is None


@pytest.mark.parametrize("name,date,method", [
    ("scraper_meta.txt", "2024-05-06", "scraper metadata line"),
    ("reuters_style.txt", "2025-03-04", "header date line"),
    ("aljazeera_style.txt", "2025-01-12", "header date line"),
])
def test_stated_dates(name, date, method):
    pub = fixture_record(name).published
    assert (pub.date, pub.precision, pub.method) == (date, "day", method)
    assert pub.not_before == pub.not_after == date


def test_input_date_first_and_bad_input_date_ignored():
    pub = fixture_record("scraper_meta.txt", date="2024-05-07").published
    assert (pub.date, pub.method) == ("2024-05-07", "input date")
    pub = fixture_record("scraper_meta.txt", date="2024-02-30").published
    assert pub.date == "2024-05-06"
    pub = fixture_record("plain_news.txt", date="not a date").published
    assert pub.date is None and pub.method == "none"


def test_published_precisions():
    month = published_from("2024-02", "input date")
    assert (month.precision, month.not_before, month.not_after) == ("month", "2024-02-01", "2024-02-29")
    year = published_from("2023", "input date")
    assert (year.precision, year.not_after) == ("year", "2023-12-31")
    assert published_from("February 14, 2026", "x").date == "2026-02-14"
    assert published_from("14 Feb 2026", "x").date == "2026-02-14"
    assert published_from("February 14", "x") is None


def test_dateline_with_year_is_a_stated_date():
    text = "ROME, February 2, 2018 (Example Wire) – The Vatican said on Friday it would send an envoy to the region."
    rec = record({"id": "r", "text": text})
    assert rec.published.date == "2018-02-02" and rec.published.method == "dateline"
    assert rec.dateline.place == "ROME"


def test_title_case_first_line_with_period_is_title_but_stays_in_body():
    text = ("Senators Question Envoy Over Arctic Shipping Plan.\n\n"
            "Senators pressed the nominee on Thursday over plans to expand shipping lanes in the far north.\n")
    doc = Document(id="t", input={"id": "t", "text": text})
    for stage in (Extract, Clean, Metadata):
        stage()(doc)
    assert doc.record.title == "Senators Question Envoy Over Arctic Shipping Plan."
    assert doc.body.startswith("Senators Question Envoy")


def test_headline_only_input_has_no_title():
    rec = record({"id": "h", "text": "Russia Accuses Japan of Provocation"})
    assert rec.title is None and rec.outlet.name is None and rec.dateline is None


def test_outlet_from_masthead_line_and_month_date():
    rec = fixture_record("blog_header_style.txt")
    assert rec.title == "New ferry line links two island ports"
    assert (rec.published.date, rec.published.precision, rec.published.not_after) == ("2023-08-01", "month", "2023-08-31")
    text = ("The Japan Times\nNEWS | OPINION | WORLD\n\nTokyo and Seoul agree on ferry safety rules\n\n"
            "Officials from both countries agreed on Saturday to share inspection records for ferries, "
            "the transport ministry said.\n")
    rec = record({"id": "jt", "text": text})
    assert rec.outlet.name == "The Japan Times" and rec.outlet.country == "JPN"
    assert rec.title == "Tokyo and Seoul agree on ferry safety rules"


def test_credit_after_dateline_names_outlet():
    rec = record({"id": "ria", "text": "MOSCOW, March 7 - RIA Novosti. The government approved a list of "
                                       "countries it considers unfriendly, the press service said."})
    assert rec.outlet.name == "RIA Novosti" and rec.dateline.text == "March 7"


def test_iso_header_date_line():
    pub = fixture_record("masthead_style.txt").published
    assert (pub.date, pub.method) == ("2024-11-02", "header date line")


def test_title_site_suffix_and_credit_lines():
    text = ("Seoul and Tokyo resume shuttle diplomacy | Yonhap\n\n"
            "Source: Xinhua | 2025-02-14 08:04:12 | Editor: Wang\n\n"
            "South Korea and Japan agreed on Friday to resume regular visits by their leaders, "
            "officials in both capitals said.\n\n"
            "Associated Press writers Jane Roe and John Doe contributed to this report.\n(END)\n")
    doc = Document(id="s", input={"id": "s", "text": text})
    for stage in (Extract, Clean, Metadata):
        stage()(doc)
    assert doc.record.title == "Seoul and Tokyo resume shuttle diplomacy"
    assert doc.body == ("South Korea and Japan agreed on Friday to resume regular visits by their leaders, "
                        "officials in both capitals said.")
    assert doc.record.published.date == "2025-02-14"


# --- outlets and dates from URLs ------------------------------------------------------------------

SHORT = "Talks between the two governments resumed after a pause of several months, officials said.\n"


@pytest.mark.parametrize("url, name", [
    ("https://www.example-news.com/world/2019/05/04/talks", "Example News"),  # nobody registered it
    ("https://edition.cnn.com/2019/05/04/world/talks/index.html", "CNN"),  # a subdomain of a known one
    ("https://www1.cbn.com/cbnnews/2018/may/talks", "CBN News"),
    ("https://uk.reuters.com/article/talks-idUKKCN1", "Reuters"),
])
def test_outlet_from_any_url(url, name):
    assert record({"id": "u", "text": SHORT, "url": url}).outlet.name == name


def test_registry_is_large_and_names_its_domains_once():
    reg = OutletRegistry.default()
    assert len(reg.outlets) >= 500
    assert reg.by_url("https://www.globaltimes.cn/x").name == "Global Times"  # hand row beats the matrix


def test_url_day_beats_a_page_stamp():
    # the URL carries the first-publication day; an "Updated" stamp or a dated line comes later
    text = "Updated March 9, 2024\n\n" + SHORT
    pub = record({"id": "u", "text": text, "url": "https://example.com/2024/03/08/talks"}).published
    assert (pub.date, pub.precision, pub.method) == ("2024-03-08", "day", "url path y/m/d")


def test_input_date_beats_the_url():
    pub = record({"id": "u", "text": SHORT, "date": "2024-03-07",
                  "url": "https://example.com/2024/03/08/talks"}).published
    assert (pub.date, pub.method) == ("2024-03-07", "input date")


def test_url_month_takes_the_day_of_a_page_stamp_inside_it_only():
    url = "https://example.com/2024/03/talks-resume/"
    inside = record({"id": "u", "text": "March 9, 2024\n\n" + SHORT, "url": url}).published
    assert (inside.date, inside.precision) == ("2024-03-09", "day")
    outside = record({"id": "u", "text": "April 9, 2024\n\n" + SHORT, "url": url}).published
    assert (outside.date, outside.precision) == ("2024-03-01", "month")
    assert (outside.not_before, outside.not_after) == ("2024-03-01", "2024-03-31")


def test_url_without_a_date_leaves_the_page_date():
    pub = record({"id": "u", "text": "March 9, 2024\n\n" + SHORT, "url": "https://example.com/news/x-123"}).published
    assert (pub.date, pub.method) == ("2024-03-09", "header date line")


def test_outlet_signed_in_the_text():
    credit = "Talks resume\n\nWashington (CNN) Talks between the two governments resumed on Monday.\n"
    assert record({"id": "s", "text": credit}).outlet.name == "CNN"
    staff = ("Talks between the two governments resumed, NPR's Ann Pallas reports from the capital.\n"
             "Officials were hopeful. NPR's Tom Veron says the next round is set.\n")
    assert record({"id": "s", "text": staff}).outlet.name == "NPR"
    # one possessive is how any outlet cites another's reporter: no signature
    cited = "Talks between the two governments resumed, NPR's Ann Pallas reported on Monday.\n"
    assert record({"id": "s", "text": cited}).outlet.name is None
    # an URL names the publisher whatever the text credits
    assert record({"id": "s", "text": credit, "url": "https://www.example-news.com/x"}).outlet.name == "Example News"


def test_url_range_gives_bounds_and_takes_a_page_day_inside_it():
    # "1B2" counts 1694 days from 2013-01-01: 2017-08-22, published then or up to two days later
    url = "https://www.reuters.com/article/us-talks-resume-idUSKBN1B20XY"
    bare = record({"id": "u", "text": SHORT, "url": url}).published
    assert (bare.date, bare.not_before, bare.not_after) == (None, "2017-08-22", "2017-08-24")
    inside = record({"id": "u", "text": "August 23, 2017\n\n" + SHORT, "url": url}).published
    assert (inside.date, inside.precision) == ("2017-08-23", "day")
    outside = record({"id": "u", "text": "August 29, 2017\n\n" + SHORT, "url": url}).published
    assert (outside.date, outside.not_before, outside.not_after) == (None, "2017-08-22", "2017-08-24")
