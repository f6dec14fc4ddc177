import re

from typer.testing import CliRunner

from dyad.cli import app


def test_report_is_self_contained_and_cites_its_evidence(web_db, tmp_path):
    out = tmp_path / "brief.html"
    r = CliRunner().invoke(app, ["report", "--db", str(web_db), "--dyad", "JPN-RUS", "--from", "2022-01-01",
                                 "--to", "2024-12-31", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and html.count('class="point"') >= 3
    assert "<script" not in html and "<link" not in html and not re.search(r'\ssrc="', html)
    for section in ("Key events", "Who said what", "Outlet comparison", "Conditions stated"):
        assert section in html
    # the hostile article (2024-05-10, a JPN->RUS sanction) is cited as inert text
    assert "&lt;script&gt;" in html and 'href="javascript:' not in html.lower()
    key = html[html.index("Key events"):html.index("Who said what")]
    assert "<q>" in key and all("2022-01-01" <= d <= "2024-12-31" for d in re.findall(r"<strong>(\d{4}-\d\d-\d\d) ·", key))


def test_report_refuses_an_unknown_dyad(web_db, tmp_path):
    r = CliRunner().invoke(app, ["report", "--db", str(web_db), "--dyad", "Atlantis-Lemuria", "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "Atlantis" in r.output


def test_report_refuses_a_bad_date(web_db, tmp_path):
    r = CliRunner().invoke(app, ["report", "--db", str(web_db), "--dyad", "JPN-RUS", "--from", "March 2022",
                                 "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
