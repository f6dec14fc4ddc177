"""extract.py: input validation and html extraction (local only), with html offsets into the body."""
import pytest

from dyad.clean import Clean
from dyad.document import Document
from dyad.extract import Extract
from dyad.metadata import Metadata

PAGE = """<html><head><title>Seoul and Tokyo agree on hotline - Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Seoul and Tokyo agree on hotline</h1>
<p>SEOUL (Yonhap) -- South Korea and Japan agreed on Tuesday to open a military hotline to prevent
accidental clashes at sea, the defence ministry said in a statement after the talks.</p>
<p>"This is a practical step that lowers the risk of miscalculation," a ministry official told reporters.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def run(item, stages=(Extract, Clean)):
    doc = Document(id=str(item.get("id", "")), input=item)
    for stage in stages:
        if doc.failed:
            break
        stage()(doc)
    return doc


def test_text_passes_through():
    doc = run({"id": "a", "text": "Japan and Russia held talks on Monday."}, (Extract,))
    assert doc.text == "Japan and Russia held talks on Monday." and not doc.failed


@pytest.mark.parametrize("item,message", [
    ({"id": "e", "error": "bad JSON on line 3"}, "bad JSON on line 3"),
    ({"id": "n"}, "no text or html"),
    ({"id": "n", "text": None, "html": None}, "no text or html"),
    ({"id": "e", "text": ""}, "empty text"),
    ({"id": "e", "text": "  \n\t "}, "empty text"),
    ({"id": "i", "text": 42}, "text is not a string"),
    ({"id": "l", "text": ["a", "b"]}, "text is not a string"),
    ({"id": "h", "html": {"x": 1}}, "html is not a string"),
    ({"id": "h", "html": "<html><body><nav>Home</nav></body></html>"}, "html: no article text"),
    ({"id": "h", "html": "<html><body></body></html>"}, "html: no article text"),
])
def test_bad_input_fails_clearly(item, message):
    doc = run(item)
    assert doc.failed and message in doc.record.error


def test_non_dict_input():
    doc = Document(id="x", input=["not", "a", "dict"])
    Extract()(doc)
    assert "not a JSON object" in doc.record.error


def test_html_body_and_hints():
    item = {"id": "p", "html": PAGE}
    doc = run(item, (Extract, Clean, Metadata))
    assert not doc.failed
    assert doc.body.startswith("South Korea and Japan agreed on Tuesday")
    assert doc.body.rstrip().endswith("a ministry official told reporters.")
    for chrome in ("Home", "Subscribe", "(Yonhap)", "Seoul and Tokyo agree on hotline"):
        assert chrome not in doc.body
    # html input: offsets are into the body (CONTRACT), so text and body coincide.
    assert doc.text == doc.body and doc.to_input(10) == 10
    assert "html_meta" not in item  # the caller's dict is untouched
    rec = doc.record
    assert rec.title == "Seoul and Tokyo agree on hotline"
    assert rec.published.date == "2024-03-05" and rec.published.method == "html metadata"
    assert rec.outlet.name == "Yonhap" and rec.outlet.country == "KOR"
    assert rec.dateline.place == "SEOUL"


def test_html_bytes_and_text_preferred():
    doc = run({"id": "b", "html": PAGE.encode("utf-8")})
    assert doc.body.startswith("South Korea and Japan")
    doc = run({"id": "t", "text": "Plain text wins over the page.", "html": PAGE})
    assert doc.body == "Plain text wins over the page."


def test_short_fragment_falls_back_to_block_text():
    # A feed item's single paragraph: too short for trafilatura, still an article.
    doc = run({"id": "f", "html": "<p>SEOUL (Yonhap) -- The two sides will meet again in May.</p>"})
    assert not doc.failed
    assert doc.body == "The two sides will meet again in May."


OPINION_PAGE = """<html><head><title>Why the hotline matters - Example Daily</title></head><body>
<article><h1>Why the hotline matters</h1>
<p>A new hotline between the two navies is a modest step</p>
<p>South Korea and Japan agreed on Tuesday to open a military hotline to prevent accidental clashes at
sea, a step both governments described as practical and overdue after years of close calls.</p>
<p>What happens next</p>
<p>Officers from both navies will test the line every week, and a joint review is planned for the
autumn, when ministers will decide whether to extend it to the coast guards of both countries.</p>
<p>Share this article</p>
<p>Jane Roe is a senior fellow at the Example Institute.</p>
</article></body></html>"""


def test_html_body_keeps_what_trafilatura_kept_but_chrome():
    """After trafilatura only chrome by its look goes: no standfirst, subhead or closing line is
    dropped for where it stands."""
    doc = run({"id": "o", "html": OPINION_PAGE})
    assert not doc.failed
    for kept in ("a modest step", "What happens next", "Jane Roe is a senior fellow"):
        assert kept in doc.body
    assert "Share this article" not in doc.body
    assert "Why the hotline matters" not in doc.body  # the page's own title
