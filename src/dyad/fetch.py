"""Fetching: URLs and RSS/Atom feeds over HTTP -> contract input dicts (html inputs with url).

Every URL yields exactly one dict; a failure (timeout, refused connection, HTTP 4xx/5xx, not HTML,
too large, undecodable) is recorded as that URL's `error` and the run goes on. A passing failure
(timeout, connection error, HTTP 429 or 5xx) is tried again `retries` times, with the wait doubling
from `backoff` seconds; `dyad fetch --db` also fetches again every URL whose stored record is an error.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import httpx

from .ingest import (_HTML_TYPES, DEFAULT_MAX_BYTES, content_type_charset, feed_entry_item, html_input_from_bytes,
                     no_entries_error)

USER_AGENT = "dyad/0.1 (news research; +https://github.com/)"
DEFAULT_TIMEOUT = 20.0


def make_client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    return httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True,
                        headers={"User-Agent": USER_AGENT}, max_redirects=10)


def get_bytes(client: httpx.Client, url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str, str]:
    """GET url -> (body, content type, final url), reading at most `max_bytes`.
    Raises FetchError with a short reason."""
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".strip(),
                                 passing=resp.status_code == 429 or resp.status_code >= 500)
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"response larger than {max_bytes} bytes: refused")
                chunks.append(chunk)
            return b"".join(chunks), resp.headers.get("content-type", ""), str(resp.url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timeout ({type(exc).__name__})", passing=True) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}", passing=isinstance(exc, httpx.TransportError)) from exc


class FetchError(Exception):
    def __init__(self, message: str, passing: bool = False):
        super().__init__(message)
        self.passing = passing  # worth trying again (timeout, connection, 429, 5xx)


def get_with_retries(client: httpx.Client, url: str, max_bytes: int = DEFAULT_MAX_BYTES, retries: int = 0,
                     backoff: float = 1.0) -> tuple[bytes, str, str]:
    """get_bytes, tried again after a passing failure: waits backoff, 2*backoff, ... seconds."""
    for attempt in range(retries + 1):
        try:
            return get_bytes(client, url, max_bytes)
        except FetchError as exc:
            if not exc.passing or attempt == retries:
                if attempt:
                    raise FetchError(f"{exc} (after {attempt + 1} tries)") from exc
                raise
            time.sleep(backoff * 2 ** attempt)
    raise AssertionError("unreachable")


def fetch_page(client: httpx.Client, url: str, max_bytes: int = DEFAULT_MAX_BYTES,
               extra: Optional[dict] = None, retries: int = 0, backoff: float = 1.0) -> dict:
    """One URL -> an html input dict (with url and `fetched` date) or an error dict."""
    base = {"id": url, "url": url, "source": url, **(extra or {})}
    if not url.lower().startswith(("http://", "https://")):
        return {**base, "error": f"not an http(s) URL: {url}"}
    try:
        data, ctype, final = get_with_retries(client, url, max_bytes, retries, backoff)
    except FetchError as exc:
        return {**base, "error": str(exc)}
    base["fetched"] = time.strftime("%Y-%m-%d", time.gmtime())
    if final != url:
        base["final_url"] = final
    if ctype and not any(t in ctype.lower() for t in _HTML_TYPES):
        return {**base, "error": f"not HTML: {ctype.split(';')[0]}"}
    return html_input_from_bytes(data, base, content_type_charset(ctype))


def fetch_urls(urls: Iterable[str], timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
               delay: float = 0.0, skip: Optional[Callable[[str], bool]] = None, retries: int = 0,
               backoff: float = 1.0) -> Iterator[dict]:
    """Fetch pages one by one (politely: `delay` seconds between requests); `skip(url)` True
    leaves a URL out (e.g. already stored)."""
    with make_client(timeout) as client:
        first = True
        for url in urls:
            if skip and skip(url):
                continue
            if not first and delay:
                time.sleep(delay)
            first = False
            yield fetch_page(client, url, max_bytes, retries=retries, backoff=backoff)


def fetch_feed(feed_url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
               delay: float = 0.0, skip: Optional[Callable[[str], bool]] = None,
               pages: bool = True, retries: int = 0, backoff: float = 1.0) -> Iterator[dict]:
    """Fetch a feed, then each entry's page (title and date from the feed). When a page cannot be
    fetched but the entry carries content, the entry's own content is used instead.
    With `pages=False` only the feed's entries are used."""
    import feedparser

    with make_client(timeout) as client:
        try:
            data, _, _ = get_with_retries(client, feed_url, max_bytes, retries, backoff)
        except FetchError as exc:
            yield {"id": feed_url, "url": feed_url, "source": feed_url, "error": f"feed: {exc}"}
            return
        feed = feedparser.parse(data)
        if not feed.entries:
            yield {"id": feed_url, "url": feed_url, "source": feed_url, "error": no_entries_error(feed)}
            return
        first = True
        for n, entry in enumerate(feed.entries, 1):
            item = feed_entry_item(entry, f"{feed_url}#{n}")
            url = entry.get("link")
            if skip and url and skip(url):
                continue
            if not pages or not url:
                yield item
                continue
            if not first and delay:
                time.sleep(delay)
            first = False
            meta = {k: item[k] for k in ("title", "date") if k in item}
            page = fetch_page(client, url, max_bytes, extra={**meta, "source": item["source"]}, retries=retries,
                              backoff=backoff)
            if page.get("error") and not item.get("error"):
                item["fetch_error"] = page["error"]  # keep why the page itself failed
                yield item
            else:
                yield page


def read_url_list(path: str | Path) -> Iterator[str]:
    """URLs, one per line; blank lines and `#` comments skipped."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line
