import pandas as pd

from dyad.analysis.timeline import QUADS
from dyad.model import PLOVER_TYPES
from dyad.web.chart import timeline_svg, type_counts


def frame(stories):
    periods = pd.date_range("2022-01-01", periods=len(stories), freq="MS")
    out = pd.DataFrame({"period": periods, "stories": stories, "reports": stories})
    for t in PLOVER_TYPES:
        out[t] = 0
    out["SANCTION"] = stories
    for q in QUADS:
        out[q] = 0
    out["material_conflict"] = stories
    out["index"] = [-2.0] * len(stories)
    out["index_low"], out["index_high"] = out["index"] - 3, out["index"] + 3
    out["change_point"] = [False, True, False]
    out["change"] = [float("nan"), -1.5, float("nan")]
    return out


def test_one_point_per_period_with_stories_and_a_band():
    svg = str(timeline_svg(frame([2, 0, 1]), "JPN-RUS <script>"))
    assert svg.count('class="point"') == 2
    assert 'class="band"' in svg and 'class="change"' in svg
    assert "<script>" not in svg and "JPN-RUS &lt;script&gt;" in svg


def test_empty_frame_gives_a_note_and_types_count_stories():
    assert "No dated events" in str(timeline_svg(pd.DataFrame(), "x"))
    assert type_counts(frame([2, 0, 1])) == [("SANCTION", 3)]
