"""ActorLexicon: countries, demonyms, metonyms, organisations, institutions and agent nouns."""
import pytest

from dyad.kb.actors import ActorLexicon, ActorMatch


@pytest.fixture(scope="module")
def lex():
    return ActorLexicon.load()


def spans(lex, text):
    return [(m.text, m.country, m.sector) for m in lex.find_all(text)]


def test_offsets_are_exact(lex):
    text = "Officials in Tokyo said the Russian Foreign Ministry summoned Japan\u2019s ambassador."
    for m in lex.find_all(text):
        assert text[m.start:m.end] == m.text
    assert ("Tokyo", "JPN", "GOV") in spans(lex, text)
    assert ("Russian Foreign Ministry", "RUS", "GOV") in spans(lex, text)
    assert ("Japan\u2019s ambassador", "JPN", "GOV") in spans(lex, text)


@pytest.mark.parametrize("text,country", [
    ("the US", "USA"), ("the U.S.", "USA"), ("United States", "USA"), ("America", "USA"),
    ("Britain", "GBR"), ("the UK", "GBR"), ("South Korea", "KOR"), ("North Korea", "PRK"),
    ("Japanese", "JPN"), ("Russian", "RUS"), ("Chinese", "CHN"), ("Ukrainians", "UKR"),
    ("Papua New Guinea", "PNG"), ("Guinea", "GIN"), ("Niger", "NER"), ("Nigeria", "NGA"),
])
def test_countries_and_demonyms(lex, text, country):
    found = lex.find_all(f"Talks with {text} went on.")
    assert len(found) == 1 and found[0].country == country
    assert found[0].text == text.removeprefix("the ")


@pytest.mark.parametrize("text,country", [
    ("Tokyo", "JPN"), ("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Washington", "USA"),
    ("the White House", "USA"), ("Beijing", "CHN"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Seoul", "KOR"), ("Pyongyang", "PRK"), ("Downing Street", "GBR"), ("the Elysee", "FRA"),
    ("Ankara", "TUR"), ("Tehran", "IRN"),
])
def test_capitals_and_metonyms_are_government(lex, text, country):
    found = lex.find_all(f"{text} rejected the plan.")
    assert len(found) == 1
    assert (found[0].country, found[0].sector) == (country, "GOV")


def test_brussels_is_the_eu(lex):
    m = lex.find_all("Brussels warned Budapest.")[0]
    assert (m.country, m.code) == ("IGO", "EU")


@pytest.mark.parametrize("text,code", [
    ("UN", "UN"), ("the United Nations", "UN"), ("EU", "EU"), ("NATO", "NATO"), ("G7", "G7"),
    ("G20", "G20"), ("World Bank", "WB"), ("IMF", "IMF"), ("ASEAN", "ASEAN"), ("SCO", "SCO"),
    ("BRICS", "BRICS"), ("OSCE", "OSCE"), ("IAEA", "IAEA"), ("WHO", "WHO"), ("WTO", "WTO"),
    ("African Union", "AU"), ("Arab League", "Arab League"), ("OPEC", "OPEC"),
])
def test_organisations(lex, text, code):
    found = lex.find_all(f"A statement from {text} came late.")
    assert len(found) == 1
    assert (found[0].country, found[0].code) == ("IGO", code)


def test_case_matters_for_names(lex):
    assert lex.find_all("Let us eat on a diet in china.") == []
    assert spans(lex, "The Diet passed it.") == [("Diet", "JPN", "LEG")]


def test_institutions_take_the_country_next_to_them(lex):
    assert spans(lex, "Japan's Foreign Affairs Ministry protested.") == [
        ("Japan's Foreign Affairs Ministry", "JPN", "GOV")]
    assert spans(lex, "the parliament of Georgia voted") == [("parliament of Georgia", "GEO", "LEG")]
    assert spans(lex, "the Ministry of Foreign Affairs of Japan said") == [
        ("Ministry of Foreign Affairs of Japan", "JPN", "GOV")]
    assert spans(lex, "The Russian Duma and the Pentagon") == [
        ("Russian", "RUS", None), ("Duma", "RUS", "LEG"), ("Pentagon", "USA", "MIL")]
    # A bare institution has no country.
    assert spans(lex, "Parliament will vote.") == [("Parliament", None, "LEG")]


def test_names_touching_a_hyphen(lex):
    assert [m.country for m in lex.find_all("the U.S.-Japan alliance")] == ["USA", "JPN"]
    assert lex.find_all("anti-government protests") == []


@pytest.mark.parametrize("phrase,country,sector", [
    ("the Russian ambassador", "RUS", "GOV"), ("Japanese troops", "JPN", "MIL"),
    ("Chinese businessmen", "CHN", "BUS"), ("Russian President Vladimir Putin", "RUS", "GOV"),
    ("Japan's top diplomat", "JPN", "GOV"), ("South Korean lawmakers", "KOR", "LEG"),
    ("the police", None, "COP"), ("Japan", "JPN", None), ("the Kremlin", "RUS", "GOV"),
    ("UN Secretary-General", "IGO", "GOV"),
])
def test_resolve(lex, phrase, country, sector):
    m = lex.resolve(phrase)
    assert isinstance(m, ActorMatch)
    assert (m.country, m.sector) == (country, sector)


def test_resolve_nothing(lex):
    assert lex.resolve("") is None
    assert lex.resolve("the weather in spring") is None


def test_country_of_and_name(lex):
    assert lex.country_of("Japanese") == "JPN"
    assert lex.country_of("Moscow") == "RUS"
    assert lex.country_of("the United States") == "USA"
    assert lex.country_of("russia") == "RUS"
    assert lex.country_of("Atlantis") is None
    assert lex.country_name("JPN") == "Japan"
    assert lex.country_name("XYZ") == "XYZ"


@pytest.mark.parametrize("role,sector", [
    ("Foreign Minister", "GOV"), ("Prime Minister", "GOV"), ("ambassador", "GOV"),
    ("spokeswoman", "GOV"), ("Chief Cabinet Secretary", "GOV"), ("general", "MIL"),
    ("member of the lower house", "LEG"), ("professor", "EDU"),
    ("senior research fellow at the Tokyo Foundation", "EDU"), ("poet", None),
])
def test_sector_of(lex, role, sector):
    assert lex.sector_of(role) == sector


def test_every_country_has_a_name(lex):
    assert len(lex._country_names) >= 195
    for iso in ("JPN", "RUS", "CHN", "USA", "UKR", "KOR", "PRK", "SSD"):
        assert lex.country_of(lex.country_name(iso)) == iso


def test_bad_input_and_missing_data(lex, tmp_path):
    with pytest.raises(TypeError):
        lex.find_all(None)
    with pytest.raises(FileNotFoundError, match="actor data file missing"):
        ActorLexicon.load(tmp_path)


def test_find_all_on_a_long_text(lex):
    # speed is measured in benchmarks, not asserted here; this checks nothing is lost at length
    text = "The Russian Foreign Ministry said Japan and the US met in Tokyo. " * 2000
    assert len(lex.find_all(text)) == 8000


def test_bare_agents_only_on_request(lex):
    text = "Gunmen and a grand jury met lawmakers."
    assert lex.find_all(text) == []
    found = {(m.text, m.sector) for m in lex.find_all(text, agents=True)}
    assert {("Gunmen", "UAF"), ("grand jury", "JUD"), ("lawmakers", "LEG")} <= found
