"""Readers: every format, and every kind of bad input gives an error dict, never an exception."""
import gzip
import io
import json
from pathlib import Path

import pytest

from dyad.ingest import DecodeError, decode_with_warnings, iter_inputs, iter_jsonl, read_file

RU = "Министерство иностранных дел России вызвало посла Японии в связи с новыми санкциями. " * 3


def by_id(items):
    return {i["id"]: i for i in items}


# --- text, html, folders ---------------------------------------------------------------------------

def test_folder_is_read_recursively_with_stable_ids(fixtures):
    items = list(iter_inputs([fixtures / "ingest" / "folder"]))
    assert [i["id"] for i in items] == ["note.txt", "sub/page.html"]  # .csv and hidden files skipped
    note, page = items
    assert note["text"].startswith("OSAKA, March 3")
    assert "error" not in note and "html" not in note
    assert page["html"].startswith("<!DOCTYPE html>")
    assert page["url"] == "https://news.example.org/2024/03/talks.html"  # canonical link
    assert page["source"].endswith("folder/sub/page.html")


def test_ids_do_not_depend_on_working_directory(fixtures, monkeypatch, tmp_path):
    a = [i["id"] for i in iter_inputs([fixtures / "ingest" / "folder"])]
    monkeypatch.chdir(fixtures / "ingest")
    b = [i["id"] for i in iter_inputs(["folder"])]
    assert a == b


def test_text_is_kept_verbatim(tmp_path):
    text = "  TOKYO, May 1 - Leading spaces,\r\nCRLF line ends and trailing space are kept. \n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (item,) = read_file(tmp_path / "a.txt")
    assert item["text"] == text


def test_html_without_body(fixtures):
    (item,) = read_file(fixtures / "ingest" / "nobody.html")
    assert item["error"] == "HTML has no <body>"
    assert "html" not in item and item["id"] == "nobody.html"


def test_html_with_empty_body(tmp_path):
    (tmp_path / "e.html").write_text("<html><body><script>var x = 1;</script></body></html>")
    (item,) = read_file(tmp_path / "e.html")
    assert "no text" in item["error"]


# --- bad input -------------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    items = by_id(iter_inputs([tmp_path]))
    assert items["empty.txt"]["error"] == "empty file"
    assert "white space" in items["blank.txt"]["error"]


def test_binary_files(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "noise.html").write_bytes(bytes(range(256)) * 20)
    items = by_id(iter_inputs([tmp_path]))
    assert items["scan.txt"]["error"] == "binary file (PDF)"
    assert items["noise.html"]["error"].startswith("binary file")


def test_cp1251_is_detected(tmp_path):
    (tmp_path / "ru.txt").write_bytes(RU.encode("cp1251"))
    (item,) = read_file(tmp_path / "ru.txt")
    assert item["text"] == RU


def test_utf16_with_and_without_bom(tmp_path):
    text = "Japan and Russia held talks in Moscow on Friday. " * 4
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "nobom.txt").write_bytes(text.encode("utf-16-le"))
    items = by_id(iter_inputs([tmp_path]))
    assert items["bom.txt"]["text"] == text
    assert items["nobom.txt"]["text"] == text


def test_html_meta_charset_is_honoured(tmp_path):
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
    (tmp_path / "ru.html").write_bytes(html.encode("cp1251"))
    (item,) = read_file(tmp_path / "ru.html")
    assert RU in item["html"]


def test_decode_rejects_random_bytes():
    with pytest.raises(DecodeError):
        decode_with_warnings(bytes([0, 1, 2, 3, 200, 150, 0, 7]) * 100)


def test_huge_file_is_refused_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a too-large file"))
    (item,) = read_file(big)
    assert "file too large" in item["error"] and "209715200 bytes" in item["error"]


