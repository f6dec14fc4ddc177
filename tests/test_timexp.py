from datetime import date

from dyad.timexp import find_times, lower_bound, period, resolve

REF = date(2019, 6, 13)  # a Thursday


def times(text):
    return {r.text: r for r in find_times(text)}


def res(text, ref=REF, tense=None):
    found = find_times(text)
    assert len(found) == 1, found
    return resolve(found[0], ref, tense)


def test_offsets_are_exact():
    text = "The envoy arrived on March 3, 2018, and left in late April. Talks resume next week."
    for r in find_times(text):
        assert text[r.start:r.end] == r.text
    assert set(times(text)) == {"on March 3, 2018", "in late April", "next week"}


def test_absolute_dates():
    assert res("signed on 4 July 2016 in Oslo") == (date(2016, 7, 4), "day")
    assert res("the decree of Dec. 5, 2011 said") == (date(2011, 12, 5), "day")
    assert res("updated 2021-03-09 at noon") == (date(2021, 3, 9), "day")
    assert res("the summit on October 2-4 was calm") == (date(2018, 10, 2), "day")  # past by default
    assert res("ministers met on June 10") == (date(2019, 6, 10), "day")


def test_month_and_year_expressions():
    assert res("sanctions imposed in August 2017 stay") == (date(2017, 8, 1), "month")
    assert res("since April 2015 they have") == (date(2015, 4, 1), "month")
    assert res("trade fell in 2012 sharply") == (date(2012, 1, 1), "year")
    assert res("They met in February.") == (date(2019, 2, 1), "month")
    assert res("Protests began in late November.") == (date(2018, 11, 1), "month")
    assert res("The envoy will return in August.", tense="future") == (date(2019, 8, 1), "month")
    assert res("Prices rose last March.") == (date(2019, 3, 1), "month")  # the latest March
    assert res("Prices rose last September.") == (date(2018, 9, 1), "month")


def test_month_names_that_are_words_need_context():
    assert find_times("Officials may attend. He will march on.") == []
    assert res("They spoke in May.") == (date(2019, 5, 1), "month")
    assert res("at the October summit") == (date(2018, 10, 1), "month")


def test_relative_expressions():
    assert res("he said yesterday") == (date(2019, 6, 12), "day")
    assert res("He left last month.") == (date(2019, 5, 1), "month")
    assert res("It grew last year.") == (date(2018, 1, 1), "year")
    assert res("It met two weeks ago.") == (date(2019, 1, 1), "year")  # May 27 - Jun 2: no single month
    assert res("It met 3 days ago.") == (date(2019, 6, 10), "day")
    assert res("Talks continue next week.") == (date(2019, 6, 1), "month")
    assert res("It grew 10-20 years ago.") == (None, None)


def test_weekdays():
    assert res("said on Thursday") == (date(2019, 6, 13), "day")
    late = find_times("met late on Wednesday")[0]
    assert late.late and resolve(late, REF) == (date(2019, 6, 12), "day")
    assert find_times("talks on Tuesday night")[0].late
    assert res("arrived last Friday") == (date(2019, 6, 7), "day")
    assert res("will arrive on Monday", tense="future") == (date(2019, 6, 17), "day")


def test_seasons():
    assert res("planned for this spring") == (date(2019, 1, 1), "year")
    assert res("visits in the summer of 2016") == (date(2016, 1, 1), "year")
    winter = find_times("this winter")[0]
    assert resolve(winter, date(2020, 1, 20)) == (None, None)  # Dec 2019 - Feb 2020 spans two years
    assert find_times("after the fall of the regime") == []


def test_unresolvable_without_reference():
    for text in ("said on Thursday", "last month", "in March", "on June 10", "yesterday"):
        assert resolve(find_times(text)[0], None) == (None, None), text
    assert resolve(find_times("in March 2020")[0], None) == (date(2020, 3, 1), "month")


def test_lower_bound_needs_a_stated_year():
    assert lower_bound(find_times("in January 2026")[0]) == date(2026, 1, 1)
    assert lower_bound(find_times("in the spring of 2016")[0]) == date(2016, 3, 1)
    assert lower_bound(find_times("in January")[0]) is None


def test_period():
    assert period(date(2020, 3, 1), date(2020, 3, 31)) == (date(2020, 3, 1), "month")
    assert period(date(2020, 3, 1), date(2020, 5, 31)) == (date(2020, 1, 1), "year")
    assert period(date(2020, 12, 1), date(2021, 1, 1)) == (None, None)


def test_names_are_not_times():
    assert find_times("in May's cabinet, USA TODAY reported") == []
    assert [r.text for r in find_times("Today, ministers met.")] == ["Today"]


def test_part_of_a_unit():
    r = find_times("rules will be relaxed by the end of the year")[0]
    assert (r.text, r.lead) == ("by the end of the year", "by")
    assert resolve(r, REF) == (date(2019, 1, 1), "year")
    assert res("at the start of last month") == (date(2019, 5, 1), "month")


def test_impossible_days_are_no_dates():
    assert find_times("on February 30") == [] and find_times("on April 31, 2020") == []
