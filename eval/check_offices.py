"""Check the bundled office-holder data (kb/data/people.csv, terms.csv) after editing it by hand.

Every row must parse (`OfficeHolders.load` raises on a bad one); every term must start before it
ends and not begin after its holder's death; and no two people may hold one single-holder office of
one country at once (a shared hand-over day is allowed). Prints the problems; exit status 1 if any.
    .venv/bin/python eval/check_offices.py
"""
from __future__ import annotations

import sys
from collections import defaultdict

from dyad.kb.offices import OfficeHolders

# Offices held by one person at a time (ambassadors, deputies and spokespeople are several).
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                 "chief_cabinet_secretary", "secretary_general", "nato_secretary_general",
                 "commission_president"}


def problems(offices: OfficeHolders) -> list[str]:
    out = []
    held = defaultdict(list)
    for p in offices.people:
        for t in p.terms:
            end = t.end or offices.as_of
            if end < t.start:
                out.append(f"{p.kb_id}: {t.office} {t.country} ends {end} before it starts {t.start}")
            if p.died and t.start > p.died:
                out.append(f"{p.kb_id}: {t.office} {t.country} starts {t.start} after death {p.died}")
            if t.office in SINGLE_HOLDER:
                held[(t.office, t.country)].append((t.start, end, p.kb_id))
    for (office, country), terms in sorted(held.items()):
        terms.sort()
        for (_, end1, a), (start2, _, b) in zip(terms, terms[1:]):
            if start2 < end1 and a != b:
                out.append(f"{office} {country}: {a} (to {end1}) overlaps {b} (from {start2})")
    return out


def main() -> int:
    offices = OfficeHolders.load()
    found = problems(offices)
    print("\n".join(found))
    print(f"{len(offices.people)} people, {sum(len(p.terms) for p in offices.people)} terms, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