def test_huge_jsonl_is_streamed(tmp_path):
    big = tmp_path / "big.jsonl"
    with big.open("wb") as fh:
        fh.write(b'{"id": "first", "text": "Tokyo said."}\n')
        fh.truncate(200 * 1024 * 1024)  # then one 200 MB "line" of NULs, sparse on disk
    items = list(read_file(big, max_bytes=1024 * 1024))
    assert items[0] == {"id": "first", "text": "Tokyo said.", "source": f"{big}:1", "identity": f"{big}#first"}
    assert items[1]["id"] == "big.jsonl:2" and "longer than 1048576 bytes" in items[1]["error"]


def test_size_limit_is_configurable(tmp_path):
    (tmp_path / "a.txt").write_text("Tokyo protested. " * 10)
    assert "error" not in next(iter_inputs([tmp_path]))
    assert "too large" in next(iter_inputs([tmp_path], max_bytes=50))["error"]


def test_unknown_extension_and_missing_path(tmp_path):
    (tmp_path / "data.bin").write_bytes(b"x")
    items = list(iter_inputs([tmp_path / "data.bin", tmp_path / "nope.txt"]))
    assert "unsupported file type .bin" in items[0]["error"]
    assert "no such file" in items[1]["error"]


# --- JSONL -----------------------------------------------------------------------------------------

def test_jsonl_lines_and_broken_lines(fixtures):
    items = list(read_file(fixtures / "ingest" / "lines.jsonl"))
    ids = [i["id"] for i in items]
    assert ids == ["ok-1", "broken-2", "lines.jsonl:4", "nocontent-4", "lines.jsonl:6", "7", "badtype-7"]
    ok, broken, notobj, nocontent, noid, numeric, badtype = items
    assert ok["text"].startswith("Moscow summoned") and ok["url"] == "https://a.example/1"
    assert "error" not in ok and ok["source"].endswith("lines.jsonl:1")
    assert broken["error"].startswith("bad JSON on line 3")  # the id is recovered from the broken line
    assert "not an object" in notobj["error"]
    assert "neither 'text' nor 'html'" in nocontent["error"]
    assert "error" not in noid and noid["outlet"] == "Example Wire"
    assert numeric["html"].startswith("<html>")
    assert "'text' is int" in badtype["error"] and "text" not in badtype


def test_iter_jsonl_reads_text_and_binary_streams():
    lines = '{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n'
    assert [i["id"] for i in iter_jsonl(io.StringIO(lines))] == ["a", "b"]
    assert [i["id"] for i in iter_jsonl(io.BytesIO(lines.encode()))] == ["a", "b"]
    assert "source" not in next(iter_jsonl(io.BytesIO(lines.encode())))


def test_jsonl_undecodable_line_and_cp1251_line():
    good = json.dumps({"id": "ru", "text": RU}, ensure_ascii=False).encode("cp1251")
    items = list(iter_jsonl(io.BytesIO(good + b"\n" + b'{"id": "z", "text": "\x00\x01\x02\x03\x04"}\n')))
    assert items[0]["text"] == RU
    assert items[1]["id"] == "2" and items[1]["error"]


def test_jsonl_long_line_is_skipped_and_reading_goes_on():
    long = b'{"id": "long", "text": "' + b"a" * 5000 + b'"}\n'
    items = list(iter_jsonl(io.BytesIO(long + b'{"id": "next", "text": "ok"}\n'), max_line_bytes=1000))
    assert items[0]["id"] == "1" and "longer than 1000 bytes" in items[0]["error"]
    assert items[1] == {"id": "next", "text": "ok"}


def test_jsonl_raw_tab_inside_a_string_is_tolerated():
    (item,) = iter_jsonl(io.BytesIO(b'{"id": "t", "text": "Tokyo\tsaid"}\n'))
    assert item["text"] == "Tokyo\tsaid"


def test_utf16_jsonl_file(tmp_path):
    p = tmp_path / "u.jsonl"
    p.write_text('{"id": "a", "text": "Токио"}\n{"id": "b", "text": "Москва"}\n', encoding="utf-16")
    assert [i["text"] for i in read_file(p)] == ["Токио", "Москва"]


# --- WARC ------------------------------------------------------------------------------------------

