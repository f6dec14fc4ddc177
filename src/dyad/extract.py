"""First stage: check the contract input and set `doc.text`, the offset base of every later stage.

`text` input is used as given. `html` input goes through trafilatura (local parsing only, no network;
htmldate reads the page's own HTML): its main-content text becomes `doc.text`, and the page's title,
author, date, site name and URL go to `doc.html_meta` for `clean.py` and `metadata.py`.
"""
from __future__ import annotations

from typing import Any, Optional

from .stage import Stage


def _kind(value: Any) -> str:
    return type(value).__name__


def html_main_text(html: str | bytes, url: Optional[str] = None) -> tuple[Optional[str], dict[str, Any]]:
    """Main-content text of an HTML page and its metadata hints (title, author, date, sitename, url);
    `extractor` says what chose the text: "trafilatura", or "blocks" (all visible block text)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, deduplicate=False,
        # Only dates the page states (meta tags, time elements), not guesses from its text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not (getattr(result, "text", None) or "").strip():
        # trafilatura declines very short pages and fragments (a feed item's one paragraph):
        # fall back to the page's visible block text; clean.py then judges it like scraped text.
        return _block_text(html), {"extractor": "blocks"}
    meta = {key: getattr(result, key, None) for key in ("title", "author", "date", "sitename", "hostname", "url")}
    return getattr(result, "text", None), {**{k: v for k, v in meta.items() if v}, "extractor": "trafilatura"}


_HIDDEN = "//head|//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form"
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "blockquote", "section",
           "article", "pre", "dd", "dt", "figcaption")


def _block_text(html: str | bytes) -> Optional[str]:
    """Visible text of an HTML page or fragment, one line per block element."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return None
    for el in root.xpath(_HIDDEN):
        if el.getparent() is not None:
            el.drop_tree()
    if root.tag in ("nav", "header", "footer", "aside", "script", "style"):
        return None
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in "".join(root.itertext()).split("\n"))
    return "\n".join(line for line in lines if line) or None


class Extract(Stage):
    name = "extract"
    reads = ("input",)
    writes = ("text", "html_meta", "record.warnings")

    def __call__(self, doc) -> None:
        item = doc.input
        if not isinstance(item, dict):
            doc.fail(f"input is not a JSON object (got {_kind(item)})")
            return
        warnings = item.get("warnings")
        if isinstance(warnings, list):
            doc.record.warnings.extend(str(w) for w in warnings)
        if item.get("error"):
            doc.fail(str(item["error"]))
            return
        text, html = item.get("text"), item.get("html")
        if text is not None and not isinstance(text, str):
            doc.fail(f"text is not a string (got {_kind(text)})")
            return
        if html is not None and not isinstance(html, (str, bytes)):
            doc.fail(f"html is not a string (got {_kind(html)})")
            return
        if text is not None and text.strip():
            doc.text = text
            return
        if html is not None and (html.strip() if isinstance(html, str) else html.strip(b" \t\r\n")):
            self._from_html(doc, html)
            return
        if text is None and html is None:
            doc.fail("no text or html")
        else:
            doc.fail("empty text" if text is not None else "empty html")

    def _from_html(self, doc, html: str | bytes) -> None:
        url = doc.input.get("url") if isinstance(doc.input.get("url"), str) else None
        from lxml.etree import LxmlError

        try:
            body, meta = html_main_text(html, url)
        except (LxmlError, ValueError) as exc:  # malformed markup, a bad encoding declaration
            doc.fail(f"html: could not parse the page ({type(exc).__name__}: {exc})")
            return
        if not body or not body.strip():
            doc.fail("html: no article text found in the page")
            return
        doc.html_meta = meta
        doc.text = body
