"""Readers: paths (files, folders) -> contract input dicts, streamed one at a time.

An input dict is `{"id", "text" | "html", optional "url", "outlet", "date", "title", "source"}`
(CONTRACT.md). Anything that cannot be read becomes `{"id", "source", "error"}` instead of an
exception, so one bad file never stops a run; the pipeline's Extract stage turns `error` into the
record's error.

Formats, by file name: `.txt` (scraped plain text), `.html/.htm`, `.jsonl` (contract input lines),
`.warc/.warc.gz` (HTTP responses carrying HTML), `.xml/.rss/.atom` (RSS/Atom feeds). JSONL and WARC
are streamed record by record; every other file is refused above `max_bytes` without being read.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from .config import Settings

TEXT_EXT = (".txt",)
HTML_EXT = (".html", ".htm")
JSONL_EXT = (".jsonl",)
WARC_EXT = (".warc", ".warc.gz")
FEED_EXT = (".xml", ".rss", ".atom")
KNOWN_EXT = TEXT_EXT + HTML_EXT + JSONL_EXT + WARC_EXT + FEED_EXT

# Whole-file formats are refused above this size (JSONL/WARC stream and limit each record instead);
# the CLI passes `Settings.max_file_bytes`.
DEFAULT_MAX_BYTES = Settings.max_file_bytes

# Leading bytes of common binary formats, so a stray PDF or image gets a clear message.
_MAGIC = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip data"),
    (b"7z\xbc\xaf", "7z archive"), (b"\x7fELF", "executable"), (b"MZ", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"Rar!", "RAR archive"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings seen on news sites, preferred in this order when the detector is unsure;
# Mac code pages are last (the detector likes mac_cyrillic for short cp1251 Russian text).
_PREFERRED = ("cp1251", "cp1252", "koi8_r", "iso8859_1", "cp1250", "shift_jis", "euc_jp", "gb18030",
              "big5", "euc_kr", "utf_16", "utf_16_le", "utf_16_be")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ESCAPED = re.compile("[\udc80-\udcff]")
STRAY_MAX_BAD = 3  # this many bad sequences beside any valid UTF-8 still count as stray


class DecodeError(ValueError):
    """Bytes that are binary or in no encoding we can detect."""


def decode_with_warnings(data: bytes, declared: Optional[str] = None) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings): BOM, then the declared charset, then UTF-8, then UTF-8 with a few
    bad bytes replaced (U+FFFD), then detection (charset-normalizer) for legacy encodings.

    A file that is UTF-8 but for a stray invalid byte stays UTF-8: re-decoding it all as a Windows
    code page would garble every other non-ASCII character. Whatever was not a clean decode is
    said in the warnings. Raises DecodeError for binary data or bytes no encoding explains.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc, errors="strict")), []
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable {enc} text: {exc.reason} at byte {exc.start}") from exc
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind})")
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    for enc in (declared, "utf-8"):
        if not enc:
            continue
        try:
            return _checked(data.decode(enc, errors="strict")), []
        except (LookupError, UnicodeDecodeError, DecodeError):  # UTF-16 text is valid UTF-8 with NULs
            continue
    if data.count(b"\x00") > len(data) // 100 and not _looks_utf16(data):
        raise DecodeError("binary file (NUL bytes)")
    bad = _stray_utf8_errors(data)
    if bad:
        return _checked(data.decode("utf-8", errors="replace")), [
            f"decode: {len(bad)} invalid UTF-8 byte(s) replaced with U+FFFD "
            f"(first at character {bad[0]})"]
    text, enc = _detect(data)
    return _checked(text), [] if enc.replace("-", "_").lower() in ("utf_16", "utf_16_le", "utf_16_be", "ascii") \
        else [f"decode: not UTF-8; decoded as {enc} (detected)"]


def _stray_utf8_errors(data: bytes) -> list[int]:
    """Character offsets of invalid bytes when the bytes are otherwise UTF-8: some valid multi-byte
    sequences, and at most a few bad bytes beside them (a legacy code page has next to none valid).
    Empty when the evidence does not say UTF-8."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return []
    escaped = data.decode("utf-8", errors="surrogateescape")  # one U+DC80..U+DCFF per bad byte
    bad = [m.start() for m in _ESCAPED.finditer(escaped)]
    return bad if len(bad) <= max(STRAY_MAX_BAD, valid // 2) else []


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: NULs sit on one parity (ASCII-range text)."""
    sample = data[:4000]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) // 4 and min(even, odd) < max(even, odd) // 10


def _detect(data: bytes) -> tuple[str, str]:
    try:
        from charset_normalizer import from_bytes
    except ImportError as exc:  # a dependency, but say so clearly if it is missing
        raise DecodeError("not UTF-8 and charset-normalizer is not installed") from exc
    results = list(from_bytes(data))
    if not results:
        raise DecodeError("binary file or unknown encoding (not UTF-8, no encoding detected)")
    low = min(r.chaos for r in results)
    close = [r for r in results if r.chaos <= low + 0.05]

    def rank(r):
        pref = _PREFERRED.index(r.encoding) if r.encoding in _PREFERRED else len(_PREFERRED)
        return (r.encoding.startswith("mac_"), -round(r.coherence, 1), pref)

    best = sorted(close, key=rank)[0]
    return str(best), best.encoding


def _checked(text: str) -> str:
    """Refuse text that decoded but is mostly control characters (binary in disguise)."""
    if text and len(_CONTROL.findall(text[:20000])) > max(3, len(text[:20000]) // 100):
        raise DecodeError("binary file (control characters)")
    return text


# --- ids ------------------------------------------------------------------------------------------

def stable_id(path: Path, root: Optional[Path] = None) -> str:
    """Path-derived id that does not depend on the working directory: the path relative to the
    folder that was named (or the file name when a file was named), with forward slashes."""
    if root is not None and root != path:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


# --- JSONL ----------------------------------------------------------------------------------------

_ID_IN_BROKEN = re.compile(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def iter_jsonl(stream: IO, source: Optional[str] = None, max_line_bytes: Optional[int] = None,
               id_prefix: Optional[str] = None) -> Iterator[dict]:
    """Contract input lines -> one dict per non-blank line. A broken line yields
    `{"id": its id or line number, "error": ...}`; a line over `max_line_bytes` is skipped unread.
    A line without id gets its line number (`id_prefix:N` when reading a named file)."""
    limit = max_line_bytes or DEFAULT_MAX_BYTES
    readline = _line_reader(stream, limit)
    n = 0
    while True:
        raw, too_long = readline()
        if raw is None:
            return
        n += 1
        where = f"{source}:{n}" if source else str(n)
        line_id = f"{id_prefix}:{n}" if id_prefix else str(n)
        base = {"source": where} if source else {}
        if too_long:
            yield {"id": line_id, **base, "error": f"line {n} longer than {limit} bytes: refused"}
            continue
        if isinstance(raw, bytes):
            if not raw.strip():
                continue
            try:
                line, warnings = decode_with_warnings(raw)
            except DecodeError as exc:
                yield {"id": line_id, **base, "error": f"line {n}: {exc}"}
                continue
        else:
            line, warnings = raw, []
        if not line.strip():
            continue
        yield _with_warnings(_jsonl_item(line, n, base, line_id), warnings)


def _jsonl_item(line: str, n: int, base: dict, line_id: str) -> dict:
    try:
        item = json.loads(line, strict=False)  # tolerate raw tabs/newlines inside strings
    except json.JSONDecodeError as exc:
        m = _ID_IN_BROKEN.search(line)
        return {"id": m.group(1) if m else line_id, **base, "error": f"bad JSON on line {n}: {exc}"}
    if not isinstance(item, dict):
        return {"id": line_id, **base, "error": f"line {n} is JSON {type(item).__name__}, not an object"}
    item_id = item.get("id")
    item = {**base, **item, "id": line_id if item_id is None or item_id == "" else str(item_id)}
    if item.get("error"):
        return item
    text, html = item.get("text"), item.get("html")
    if text is None and html is None:
        return {**item, "error": f"line {n} has neither 'text' nor 'html'"}
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return {**_strip_content(item), "error": f"line {n}: '{key}' is {type(value).__name__}, not a string"}
    return item


def _strip_content(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in ("text", "html")}


# A line longer than this is gathered in a temporary file rather than in memory, so a huge line that
# is refused in the end never costs more memory than this.
LINE_IN_MEMORY = 8 * 1024 * 1024


def _line_reader(stream: IO, limit: int, in_memory: int = LINE_IN_MEMORY):
    """readline() that holds at most `in_memory` bytes of a line while reading it (the rest goes to a
    temporary file) and refuses lines over `limit`: returns (line, too_long); (None, _) at the end."""
    def ends(piece) -> bool:
        return piece.endswith(b"\n" if isinstance(piece, bytes) else "\n")

    def drain() -> None:
        while True:  # skip the rest of a long line in bounded chunks
            chunk = stream.readline(1 << 20)
            if not chunk or ends(chunk):
                return

    def read():
        head = stream.readline(min(limit, in_memory) + 1)
        if not head:
            return None, False
        if ends(head) or len(head) <= min(limit, in_memory):
            return head, False
        if len(head) > limit:
            drain()
            return head[:0], True
        binary = isinstance(head, bytes)
        with tempfile.TemporaryFile("w+b" if binary else "w+", **({} if binary else {"encoding": "utf-8"})) as spill:
            spill.write(head)
            size = len(head)
            while True:
                chunk = stream.readline(1 << 20)
                size += len(chunk)
                if size > limit + ends(chunk):
                    if not ends(chunk):
                        drain()
                    return head[:0], True
                spill.write(chunk)
                if not chunk or ends(chunk):
                    break
            spill.seek(0)
            return spill.read(), False
    return read


def _open_jsonl(path: Path) -> IO:
    """Binary stream; UTF-16/32 files (BOM) are re-encoded to UTF-8 on the fly so lines split right."""
    fh = path.open("rb")
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    for bom, enc in _BOMS:
        if head.startswith(bom) and enc in ("utf-16", "utf-32"):
            return _Utf8Lines(io.TextIOWrapper(fh, encoding=enc, errors="replace", newline=""))
    return fh


class _Utf8Lines:
    """Wrap a text stream so readline() returns UTF-8 bytes (used for UTF-16 JSONL)."""

    def __init__(self, text: IO):
        self.text = text

    def readline(self, size: int = -1) -> bytes:
        return self.text.readline(size).encode("utf-8")

    def close(self) -> None:
        self.text.close()

    def __enter__(self) -> "_Utf8Lines":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- whole files ----------------------------------------------------------------------------------

def _read_whole(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"file too large: {size} bytes > limit {max_bytes} (set --max-bytes or "
                          f"DYAD_MAX_FILE_BYTES)")
    if size == 0:
        raise DecodeError("empty file")
    return path.read_bytes()


def _with_warnings(item: dict, warnings: list[str]) -> dict:
    """Decoding warnings travel with the input item to the record (`warnings`)."""
    return {**item, "warnings": [*(item.get("warnings") or []), *warnings]} if warnings else item


def _text_item(path: Path, id_: str, max_bytes: int) -> dict:
    text, warnings = decode_with_warnings(_read_whole(path, max_bytes))
    if not text.strip():
        raise DecodeError("file has only white space")
    return _with_warnings({"id": id_, "text": text, "source": str(path)}, warnings)


_CANONICAL = re.compile(r"""<link[^>]+rel=["']?canonical["']?[^>]*>""", re.I)
_HREF = re.compile(r"""href=["']([^"']+)["']""", re.I)
_OG_URL = re.compile(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""", re.I)


# libxml2 (lxml, hence trafilatura) stops building the tree past this nesting depth: deeper text is
# silently lost, so such a page is refused with that reason rather than misread as empty.
HTML_MAX_DEPTH = 255


def html_depth_error(html: str | bytes) -> Optional[str]:
    """Why this HTML is too deeply nested to be read, or None. Counts depth with a pull parser
    (bounded memory: events are drained as they come), stopping at the first too-deep element."""
    from lxml import etree

    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if data.count(b"<") <= HTML_MAX_DEPTH:  # cannot be that deep: skip the parse
        return None
    parser = etree.HTMLPullParser(events=("start", "end"), huge_tree=True)
    depth = 0
    for at in range(0, len(data), 1 << 16):
        parser.feed(data[at:at + (1 << 16)])
        for event, _ in parser.read_events():
            depth += 1 if event == "start" else -1
            if depth > HTML_MAX_DEPTH:
                return (f"HTML nested more than {HTML_MAX_DEPTH} elements deep: the HTML parser cannot "
                        f"read past that depth (refused)")
    return None


# Wrapper tags, which hold no text of their own. In a page nested too deep to parse, each run of them
# becomes one line break: the text between them is kept and the nesting goes.
_WRAPPER_RUN = re.compile(r"(?:\s*</?(?:div|span|section|article|main|font|center|table|tbody|tr|td)\b[^>]*>)+",
                          re.I)
FLATTENED = (f"html: nested more than {HTML_MAX_DEPTH} elements deep; its wrapper tags (div, span, table "
             f"cells, ...) were removed so that it could be read")


def readable_html(html: str | bytes) -> tuple[str | bytes, Optional[str], Optional[str]]:
    """(html, warning, error): HTML nested deeper than the parser reads has its wrapper tags
    collapsed (and a warning), or, when that is not enough, an error saying why it is refused."""
    why = html_depth_error(html)
    if why is None:
        return html, None, None
    if isinstance(html, str):
        flat = _WRAPPER_RUN.sub("<br>", html)
        if html_depth_error(flat) is None:
            return flat, FLATTENED, None
    return html, None, why


def admit(item: dict, max_text_chars: int, max_html_chars: int, depth: bool = True) -> dict:
    """The item, or its error record (content dropped) when it is refused before any work: text
    longer than `max_text_chars`, HTML longer than `max_html_chars` or (with `depth`, which costs
    a parse) nested too deep to read even without its wrapper tags (see `readable_html`)."""
    if not isinstance(item, dict) or item.get("error"):
        return item
    text, html = item.get("text"), item.get("html")
    why = None
    if isinstance(text, str) and len(text) > max_text_chars:
        why = f"text too long: {len(text)} characters > {max_text_chars} (refused before cleaning)"
    elif text is None and isinstance(html, (str, bytes)):
        if len(html) > max_html_chars:
            why = f"HTML too long: {len(html)} characters > {max_html_chars} (refused before cleaning)"
        elif depth:
            html, warning, why = readable_html(html)
            if warning:
                return {**item, "html": html, "warnings": [*(item.get("warnings") or []), warning]}
    return {**_strip_content(item), "error": why} if why else item


def html_error(html: str) -> Optional[str]:
    """Why this HTML cannot be an article (no body, or a body without text, or nested too deep to
    read even without its wrapper tags), or None."""
    try:
        import lxml.html
        # bytes, because lxml refuses str input that carries an XML encoding declaration
        parser = lxml.html.HTMLParser(encoding="utf-8")
        root = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception as exc:  # lxml raises ParserError on empty/whitespace documents
        return f"unparseable HTML: {exc}"
    body = root.find("body")
    if body is None:
        return "HTML has no <body>"
    for el in body.iter("script", "style", "noscript", "template"):
        el.text = ""
    if not (body.text_content() or "").strip():
        if html_depth_error(html):  # the parser stopped: the text may be below where it stopped
            return readable_html(html)[2]  # None: readable once its wrapper tags go (the pipeline does it)
        return "HTML <body> has no text"
    return None


def html_url(html: str) -> Optional[str]:
    """The page's own URL when it states one (canonical link or og:url)."""
    head = html[:20000]
    m = _CANONICAL.search(head)
    if m:
        h = _HREF.search(m.group(0))
        if h and h.group(1).startswith("http"):
            return h.group(1)
    m = _OG_URL.search(head)
    return m.group(1) if m and m.group(1).startswith("http") else None


def _html_item(path: Path, id_: str, max_bytes: int) -> dict:
    html, warnings = decode_with_warnings(_read_whole(path, max_bytes))
    item = _with_warnings({"id": id_, "html": html, "source": str(path)}, warnings)
    url = html_url(html)
    if url:
        item["url"] = url
    problem = html_error(html)
    if problem:
        return {**_strip_content(item), "error": problem}
    return item


# --- WARC -----------------------------------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(stream: IO, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[dict]:
    """HTTP 2xx HTML responses of a WARC (plain or gzipped) -> html inputs with url; other records
    (requests, images, redirects) are skipped. A broken archive yields one error item and stops."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for rec in ArchiveIterator(stream):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            n += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            status = rec.http_headers.get_statuscode() or ""
            ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or not any(t in ctype for t in _HTML_TYPES):
                continue
            id_ = url or rec.rec_headers.get_header("WARC-Record-ID") or f"{source}#{n}"
            base = {"id": id_, "source": f"{source}#{n}"}
            if url:
                base["url"] = url
            fetched = (rec.rec_headers.get_header("WARC-Date") or "")[:10]
            if fetched:
                base["fetched"] = fetched  # crawl date: an upper bound on publication, not the date
            data = rec.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                yield {**base, "error": f"WARC response larger than {max_bytes} bytes: refused"}
                continue
            yield html_input_from_bytes(data, base, content_type_charset(ctype))
    except Exception as exc:  # warcio raises ArchiveLoadFailed / zlib errors on damaged files
        yield {"id": f"{source}#{n + 1}", "source": source,
               "error": f"broken WARC after {n} responses: {type(exc).__name__}: {exc}"}


def content_type_charset(content_type: str) -> Optional[str]:
    m = re.search(r"charset=([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def html_input_from_bytes(data: bytes, base: dict, declared: Optional[str]) -> dict:
    if not data.strip():
        return {**base, "error": "empty response body"}
    try:
        html, warnings = decode_with_warnings(data, declared)
    except DecodeError as exc:
        return {**base, "error": str(exc)}
    problem = html_error(html)
    if problem:
        return {**base, "error": problem}
    return _with_warnings({**base, "html": html}, warnings)


# --- RSS / Atom -----------------------------------------------------------------------------------

def iter_feed(data: bytes, source: str, feed_url: Optional[str] = None) -> Iterator[dict]:
    """Feed entries with content or summary -> html (or text) inputs with url, title, date."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        yield {"id": feed_url or Path(source).name, "source": source, "error": no_entries_error(feed)}
        return
    for n, entry in enumerate(feed.entries, 1):
        yield feed_entry_item(entry, f"{source}#{n}")


def no_entries_error(feed) -> str:
    """The error for a parsed feed without entries (with feedparser's reason when it has one)."""
    why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
    return f"not an RSS/Atom feed or no entries{why}"


def feed_entry_item(entry, source: str) -> dict:
    """One feedparser entry -> input dict (content preferred over summary)."""
    url = entry.get("link")
    item: dict = {"id": entry.get("id") or url or source, "source": source}
    if url:
        item["url"] = url
    if entry.get("title"):
        item["title"] = entry["title"]
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        item["date"] = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    content = entry.get("content") or []
    part = content[0] if content else entry.get("summary_detail")
    value = (part or {}).get("value") or ""
    if not value.strip():
        return {**item, "error": "feed entry has no content or summary"}
    if "html" in ((part or {}).get("type") or "text/html"):
        title = f"<title>{_escape(item['title'])}</title>" if item.get("title") else ""
        item["html"] = f"<html><head>{title}</head><body>{value}</body></html>"
    else:
        item["text"] = value
    return item


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- paths ----------------------------------------------------------------------------------------

def _kind(path: Path) -> Optional[str]:
    name = path.name.lower()
    for kind, exts in (("warc", WARC_EXT), ("jsonl", JSONL_EXT), ("text", TEXT_EXT), ("html", HTML_EXT),
                       ("feed", FEED_EXT)):
        if name.endswith(exts):
            return kind
    return None


def read_file(path: Path, root: Optional[Path] = None, max_bytes: int = DEFAULT_MAX_BYTES,
              max_text_chars: Optional[int] = None, max_html_chars: Optional[int] = None) -> Iterator[dict]:
    """One file -> its input dicts (several for JSONL, WARC and feeds), each with its `identity`:
    the file's absolute path, `path#id` for an item in a file of several. The store keeps one
    current record per identity (a fetched page's identity is its URL).

    A text (HTML) file too big to hold at most `max_text_chars` (`max_html_chars`) characters is
    refused unread: every encoding read here takes at most 4 bytes per character."""
    where = str(path.resolve())
    kind = _kind(path)
    single = kind in ("text", "html")
    limit = {"text": max_text_chars, "html": max_html_chars}.get(kind or "")
    size = path.stat().st_size if limit is not None and path.is_file() else 0
    if limit is not None and size > 4 * limit:
        name = "text" if kind == "text" else "HTML"
        items: Iterable[dict] = [{"id": stable_id(path, root), "source": str(path),
                                  "error": f"{name} too long: {size} bytes, so more than {limit} characters "
                                           f"(refused unread)"}]
    else:
        items = _read_file(path, root, max_bytes)
    for item in items:
        item.setdefault("identity", where if single else f"{where}#{item.get('id')}")
        yield item


def _read_file(path: Path, root: Optional[Path], max_bytes: int) -> Iterator[dict]:
    id_ = stable_id(path, root)
    kind = _kind(path)
    try:
        if kind == "jsonl":
            with _open_jsonl(path) as fh:
                yield from iter_jsonl(fh, source=str(path), max_line_bytes=max_bytes, id_prefix=id_)
        elif kind == "warc":
            with path.open("rb") as fh:
                yield from iter_warc(fh, str(path), max_bytes)
        elif kind == "feed":
            yield from iter_feed(_read_whole(path, max_bytes), str(path))
        elif kind == "html":
            yield _html_item(path, id_, max_bytes)
        elif kind == "text":
            yield _text_item(path, id_, max_bytes)
        else:
            yield {"id": id_, "source": str(path),
                   "error": f"unsupported file type {path.suffix or '(no extension)'}: expected one of "
                            f"{', '.join(KNOWN_EXT)}"}
    except DecodeError as exc:
        yield {"id": id_, "source": str(path), "error": str(exc)}
    except OSError as exc:
        yield {"id": id_, "source": str(path), "error": f"cannot read: {exc}"}
    except Exception as exc:  # a reader bug must not stop the run either; say where it happened
        yield {"id": id_, "source": str(path), "error": f"ingest: {type(exc).__name__}: {exc}"}


def iter_files(path: Path) -> Iterator[Path]:
    """Files under a folder with a known extension, sorted, hidden files and folders skipped."""
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if not name.startswith(".") and _kind(p):
                yield p


def iter_inputs(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, max_text_chars: Optional[int] = None,
                max_html_chars: Optional[int] = None) -> Iterator[dict]:
    """Paths (files or folders, recursively) -> contract input dicts, one at a time.
    A folder contributes only files with known extensions; a named file is always tried.
    The limits are read_file's."""
    limits = {"max_bytes": max_bytes, "max_text_chars": max_text_chars, "max_html_chars": max_html_chars}
    for p in map(Path, paths):
        if p.is_dir():
            for f in iter_files(p):
                yield from read_file(f, root=p, **limits)
        elif p.exists():
            yield from read_file(p, **limits)
        else:
            yield {"id": p.name or str(p), "source": str(p), "identity": str(p.resolve()),
                   "error": f"no such file or folder: {p}"}


def count_inputs(paths: Iterable[str | Path]) -> Optional[int]:
    """How many input dicts `iter_inputs(paths)` will yield, for a progress total: one per text or
    HTML file, one per non-blank line of JSONL (counted in bounded chunks); None when a WARC or feed
    is among them (their entries are only known by parsing)."""
    total = 0
    for p in map(Path, paths):
        files = iter_files(p) if p.is_dir() else [p] if p.exists() else []
        for f in files:
            kind = _kind(f)
            if kind in ("warc", "feed"):
                return None
            total += count_lines(f) if kind == "jsonl" else 1
    return total


_BLANK_LINE = re.compile(rb"^[ \t\r]*\n", re.M)


def count_lines(path: Path, chunk: int = 1 << 20) -> int:
    """Non-blank lines of a file, read in bounded chunks."""
    n, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while block := fh.read(chunk):
                n += block.count(b"\n") - len(_BLANK_LINE.findall(block))
                last = block[-1:]
    except OSError:
        return 1
    return n + (last != b"\n")
