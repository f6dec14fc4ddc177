"""clean.py: boilerplate removal on invented scraped texts (tests/fixtures/text/), offsets intact."""
from pathlib import Path

import pytest

from dyad.clean import Clean, analyse
from dyad.document import Document
from dyad.extract import Extract

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def cleaned(text: str) -> Document:
    doc = Document(id="t", input={"id": "t", "text": text})
    Extract()(doc)
    Clean()(doc)
    assert doc.record.error is None
    return doc


def fixture(name: str) -> Document:
    return cleaned((FIXTURES / name).read_text(encoding="utf-8"))


def assert_offsets(doc: Document) -> None:
    """Every kept piece of the body is a verbatim slice of the text at the mapped offsets."""
    for body_start, text_start, length in doc._segments:
        assert doc.body[body_start:body_start + length] == doc.text[text_start:text_start + length]
        a, b = doc.to_input(body_start), doc.to_input(body_start + length)
        assert doc.text[a:b] == doc.body[body_start:body_start + length]


# (fixture, body starts with, body ends with, strings that must be gone)
CASES = [
    ("tass_style.txt", "China and Vietnam agreed on Monday", "consultations in Hanoi in the autumn.",
     ["World March 3, 10:15", "BEIJING, March 3. /TASS/.", "Read more on the site",
      "Chinese and Vietnamese officials agreed", "Beijing and Hanoi pledge"]),
    ("reuters_style.txt", "China and Japan agreed on Tuesday", "on condition of anonymity.",
     ["Skip to main content", "By Jane Roe", "9:12 AM", "(Reuters) -", "Reporting by", "Our Standards",
      "Facebook"]),
    ("sputnik_style.txt", "Turkey is ready to host a new round of grain talks between",
     "failed to agree on insurance for ships.",
     ["Example Globe News", "Breaking stories", "Subscribe", "Newsfeed", "log in or register", "loader",
      "Комментарии", "officials said on Friday.\n"]),
    ("blog_style.txt", "The parliament of Moldova voted", "We will keep following the story.",
     ["daily wire digest", "Translation", "Telegram", "Stay with us", "Share on your profiles", "#Moldova"]),
    ("scraper_meta.txt", "South Korea and Australia held", "supply chain security.",
     ["date 2024-05-06", "(Yonhap)"]),
    ("aljazeera_style.txt", "Sudan's army and the Rapid Support Forces", "a week was not enough.",
     ["Published On", "Save", "Click here", "Source: Al Jazeera", "warring sides agree"]),
    ("plain_news.txt", "Senators pressed the administration's nominee", "would return to the issue.",
     ["WASHINGTON —", "Senators Question Envoy"]),
]


@pytest.mark.parametrize("name,starts,ends,gone", CASES)
def test_fixture_bodies(name, starts, ends, gone):
    doc = fixture(name)
    assert doc.body.startswith(starts)
    assert doc.body.endswith(ends)
    for s in gone:
        assert s not in doc.body, s
    assert_offsets(doc)


def test_ordinary_text_kept_whole():
    doc = fixture("plain_news.txt")
    # Sub-headings and short final sentences inside the article stay.
    for s in ["Why it matters", "A vote is expected next week.", '"We cannot leave the Arctic to others,"']:
        assert s in doc.body


@pytest.mark.parametrize("text", [
    "Russia Accuses Japan of Provocation in Disputed Waters",
    "The minister said talks would resume next month.",
    "Japan and Russia sign fisheries deal",
    "Subscribe",  # even a lone interface word: better noise than an empty article
])
def test_single_line_kept_whole(text):
    assert cleaned(text).body == text


def test_dateline_prefix_and_layout():
    text = "MOSCOW (Reuters) - Russia said on Monday it would respond to the new sanctions imposed by Japan."
    layout = analyse(text)
    assert layout.dateline.place == "MOSCOW" and layout.dateline.credit == "Reuters"
    assert cleaned(text).body == text[len("MOSCOW (Reuters) - "):]


def test_label_is_not_a_place():
    text = "FILE - In this photo taken last year, the two leaders shake hands at a summit in Tokyo."
    layout = analyse(text)
    assert layout.dateline is None
    assert cleaned(text).body == text


def test_other_script_lines_dropped_in_middle():
    text = ("Officials from both countries met in Vienna on Tuesday to discuss the nuclear programme and sanctions.\n"
            "Нажмите здесь, чтобы прочитать\n"
            "The talks will continue next week in Geneva, according to diplomats familiar with the matter.")
    doc = cleaned(text)
    assert "Нажмите" not in doc.body
    assert doc.body.count("\n") == 1 and "Geneva" in doc.body
    assert_offsets(doc)


