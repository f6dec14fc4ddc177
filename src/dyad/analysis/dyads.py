"""Naming a dyad: "JPN-RUS", "Japan-Russia", "japan/russia", "U.S.-North Korea" -> ("JPN", "RUS")."""
from __future__ import annotations

import re
from typing import Optional

from ..kb import KnowledgeBase

_CODE = re.compile(r"[A-Z]{3}|IGO|NATO|EU")


class DyadError(ValueError):
    """A dyad the knowledge base cannot read as two countries."""


def _one(name: str, kb: KnowledgeBase) -> str:
    name = name.strip()
    if name.isupper() and kb.actors.country_name(name) != name:  # a known code: "JPN"
        return name
    code = kb.actors.country_of(name) or kb.actors.country_of(name.title())
    if code:
        return code
    if _CODE.fullmatch(name.upper()):  # a code the KB has no name for: taken as given
        return name.upper()
    raise DyadError(f"unknown country {name!r}")


def parse_dyad(text: str, kb: Optional[KnowledgeBase] = None) -> tuple[str, str]:
    """Two country codes from codes or names joined by '-', '/', ',' or ' and '.

    Names may contain hyphens or spaces ("North Korea", "Bosnia-Herzegovina"): every split point is
    tried and the first that gives two known countries wins."""
    kb = kb or KnowledgeBase.default()
    text = text.strip()
    for sep in (r"\s+and\s+", r"\s*/\s*", r"\s*,\s*", r"\s*-\s*", r"\s+"):
        parts = [m for m in re.finditer(sep, text)]
        for m in parts:
            left, right = text[:m.start()], text[m.end():]
            if not left or not right:
                continue
            try:
                return _one(left, kb), _one(right, kb)
            except DyadError:
                continue
    raise DyadError(f"cannot read {text!r} as two countries (e.g. JPN-RUS or Japan-Russia)")
