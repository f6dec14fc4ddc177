"""The knowledge base: who and what the press names, and who held which office when.

Plain data files under `kb/data/` (sources in `kb/data/SOURCES.md`) loaded by small code:
- `actors.py`: countries, demonyms, capitals and government metonyms, international
  organisations, institutions and sector nouns -> `ActorMatch(country, sector)`;
- `offices.py`: people and their dated terms of office -> `KBPerson`, `Term`.
"""
from __future__ import annotations

import functools
from datetime import date
from typing import Optional

from .actors import ActorLexicon, ActorMatch
from .offices import KBPerson, OfficeHolders, Term

__all__ = ["KnowledgeBase", "ActorLexicon", "ActorMatch", "OfficeHolders", "KBPerson", "Term"]


class KnowledgeBase:
    def __init__(self, actors: ActorLexicon, offices: OfficeHolders):
        self.actors = actors
        self.offices = offices

    @classmethod
    @functools.lru_cache(maxsize=4)
    def default(cls, offices_extra: tuple[str, ...] = ()) -> "KnowledgeBase":
        """The bundled KB with the office holders of the `offices_extra` folders
        (`Settings.offices_extra`), loaded once per process and value."""
        return cls(ActorLexicon.load(), OfficeHolders.load(extra=offices_extra))

    def who(self, name: str, on: Optional[date] = None) -> list[tuple[KBPerson, list[Term]]]:
        """People matching `name`, each with the terms they held on `on` (all terms when None)."""
        out = []
        for person in self.offices.find_person(name):
            terms = [t for t in person.terms if on is None or t.covers(on)]
            out.append((person, terms))
        return out
