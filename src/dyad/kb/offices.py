"""Office-holders: who held which office, where and when.

Data: `kb/data/people.csv` (one row per person) and `kb/data/terms.csv` (one row per term of office),
sources in `kb/data/SOURCES.md`; stated roles -> office keys in `kb/data/roles.yaml`.
`as_of` (a `# as_of:` line in terms.csv) is the day the data was last checked: an open term
(`end` empty) is known to run at least until then, and nothing is claimed after it.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional

import yaml

# Offices whose holders are named family name first in English (Xi Jinping, Moon Jae-in).
FAMILY_FIRST_COUNTRIES = frozenset({"CHN", "KOR", "PRK", "TWN", "VNM", "HKG", "MNG"})


@dataclass(frozen=True)
class Term:
    role: str  # the office as usually written ("Prime Minister", "Ambassador to Japan")
    office: str  # office key: head_of_state, head_of_government, foreign_minister, ambassador, ...
    country: str  # whose office (ISO alpha-3)
    start: date
    end: Optional[date] = None  # None: still in office (as of the data's `as_of`)
    target: Optional[str] = None  # ambassadors: the host country

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class KBPerson:
    kb_id: str
    name: str
    aliases: tuple = ()
    country: Optional[str] = None
    died: Optional[date] = None
    terms: tuple = ()
    born: Optional[date] = None

    @property
    def names(self) -> tuple:
        return (self.name,) + tuple(self.aliases)

    def alive_on(self, d: date) -> bool:
        return self.died is None or d <= self.died


class RoleMatch(tuple):
    """`(office, country)` from a stated role; `.target` is an ambassador's host country."""

    def __new__(cls, office: str, country: Optional[str], target: Optional[str] = None):
        self = tuple.__new__(cls, (office, country))
        self.target = target
        return self

    @property
    def office(self) -> str:
        return self[0]

    @property
    def country(self) -> Optional[str]:
        return self[1]

    def __repr__(self) -> str:
        return f"RoleMatch(office={self[0]!r}, country={self[1]!r}, target={self.target!r})"


# --- name keys: spellings that are the same name (Nozdryov/Nozdrev, Nikolay/Nikolai, Koumura/Komura)
_KEY_RULES = [
    (re.compile(r"([bcdfghklmnprstvzj])yo"), r"\1e"),  # Nozdryov -> Nozdrev (Russian ё)
    (re.compile(r"^ye"), "e"),  # Yevgeny -> Evgeny
    (re.compile(r"([aeiou])ye"), r"\1e"),  # Sergeyev -> Sergeev
    (re.compile(r"kh"), "h"),  # Mikhail / Mihail
    (re.compile(r"(?<=[a-z])(iy|yi|ij|ii|y)$"), "i"),  # Nikolay/Nikolai, Dmitriy/Dmitry/Dmitri
    (re.compile(r"y"), "i"),  # Andrey/Andrei, Sergey/Sergei
    (re.compile(r"ou"), "o"),  # Koumura / Komura, Itou / Ito
    (re.compile(r"oh(?=[^aeiou]|$)"), "o"),  # Ohno / Ono
    (re.compile(r"([aeiou])\1"), r"\1"),  # Ryuu / Ryu, Oota / Ota
    (re.compile(r"([^aeiou])\1"), r"\1"),  # double consonants: Gennady/Genady, Abbas/Abas
]


