"""The dashboard and API over the example corpus plus a hostile article (tests/fixtures/web)."""
import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dyad.web.app import create_app, safe_url  # noqa: E402


@pytest.fixture(scope="module")
def client(web_db):
    return TestClient(create_app(web_db))


@pytest.fixture(scope="module")
def hostile(client):
    items = client.get("/api/articles", params={"id": "hostile-1"}).json()["items"]
    assert len(items) == 1
    return items[0]["hash"]


def test_overview_draws_the_dyad_chart_with_points(client):
    r = client.get("/", params={"dyad": "Japan-Russia"})
    assert r.status_code == 200
    assert len(re.findall(r'<circle class="point"', r.text)) >= 5
    assert 'class="band"' in r.text and "SANCTION" in r.text


def test_events_filter_by_type_and_outlet_and_period(client):
    body = client.get("/api/events", params={"dyad": "JPN-RUS", "type": "SANCTION", "limit": 200}).json()
    assert body["total"] > 3 and {e["type"] for e in body["items"]} == {"SANCTION"}
    assert all({e["source_country"], e["target_country"]} == {"JPN", "RUS"} for e in body["items"])
    outlet = body["items"][0]["outlet_name"]
    by_outlet = client.get("/api/events", params={"outlet": outlet, "limit": 200}).json()["items"]
    assert by_outlet and {e["outlet_name"] for e in by_outlet} == {outlet}
    period = client.get("/api/events", params={"dyad": "JPN-RUS", "from": "2022-01-01", "to": "2022-12-31"}).json()
    assert period["total"] and all("2022-01-01" <= e["date"] <= "2022-12-31" for e in period["items"])
    page = client.get("/events", params={"dyad": "JPN-RUS", "type": "SANCTION"})
    assert page.status_code == 200 and page.text.count('class="event"') == min(body["total"], 50)


def test_pages_are_bounded_and_sql_is_parameterised(client):
    assert client.get("/api/events", params={"limit": 201}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert len(first["items"]) == 5 and first["items"] != second["items"] and first["total"] == second["total"]
    injected = client.get("/api/events", params={"type": "SANCTION' OR '1'='1"}).json()
    assert injected["total"] == 0


def test_event_opens_the_article_with_its_evidence_highlighted(client, web_db):
    import duckdb

    e = client.get("/api/events", params={"dyad": "JPN-RUS", "type": "SANCTION", "limit": 1}).json()["items"][0]
    r = client.get(f"/article/{e['article_hash']}", params={"event": e["idx"]})
    mark = re.search(r'<mark id="evidence" class="evidence">(.*?)</mark>', r.text, re.S).group(1)
    shown = re.sub(r"<[^>]+>", "", mark)
    with duckdb.connect(str(web_db), read_only=True) as con:
        raw, kind, body, start, end = con.execute(
            'SELECT a.raw, a.raw_kind, a.body, e."start", e."end" FROM events e JOIN articles a ON a.hash = e.article_hash '
            "WHERE e.article_hash = ? AND e.idx = ?", [e["article_hash"], e["idx"]]).fetchone()
    base = raw if kind == "text" else body
    import html
    assert html.unescape(shown) == base[start:end]


def test_other_reports_of_a_story_are_side_by_side(client):
    story = None
    for e in client.get("/api/events", params={"limit": 200}).json()["items"]:
        if (e["reports"] or 0) > 1:
            story = e
            break
    assert story, "the example corpus has stories told by several outlets"
    r = client.get(f"/article/{story['article_hash']}", params={"event": story["idx"]})
    assert r.text.count('class="report"') == story["reports"] - 1


def test_hostile_article_is_inert_text(client, hostile):
    r = client.get(f"/article/{hostile}", params={"event": 0})
    assert r.status_code == 200
    text = r.text
    assert "<script>" not in text and "onerror=\"alert" not in text and "<b onmouseover" not in text
    assert 'href="javascript:' not in text.lower()
    assert "&lt;script&gt;" in text and "javascript:alert(&#39;XSS-url&#39;)" in text
    assert "script-src 'none'" in r.headers["content-security-policy"]
    events = client.get("/events", params={"dyad": "all", "outlet": "<b onmouseover=alert('XSS-outlet')>Example Wire</b>"})
    assert "<b onmouseover" not in events.text and "&lt;b onmouseover" in events.text


def test_every_page_renders_and_assets_are_local(client):
    for path in ("/", "/events", "/people", "/outlets", "/alerts", "/conditions"):
        r = client.get(path)
        assert r.status_code == 200, path
        assets = re.findall(r'<link[^>]*href="([^"]+)"', r.text) + re.findall(r'\ssrc="([^"]+)"', r.text)
        assert assets and all(a.startswith("/static/") for a in assets), (path, assets)
        assert "<script" not in r.text
    person = client.get("/api/people", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/people/{person['key']}").status_code == 200
    assert client.get("/alerts.atom").headers["content-type"].startswith("application/atom+xml")


def test_api_is_read_only_and_described(client):
    spec = client.get("/openapi.json").json()
    assert spec["paths"] and all(set(ops) == {"get"} for ops in spec["paths"].values())
    assert all(p.startswith("/api/") for p in spec["paths"])
    timeline = client.get("/api/timeline", params={"dyad": "JPN-RUS"}).json()["items"]
    assert timeline and {"index", "index_low", "index_high", "stories"} <= set(timeline[0])
    assert client.get("/api/timeline", params={"dyad": "Nowhere-Land"}).status_code == 400
    assert client.post("/api/events").status_code == 405


def test_safe_url_keeps_only_http():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url(" JavaScript:alert(1)") is None and safe_url("data:text/html,x") is None and safe_url(None) is None
