"""The dyad timeline as inline SVG, built server-side from `analysis.timeline`'s frame.

Top panel: the relations index (line), its uncertainty band (shaded), a point per period with
stories (hover: period, stories, index and band), change-points as dashed lines. Bottom panel:
stories per period stacked by quad class (hover: counts by PLOVER type). Every text goes through
`markupsafe.escape`; the SVG holds no script."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup, escape

from ..model import PLOVER_TYPES
from ..analysis.timeline import QUADS

QUAD_COLOURS = dict(zip(QUADS, ("#4c9a2a", "#1f6fb2", "#e0a030", "#c0392b")))
QUAD_LABELS = dict(zip(QUADS, ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")))
W, H = 920, 360
LEFT, RIGHT, TOP = 48, 12, 14
INDEX_H, GAP, BARS_H = 190, 30, 90


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def timeline_svg(frame: pd.DataFrame, title: str, by: str = "month") -> Markup:
    """The chart for one dyad's timeline frame (empty frame: a note instead of a chart)."""
    if frame is None or frame.empty:
        return Markup('<p class="empty">No dated events between these countries in this period.</p>')
    n = len(frame)
    width = W - LEFT - RIGHT
    step = width / max(n, 1)
    lo = min(-10.0, float(frame.index_low.min()))
    hi = max(10.0, float(frame.index_high.max()))
    lo, hi = max(lo, -12.0), min(hi, 12.0)

    def x(i: float) -> float:
        return LEFT + step * (i + 0.5)

    def y(v: float) -> float:
        v = min(max(v, lo), hi)
        return TOP + INDEX_H * (hi - v) / (hi - lo)

    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    # axes and grid
    for v in (-10, -5, 0, 5, 10):
        if lo <= v <= hi:
            parts.append(f'<line class="grid{" zero" if v == 0 else ""}" x1="{LEFT}" x2="{W - RIGHT}" '
                         f'y1="{_fmt(y(v))}" y2="{_fmt(y(v))}"/>'
                         f'<text class="tick" x="{LEFT - 6}" y="{_fmt(y(v) + 4)}" text-anchor="end">{f"{v:+d}" if v else "0"}</text>')
    parts.append(f'<text class="axis-label" x="{LEFT}" y="{TOP - 3}">relations index (Goldstein, shrunk), 90% band</text>')
    band = [(x(i), y(r.index_high)) for i, r in enumerate(frame.itertuples())] + \
           [(x(i), y(r.index_low)) for i, r in reversed(list(enumerate(frame.itertuples())))]
    parts.append('<polygon class="band" points="' + " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in band) + '"/>')
    parts.append('<polyline class="index" points="' +
                 " ".join(f"{_fmt(x(i))},{_fmt(y(r.index))}" for i, r in enumerate(frame.itertuples())) + '"/>')
    fmt = "%Y-%m" if by == "month" else "%Y-%m-%d"
    for i, r in enumerate(frame.itertuples()):
        if r.change_point:
            parts.append(f'<line class="change" x1="{_fmt(x(i) - step / 2)}" x2="{_fmt(x(i) - step / 2)}" '
                         f'y1="{TOP}" y2="{TOP + INDEX_H}"><title>change-point from {r.period:{fmt}}: '
                         f'{escape(f"{r.change:+.1f}")}</title></line>')
        if r.stories:
            tip = (f"{r.period:{fmt}}: {r.stories} stories ({r.reports} reports), index {r.index:.2f} "
                   f"[{r.index_low:.2f}, {r.index_high:.2f}]")
            parts.append(f'<circle class="point" data-period="{r.period:%Y-%m-%d}" data-stories="{r.stories}" '
                         f'cx="{_fmt(x(i))}" cy="{_fmt(y(r.index))}" r="3.5"><title>{escape(tip)}</title></circle>')
    # stacked bars by quad class
    base = TOP + INDEX_H + GAP + BARS_H
    most = max(int(frame.stories.max()), 1)
    parts.append(f'<text class="axis-label" x="{LEFT}" y="{TOP + INDEX_H + GAP - 4}">stories per {by} '
                 f'(max {most}) by quad class</text>')
    bar_w = max(step * 0.8, 1.0)
    for i, r in enumerate(frame.itertuples()):
        if not r.stories:
            continue
        types = ", ".join(f"{t} {getattr(r, t)}" for t in PLOVER_TYPES if getattr(r, t))
        top = base
        for quad in QUADS:
            k = getattr(r, quad)
            if not k:
                continue
            h = BARS_H * k / most
            top -= h
            parts.append(f'<rect class="bar" x="{_fmt(x(i) - bar_w / 2)}" y="{_fmt(top)}" width="{_fmt(bar_w)}" '
                         f'height="{_fmt(h)}" fill="{QUAD_COLOURS[quad]}"><title>{r.period:{fmt}}: '
                         f'{escape(QUAD_LABELS[quad])} {k}; {escape(types)}</title></rect>')
    parts.append(f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{base}" y2="{base}"/>')
    # year labels
    last_year = None
    for i, r in enumerate(frame.itertuples()):
        if r.period.year != last_year:
            last_year = r.period.year
            parts.append(f'<text class="tick" x="{_fmt(x(i))}" y="{base + 14}" text-anchor="middle">{last_year}</text>')
    legend_x = LEFT
    for quad in QUADS:
        parts.append(f'<rect x="{legend_x}" y="{H - 12}" width="10" height="10" fill="{QUAD_COLOURS[quad]}"/>'
                     f'<text class="tick" x="{legend_x + 14}" y="{H - 3}">{QUAD_LABELS[quad]}</text>')
        legend_x += 170
    parts.append("</svg>")
    return Markup("".join(parts))


def type_counts(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """Stories per PLOVER type over the whole frame, most first."""
    if frame is None or frame.empty:
        return []
    counts = [(t, int(frame[t].sum())) for t in PLOVER_TYPES if t in frame and frame[t].sum()]
    return sorted(counts, key=lambda c: (-c[1], c[0]))
