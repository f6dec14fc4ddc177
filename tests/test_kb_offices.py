from datetime import date

import pytest

from dyad.kb.offices import KBPerson, OfficeHolders, Term, name_key


@pytest.fixture(scope="module")
def kb():
    return OfficeHolders.load()


def ids(people):
    return [p.kb_id for p in people]


def test_term_covers_open_and_closed():
    closed = Term("Prime Minister", "head_of_government", "JPN", date(2020, 1, 1), date(2020, 12, 31))
    assert closed.covers(date(2020, 6, 1)) and closed.covers(date(2020, 12, 31))
    assert not closed.covers(date(2021, 1, 1)) and not closed.covers(date(2019, 12, 31))
    assert Term("President", "head_of_state", "RUS", date(2012, 5, 7)).covers(date(2030, 1, 1))


def test_transliteration_variants_resolve_to_one_person(kb):
    nozdryov = ids(kb.find_person("Nikolay Nozdryov"))
    assert nozdryov and nozdryov == ids(kb.find_person("Nikolai Nozdrev"))
    assert nozdryov == ids(kb.find_person("Nozdrev")) == ids(kb.find_person("NOZDRYOV"))
    assert ids(kb.find_person("Andrey Rudenko")) == ids(kb.find_person("Andrei Rudenko"))
    assert ids(kb.find_person("Sergei Lavrov")) == ids(kb.find_person("Sergey Lavrov"))
    assert name_key("Nikolay") == name_key("Nikolai")
    assert name_key("Koumura") == name_key("Komura")


def test_initials_surname_and_reversed_order(kb):
    putin = ids(kb.find_person("Vladimir Putin"))
    assert putin == ids(kb.find_person("V. Putin")) == ids(kb.find_person("putin"))
    assert ids(kb.find_person("Abe Shinzo")) == ids(kb.find_person("Shinzo Abe"))
    # a surname shared by two people returns both; the initial tells them apart
    assert len(kb.find_person("Ivanov")) >= 2
    assert [p.name for p in kb.find_person("S. Ivanov")] == ["Sergei Ivanov"]
    assert kb.find_person("X. Putin") == []
    assert kb.find_person("") == []


def test_holders_by_date(kb):
    assert [p.name for p in kb.holders("head_of_government", "JPN", date(2014, 9, 11))] == ["Shinzo Abe"]
    assert [p.name for p in kb.holders("chief_cabinet_secretary", "JPN", date(2014, 9, 11))] == ["Yoshihide Suga"]
    assert [p.name for p in kb.holders("foreign_minister", "JPN", date(2014, 9, 11))] == ["Fumio Kishida"]
    assert [p.name for p in kb.holders("chief_cabinet_secretary", "JPN", date(2023, 12, 20))] == ["Yoshimasa Hayashi"]
    assert [p.name for p in kb.holders("head_of_government", "JPN", date(2026, 2, 14))] == ["Sanae Takaichi"]
    assert [p.name for p in kb.holders("head_of_state", "RUS", date(2010, 1, 1))] == ["Dmitry Medvedev"]
    assert [p.name for p in kb.holders("ambassador", "RUS", date(2025, 11, 12), target="JPN")] == ["Nikolay Nozdryov"]


def test_deaths_and_as_of(kb):
    abe = kb.find_person("Shinzo Abe")[0]
    assert abe.died == date(2022, 7, 8)
    assert abe.alive_on(date(2022, 7, 8)) and not abe.alive_on(date(2023, 1, 1))
    lavrov = kb.find_person("Lavrov")[0]
    open_term = [t for t in lavrov.terms if t.end is None][0]
    assert kb.span(open_term) == (date(2004, 3, 9), kb.as_of)
    assert kb.get(lavrov.kb_id) is lavrov and kb.get("nobody") is None


