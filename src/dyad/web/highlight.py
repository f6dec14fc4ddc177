"""An article's text cut at the offsets of its evidence, quotes and loaded-language spans, for the
template to render piece by piece (each piece escaped there; nothing here is markup).

The highlighted event's evidence `[start, end)` is one piece group (rendered as one `<mark>`); the
quotes and loaded spans inside and around it become classed pieces. Offsets are the stored ones,
into the article's offset base (input text, or body for html input)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class Piece:
    text: str
    classes: tuple[str, ...] = ()
    quote: Optional[int] = None  # index of the quote covering it


def _cut(text: str, lo: int, hi: int, spans: list[tuple[int, int, str, Optional[int]]]) -> list[Piece]:
    """text[lo:hi] as pieces, each with the classes of the spans covering it."""
    cuts = {lo, hi}
    for s, e, _, _ in spans:
        cuts.update(c for c in (s, e) if lo < c < hi)
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        covering = [(kind, q) for s, e, kind, q in spans if s <= a and b <= e]
        classes = tuple(sorted({kind for kind, _ in covering}))
        quote = next((q for kind, q in covering if q is not None), None)
        out.append(Piece(text[a:b], classes, quote))
    return out


def pieces(text: str, evidence: Optional[tuple[int, int]], quotes: list[dict], loaded: list[dict]
           ) -> tuple[list[Piece], list[Piece], list[Piece]]:
    """(before, evidence, after): the text before the evidence, inside it, after it. Without
    evidence (or with offsets outside the text) everything is in `before`."""
    spans = [(q["start"], q["end"], "quote", q["idx"]) for q in quotes
             if q.get("start") is not None and q.get("end") is not None]
    spans += [(s["start"], s["end"], "loaded", None) for s in loaded
              if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)]
    n = len(text)
    if evidence is None or evidence[0] is None or not (0 <= evidence[0] < evidence[1] <= n):
        return _cut(text, 0, n, spans), [], []
    s, e = evidence
    return _cut(text, 0, s, spans), _cut(text, s, e, spans), _cut(text, e, n, spans)
