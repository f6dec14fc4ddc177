import pytest

from dyad.analysis import DyadError, parse_dyad


@pytest.mark.parametrize("text,pair", [("JPN-RUS", ("JPN", "RUS")), ("Japan-Russia", ("JPN", "RUS")),
                                       ("japan/russia", ("JPN", "RUS")), ("United States-North Korea", ("USA", "PRK")),
                                       ("Russia and China", ("RUS", "CHN"))])
def test_codes_and_names(text, pair, kb):
    assert parse_dyad(text, kb) == pair


def test_unknown(kb):
    with pytest.raises(DyadError):
        parse_dyad("Atlantis-Japan", kb)
