from dyad.framing import lexicon, tone


def test_lexicon_longest_match_on_whole_words():
    lex = {("evil",): lexicon.Entry("Loaded_Language", 0.5, 10),
           ("so-called", "experts"): lexicon.Entry("Name_Calling,Labeling", 0.6, 5)}
    text = "The so-called experts praised a Medieval evil-doer and an evil plan."
    found = [(text[s:e], x.technique) for s, e, x in lexicon.find(text, lex)]
    assert found == [("so-called experts", "Name_Calling,Labeling"), ("evil", "Loaded_Language")]


def test_bundled_lexicon_loads():
    lex = lexicon.load()
    assert len(lex) > 100 and all(0 < e.precision <= 1 for e in lex.values())


def test_tone_is_per_country_where_document_tone_is_one_number(kb):
    body = "Tokyo warmly praised Seoul for its generous help, but it condemned Moscow for the brutal attack."
    by_country = tone.tone_by_country(body, [(0, len(body))], kb.actors)
    assert by_country["KOR"] > 0 > by_country["RUS"]
    assert set(by_country) == {"JPN", "KOR", "RUS"}


def test_framing_stage_offsets(pipeline):
    text = "BERLIN - The ministry denounced the evil and disgusting smear campaign against Germany."
    rec = pipeline.annotate_one({"id": "f1", "text": text})
    assert rec.framing.loaded_language
    for span in rec.framing.loaded_language:
        assert text[span.start:span.end] == span.text
    assert "DEU" in rec.framing.tone


def test_hand_written_terms_join_the_learned_ones():
    text = "The Kiev regime and its Russophobic sponsors rejected the special military operation's aims."
    found = {text[s:e]: x.technique for s, e, x in lexicon.find(text, lexicon.load())}
    assert found["Kiev regime"] == "Name_Calling,Labeling" and found["Russophobic"] == "Loaded_Language"
    assert found["special military operation"] == "Exaggeration,Minimisation"