def fold(text: str) -> str:
    """Lower case without diacritics (Séjourné -> sejourne)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(token: str) -> str:
    """A spelling-insensitive key for one name token."""
    key = re.sub(r"[^a-z\-]", "", fold(token))
    for pattern, repl in _KEY_RULES:
        key = pattern.sub(repl, key)
    return key


def name_tokens(name: str) -> list[str]:
    """Name tokens with initials kept as single letters ("V. Putin" -> ["v", "putin"])."""
    return [t for t in re.split(r"[\s.]+", fold(name).replace("\u2019", "'")) if t and t != "-"]


def _parse_date(value: str | None) -> Optional[date]:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def _read_csv(name: str | Path) -> tuple[list[dict], dict]:
    """Rows of a bundled CSV (or of a file path), and `# key: value` settings from its comments."""
    if isinstance(name, Path):
        text = name.read_text(encoding="utf-8")
    else:
        text = resources.files("dyad.kb").joinpath("data", name).read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            m = re.match(r"#\s*(\w+):\s*(\S.*)$", line)
            if m:
                meta[m.group(1)] = m.group(2).strip()
        elif line.strip():
            lines.append(line)
    return list(csv.DictReader(lines)), meta


class OfficeHolders:
    def __init__(self, people: Iterable[KBPerson], as_of: date, roles: Optional[dict] = None):
        """`roles`: a roles.yaml-shaped dict (default: the bundled roles.yaml)."""
        self.people = list(people)
        self.as_of = as_of
        self._by_id = {p.kb_id: p for p in self.people}
        # full-name keys and surname keys -> people
        self._full: dict[tuple, list[KBPerson]] = {}
        self._surname: dict[str, list[KBPerson]] = {}
        for p in self.people:
            for n in p.names:
                toks = [name_key(t) for t in name_tokens(n)]
                if not toks:
                    continue
                self._add(self._full, tuple(toks), p)
                self._add(self._surname, self._surname_of(toks, p), p)
        self._roles = _compile_roles(roles) if roles else _default_roles()

    @staticmethod
    def _add(index: dict, key, p: KBPerson) -> None:
        bucket = index.setdefault(key, [])
        if p not in bucket:
            bucket.append(p)

    @staticmethod
    def _surname_of(toks: list[str], p: KBPerson) -> str:
        if len(toks) > 1 and p.country in FAMILY_FIRST_COUNTRIES:
            return toks[0]
        return toks[-1]

    # --- loading
    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "OfficeHolders":
        """The bundled data (kb/data/people.csv, terms.csv, roles.yaml), plus the people.csv/terms.csv
        of each `extra` directory (`Settings.offices_extra`), such as `kb/wikidata.py` writes.
        Extra terms may name bundled people's kb_ids."""
        people_rows, _ = _read_csv("people.csv")
        term_rows, meta = _read_csv("terms.csv")
        as_of = date.fromisoformat(meta["as_of"])
        seen = {r["kb_id"] for r in people_rows}
        for folder in extra:
            more_people, _ = _read_csv(Path(folder) / "people.csv")
            more_terms, _ = _read_csv(Path(folder) / "terms.csv")
            people_rows += [r for r in more_people if r["kb_id"] not in seen]
            seen.update(r["kb_id"] for r in more_people)
            term_rows += more_terms
        return cls.from_rows(people_rows, term_rows, as_of=as_of)

    @classmethod
    def from_rows(cls, people_rows: Iterable[dict], term_rows: Iterable[dict], as_of: date) -> "OfficeHolders":
        terms: dict[str, list[Term]] = {}
        for i, row in enumerate(term_rows, 1):
            try:
                term = Term(role=row["role"].strip(), office=row["office"].strip(), country=row["country"].strip(),
                            start=_parse_date(row["start"]), end=_parse_date(row.get("end")),
                            target=(row.get("target") or "").strip() or None)
            except (KeyError, ValueError, AttributeError) as exc:
                raise ValueError(f"terms row {i}: {exc}: {row}") from exc
            if term.start is None:
                raise ValueError(f"terms row {i}: no start date: {row}")
            terms.setdefault(row["kb_id"].strip(), []).append(term)
        people = []
        for i, row in enumerate(people_rows, 1):
            try:
                kb_id = row["kb_id"].strip()
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
                people.append(KBPerson(kb_id=kb_id, name=row["name"].strip(), aliases=aliases,
                                       country=(row.get("country") or "").strip() or None,
                                       died=_parse_date(row.get("died")), born=_parse_date(row.get("born")),
                                       terms=tuple(sorted(terms.pop(kb_id, []), key=lambda t: t.start))))
            except (KeyError, ValueError, AttributeError) as exc:
                raise ValueError(f"people row {i}: {exc}: {row}") from exc
        if terms:
            raise ValueError(f"terms for unknown people: {sorted(terms)}")
        return cls(people, as_of)

    # --- look-ups
    def get(self, kb_id: str) -> Optional[KBPerson]:
        return self._by_id.get(kb_id)

    def find_person(self, name: str) -> list[KBPerson]:
        """People the name can denote: full name (either order), surname alone, or initials + surname.

        Spelling variants (Nozdryov/Nozdrev, Sergei/Sergey) and case do not matter.
        """
        toks = name_tokens(name or "")
        toks = [t for t in toks if t not in _HONORIFICS]
        if not toks:
            return []
        keys = [name_key(t) for t in toks]
        exact = self._full.get(tuple(keys)) or (self._full.get(tuple(reversed(keys))) if len(keys) == 2 else None)
        if exact:
            return list(exact)
        if len(keys) == 1:
            return list(self._surname.get(keys[0], []))
        out = []
        for surname, given in ((keys[-1], keys[0]), (keys[0], keys[-1])):
            for p in self._surname.get(surname, []):
                if p not in out and self._given_matches(p, given, surname):
                    out.append(p)
            if out:
                break
        return out

    def _given_matches(self, p: KBPerson, given: str, surname: str) -> bool:
        """The query's given name (or its initial) fits one of the person's names with that surname."""
        for n in p.names:
            toks = [name_key(t) for t in name_tokens(n)]
            if len(toks) < 2 or surname not in (toks[0], toks[-1]):
                continue
            firsts = {toks[0], toks[-1]} - {surname} if toks[0] != toks[-1] else set()
            for f in firsts:
                if (len(given) == 1 and f.startswith(given)) or f == given:
                    return True
        return False

    def holders(self, office: str, country: Optional[str], on: date, target: Optional[str] = None) -> list[KBPerson]:
        """People holding `office` of `country` (any when None) on day `on`."""
        out = []
        for p in self.people:
            for t in p.terms:
                if (t.office == office and (country is None or t.country == country)
                        and (target is None or t.target == target) and t.covers(on)):
                    out.append(p)
                    break
        return out

    def span(self, term: Term) -> tuple[date, date]:
        """The days a term is known to cover: an open term runs to `as_of`."""
        return term.start, term.end or max(self.as_of, term.start)

    # --- stated roles
    @property
    def role_patterns(self) -> list[tuple[str, re.Pattern, Optional[str]]]:
        """(office, compiled phrase, fixed country or None) for every role phrase in roles.yaml."""
        return self._roles["patterns"]

    def role_phrases(self, text: str) -> list[tuple[str, re.Match]]:
        """`(office, match)` for every role phrase in `text`: the matches of `role_patterns` in their
        order, each pattern's non-overlapping matches left to right, as `finditer` gives them. One scan
        finds where any phrase starts; only those places are tried (81 scans of a body cost 8x more)."""
        starts = [m.start() for m in self._roles["any_start"].finditer(text)]
        out = []
        if not starts:
            return out
        for office, pattern, _ in self._roles["patterns"]:
            pos = 0
            for start in starts:
                if start < pos:
                    continue
                m = pattern.match(text, start)
                if m:
                    out.append((office, m))
                    pos = max(m.end(), start + 1)
        return out

    def match_role(self, text: str, country_of: Optional[Callable[[str], Optional[str]]] = None) -> Optional[RoleMatch]:
        """Map a stated role ("Russian ambassador to Japan", "premier") to `(office, country)`.

        Country comes from a country word in the role ("Japanese", "of Japan"); for ambassadors
        `.target` is the host country. `country_of(word)` may be given (the actor lexicon);
        otherwise the small table in roles.yaml is used. None when the role is not a known office.
        """
        if not text:
            return None
        lookup = country_of or self._roles["country_of"]
        for office, pattern, fixed_country in self._roles["patterns"]:
            m = pattern.search(text)
            if not m:
                continue
            country, target = fixed_country, None
            before, after = text[:m.start()], text[m.end():]
            if office == "ambassador":
                tm = re.search(r"(?<!\w)(?:to|in)\s+(?:the\s+)?([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)", after)
                if tm:
                    target = _country_in(tm.group(1), lookup)
            if country is None:
                country = _country_in(before, lookup)
            if country is None:
                om = re.match(r"\s*of\s+(?:the\s+)?([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)", after)
                if om:
                    country = _country_in(om.group(1), lookup)
            return RoleMatch(office, country, target)
        return None


