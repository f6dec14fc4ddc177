from dyad.web.highlight import pieces


def joined(ps):
    return "".join(p.text for p in ps)


def test_evidence_is_one_group_and_the_text_is_kept_whole():
    text = 'Intro. Tokyo said "no deal" today. Outro.'
    s = text.index("Tokyo")
    e = text.index(" Outro")
    q = {"idx": 0, "start": text.index("no deal"), "end": text.index("no deal") + 7}
    before, inside, after = pieces(text, (s, e), [q], [])
    assert joined(before) + joined(inside) + joined(after) == text
    assert joined(inside) == text[s:e]
    quoted = [p for p in inside if "quote" in p.classes]
    assert [p.text for p in quoted] == ["no deal"] and quoted[0].quote == 0


def test_quote_crossing_the_evidence_boundary_is_split_not_lost():
    text = "aaaa bbbb cccc"
    before, inside, after = pieces(text, (5, 9), [{"idx": 1, "start": 2, "end": 12}], [])
    assert [p.classes for p in inside] == [("quote",)]
    assert joined(before) == "aaaa " and before[-1].text == "aa " and before[-1].classes == ("quote",)
    assert after[0].text == " cc" and after[0].classes == ("quote",)


def test_offsets_outside_the_text_mean_no_evidence():
    before, inside, after = pieces("short", (3, 99), [], [])
    assert joined(before) == "short" and inside == [] and after == []


def test_loaded_language_spans_are_classed():
    text = "the Kiev regime said"
    before, _, _ = pieces(text, None, [], [{"start": 4, "end": 15, "technique": "Name_Calling"}])
    assert [(p.text, p.classes) for p in before] == [("the ", ()), ("Kiev regime", ("loaded",)), (" said", ())]
