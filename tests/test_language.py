"""language.py: py3langid on the body."""
from dyad.document import Document
from dyad.language import Language, identify


def test_identify_major_languages():
    assert identify("The foreign ministers of Japan and Russia met in Moscow on Tuesday to discuss a peace treaty.")[0] == "en"
    assert identify("Министры иностранных дел России и Японии встретились во вторник в Москве.")[0] == "ru"
    assert identify("Die Außenminister beider Länder trafen sich am Dienstag in Berlin zu Gesprächen.")[0] == "de"


def test_short_english_headline_is_english():
    assert identify("Russia Leader Criticizes Japan's Response to Crisis")[0] == "en"
    assert identify("China Sends Aid to Japan")[0] == "en"


def test_no_letters_gives_none_then_hint():
    assert identify("12 34 --")[0] is None
    doc = Document(id="x", input={"id": "x", "text": "2024", "language": "EN"})
    doc.body = "2024"
    Language()(doc)
    assert doc.record.language == "en"
    doc = Document(id="y", input={"id": "y", "text": "2024"})
    doc.body = "2024"
    Language()(doc)
    assert doc.record.language is None


def test_stage_sets_record_language():
    doc = Document(id="z", input={"id": "z"})
    doc.body = "Japan imposed new sanctions on Russian companies, the government said on Friday."
    Language()(doc)
    assert doc.record.language == "en"