def test_quoted_inline_foreign_words_kept():
    text = "The slogan «Мир» appeared on banners as the president spoke to crowds in the capital on Sunday."
    assert cleaned(text).body == text


def test_crlf_and_indentation_offsets():
    text = "Title Of The Story\r\n\r\n   TOKYO (Kyodo) -- Japan and India agreed on Friday to deepen defence ties, officials said.\r\n"
    doc = cleaned(text)
    assert doc.body == "Japan and India agreed on Friday to deepen defence ties, officials said."
    assert_offsets(doc)


def test_bad_text_fails_clearly():
    doc = Document(id="x", input={"id": "x"})
    doc.text = None
    Clean()(doc)
    assert "not a string" in doc.record.error


def test_masthead_menus_and_footer_widgets():
    doc = fixture("masthead_style.txt")
    assert doc.body.startswith("The port authorities of Busan and Fukuoka")
    assert doc.body.endswith("several times a day.")
    layout = analyse(doc.text)
    assert layout.title == "Port authorities in two countries sign ferry safety pact"
    assert_offsets(doc)


def test_blog_header_title_is_the_standalone_headline():
    doc = fixture("blog_header_style.txt")
    layout = analyse(doc.text)
    assert layout.title == "New ferry line links two island ports"
    assert doc.body.startswith("A new ferry line began service")
    assert doc.body.endswith("after the first season.")
    for chrome in ("Straits and Harbours", "notes on shipping", "Archive", "Posted in", "Subscribe by email"):
        assert chrome not in doc.body


@pytest.mark.parametrize("lead,place,credit,body", [
    ("TOKYO. /TASS/. Japan's new envoy arrived on Monday.", "TOKYO", "TASS", "Japan's new envoy arrived on Monday."),
    ("MOSCOW, March 7 - RIA Novosti. The government approved a list.", "MOSCOW", "RIA Novosti",
     "The government approved a list."),
    ("MOSCOW/TOKYO (Reuters) - The decree was signed on Thursday.", "MOSCOW/TOKYO", "Reuters",
     "The decree was signed on Thursday."),
    ("VLADIVOSTOK, RUSSIA — The leaders met on the sidelines of the forum.", "VLADIVOSTOK, RUSSIA", None,
     "The leaders met on the sidelines of the forum."),
    ("WASHINGTON, D.C., Feb. 12, 2018 (Example Wire) – Senators met on Monday.", "WASHINGTON, D.C.",
     "Example Wire", "Senators met on Monday."),
])
def test_dateline_styles(lead, place, credit, body):
    layout = analyse(lead)
    assert (layout.dateline.place, layout.dateline.credit) == (place, credit)
    assert cleaned(lead).body == body


def test_uncredited_capitals_below_paragraphs_are_not_a_dateline():
    text = ("The alliance met in Brussels on Tuesday to discuss support for its eastern members and air defence.\n"
            "Ministers agreed to review the plan in the spring, according to a statement issued after the talks.\n"
            "NATO - the largest military alliance - said the decision would be final by June.")
    doc = cleaned(text)
    assert analyse(text).dateline is None
    assert doc.body == text


def test_byte_order_mark_before_dateline():
    text = "\ufeffSEOUL (Yonhap) -- The two Koreas exchanged messages on Monday, officials said."
    doc = cleaned(text)
    assert doc.body == "The two Koreas exchanged messages on Monday, officials said."
    assert_offsets(doc)


def kept_text(text: str) -> str:
    doc = cleaned(text)
    assert_offsets(doc)
    return doc.body


# Invented chrome of each kind, each between two invented article paragraphs.
PARA_A = "The two ministers met in Lisbon on Tuesday to discuss fishing quotas in the Atlantic, officials said."
PARA_B = "Both sides agreed to meet again in the spring, according to a statement released after the talks."
CHROME = [
    "Image copyright Example Agency Image caption The ministers shook hands before the talks",
    "Media playback is unsupported on your device Media caption Why the quota talks matter",
    "A fishing boat leaves the harbour in Porto, Portugal, March 3, 2021. REUTERS/Jane Roe",
    "A trawler is seen in this undated photo released by the ministry. MINISTRY/via REUTERS",
    "Fishermen unload their catch at dawn. (AP Photo/John Doe, File)",
    "The harbour at night. (Photo: Jane Roe, Example Images)",
    "The minister arrives for the meeting. Photographer: John Doe/Bloomberg",
    "Jane Roe/AFP/Getty Images",
    "FILE - In this March 2, 2020, file photo, a minister speaks to reporters in Lisbon.",
    "Enlarge this image toggle caption John Doe/AP John Doe/AP",
    "Write to Jane Roe at jane.roe@example.com",
    "Reporting by Jane Roe; Editing by John Doe",
    "—With reporting by Jane Roe and John Doe.",
    "Contributing: Example Press",
    "Updated at 3:05 p.m. ET",
    "UPDATE 14:00 BST (09:00 EST)",
    "($1 = 109.20 yen)",
    "{articleGuid}",
    "[pullquote]",
    "![A map of the fishing grounds](https://example.com/map.png)",
    "Sign up for our daily briefing, delivered straight to your inbox. By signing up, you agree to our terms.",
    "Subscribe to Example Channel's YouTube channel to get new videos first.",
    "Story Continued Below",
    "___",
    "Slideshow (3 images)",
]