_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "lord", "madam", "san"}


def _country_in(text: str, lookup: Callable[[str], Optional[str]]) -> Optional[str]:
    """The country of the last country word in `text` (tries two-word names first)."""
    words = re.findall(r"[A-Za-z][\w\-.]*(?:'s)?", text)
    words = [w[:-2] if w.endswith("'s") else w.rstrip(".") for w in words]
    for i in range(len(words) - 1, -1, -1):
        for n in (3, 2, 1):
            if i - n + 1 < 0:
                continue
            phrase = " ".join(words[i - n + 1:i + 1])
            c = lookup(phrase)
            if c:
                return c
    return None


@functools.lru_cache(maxsize=1)
def _default_roles() -> dict:
    """The bundled roles.yaml, read and compiled once per process."""
    text = resources.files("dyad.kb").joinpath("data", "roles.yaml").read_text(encoding="utf-8")
    return _compile_roles(yaml.safe_load(text))


_WORD_START = r"(?<![\w-])"


def _compile_roles(data: dict) -> dict:
    """Role patterns `(office, regex, fixed country)` and the small country table."""
    patterns, alternatives = [], []
    for entry in data.get("roles", []):
        for phrase in entry["phrases"]:
            rx = re.compile(_WORD_START + phrase + r"(?![\w-])", re.IGNORECASE)
            patterns.append((entry["office"], rx, entry.get("country")))
            alternatives.append(f"(?:{phrase}(?![\\w-]))")
    # where any phrase starts: a word start followed by one of them (zero-width, so overlaps are kept)
    any_start = re.compile(_WORD_START + "(?=" + "|".join(alternatives) + ")", re.IGNORECASE) if alternatives \
        else re.compile(r"(?!)")
    table = {fold(k): v for k, v in (data.get("countries") or {}).items()}

    def country_of(word: str) -> Optional[str]:
        return table.get(fold(word).strip())

    return {"patterns": patterns, "any_start": any_start, "country_of": country_of}
