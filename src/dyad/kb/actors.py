"""Who the press names: countries, demonyms, capitals and government seats, international
organisations, institutions and agent nouns, each mapped to a country code and a sector.

Data lives in `kb/data/` (countries.csv, metonyms.csv, igos.csv, institutions.csv, agents.csv,
agents_phoenix.csv; sources in SOURCES.md). Matching uses two precompiled trie regexes: proper
names (case-sensitive, so "us" and "diet" are not actors) and nouns (any case). A composer then
joins a country word with the institution or agent nouns that follow it ("the Russian Foreign
Ministry", "Japan's top diplomat") or precede it via "of" ("the parliament of Georgia").
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

DATA = Path(__file__).parent / "data"
IGO = "IGO"

# How an actor was named.
COUNTRY, DEMONYM, CAPITAL, METONYM, ORG, INSTITUTION, AGENT = (
    "country", "demonym", "capital", "metonym", "igo", "institution", "agent")


@dataclass(frozen=True)
class ActorMatch:
    text: str
    start: int
    end: int
    country: Optional[str]
    sector: Optional[str]
    kind: str
    code: Optional[str] = None  # own code of an organisation ("NATO"), else the ISO3 code


@dataclass(frozen=True)
class _Entry:
    country: Optional[str]
    sector: Optional[str]
    kind: str
    code: Optional[str] = None
    noun: bool = False  # institution/agent noun, to be joined with a country word


def _rows(name: str, data_dir: Path = DATA) -> Iterable[dict]:
    path = Path(data_dir) / name
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(line for line in fh if not line.startswith("#"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"actor data file missing: {path}") from exc


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _plurals(noun: str) -> list[str]:
    """Regular English plurals of the last word (PETRARCH-style: the lists store singulars)."""
    head, _, last = noun.rpartition(" ")
    pre = head + " " if head else ""
    if last.endswith("man"):
        return [pre + last[:-3] + "men"]
    if last.endswith(("s", "x", "ch", "sh")):
        return [pre + last + "es"]
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return [pre + last[:-1] + "ies"]
    return [pre + last + "s"]


def _trie_regex(phrases: Iterable[str]) -> str:
    """One regex alternation shaped as a character trie: fast, and greedy = longest match."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True

    def char(ch: str) -> str:
        if ch in "'\u2019":
            return "['\u2019]"
        if ch == " ":
            return r"[ \t\u00a0]+(?:\n[ \t]*)?"  # a line break inside a name, never a blank line
        if ch == "-":
            return "[-\u2010\u2011]"
        return re.escape(ch)

    def emit(node: dict) -> str:
        branches = [char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _key(text: str) -> str:
    """Lookup key for a matched surface string: spacing, apostrophes, hyphens normalised."""
    text = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(text.split())


class ActorLexicon:
    def __init__(self, names: dict[str, _Entry], nouns: dict[str, _Entry],
                 country_names: dict[str, str]):
        self.names = names  # surface (case-sensitive) -> entry
        self.nouns = nouns  # lower-cased noun phrase -> entry (institution or agent)
        self._country_names = country_names
        self._country_words = {k.lower(): e.country for k, e in names.items()
                               if e.kind in (COUNTRY, DEMONYM, CAPITAL) and e.country}
        for k, e in names.items():
            if e.country and k.lower() not in self._country_words:
                self._country_words[k.lower()] = e.country
        bound_l, bound_r = r"(?<![\w\-])", r"(?![\w\-]|\.\w)"
        # Names may touch a hyphen ("U.S.-Japan"); nouns may not ("anti-government").
        self._name_re = re.compile(r"(?<!\w)(?:" + _trie_regex(names) + r")(?!\w|\.\w)")
        self._noun_re = re.compile(bound_l + "(?:" + _trie_regex(nouns) + ")" + bound_r,
                                   re.IGNORECASE)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, data_dir: Path | None = None) -> "ActorLexicon":
        """Build the lexicon from the CSV files in `data_dir` (default: the bundled kb/data)."""
        data = Path(data_dir) if data_dir is not None else DATA

        def rows(name: str) -> Iterable[dict]:
            return _rows(name, data)

        names: dict[str, _Entry] = {}
        country_names: dict[str, str] = {}

        def add(surface: str, entry: _Entry) -> None:
            surface = _key(surface)
            if surface and surface not in names:
                names[surface] = entry
            # Headlines and datelines: "RUSSIA", "TOKYO".
            upper = surface.upper()
            if len(surface) >= 4 and upper != surface and upper not in names:
                names[upper] = entry

        for row in rows("metonyms.csv"):  # first: specific beats generic (Brussels -> EU)
            country = row["country"] or None
            add(row["phrase"], _Entry(country, row["sector"] or None, row["kind"] or METONYM,
                                      code="EU" if row["phrase"] == "Brussels" else country))
        for row in rows("countries.csv"):
            iso = row["iso3"]
            country_names[iso] = row["name"]
            for n in [row["name"]] + _split(row["names"]):
                add(n, _Entry(iso, None, COUNTRY, iso))
            for d in _split(row["demonyms"]):
                add(d, _Entry(iso, None, DEMONYM, iso))
            for c in _split(row["capitals"]):
                add(c, _Entry(iso, "GOV", CAPITAL, iso))
        for row in rows("igos.csv"):
            entry = _Entry(IGO, row["sector"] or "IGO", ORG, row["code"])
            country_names.setdefault(row["code"], row["name"])
            for alias in [row["name"]] + _split(row["aliases"]):
                add(alias, entry)

        nouns: dict[str, _Entry] = {}

        def add_noun(noun: str, entry: _Entry, plural: bool = True) -> None:
            noun = _key(noun).lower()
            if not noun:
                return
            forms = [noun] + (_plurals(noun) if plural else [])
            for f in forms:
                if f not in nouns or (nouns[f].kind == AGENT and entry.kind == INSTITUTION):
                    nouns[f] = entry

        for row in rows("institutions.csv"):
            add_noun(row["phrase"], _Entry(None, row["sector"], INSTITUTION, noun=True))
        for row in rows("agents.csv"):  # curated first so they win over the converted list
            sector = row["sector"]
            add_noun(row["noun"], _Entry(None, None if sector == "-" else sector,
                                         "modifier" if sector == "-" else AGENT, noun=True),
                     plural=sector != "-")
        for row in rows("agents_phoenix.csv"):
            add_noun(row["noun"], _Entry(None, row["sector"], AGENT, noun=True))
        return cls(names, nouns, country_names)

    # ------------------------------------------------------------------ lookups
    def country_of(self, word: str) -> Optional[str]:
        """ISO3 code (or IGO) for a country name, demonym or capital; None if unknown."""
        if not word:
            return None
        key = _key(word)
        if key.lower().startswith("the "):
            key = key[4:]
        entry = self.names.get(key)
        if entry is not None:
            return entry.country
        return self._country_words.get(key.lower())

    def country_name(self, iso3: str) -> str:
        return self._country_names.get(iso3, iso3)

    def sector_of(self, phrase: str) -> Optional[str]:
        """Sector of the head of a role or noun phrase ("Foreign Minister" -> GOV), or None.

        The head is the last noun of the first noun chain: "Foreign Ministry spokeswoman" -> GOV,
        "senior research fellow at the Tokyo Foundation" -> EDU, "member of the lower house" ->
        LEG (when "member" itself is not a listed noun).
        """
        if not phrase:
            return None
        nouns = [(m, self.nouns[_key(m.group()).lower()]) for m in self._noun_re.finditer(phrase)]
        nouns = [(m, e) for m, e in nouns if e.sector]
        if not nouns:
            names = [self.names[_key(m.group())] for m in self._name_re.finditer(phrase)]
            return next((e.sector for e in names if e.sector and e.kind != CAPITAL), None)
        # The head of the first chain: the last of the nouns that touch the first one.
        chain_end = 0
        for i in range(1, len(nouns)):
            gap = phrase[nouns[i - 1][0].end():nouns[i][0].start()]
            if gap.strip(" -"):
                break
            chain_end = i
        return nouns[chain_end][1].sector

    # ------------------------------------------------------------------ matching
    def _raw(self, text: str) -> list[tuple[int, int, _Entry]]:
        found: list[tuple[int, int, _Entry]] = []
        for m in self._name_re.finditer(text):
            entry = self.names.get(_key(m.group()))
            if entry is not None:
                found.append((m.start(), m.end(), entry))
        for m in self._noun_re.finditer(text):
            entry = self.nouns.get(_key(m.group()).lower())
            if entry is not None:
                found.append((m.start(), m.end(), entry))
        # Longest first at each start; names win ties; then drop overlaps left to right.
        found.sort(key=lambda t: (t[0], -(t[1] - t[0]), t[2].noun))
        out: list[tuple[int, int, _Entry]] = []
        last_end = -1
        for start, end, entry in found:
            if start >= last_end:
                out.append((start, end, entry))
                last_end = end
        return out

    _POSS_GAP = re.compile(r"(?:['\u2019]s?)?[ \t]+\Z")
    _NOUN_GAP = re.compile(r"[ \t]+\Z|-\Z")
    _OF_GAP = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?\Z", re.IGNORECASE)

    def find_all(self, text: str, agents: bool = False) -> list[ActorMatch]:
        """Every actor mention in `text`: longest, non-overlapping, offsets into `text`.
        `agents`: also bare agent nouns with no country ("gunmen", "lawmakers", "a grand jury"), which
        give a sector only (the event coder uses them for domestic news)."""
        if not isinstance(text, str):
            raise TypeError(f"find_all expects a string, not {type(text).__name__}")
        if not text:
            return []
        raw = self._raw(text)
        out: list[ActorMatch] = []
        i, n = 0, len(raw)
        while i < n:
            start, end, entry = raw[i]
            if not entry.noun:
                # A country word followed by a chain of nouns: "Japanese Foreign Ministry spokesman".
                j, head, last = i + 1, None, end
                gap_re = self._POSS_GAP
                while j < n and raw[j][2].noun and gap_re.match(text, last, raw[j][0]) \
                        and entry.kind in (COUNTRY, DEMONYM, CAPITAL, METONYM, ORG):
                    if raw[j][2].sector:
                        head = j
                    last = raw[j][1]
                    gap_re = self._NOUN_GAP
                    j += 1
                if head is not None and entry.country:
                    h = raw[head]
                    out.append(ActorMatch(text[start:h[1]], start, h[1], entry.country,
                                          h[2].sector, h[2].kind, entry.code))
                    i = head + 1
                    continue
                out.append(ActorMatch(text[start:end], start, end, entry.country, entry.sector,
                                      entry.kind, entry.code))
                i += 1
                continue
            # A noun chain: maybe "X of [the] Country", else a bare institution.
            j, head, last = i, None, start
            while j < n and raw[j][2].noun and (j == i or self._NOUN_GAP.match(text, last, raw[j][0])):
                if raw[j][2].sector:
                    head = j
                last = raw[j][1]
                j += 1
            if head is None:
                i = j
                continue
            h = raw[head]
            if j < n and not raw[j][2].noun and raw[j][2].country and head == j - 1 \
                    and self._OF_GAP.match(text, h[1], raw[j][0]):
                c = raw[j]
                first = next(k for k in range(i, j) if raw[k][2].sector)
                s0 = raw[first][0]
                out.append(ActorMatch(text[s0:c[1]], s0, c[1], c[2].country, h[2].sector,
                                      h[2].kind, c[2].code))
                i = j + 1
                continue
            if h[2].kind == INSTITUTION:
                first = next(k for k in range(i, head + 1) if raw[k][2].kind == INSTITUTION)
                s0 = raw[first][0]
                out.append(ActorMatch(text[s0:h[1]], s0, h[1], None, h[2].sector, INSTITUTION))
            elif agents:
                first = next(k for k in range(i, head + 1) if raw[k][2].sector)
                s0 = raw[first][0]
                out.append(ActorMatch(text[s0:h[1]], s0, h[1], None, h[2].sector, AGENT))
            i = j
        return out

    def resolve(self, phrase: str) -> Optional[ActorMatch]:
        """The best single actor for a noun phrase; the head noun decides the sector.

        "the Russian ambassador" -> RUS GOV; "Japanese troops" -> JPN MIL;
        "Russian President Vladimir Putin" -> RUS GOV; "police" -> (None, COP).
        """
        if not phrase or not phrase.strip():
            return None
        matches = self.find_all(phrase)
        with_country = [m for m in matches if m.country]
        if with_country:
            # a composite ("Japanese officials") beats a bare country word, then the longer match
            return max(with_country, key=lambda m: (m.kind in (INSTITUTION, AGENT), m.end - m.start))
        if matches:
            return matches[0]
        # No country: an agent noun alone still gives the sector.
        nouns = [m for m in self._noun_re.finditer(phrase)
                 if self.nouns.get(_key(m.group()).lower(), _Entry(None, None, "")).sector]
        if nouns:
            m = nouns[-1]
            e = self.nouns[_key(m.group()).lower()]
            return ActorMatch(m.group(), m.start(), m.end(), None, e.sector, e.kind)
        return None
