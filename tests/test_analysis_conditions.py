from dyad.analysis import conditions
from dyad.model import ArticleRecord, Clause, Condition, Published
from dyad.store import Store

TEXT = "Ties can be normalised only after a peace treaty is signed, the minister said."


def test_conditions_table_round_trip():
    claim = Condition("JPN", "RUS", Clause("Ties can be normalised", 0, 22),
                      [Clause("a peace treaty is signed", 35, 59)], "only after", "Taro Sato", "2024-05-02",
                      TEXT, 0, len(TEXT))
    rec = ArticleRecord(id="k1", body=TEXT, published=Published("2024-05-02", "day"), conditions=[claim])
    with Store() as store:
        store.add({"id": "k1", "text": TEXT}, rec)
        frame = conditions(store.con, "RUS", "JPN")
        assert conditions(store.con, "USA", "RUS").empty
        stored = ArticleRecord.from_dict(next(store.record_dicts()))
    assert stored.conditions == [claim]
    row = frame.iloc[0]
    assert row.requires == ["a peace treaty is signed"] and row.marker == "only after" and row.speaker == "Taro Sato"
    assert TEXT[row.start:row.end] == row.sentence and str(row.date)[:10] == "2024-05-02"