@pytest.mark.parametrize("chrome", CHROME)
def test_chrome_line_between_paragraphs_is_removed(chrome):
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\n{chrome}\n\n{PARA_B}\n")
    assert PARA_A in body and PARA_B in body
    assert chrome not in body


def test_related_marker_and_headlines_under_it_are_removed():
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\nMore:Fishing fleets face a hard winter\n\n"
                     f"Ministers fail to agree on Baltic quotas again\n\n{PARA_B}\n")
    assert "Fishing fleets" not in body and "Baltic quotas" not in body
    assert PARA_B in body


def test_byline_names_and_teaser_under_title_are_header():
    body = kept_text(f"Quota talks resume\n\nJane Roe and John Doe\n\nEXAMPLE TODAY\n\n"
                     f"Ministers meet again as the fishing season nears its end\n\n{PARA_A}\n\n{PARA_B}\n")
    assert body.startswith(PARA_A)


def test_inline_hover_card_is_cut_and_sentence_kept():
    text = (f"Quota talks resume\n\n{PARA_A}\n\nSen. Jane Roe Jane Anne RoeSenate passes fishing bill "
            f"Ministers split on quotas MORE (D-Maine) said the deal was fair to fishermen.\n\n{PARA_B}\n")
    body = kept_text(text)
    assert "Senate passes" not in body and "MORE" not in body
    assert "Sen. Jane Roe" in body and "said the deal was fair to fishermen." in body


def test_currency_footnote_closing_a_paragraph_is_cut():
    body = kept_text(f"Quota talks resume\n\n{PARA_A} The fund holds 5 billion yen. ($1 = 109.20 yen)\n\n{PARA_B}\n")
    assert "($1" not in body and "The fund holds 5 billion yen." in body


def test_yaml_front_matter_is_metadata():
    text = f"---\ntitle: Quota talks resume\ndate: 2021-03-02\nauthor: Jane Roe\n---\n\n{PARA_A}\n\n{PARA_B}\n"
    layout = analyse(text)
    assert ("metadata", "2021-03-02", 2) in layout.date_hints
    assert kept_text(text).startswith(PARA_A)


def test_author_note_closing_an_opinion_piece_is_footer():
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\n{PARA_B}\n\n"
                     "Jane Roe, a former fisheries official, is a senior fellow at the Example Institute.\n")
    assert body.endswith(PARA_B)


def test_last_sentence_below_an_ad_marker_stays():
    last = "The minister said the fleet would be ready for the new season by the end of April."
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\n{PARA_B}\n\nAdvertisement\n\n{last}\n")
    assert body.endswith(last)


@pytest.mark.parametrize("sentence", [
    "Workers at the port said they would sign up for the new training scheme as soon as it opened.",
    "Photographs of the meeting were released by the ministry on Wednesday, the agency said.",
    "More than 300 boats took part in the protest, which blocked the harbour for two days.",
    "Related talks on shipping lanes will open in Madrid next month, the ministry said in a statement.",
])
def test_article_sentences_that_resemble_chrome_stay(sentence):
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\n{sentence}\n\n{PARA_B}\n")
    assert sentence in body


def test_update_stamp_opening_a_line_is_cut():
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\nUpdate at 4:06 p.m. ET. Ministers Arrive In Lisbon:\n\n{PARA_B}\n")
    assert "Update at" not in body and "Ministers Arrive In Lisbon:" in body


@pytest.mark.parametrize("chrome", [
    "JUST WATCHED Envoys meet in Lisbon Replay More Videos ... MUST WATCH Envoys meet in Lisbon 02:56",
    "CLOSE Fishermen explain why the quota talks matter to their towns. Example Video",
    "https://social.example.com/janeroe/status/1234567890",
    "Read the full story here.",
])
def test_player_widgets_and_bare_links_are_removed(chrome):
    body = kept_text(f"Quota talks resume\n\n{PARA_A}\n\n{chrome}\n\n{PARA_B}\n")
    assert chrome not in body and PARA_B in body
