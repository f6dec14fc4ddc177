"""The conditions page and API over a store holding one invented conditional claim (with markup in it)."""
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from analysis_store import event  # noqa: E402
from dyad.model import ArticleRecord, Clause, Condition, Outlet, Published  # noqa: E402
from dyad.store import Store  # noqa: E402
from dyad.web.app import create_app  # noqa: E402

TEXT = ("Normalisation between Tokyo and Moscow is possible only if the <i>talks</i> succeed and sanctions are eased, "
        "a ministry spokesman said.")


def test_conditions_page_lists_the_claim_escaped(tmp_path):
    db = tmp_path / "c.duckdb"
    change = Clause("Normalisation between Tokyo and Moscow", 0, 38)
    requires = [Clause("the <i>talks</i> succeed", TEXT.index("the <i>"), TEXT.index(" and sanctions")),
                Clause("sanctions are eased", TEXT.index("sanctions"), TEXT.index(", a ministry"))]
    cond = Condition("JPN", "RUS", change, requires, "only if", "ministry spokesman", "2023-05-02", TEXT, 0, len(TEXT))
    rec = ArticleRecord(id="c1", body=TEXT, outlet=Outlet("Example Wire", "JPN", "private"),
                        published=Published("2023-05-02", "day", method="test"),
                        events=[event("CONSULT", "JPN", "RUS", "2023-05-02", TEXT)], conditions=[cond])
    with Store(db) as store:
        store.add({"id": "c1", "text": TEXT}, rec)
    client = TestClient(create_app(db))
    items = client.get("/api/conditions", params={"dyad": "RUS-JPN"}).json()["items"]
    assert [(c["speaker"], c["marker"], c["requires"]) for c in items] == [
        ("ministry spokesman", "only if", ["the <i>talks</i> succeed", "sanctions are eased"])]
    page = client.get("/conditions", params={"dyad": "JPN-RUS"}).text
    assert "only if" in page and "&lt;i&gt;talks&lt;/i&gt;" in page and "<i>talks" not in page