def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        pages = [
            ("https://news.example.org/a", "200 OK", "text/html; charset=utf-8",
             "<html><body><p>Japan and Russia signed a fisheries deal.</p></body></html>".encode()),
            ("https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG...."),
            ("https://news.example.org/404", "404 Not Found", "text/html", b"<html><body>nope</body></html>"),
            ("https://news.example.org/ru", "200 OK", "text/html; charset=windows-1251",
             f"<html><body><p>{RU}</p></body></html>".encode("cp1251")),
            ("https://news.example.org/empty", "200 OK", "text/html", b"<html><head></head></html>"),
        ]
        for url, status, ctype, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses(tmp_path, name, gz):
    _warc(tmp_path / name, gz)
    items = list(read_file(tmp_path / name))
    assert [i["url"] for i in items] == ["https://news.example.org/a", "https://news.example.org/ru",
                                         "https://news.example.org/empty"]
    a, ru, empty = items
    assert a["id"] == a["url"] and "fisheries deal" in a["html"] and len(a["fetched"]) == 10
    assert RU in ru["html"]
    assert empty["error"] == "HTML has no <body>"


def test_broken_warc(tmp_path):
    p = tmp_path / "bad.warc.gz"
    p.write_bytes(gzip.compress(b"WARC/1.0\r\nthis is not a warc record\r\n") + b"garbage")
    items = list(read_file(p))
    assert len(items) == 1 and "WARC" in items[0]["error"]


# --- feeds -----------------------------------------------------------------------------------------

def test_rss_feed(fixtures):
    a1, a2, a3 = read_file(fixtures / "ingest" / "feed.rss")
    assert a1["id"] == "wire-a1" and a1["url"] == "https://wire.example.com/a1"
    assert a1["title"] == "Japan protests Russian drills" and a1["date"] == "2024-03-05"
    assert "<body><p>Japan lodged a protest" in a1["html"]
    assert "Russia said it would answer" in a2["html"] and a2["date"] == "2024-03-06"
    assert a3["error"] == "feed entry has no content or summary"


def test_atom_feed_plain_text_content(fixtures):
    (e,) = read_file(fixtures / "ingest" / "feed.atom")
    assert e["text"].startswith("Diplomats from Tokyo") and "html" not in e
    assert e["date"] == "2024-04-02" and e["url"] == "https://atom.example.net/e1"


def test_xml_that_is_not_a_feed(fixtures):
    (item,) = read_file(fixtures / "ingest" / "notafeed.xml")
    assert "not an RSS/Atom feed" in item["error"]


def test_reading_goes_on_after_bad_files(tmp_path):
    (tmp_path / "1.txt").write_bytes(b"")
    (tmp_path / "2.txt").write_bytes(b"\xff\xfe\x00")  # odd-length UTF-16: undecodable
    (tmp_path / "3.txt").write_text("Tokyo and Moscow agreed to talk.")
    items = list(iter_inputs([tmp_path]))
    assert [bool(i.get("error")) for i in items] == [True, True, False]


def test_count_inputs_gives_the_progress_total(tmp_path, fixtures):
    from dyad.ingest import count_inputs, count_lines

    (tmp_path / "a.txt").write_text("Tokyo protested.")
    (tmp_path / "b.jsonl").write_text('{"id": 1, "text": "x"}\n\n  \n{"id": 2, "text": "y"}')  # no final newline
    assert count_lines(tmp_path / "b.jsonl") == 2
    assert count_inputs([tmp_path]) == 3 == len(list(iter_inputs([tmp_path])))
    assert count_inputs([fixtures / "ingest" / "feed.rss"]) is None  # entries are known only by parsing


def test_deep_html_files_are_read_or_get_the_true_reason(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 50_000 + "<p>Tokyo protested.</p>" + "</div>" * 50_000
                    + "</body></html>")
    (item,) = read_file(page)
    assert "error" not in item  # readable once its wrapper tags go: the pipeline does that
    page.write_text("<html><body>" + "<ul><li>" * 300 + "</li></ul>" * 300 + "</body></html>")
    (item,) = read_file(page)
    assert item["error"].startswith("HTML nested more than 255 elements deep")


