"""Fetching against a real HTTP server on 127.0.0.1 serving fixture files (no other network)."""
import http.server
import threading
import time
from pathlib import Path

import pytest

from dyad.fetch import fetch_feed, fetch_urls, read_url_list

SITE = Path(__file__).parent / "fixtures" / "ingest" / "site"
RU = "Посол Японии был вызван в МИД России. " * 5
# Requests seen per path (for /flaky), and pages that appear later (for /later.html).
SEEN: dict[str, int] = {}
LATER = {"ready": False, "version": 1}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path.split("?")[0]
        SEEN[self.path] = SEEN.get(self.path, 0) + 1
        if path == "/flaky":  # fails twice with 503, then answers
            if SEEN[self.path] <= 2:
                self._send(503, "text/html", b"busy")
            else:
                self._send(200, "text/html", (SITE / "article.html").read_bytes())
        elif path == "/later.html":  # 404 until the test publishes it; then its content can change
            if not LATER["ready"]:
                self._send(404, "text/html", b"<html><body>not yet</body></html>")
            else:
                body = (SITE / "article.html").read_text().replace("agreed", "agreed" + " again" * LATER["version"])
                self._send(200, "text/html; charset=utf-8", body.encode())
        elif path == "/article.html":
            self._send(200, "text/html; charset=utf-8", (SITE / "article.html").read_bytes())
        elif path == "/feed.xml":
            feed = (SITE / "feed.xml").read_text().replace("{BASE}", base)
            self._send(200, "application/rss+xml", feed.encode())
        elif path == "/ru.html":
            self._send(200, "text/html; charset=windows-1251",
                       f"<html><body><p>{RU}</p></body></html>".encode("cp1251"))
        elif path == "/slow.html":
            time.sleep(1.5)
            self._send(200, "text/html", b"<html><body><p>too late</p></body></html>")
        elif path == "/doc.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 ...")
        elif path == "/big.html":
            self._send(200, "text/html", b"<html><body>" + b"<p>word</p>" * 20000 + b"</body></html>")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/drop":  # a failing server: close the connection without an answer
            self.close_connection = True
            self.connection.shutdown(2)
        else:
            self._send(404, "text/html", b"<html><body>not found</body></html>")


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_pages_and_per_url_errors(server):
    urls = [f"{server}/{p}" for p in ("article.html", "missing.html", "slow.html", "doc.pdf", "ru.html",
                                      "redirect", "drop")] + ["ftp://example.org/x", "http://127.0.0.1:1/closed"]
    t0 = time.monotonic()
    items = list(fetch_urls(urls, timeout=0.5))
    assert time.monotonic() - t0 < 10
    assert [i["url"] for i in items] == urls  # one dict per URL, in order
    ok, missing, slow, pdf, ru, redirect, drop, ftp, closed = items
    assert "error" not in ok and "Japan and Russia agreed" in ok["html"] and ok["id"] == ok["url"]
    assert len(ok["fetched"]) == 10
    assert missing["error"] == "HTTP 404 Not Found"
    assert slow["error"].startswith("timeout")
    assert pdf["error"] == "not HTML: application/pdf"
    assert RU in ru["html"]
    assert redirect["final_url"].endswith("/article.html") and "html" in redirect
    assert drop["error"] and "html" not in drop
    assert ftp["error"].startswith("not an http(s) URL")
    assert closed["error"] and "html" not in closed


def test_size_limit(server):
    (item,) = fetch_urls([f"{server}/big.html"], max_bytes=10_000)
    assert "larger than 10000 bytes" in item["error"]


def test_skip_already_known(server):
    items = list(fetch_urls([f"{server}/article.html", f"{server}/ru.html"],
                            skip=lambda u: u.endswith("article.html")))
    assert [i["url"] for i in items] == [f"{server}/ru.html"]


def test_feed_pages_with_feed_metadata(server):
    items = list(fetch_feed(f"{server}/feed.xml", timeout=2))
    assert len(items) == 3
    page, fallback, gone = items
    # the page itself, with title and date from the feed
    assert page["url"] == f"{server}/article.html" and "<nav>" in page["html"]
    assert page["title"] == "Fishing talks resume" and page["date"] == "2024-03-04"
    # the page is missing: the entry's own summary is used, and why is kept
    assert "Moscow criticised" in fallback["html"] and fallback["fetch_error"] == "HTTP 404 Not Found"
    assert "error" not in fallback
    # missing page and no summary: an error item
    assert gone["error"] and gone["url"] == f"{server}/gone.html"


def test_feed_entries_only(server):
    items = list(fetch_feed(f"{server}/feed.xml", pages=False))
    assert "Japan and Russia agreed to resume talks." in items[0]["html"] and "<nav>" not in items[0]["html"]


def test_bad_feeds(server):
    (missing,) = fetch_feed(f"{server}/nofeed.xml")
    assert missing["error"] == "feed: HTTP 404 Not Found"
    (notfeed,) = fetch_feed(f"{server}/doc.pdf")
    assert "not an RSS/Atom feed" in notfeed["error"]


def test_read_url_list(tmp_path):
    p = tmp_path / "urls.txt"
    p.write_text("# comment\nhttp://a.example/1\n\n  http://b.example/2  \n")
    assert list(read_url_list(p)) == ["http://a.example/1", "http://b.example/2"]


def test_passing_failures_are_retried_with_backoff(server):
    t0 = time.monotonic()
    (item,) = fetch_urls([f"{server}/flaky?a"], retries=2, backoff=0.2)
    assert "error" not in item and "Japan and Russia agreed" in item["html"]
    assert time.monotonic() - t0 >= 0.2 + 0.4  # waited 0.2 s, then 0.4 s
    (item,) = fetch_urls([f"{server}/flaky?b"], retries=1, backoff=0.01)
    assert item["error"] == "HTTP 503 Service Unavailable (after 2 tries)"
    (item,) = fetch_urls([f"{server}/missing.html"], retries=3, backoff=0.01)
    assert item["error"] == "HTTP 404 Not Found"  # not a passing failure: asked once
    assert SEEN["/missing.html"] >= 1 and SEEN.get("/missing.html?", 0) == 0
