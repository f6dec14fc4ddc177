"""The dashboard in a real browser: Playwright drives Debian's chromium (.ci/run installs it; the
test skips without it) against `dyad serve` on the example corpus plus the hostile article."""
import json
import re
import urllib.request

import pytest

from dyad.web.local_server import CHROMIUM, launch_chromium, running_server

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)", allow_module_level=True)


@pytest.fixture(scope="module")
def base(web_db):
    with running_server(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.set_default_timeout(30_000)
    yield p
    context.close()


def api(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return json.load(r)


def words(text):
    return " ".join(text.split())


def test_dashboard_shows_the_jpn_rus_chart_with_points(base, page):
    page.goto(base + "/?dyad=JPN-RUS")
    assert page.locator("h1").inner_text() == "Japan – Russia"
    points = page.locator("svg.timeline circle.point")
    assert points.count() >= 5
    assert points.first.is_visible()
    assert page.locator("svg.timeline polygon.band").count() == 1


def test_filter_to_sanction_open_an_event_and_see_its_evidence(base, page):
    page.goto(base + "/events?dyad=JPN-RUS")
    page.select_option("#filter-type", "SANCTION")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"type=SANCTION"))
    rows = page.locator("tr.event")
    assert rows.count() > 0
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.type)")) == {"SANCTION"}
    link = rows.first.locator("a.open-event")
    hash_, idx = re.search(r"/article/([0-9a-f]+)\?event=(\d+)", link.get_attribute("href")).groups()
    link.click()
    page.wait_for_url(re.compile(r"/article/"))
    mark = page.locator("mark#evidence")
    assert mark.is_visible()
    event = next(e for e in api(base, f"/api/articles/{hash_}")["events"] if e["idx"] == int(idx))
    assert event["type"] == "SANCTION"
    assert words(mark.inner_text()) == words(event["sentence"])


def test_hostile_article_renders_as_inert_text(base, page):
    dialogs, console, errors = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    hash_ = api(base, "/api/articles?id=hostile-1")["items"][0]["hash"]
    page.goto(f"{base}/article/{hash_}?event=0")
    text = page.locator("#article-text").inner_text()
    assert "<script>console.log('XSS-RAN')" in text and "onerror=" in text and "javascript:alert('XSS-link')" in text
    assert "<script>" in page.locator("h1").inner_text()
    page.locator(".meta .outlet").hover()
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('script, img, iframe, object').length") == 0
    assert page.evaluate("[...document.links].filter(a => a.protocol === 'javascript:').length") == 0
    assert dialogs == [] and errors == []
    assert not [m for m in console if "XSS" in m or "Content Security Policy" in m]