@pytest.mark.parametrize("text,office,country,target", [
    ("Chief Cabinet Secretary", "chief_cabinet_secretary", "JPN", None),
    ("Cabinet Secretary General", "chief_cabinet_secretary", "JPN", None),
    ("Japanese Prime Minister", "head_of_government", "JPN", None),
    ("premier", "head_of_government", None, None),
    ("Minister of Foreign Affairs", "foreign_minister", None, None),
    ("Russian Foreign Minister", "foreign_minister", "RUS", None),
    ("Deputy Foreign Minister", "deputy_foreign_minister", None, None),
    ("ambassador to Russia", "ambassador", None, "RUS"),
    ("Russian ambassador to Japan", "ambassador", "RUS", "JPN"),
    ("US President", "head_of_state", "USA", None),
    ("Vice President", "vice_president", None, None),
    ("Foreign Ministry spokeswoman", "foreign_ministry_spokesperson", None, None),
])
def test_match_role(kb, text, office, country, target):
    m = kb.match_role(text)
    assert m is not None
    got_office, got_country = m  # unpacks as a pair
    assert (got_office, got_country, m.target) == (office, country, target)


def test_match_role_none_and_custom_lexicon(kb):
    assert kb.match_role("senior research fellow") is None
    assert kb.match_role("") is None
    m = kb.match_role("Ruritanian Prime Minister", country_of=lambda w: "RUR" if w == "Ruritanian" else None)
    assert tuple(m) == ("head_of_government", "RUR")


def test_from_rows_and_bad_rows():
    people = [{"kb_id": "x", "name": "Ann Example", "country": "FRA", "aliases": "A. Example"}]
    terms = [{"kb_id": "x", "office": "foreign_minister", "country": "FRA", "start": "2020-01-01", "end": "",
              "role": "Foreign Minister"}]
    kb = OfficeHolders.from_rows(people, terms, as_of=date(2026, 1, 1))
    assert isinstance(kb.people[0], KBPerson) and kb.people[0].terms[0].end is None
    with pytest.raises(ValueError, match="terms row 1"):
        OfficeHolders.from_rows(people, [dict(terms[0], start="not a date")], as_of=date(2026, 1, 1))
    with pytest.raises(ValueError, match="unknown people"):
        OfficeHolders.from_rows([], terms, as_of=date(2026, 1, 1))


def test_knowledge_base_who():
    from dyad.kb import KnowledgeBase

    kb = KnowledgeBase.default()
    [(suga, terms)] = kb.who("Suga", date(2014, 9, 11))
    assert suga.name == "Yoshihide Suga" and [t.office for t in terms] == ["chief_cabinet_secretary"]
    [(_, all_terms)] = kb.who("Yoshihide Suga")
    assert {t.office for t in all_terms} == {"chief_cabinet_secretary", "head_of_government"}
    assert kb.who("Nobody Atall") == []


def test_data_is_consistent(kb):
    seen = set()
    for p in kb.people:
        assert p.kb_id not in seen
        seen.add(p.kb_id)
        for t in p.terms:
            assert t.end is None or t.end >= t.start, (p.kb_id, t)
            assert len(t.country) == 3 and t.office and t.role
            assert (t.office == "ambassador") == (t.target is not None), (p.kb_id, t)
        if p.died:
            assert all(t.end is not None and t.end <= p.died for t in p.terms), p.kb_id
    # one holder at a time: at the middle of every term of a single-seat office, only its holder
    single = ("head_of_government", "head_of_state", "foreign_minister", "defence_minister",
              "chief_cabinet_secretary", "chief_of_staff")
    for p in kb.people:
        for t in p.terms:
            if t.office in single and t.country != "IGO":
                end = t.end or kb.as_of
                mid = t.start + (end - t.start) / 2
                assert [h.kb_id for h in kb.holders(t.office, t.country, mid)] == [p.kb_id], (p.kb_id, t)


def test_role_phrases_are_each_patterns_finditer_in_order(kb):
    """One scan for where phrases start gives what scanning the text once per pattern gives."""
    text = ("The Prime Minister met the Foreign Minister; prime minister-designate Smith and the "
            "UN Secretary-General spoke. Chief Cabinet Secretary Ito and the deputy foreign minister "
            "replied, as did the Defense Minister's aide and a former prime minister.")
    expected = [(office, m.span()) for office, rx, _ in kb.role_patterns for m in rx.finditer(text)]
    assert [(office, m.span()) for office, m in kb.role_phrases(text)] == expected
    assert len(expected) >= 5
    assert kb.role_phrases("No office is named here.") == []