@pytest.mark.parametrize("binary", [True, False])
def test_long_lines_are_gathered_on_disk_and_refused_over_the_limit(binary):
    from dyad.ingest import _line_reader

    lines = ["short\n", "x" * 50 + "\n", "y" * 200 + "\n", "z" * 120, ""]
    data = "".join(lines)
    stream = io.BytesIO(data.encode()) if binary else io.StringIO(data)
    read = _line_reader(stream, limit=150, in_memory=16)
    got = [read() for _ in range(5)]
    as_text = [(r.decode() if isinstance(r, bytes) else r, long) for r, long in got[:4]]
    assert as_text == [("short\n", False), ("x" * 50 + "\n", False), ("", True), ("z" * 120, False)]
    assert got[4] == (None, False)


def test_text_too_big_for_the_character_limit_is_refused_unread(tmp_path, monkeypatch):
    (tmp_path / "big.txt").write_text("Tokyo protested. " * 100)  # 1,700 bytes
    (tmp_path / "page.html").write_text("<html><body><p>" + "Tokyo protested. " * 100 + "</p></body></html>")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file that is refused anyway"))
    text, html = iter_inputs([tmp_path / "big.txt", tmp_path / "page.html"], max_text_chars=400, max_html_chars=300)
    assert text["error"] == "text too long: 1700 bytes, so more than 400 characters (refused unread)"
    assert html["error"].startswith("HTML too long: ") and "text" not in text and "html" not in html
    assert text["identity"] == str((tmp_path / "big.txt").resolve())


# --- decoding: stray bytes stay UTF-8, legacy encodings only on evidence (invented text) ----------

CURLY = "“We will not accept this,” the envoy said. The talks in Genève ended — for now.\n"


def test_one_bad_byte_in_utf8_is_replaced_and_flagged():
    data = CURLY.encode("utf-8") * 3
    data = data[:20] + b"\x97" + data[20:]  # a stray Windows dash byte inside UTF-8 text
    text, warnings = decode_with_warnings(data)
    assert text.count("\ufffd") == 1
    assert text.count("“") == 3 and "Genève" in text  # the rest is not re-decoded
    assert len(warnings) == 1 and "U+FFFD" in warnings[0]


def test_clean_utf8_has_no_warning():
    assert decode_with_warnings(CURLY.encode("utf-8")) == (CURLY, [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_decodes_without_loss(encoding):
    text = "Переговоры в Женеве продолжатся. The talks in Geneva will go on.\n" * 5
    got, _ = decode_with_warnings(text.encode(encoding))
    assert got.lstrip("\ufeff") == text


def test_cp1251_decodes_with_a_warning():
    text = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе.\n" * 4
    got, warnings = decode_with_warnings(text.encode("cp1251"))
    assert got == text
    assert warnings and "cp1251" in warnings[0]


def test_cp1252_curly_quotes_decode_with_a_warning():
    text = "“We will not accept this,” the envoy said on Tuesday in a statement to reporters.\n" * 4
    got, warnings = decode_with_warnings(text.encode("cp1252"))
    assert got == text and warnings


def test_mixed_scripts_in_utf8_stay_utf8():
    text = "Moscow (Москва), Tokyo (東京) and Athens (Αθήνα) sent envoys. “Yes,” one said.\n"
    assert decode_with_warnings(text.encode("utf-8")) == (text, [])


def test_warning_reaches_the_record(tmp_path):
    from dyad.document import Document
    from dyad.extract import Extract

    p = tmp_path / "a.txt"
    p.write_bytes(CURLY.encode("utf-8") * 3 + b"\xff tail.\n")
    item = next(iter_inputs([p]))
    doc = Document(id=item["id"], input=item)
    Extract()(doc)
    assert doc.record.warnings and "U+FFFD" in doc.record.warnings[0]
    assert "“" in doc.text
