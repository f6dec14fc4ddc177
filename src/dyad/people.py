"""The people stage: who is named in an article, in what role, and every place they are mentioned.

Reads the spaCy parse of the body (`doc.spacy`) and writes `doc.record.people` (one
`model.Person` per person) and `doc.mentions` (body offsets). Steps:
1. names: PERSON entities, plus entities the model mislabels (ORG "Mitsuhiro Kimura") and
   capitalised runs when a given name or the office-holders KB vouches for them; titles, country
   words and brackets are trimmed off, organisations and places are dropped;
2. one person per name: the KB (spelling variants, "V. Putin") gives `kb_id`; an unknown person
   gets a stable id from the normalised name ("p:taisuke-abiru"), the same in every article;
   a surname alone joins the person named in full earlier in the article;
3. roles as stated: the title before a name ("the late Prime Minister"), an appositive after it
   (", a senior research fellow at ..."), a parenthesis, "X was prime minister", with the
   qualifier former/late/then; a bare office ("Chief Cabinet Secretary said") goes to the person
   the KB says held it when nobody else in the article does;
4. descriptions ("the deputy", "the expert") and he/she resolved where it is safe.
Two later stages, after the dates stage: `RolesAtDate` gives a person the article names without a
role the office the KB says they held on the publication date ("former ..." once all their terms had
ended), and `CaptionPeople` adds the people named only in image captions the body left out.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Optional

import yaml

from .dates import parse_iso
from .document import Mention
from .kb.offices import FAMILY_FIRST_COUNTRIES, _read_csv, name_key, name_tokens
from .stage import Stage
from .model import Person, PersonMention
from .outlets import OutletRegistry
from .quotes.lexicon import read_speech_verbs

_INITIAL = re.compile(r"^(?:[A-Z]\.){2,3}$|^[A-Z]\.?$")  # "V." and "H.R."
_NAME_TOKEN = re.compile(r"^[A-Z][a-zA-Z\u00C0-\u024F'\u2019]*(?:-[A-Za-z\u00C0-\u024F]+)*\.?$")
_BRACKETS = set("[]{}")
_HYPHENS = ("-", "\u2013", "\u2014")  # "then-", "then\u2013Secretary of State" (typeset dashes)
_POSSESSIVES = ("'s", "\u2019s", "\u2018s")
_SPEECH_SUBJ = {"nsubj", "nsubjpass"}
_TOP_OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "secretary_general"}

# the people stage's words: kb/data/person_nouns.yaml
_WORDS = yaml.safe_load(resources.files("dyad.kb").joinpath("data", "person_nouns.yaml").read_text(encoding="utf-8"))
_TITLE_ADP = frozenset(_WORDS["title_prepositions"])
_PARTICLES = frozenset(_WORDS["name_particles"])
_PRONOUNS = frozenset(_WORDS["speaker_pronouns"])
_HONORIFICS = frozenset(_WORDS["honorifics"])
_SUFFIXES = frozenset(_WORDS["name_suffixes"])
# verbs whose subject is a speaker: the one speech-verb list (dyad/data/quotes/speech_verbs.csv)
_SPEECH_VERBS = frozenset(row["lemma"] for row in read_speech_verbs() if "people" in row["also_for"].split())
_WEAK_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


@dataclass
class _PersonWords:
    role_heads: set
    role_head_phrases: list
    descriptions: dict
    qualifiers: dict
    drop_words: set
    not_name: set
    given: dict  # folded given name -> country or ""
    participles: set = field(default_factory=set)
    common_surnames: set = field(default_factory=set)
    calendar: set = field(default_factory=set)
    abbreviations: dict = field(default_factory=dict)
    ranks: set = field(default_factory=set)
    role_verbs: list = field(default_factory=list)  # (words, qualifier), longest first

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "_PersonWords":
        nouns = _WORDS
        given = {row["name"].lower(): (row.get("country") or "") for row in _read_csv("given_names.csv")[0]}
        heads = [str(h).lower() for h in nouns["role_heads"]]
        return cls(
            role_heads={h for h in heads if " " not in h},
            role_head_phrases=[h for h in heads if " " in h],
            descriptions={str(k).lower(): [str(v).lower() for v in vs] for k, vs in nouns["descriptions"].items()},
            qualifiers={str(k).lower(): v for k, v in nouns["qualifiers"].items()},
            drop_words={str(w).lower() for w in nouns["drop_words"]},
            not_name={str(w).lower() for w in nouns["not_name_words"]},
            given=given,
            participles={str(w).lower() for w in nouns.get("title_participles", [])},
            common_surnames={name_key(str(w)) for w in nouns.get("common_surnames", [])},
            calendar={str(w).lower() for w in nouns.get("calendar_words", [])},
            abbreviations={str(k).lower(): str(v) for k, v in nouns.get("title_abbreviations", {}).items()},
            ranks={str(w).lower() for w in nouns.get("military_ranks", [])},
            role_verbs=sorted(((str(k).lower().split(), v) for k, v in nouns.get("role_verbs", {}).items()),
                              key=lambda kv: -len(kv[0])),
        )


@dataclass
class _Name:
    """One name mention: tokens [i, j) of the parse."""
    i: int
    j: int
    start: int
    end: int
    text: str  # surface, brackets and possessive removed
    tokens: list  # name tokens (strings)
    label: str
    cluster: Optional[str] = None
    role: Optional[str] = None
    qualifier: Optional[str] = None
    role_span: Optional[tuple] = None
    extra_roles: list = field(default_factory=list)  # more (role, qualifier, span): parenthesis, "and a ..."


@dataclass
class _Cluster:
    key: str
    kb: object = None  # KBPerson
    names: list = field(default_factory=list)  # _Name, in order
    country: Optional[str] = None
    _keys: Optional[tuple[int, set]] = field(default=None, repr=False, compare=False)  # (len(names), keys)

    @property
    def surname_keys(self) -> set:
        cached = self._keys
        if cached is not None and cached[0] == len(self.names):
            return cached[1]
        keys = set()
        for n in self.names:
            if len(n.tokens) > 1:
                keys.add(name_key(n.tokens[-1]))
                keys.add(name_key(n.tokens[0]))  # family-first names (Xi Jinping)
                particle, _, rest = n.tokens[-1].partition("-")
                if rest and particle.lower() in _PARTICLES:
                    keys.add(name_key(rest))  # "Bashar al-Assad" ... "Assad"
        if self.kb is not None:
            for full in self.kb.names:
                toks = name_tokens(full)
                if toks:
                    keys.add(name_key(toks[-1]))
                    if len(toks) > 1 and self.kb.country in FAMILY_FIRST_COUNTRIES:
                        keys.add(name_key(toks[0]))
        self._keys = (len(self.names), keys)
        return keys


class People(Stage):
    name = "people"
    reads = ("spacy", "input", "record.published")
    writes = ("record.people", "mentions")

    def __init__(self, settings=None, kb=None, nlp=None):
        if kb is None:
            from .kb import KnowledgeBase
            kb = KnowledgeBase.default(settings.offices_extra if settings else ())
        super().__init__(settings, kb, nlp)
        self.lex = _PersonWords.load()
        self.outlets = OutletRegistry.default()
        self.kb_found: dict[str, list] = {}  # name -> KB people: a lookup memo, the same for every article

    def __call__(self, doc) -> None:
        sdoc = doc.spacy
        doc.record.people = []
        doc.mentions = []
        if sdoc is None or len(sdoc) == 0:
            return
        _Reading(self, sdoc.text, _known_date(doc)).read(doc, sdoc)


class RolesAtDate(Stage):
    """A role from the KB for a person the article names without one: the office the person held
    on the publication date, or "former <office>" when every term known by then had ended (the press
    names a past office-holder so). Runs after the dates stage, which reads only stated roles, so a
    KB role never feeds back into the date it was chosen by. Needs the day, or bounds that lie
    inside one term (or after the last): an unknown date, or one that spans a change of office,
    gives no role."""
    name = "roles_at_date"
    reads = ("record.people", "record.published")
    writes = ("record.people",)

    def __call__(self, doc) -> None:
        offices = self.kb.offices if self.kb is not None else None
        window = _date_window(doc)
        if offices is None or window is None:
            return
        for person in doc.record.people:
            if person.role or not person.kb_id:
                continue
            kbp = offices.get(person.kb_id)
            role = office_at(kbp.terms, window, offices.as_of) if kbp is not None else None
            if role:
                person.role, person.role_source = role, "kb"
                person.country = person.country or kbp.country


class CaptionPeople(Stage):
    """People named only in an image caption the body left out ("Image caption Soviet leader
    Mikhail Gorbachev and US President Ronald Reagan signed ..."): the article names them, so they
    are its people, with mentions in *input* offsets (the caption is no part of the body). A caption
    may date from an older photo, so its title is the role only when the KB has none for the
    article's date, and is marked `role_source: caption`. Runs after the dates stage (a caption's
    title says nothing of the article's date) and adds no body mention, so quotes and events never
    see these people. Photo credits ("John Smith/AP") name no one."""
    name = "caption_people"
    reads = ("layout", "record.people", "record.published")
    writes = ("record.people", "caption_mentions")

    def __init__(self, settings=None, kb=None, nlp=None):
        super().__init__(settings, kb, nlp)
        self.people = People(settings, kb, nlp)

    def __call__(self, doc) -> None:
        layout = doc.layout
        if self.nlp is None or layout is None:
            return
        captions = [ln for ln in layout.lines if ln.kind == "caption" and ln.end > ln.start]
        if not captions:
            return
        window = _date_window(doc)
        offices = self.kb.offices if self.kb is not None else None
        known = {p.kb_id for p in doc.record.people} | {name_key(w) for p in doc.record.people
                                                        for n in [p.name, *p.aliases] for w in n.split()[-1:]}
        for ln in captions:
            a, b = _caption_prose(doc.text, ln.start, ln.end)
            if b - a < 10:
                continue
            text = doc.text[a:b]
            sdoc = self.nlp(text)
            reading = _Reading(self.people, text, window[0] if window and window[0] == window[1] else None)
            names = reading._names(sdoc)
            for n in names:
                reading._role_for(sdoc, n)
            for key, c in reading._cluster(sdoc, names).items():
                full = [n for n in c.names if len(n.tokens) > 1]
                if not full or any(_credit(text, n) for n in c.names):
                    continue
                if key in known or any(name_key(n.tokens[-1]) in known for n in c.names):
                    continue  # named in the body too: the body has it
                known.add(key)
                role = source = None
                if c.kb is not None and window is not None and offices is not None:
                    role = office_at(c.kb.terms, window, offices.as_of)
                    source = "kb" if role else None
                if role is None:
                    role, _ = reading._person_role(c, c.names, [])
                    source = "caption" if role else None
                stated_country = next((reading._role_country(n.role) for n in c.names if n.role), None)
                person = Person(name=c.kb.name if c.kb is not None else max((n.text for n in full), key=len),
                                role=role, role_source=source, kb_id=c.kb.kb_id if c.kb is not None else key,
                                country=c.kb.country if c.kb is not None else stated_country)
                index = len(doc.record.people)
                doc.record.people.append(person)
                for n in c.names:
                    doc.caption_mentions.append((index, PersonMention(a + n.start, a + n.end,
                                                                      text[n.start:n.end], n.role, n.qualifier)))


def _caption_prose(text: str, start: int, end: int) -> tuple[int, int]:
    """The caption's own words in text[start:end]: after its last caption marker ("Image copyright
    AFP Image caption ...") and before a closing photo credit ("REUTERS/Jane Roe")."""
    from .clean import Patterns

    pat = Patterns.default()
    line = text[start:end]
    a = max((m.end() for rx in pat.caption_starts for m in rx.finditer(line)), default=0)
    b = min((m.start() for rx in pat.credit_tails for m in [rx.search(line, a)] if m), default=len(line))
    return start + a, start + max(a, b)


def _credit(text: str, n: _Name) -> bool:
    """A photo credit ("John Smith/AP", "Photo: John Smith", "(John Smith)") rather than a subject."""
    before, after = text[:n.start].rstrip(), text[n.end:].lstrip()
    return after.startswith(("/", "|")) or before.endswith(("/", ":", "(", "|")) or before.lower().endswith(" by")


def office_at(terms, window: tuple[date, date], as_of: date) -> Optional[str]:
    """The role of the term that covers every day of `window`, or "former <role>" of the term that
    ended last when all terms begun by then had ended before it; None when the window overlaps a
    term without lying inside it. An open term is known to run only until `as_of`."""
    lo, hi = window
    begun = [t for t in terms if t.start <= hi]
    covering = [t for t in begun if t.start <= lo and hi <= (t.end or as_of)]
    if covering:
        return max(covering, key=lambda t: t.start).role  # two offices at once: the newer one
    if begun and all(t.end is not None and t.end < lo for t in begun):
        return "former " + max(begun, key=lambda t: t.end).role
    return None


def _date_window(doc) -> Optional[tuple[date, date]]:
    """The days the article may have been published on: its day, or its closed bounds."""
    published = doc.record.published
    day = parse_iso(published.date) if published.precision == "day" else None
    if day is not None:
        return day, day
    lo, hi = parse_iso(published.not_before), parse_iso(published.not_after)
    if lo is not None and hi is not None:
        return lo, hi
    known = _known_date(doc)
    return (known, known) if known else None


class _Reading:
    """One article read by the people stage: what it knows about that article lives here, not on
    the stage, so one stage serves many threads."""

    def __init__(self, stage: People, body: str, on: Optional[date]):
        self.offices = stage.kb.offices
        self.actors = stage.kb.actors
        self.lex = stage.lex
        self.outlets = stage.outlets
        self.kb_found = stage.kb_found
        self._body = body  # spaCy rebuilds Doc.text on every access
        self._on = on  # the publication day, when known

    # ------------------------------------------------------------------ helpers
    def _country_of(self, word: str) -> Optional[str]:
        return self.actors.country_of(word) if word else None

    def _find_kb(self, name: str) -> list:
        if self.offices is None or not hasattr(self.offices, "find_person"):
            return []
        cache = self.kb_found  # shared by the threads one stage serves: read once, never re-read
        found = cache.get(name)
        if found is None:
            if len(cache) > 5000:
                cache.clear()
            found = cache[name] = list(self.offices.find_person(name))
        return found

    def _is_role_head(self, tok) -> bool:
        low = tok.lower_
        return (low in self.lex.role_heads or low.rstrip(".") in self.lex.role_heads
                or tok.text[:1].isupper() and self._plural_head(low) is not None  # "Sens.", "Foreign Ministers"
                # agent nouns: analyst, psychologist, politician, technician
                or tok.pos_ == "NOUN" and len(low) > 5 and low.endswith(("ist", "ician")))

    def _plural_head(self, word: str) -> Optional[str]:
        """The singular of a plural title word ("sens." -> "sen.", "ministers" -> "minister"), else None."""
        bare = word.lower().rstrip(".")
        if len(bare) > 3 and bare.endswith("s") and (bare[:-1] in self.lex.role_heads or bare[:-1] in self.lex.abbreviations):
            return word[:len(bare) - 1] + word[len(bare):]
        return None

    # ------------------------------------------------------------------ entry point
    def read(self, doc, sdoc) -> None:
        names = self._names(sdoc)
        for n in names:
            self._role_for(sdoc, n)
        self._share_plural_titles(names)
        clusters = self._cluster(sdoc, names)
        # bare offices, descriptions and pronouns add mentions to the people named
        extra = self._bare_roles(sdoc, names, clusters)
        extra += self._descriptions(sdoc, names, clusters, extra)
        self._emit(doc, sdoc, names, clusters, extra)

    def _share_plural_titles(self, names: list[_Name]) -> None:
        """"Sens. John McCain (R-AZ) and Lindsey Graham", "Foreign Ministers A and B": a plural title
        is each listed name's title, in the singular."""
        for a, b in zip(names, names[1:]):
            if b.role or not a.role or a.role_span is None or a.role_span[1] > a.start:
                continue
            single = self._singular_title(a.role)
            if single is None:
                continue
            a.role = single
            if re.fullmatch(r"\s*(?:\([^()\n]{0,20}\)\s*)?(?:,|,?\s*and)\s*", self._body[a.end:b.start]):
                b.role, b.qualifier = single, a.qualifier

    def _singular_title(self, role: str) -> Optional[str]:
        words = role.split()
        for i in range(len(words) - 1, -1, -1):
            single = self._plural_head(words[i])
            if single is not None:
                return " ".join(words[:i] + [single] + words[i + 1:])
        return None

    # ------------------------------------------------------------------ 1. names
    def _names(self, sdoc) -> list[_Name]:
        spans: list[tuple[int, int, str]] = [(e.start, e.end, e.label_) for e in sdoc.ents]
        taken = set()
        for s, e, label in spans:
            if label == "PERSON":
                taken.update(range(s, e))
        # Capitalised runs the NER model left out or cut ("Yoshihide Suga told", ORG "Hiroshi" + "Tanabe").
        i = 0
        while i < len(sdoc):
            if i not in taken and self._cap(sdoc[i]):
                j = i
                while j < len(sdoc) and j not in taken and self._cap(sdoc[j]) and (j == i or sdoc[j - 1].whitespace_):
                    j += 1
                spans.append((i, j, "RUN"))
                i = j
            else:
                i += 1
        found: list[_Name] = []
        for s, e, label in sorted(spans):
            # "Moon Jae" + "-" + "in": a hyphenated given name whose second part is lower case
            while (e + 1 < len(sdoc) and sdoc[e].text == "-" and not sdoc[e - 1].whitespace_
                   and not sdoc[e].whitespace_ and sdoc[e + 1].is_alpha and sdoc[e + 1].is_lower):
                e += 2
            n = self._clean(sdoc, s, e, label)
            if n is not None:
                found.append(n)
        # Overlapping readings: a KB name first, then the model's PERSON, then the longer one.
        found.sort(key=lambda n: (-(len(n.tokens) > 1 and bool(self._find_kb(n.text))),
                                  -(n.label == "PERSON"), -len(n.tokens), n.start))
        out: list[_Name] = []
        for n in found:
            if not any(n.start < m.end and m.start < n.end for m in out):
                out.append(n)
        return sorted(out, key=lambda n: n.start)

    @staticmethod
    def _cap(tok) -> bool:
        t = tok.text
        return bool(t[:1].isupper()) and (t.isalpha() or bool(_NAME_TOKEN.match(t))) and not t.isupper() \
            or bool(_INITIAL.match(t))

    def _clean(self, sdoc, s: int, e: int, label: str) -> Optional[_Name]:
        """Trim a span to the bare name, or None when it is not a person's name."""
        while s > 0 and _INITIAL.match(sdoc[s - 1].text) and sdoc[s - 1].whitespace_:
            s -= 1  # "V. Putin" where the model tagged only "Putin"
        toks = [t for t in sdoc[s:e] if t.text not in _BRACKETS]
        # possessive, trailing punctuation, "Jr.", "won't" cut as "Wo" + "n't"
        while toks and (toks[-1].text in ("'s", "\u2019s", "'", "\u2019") or toks[-1].is_punct
                        or toks[-1].lower_.rstrip(".") in _SUFFIXES and len(toks) > 2
                        or toks[-1].i + 1 < len(sdoc) and sdoc[toks[-1].i + 1].lower_ in ("n't", "n\u2019t")):
            toks.pop()
        # leading determiners, titles, qualifiers, country words ("Japan Nikolay Nozdryov")
        while toks:
            t = toks[0]
            low = t.lower_
            if (t.is_punct or low in ("the", "a", "an") or low in self.lex.qualifiers or self._is_role_head(t)
                    or low.rstrip(".") in _HONORIFICS
                    or low in self.lex.drop_words or low in ("prime", "foreign", "deputy", "vice", "chief")
                    or (self._country_of(t.text) and len(toks) > 1 and low not in self.lex.given)):
                toks.pop(0)
                continue
            if len(toks) > 2 and self._country_of(f"{toks[0].text} {toks[1].text}"):
                toks = toks[2:]
                continue
            break
        if not toks:
            return None
        words = _joined_words(toks)
        if not all(_name_word(w) for w in words):
            return None
        if any(w.lower().rstrip(".") in self.lex.not_name for w in words):
            return None
        if any(w.lower() in self.lex.calendar for w in words) and not self._surname_after_given(words):
            return None
        if any(any(c.isdigit() for c in w) for w in words):
            return None
        if all(_INITIAL.match(w) for w in words) or _INITIAL.match(words[-1]):
            return None
        if len(words) > 4:
            return None
        text = " ".join(words)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if (self._country_of(text) or any(self._country_of(w) for x, w in enumerate(words)
                                          if not _INITIAL.match(w) and not (x == 0 and w.lower() in self.lex.given))) \
                and not (len(words) > 1 and self._find_kb(text)):
            return None  # "Jordan Peterson" stays a name; "Kiev" is a place; "Kim Jong Un" is in the KB
        if len(words) == 1 and (toks[0].pos_ == "ADJ" or re.search(r"(ic|ian|ist|ese)$", words[0])
                                and not self._find_kb(words[0])):
            return None
        if label in _WEAK_LABELS or label == "RUN":
            # Only with evidence that this is a person: the KB, or a known given name.
            kb = self._find_kb(text)
            given_ok = len(words) > 1 and words[0].lower() in self.lex.given
            if len(words) > 1 and not kb and not given_ok:
                return None
            # (a bare capitalised word is kept for now: _cluster accepts it only as a known surname)
        return _Name(toks[0].i, toks[-1].i + 1, start, end, text, words, label)

    # ------------------------------------------------------------------ 2. one person per name
    def _cluster(self, sdoc, names: list[_Name]) -> dict[str, _Cluster]:
        clusters: dict[str, _Cluster] = {}
        given = self.lex.given
        full = [n for n in names if len(n.tokens) > 1]
        for n in full:  # "Crooked Hillary Clinton", "Universe Alicia Machado": a word glued before a name
            while (len(n.tokens) > 2 and n.tokens[0].lower() not in given and n.tokens[1].lower() in given
                   and not self._find_kb(n.text)):
                self._drop_first(sdoc, n)
        strong = [n for n in full if self._find_kb(n.text) or n.tokens[0].lower() in given
                  or _INITIAL.match(n.tokens[0])]
        weak = [n for n in full if n not in strong]
        single = [n for n in names if len(n.tokens) == 1]
        surnames = Counter(name_key(n.tokens[-1]) for n in names)
        for n in strong:
            self._join_strong(n, clusters)
        for n in weak:
            self._join_weak(sdoc, n, clusters, surnames, single)
        single.sort(key=lambda n: n.start)
        for n in single:
            self._join_single(sdoc, n, clusters)
        for c in clusters.values():
            c.names.sort(key=lambda m: m.start)
        return clusters

    def _join_strong(self, n: _Name, clusters: dict[str, _Cluster]) -> None:
        """A full name with a KB match, a known given name or an initial: its KB person's cluster,
        a full name it abbreviates, or its own."""
        kb = self._find_kb(n.text)
        if len(kb) > 1:  # initials or a shared surname: one already in this article wins
            inside = [p for p in kb if p.kb_id in clusters]
            kb = inside if len(inside) == 1 else self._pick(kb, n)
        if len(kb) == 1:
            key = kb[0].kb_id
        else:
            # An unknown initial form ("A. Smith") joins a full name seen in this article.
            if _INITIAL.match(n.tokens[0]):
                match = [c for c in clusters.values() if name_key(n.tokens[-1]) in c.surname_keys
                         and any(m.tokens[0][:1].upper() == n.tokens[0][:1].upper() for m in c.names)]
                if len(match) == 1:
                    n.cluster = match[0].key
                    match[0].names.append(n)
                    return
                if n.label != "PERSON":
                    return
            key = "p:" + "-".join(name_key(t) for t in n.tokens if not _INITIAL.match(t))
        c = clusters.setdefault(key, _Cluster(key, kb[0] if len(kb) == 1 else None))
        c.names.append(n)
        n.cluster = key

    def _join_weak(self, sdoc, n: _Name, clusters: dict[str, _Cluster], surnames: Counter,
                   single: list[_Name]) -> None:
        """A full name without a known given name: a surname glued to a word, a person with some
        sign of being one, or nothing."""
        # "Injecting Clinton": a word glued to the surname of someone named in full here
        last = name_key(n.tokens[-1])
        if any(last in c.surname_keys for c in clusters.values()):
            while len(n.tokens) > 1:
                self._drop_first(sdoc, n)
            single.append(n)
            return
        # An unknown name without a known given name needs some sign of being a person:
        # a role, a second mention, or a speech verb ("Pell Grants", "Morning Consult" have none).
        if self._in_headline(n):
            return  # "Buy Mines, Sell Coal": every word is capitalised in a title
        if n.role or surnames.get(last, 0) > 1 or self._speaks(sdoc, n) or self._of_organisation(sdoc, n):
            key = "p:" + "-".join(name_key(t) for t in n.tokens)
            c = clusters.setdefault(key, _Cluster(key))
            c.names.append(n)
            n.cluster = key

    def _join_single(self, sdoc, n: _Name, clusters: dict[str, _Cluster]) -> None:
        """A one-word name: the person named in full with that surname, a KB person, or a titled
        unknown."""
        k = name_key(n.tokens[0])
        matches = [c for c in clusters.values() if k in c.surname_keys and any(len(m.tokens) > 1 for m in c.names)]
        if len(matches) > 1:  # the person named most recently before this mention
            before = [(max((m.start for m in c.names if m.start < n.start), default=-1), c) for c in matches]
            best = max(before, key=lambda t: t[0])
            matches = [best[1]] if best[0] >= 0 else matches[:1]
        if matches:
            c = matches[0]
        else:
            kb = self._find_kb(n.text)
            if len(kb) > 1:
                kb = self._pick(kb, n)
            if len(kb) == 1 and not (kb[0].kb_id in clusters or self._surname_ok(n, kb[0])):
                kb = []
            if len(kb) == 1:
                c = clusters.setdefault(kb[0].kb_id, _Cluster(kb[0].kb_id, kb[0]))
            elif n.label == "PERSON" and self._titled(sdoc, n):
                key = "p:" + k
                c = clusters.setdefault(key, _Cluster(key))
            else:
                return
        c.names.append(n)
        n.cluster = c.key

    def _pick(self, people: list, n: _Name) -> list:
        """Among KB people sharing a name, the one whose office fits the stated title, or who held
        an office on the publication date when it is known ("Koizumi" in 2004 vs 2025)."""
        m = self._match_role(n.role) if n.role else None
        if m:
            fit = [p for p in people if any(t.office == m[0] and (m[1] is None or t.country == m[1])
                                            and (self._on is None or t.covers(self._on) or n.qualifier)
                                            for t in p.terms)]
            if len(fit) == 1:
                return fit
        if self._on is not None:
            fit = [p for p in people if any(t.covers(self._on) for t in p.terms)]
            if len(fit) == 1:
                return fit
        return []

    def _surname_ok(self, n: _Name, person) -> bool:
        """May a surname alone, with no full name in the article, link to this KB person? Yes when
        the model calls it a person and the surname is not a common one ("Miller"); when the person
        headed a state, government or diplomacy ("Biden" tagged GPE) and the surname is not a common
        word ("Fox" of Fox News); when the person held office on the known publication date (a top
        office for a common surname: "Liu" is not every Liu in office); or when the stated title
        fits; never a transcript's speaker label ("WALLACE:")."""
        if n.label == "RUN" or n.text.isupper():
            return False
        common = name_key(n.text) in self.lex.common_surnames
        if n.label == "PERSON" and not common:
            return True
        if not common and any(t.office in _TOP_OFFICES for t in person.terms):
            return True
        on_day = [t for t in person.terms if self._on is not None and t.covers(self._on)]
        if any(not common or t.office in _TOP_OFFICES for t in on_day):
            return True
        m = self._match_role(n.role) if n.role else None
        return bool(m) and any(t.office == m[0] for t in person.terms)

    def _drop_first(self, sdoc, n: _Name) -> None:
        """Drop the first word of a name mention, keeping offsets exact."""
        n.tokens = n.tokens[1:]
        for t in sdoc[n.i + 1:n.j]:
            if self._body.startswith(n.tokens[0], t.idx):
                n.i, n.start = t.i, t.idx
                break
        n.text = " ".join(n.tokens)

    def _surname_after_given(self, words: list[str]) -> bool:
        """"Theresa May", "John March": a month or weekday word is a surname after a given name."""
        return len(words) > 1 and words[0].lower() in self.lex.given \
            and not any(w.lower() in self.lex.calendar for w in words[:-1])

    def _in_headline(self, n: _Name) -> bool:
        """Is the mention on a title-case line (most words capitalised)?"""
        a = self._body.rfind("\n", 0, n.start) + 1
        b = self._body.find("\n", n.end)
        words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", self._body[a:b if b >= 0 else len(self._body)])
        words = [w for w in words if len(w) > 3]  # short function words are often lower case
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)

    @staticmethod
    def _speaks(sdoc, n: _Name) -> bool:
        root = sdoc[n.i:n.j].root
        return root.dep_ in _SPEECH_SUBJ and root.head.lemma_ in _SPEECH_VERBS

    def _of_organisation(self, sdoc, n: _Name) -> bool:
        """"CNN's Fareed Zakaria", "NPR's Mary Louise Kelly": a name owned by an organisation is the
        name of someone who works there."""
        j = n.i - 1
        return n.label == "PERSON" and (
            j >= 1 and sdoc[j].lower_ in _POSSESSIVES and sdoc[j - 1].ent_type_ == "ORG"
            or self._outlet_before(sdoc, n) is not None)

    def _outlet_before(self, sdoc, n: _Name) -> Optional[tuple[int, int]]:
        """The (start, end) in the body of a news outlet owning the name: "CNN's Jake Tapper", "CBS
        News's Jeff Glor", and "CNN\u2018s" written as one word (a wrong quote mark for the apostrophe)."""
        j = n.i - 1
        if j < 0:
            return None
        t = sdoc[j]
        if t.lower_ in _POSSESSIVES:
            for k in range(max(0, j - 4), j):  # the longest run of words before it that is an outlet
                words = sdoc[k:j]
                if all(w.text[:1].isupper() or w.text == "&" for w in words) and self.outlets.by_name(words.text):
                    return words.start_char, words.end_char
            return None
        stem = t.text[:-2]
        if t.lower_[-2:] in _POSSESSIVES and stem[:1].isupper() and self.outlets.by_name(stem):
            return t.idx, t.idx + len(stem)
        return None

    def _titled(self, sdoc, n: _Name) -> bool:
        """A single unknown name is kept only with a title ("Professor Nagoshi", "Mr. Liu")."""
        j = n.i - 1
        if j >= 1 and sdoc[j].text == "." and not sdoc[j - 1].whitespace_:
            j -= 1  # "Mr" "." cut apart
        return j >= 0 and (self._is_role_head(sdoc[j]) or sdoc[j].lower_.rstrip(".") in _HONORIFICS)

    # ------------------------------------------------------------------ 3. roles
    def _role_for(self, sdoc, n: _Name) -> None:
        # "a member of the George W. Bush administration": the name modifies a noun, and the title
        # before it is that noun's
        title = None if self._attributive(sdoc, n) else self._title_before(sdoc, n)
        after = self._appositive_after(sdoc, n) or self._relative_after(sdoc, n) or self._copula_after(sdoc, n)
        if title and after and self._is_rank(title[0]):
            title, after = after, title  # "Captain Jeff Davis, a Pentagon spokesman,": the office first
        found = title or after
        if not found:
            outlet = self._outlet_before(sdoc, n)
            if outlet:  # "CNN's Jake Tapper": the outlet the person works for is all the article says
                found = (self._body[outlet[0]:outlet[1]], None, outlet)
        if found:
            n.role, n.qualifier, n.role_span = found
        if title and after:  # a rank and an office, or two offices
            n.extra_roles.append(after)

    @staticmethod
    def _attributive(sdoc, n: _Name) -> bool:
        """Is the name a modifier of the common noun after it ("the Bush administration")? The article
        before the name says so; a title before it does not ("President Trump talks with ...")."""
        if n.j >= len(sdoc) or n.i == 0 or sdoc[n.i - 1].lower_ not in ("the", "a", "an"):
            return False
        nxt = sdoc[n.j]
        return nxt.pos_ == "NOUN" and nxt.text.islower() and sdoc[n.i:n.j].root.dep_ == "compound"

    def _phrase(self, sdoc, i: int, j: int) -> Optional[tuple]:
        """Turn tokens [i, j) into (role, qualifier, (start, end)); None without a role head."""
        toks = [t for t in sdoc[i:j] if t.text not in _BRACKETS]
        qualifier = None
        while toks and (toks[0].lower_ in ("the", "a", "an", "his", "her", "its", "their") or toks[0].text in _HYPHENS
                        or toks[0].lower_ in self.lex.qualifiers or toks[0].lower_ in self.lex.drop_words):
            q = self.lex.qualifiers.get(toks[0].lower_)
            if q and qualifier is None:
                qualifier = q
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].lower_ in _TITLE_ADP or toks[-1].lower_ in ("and", "the")):
            toks.pop()
        if not toks or not any(self._is_role_head(t) for t in toks):
            text = " ".join(t.text for t in toks).lower()
            if not toks or not any(p in text for p in self.lex.role_head_phrases):
                return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        role = self._body[start:end]
        role = re.sub(r"^(?:then|ex)[-\u2013\u2014]", "", role)  # "then-", "then\u2013Secretary"
        if role != self._body[start:end] and qualifier is None:
            qualifier = self.lex.qualifiers.get(re.split(r"[-\u2013\u2014]", self._body[start:end], 1)[0].lower() + "-")
        return role.strip(), qualifier, (start, end)

    def _clause_start(self, sdoc, i: int) -> int:
        """Where a title before token i may begin: after the last full stop or line break (the
        parser's sentence split is not trusted: it breaks "General (former Minister) Hayashi"); the
        stop of an abbreviated title ("Lt." cut as "Lt" + ".") is none."""
        j = i - 1
        while j >= 0 and not (sdoc[j].text in (".", "!", "?", ";", ":") or "\n" in sdoc[j].text):
            j -= 1
        while j > 0 and self._abbreviation_stop(sdoc, j):
            j -= 1
            while j >= 0 and not (sdoc[j].text in (".", "!", "?", ";", ":") or "\n" in sdoc[j].text):
                j -= 1
        return j + 1

    def _title_before(self, sdoc, n: _Name) -> Optional[tuple]:
        sent_start = self._clause_start(sdoc, n.i)
        j = n.i - 1
        while j >= sent_start and (sdoc[j].text in _BRACKETS or sdoc[j].lower_.rstrip(".") in _HONORIFICS):
            j -= 1
        # "the Russian Foreign Ministry's official spokeswoman, Maria Zakharova, said"
        comma = j > sent_start and sdoc[j].text == ","
        closed = False
        if comma:
            nxt = sdoc[n.j] if n.j < len(sdoc) else None
            if nxt is None or not (nxt.text in (",", ".", ")", ";") or nxt.pos_ in ("VERB", "AUX")):
                return None
            closed = nxt.text in (",", ".", ")", ";")
            j -= 1
        if j >= sent_start and sdoc[j].text == ")":
            k = j
            while k > sent_start and sdoc[k].text != "(":
                k -= 1
            if sdoc[k].text == "(":
                inner = self._phrase(sdoc, k + 1, j)
                if inner:
                    n.extra_roles.append(inner)
                j = k - 1
        end = j + 1
        if j >= sent_start and sdoc[j].pos_ == "ADP" or j >= 0 and sdoc[j].lower_ in _TITLE_ADP:
            return None  # "a spokeswoman for Hillary Clinton": the title belongs to someone else
        while j >= sent_start and self._in_title(sdoc, j, sent_start, end):
            j -= 1
        start = j + 1
        if start >= end:
            return None
        if comma:
            # only a title that opens its clause ("In talks with the Prime Minister, Putin said" is not one)
            b = j
            while b >= sent_start and (sdoc[b].pos_ in ("DET", "PRON") or sdoc[b].tag_ == "PRP$"):
                b -= 1
            if b >= sent_start and sdoc[b].pos_ == "ADP" and not closed:
                return None  # "In talks with the Prime Minister, Putin said": an opening phrase
            if any(sdoc[x].ent_type_ == "PERSON" for x in range(start, end)):
                return None
        k = self._title_start(sdoc, start, end)
        found = None if k is None else self._phrase(sdoc, k, end)
        if found and self._is_rank(found[0]):
            # "the chairman of the Joint Chiefs of Staff, Gen. Joe Dunford": the office, not the rank
            office = self._office_before(sdoc, n, k, sent_start)
            if office:
                n.extra_roles.append(found)
                return office
        return found

    def _office_before(self, sdoc, n: _Name, k: int, sent_start: int) -> Optional[tuple]:
        """A title ending in a comma just before token `k` (where the rank before name `n` starts)."""
        end = k - 1
        while end > sent_start and (sdoc[end].lower_.rstrip(".") in self.lex.ranks or sdoc[end].text == "."):
            end -= 1  # the rest of a rank the title left out ("Lt" "." before "Gen.")
        if end <= sent_start or sdoc[end].text != ",":
            return None
        j = end - 1
        while j >= sent_start and self._in_title(sdoc, j, sent_start, end):
            j -= 1
        start = j + 1
        b = j
        while b >= sent_start and (sdoc[b].pos_ in ("DET", "PRON") or sdoc[b].tag_ == "PRP$"):
            b -= 1
        closed = n.j < len(sdoc) and sdoc[n.j].text in (",", ".", ")", ";")
        if start >= end or b >= sent_start and sdoc[b].pos_ == "ADP" and not closed:
            return None  # "In talks with the chairman, Gen. X said": an opening phrase
        if any(sdoc[x].ent_type_ == "PERSON" for x in range(start, end)):
            return None
        t = self._title_start(sdoc, start, end, whole=True)
        return None if t is None else self._phrase(sdoc, t, end)

    def _is_rank(self, role: str) -> bool:
        """Is the role a military rank only ("Gen.", "Lt. Gen.", "Army Maj.")?"""
        words = [w.lower().rstrip(".") for w in re.findall(r"[\w.\-]+", role)]
        return bool(words) and all(w in self.lex.ranks for w in words)

    def _in_title(self, sdoc, j: int, sent_start: int, end: int) -> bool:
        """May token `j` be a word of a title that ends at `end` (read leftwards from the name)?"""
        t = sdoc[j]
        low = t.lower_
        if self._abbreviation_stop(sdoc, j):
            return True  # "Sec." cut as "Sec" + "."
        ok = (t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or low in self.lex.qualifiers
              or low in self.lex.drop_words or low in _TITLE_ADP or t.text in _BRACKETS
              or t.text in ("'s", "\u2019s")
              or (t.text in _HYPHENS and not t.whitespace_ and j > 0 and not sdoc[j - 1].whitespace_)
              or (low == "the" and j > sent_start and sdoc[j - 1].lower_ in _TITLE_ADP)
              or (low in self.lex.participles and j + 1 < end))
        # "AFP | Ennahdha party leader": a caption separator ends the title
        return not (not ok or (t.is_punct and t.text not in _HYPHENS and t.text not in _BRACKETS)
                    or not any(c.isalnum() for c in t.text) and t.text not in _HYPHENS + ("'s", "\u2019s") + tuple(_BRACKETS))

    def _abbreviation_stop(self, sdoc, j: int) -> bool:
        """Is token `j` the full stop of an abbreviated title ("Lt" "." "Gen.")?"""
        return (sdoc[j].text == "." and j > 0 and not sdoc[j - 1].whitespace_
                and (sdoc[j - 1].lower_ in self.lex.abbreviations or self._plural_head(sdoc[j - 1].lower_) is not None))

    def _title_start(self, sdoc, start: int, end: int, whole: bool = False) -> Optional[int]:
        """Where the title in tokens [start, end) starts, or None without a role head; `whole`: the
        phrase is all the title (an apposition), from its first role head on."""
        # The title starts at the modifiers of its last group of role heads: "to the leader of X" ->
        # "leader of X"; "advisor to Vice President" -> "Vice President" (the advisor is someone else).
        heads = [k for k in range(start, end) if self._is_role_head(sdoc[k])]
        if not heads:
            return None
        k = heads[-1]
        while k - 1 in heads:
            k -= 1
        if whole or not any(sdoc[x].lower_ in _TITLE_ADP for x in range(heads[0], k)):
            k = heads[0]
        while k - 1 >= start and (sdoc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ", "NUM")
                                  or sdoc[k - 1].lower_ in self.lex.qualifiers
                                  or sdoc[k - 1].lower_ in self.lex.drop_words
                                  or sdoc[k - 1].text in ("'s", "\u2019s") + _HYPHENS
                                  or sdoc[k - 1].lower_ in self.lex.participles) and sdoc[k - 1].lower_ not in _TITLE_ADP:
            k -= 1
        return k

    def _appositive_after(self, sdoc, n: _Name) -> Optional[tuple]:
        j = n.j
        while j < len(sdoc) and sdoc[j].text in ("'s", "\u2019s") + tuple(_BRACKETS):
            j += 1
        if j < len(sdoc) and sdoc[j].text == "(":  # "Sergey Lavrov (Foreign Minister)"
            k = j + 1
            while k < len(sdoc) and k - j < 15 and sdoc[k].text != ")":
                k += 1
            if k >= len(sdoc) or sdoc[k].text != ")" or any(
                    t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.lower_ in ("who", "which") for t in sdoc[j + 1:k]):
                return None
            return self._phrase(sdoc, j + 1, k)
        if j >= len(sdoc) or sdoc[j].text != ",":
            return None
        sent_end = sdoc[n.i].sent.end
        k = j + 1
        if k >= sent_end:
            return None
        first = sdoc[k]
        if not (first.lower_ in ("a", "an", "the") or first.pos_ in ("ADJ", "NOUN", "PROPN")
                or first.lower_ in self.lex.qualifiers):
            return None
        m = k
        splits = []  # "a senior fellow at X and an author of Y": two roles
        while m < sent_end and m - k < 25:
            t = sdoc[m]
            if t.text in (",", ";", ".", "(", ")", ":", "\"", "\u201c", "\u201d") or t.lower_ in ("who", "which", "that") \
                    or not any(c.isalnum() for c in t.text) and t.text not in ("-", "'s", "\u2019s", "&"):
                break
            if t.lower_ == "and" and m + 1 < sent_end and sdoc[m + 1].lower_ in ("a", "an"):
                splits.append(m)
            if t.tag_ in ("VBN", "VBD") and t.lemma_ not in _SPEECH_VERBS and any(self._is_role_head(x) for x in sdoc[k:m]):
                # "a top official considered X's right-hand man": the role ends at the participle
                # ("Y, the senator said,": a speech verb is a clause, not a role)
                break
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or (t.ent_iob_ == "B" and t.ent_type_ == "PERSON"
                                                        and m + 1 < len(sdoc) and sdoc[m + 1].ent_iob_ == "I"
                                                        and sdoc[m + 1].tag_ != "POS"  # "Trump's adviser"
                                                        and not any(x.pos_ == "ADP" for x in sdoc[k:m])):
                # a clause, or a list of names ("Chuck Berry, baseball player Willie Mays"); a name
                # after a preposition is part of the role ("the adviser for President Jimmy Carter")
                return None
            m += 1
        if m == k or m - k >= 25:
            return None
        bounds = [k] + [x + 1 for x in splits] + [m]
        parts = [self._phrase(sdoc, a, (b - 1 if b != m else b)) for a, b in zip(bounds, bounds[1:])]
        parts = [p for p in parts if p]
        n.extra_roles.extend(parts[1:])
        return parts[0] if parts else None

    def _relative_after(self, sdoc, n: _Name) -> Optional[tuple]:
        """"Collins, who served as the ambassador to Russia in ...": a role held before ("then");
        "X, who is the party's leader,": a role held now."""
        j = n.j
        if j + 3 >= len(sdoc) or sdoc[j].text != "," or sdoc[j + 1].lower_ != "who":
            return None
        verb = sdoc[j + 2].lower_
        k = j + 3
        if verb == "served" and sdoc[k].lower_ == "as":
            k += 1
        elif verb not in ("was", "is"):
            return None
        m = k
        sent_end = sdoc[n.i].sent.end
        while m < sent_end and m - k < 12 and (sdoc[m].pos_ in ("PROPN", "NOUN", "ADJ", "DET")
                                               or sdoc[m].lower_ in ("of", "to", "for", "'s", "\u2019s")):
            m += 1
        found = self._phrase(sdoc, k, m)
        if not found:
            return None
        role, qualifier, span = found
        return role, qualifier or ("then" if verb != "is" else None), span

    def _copula_after(self, sdoc, n: _Name) -> Optional[tuple]:
        """"X was ambassador to ...", "X will serve as acting adviser", "X was named chief of staff"."""
        j = n.j
        verb = next(((words, q) for words, q in self.lex.role_verbs
                     if [t.lower_ for t in sdoc[j:j + len(words)]] == words), None)
        if verb is None or j + len(verb[0]) >= len(sdoc):
            return None
        k = j + len(verb[0])
        m = k
        sent_end = sdoc[n.i].sent.end
        while m < sent_end and m - k < 10 and sdoc[m].ent_type_ not in ("DATE", "TIME") and (
                sdoc[m].pos_ in ("PROPN", "NOUN", "ADJ", "DET") or sdoc[m].lower_ in _TITLE_ADP
                or sdoc[m].lower_ in self.lex.participles and m + 1 < sent_end):
            m += 1
        found = self._phrase(sdoc, k, m)
        if not found:
            return None
        role, qualifier, span = found
        return role, qualifier or verb[1], span

    def _bare_roles(self, sdoc, names, clusters) -> list:
        """Offices named without a name ("Chief Cabinet Secretary said") -> the one KB holder here."""
        if self.offices is None or not hasattr(self.offices, "role_phrases"):
            return []
        used = [n.role_span for n in names if n.role_span] + [(n.start, n.end) for n in names]
        used += [r[2] for n in names for r in n.extra_roles]
        stated = {}
        for n in names:
            if n.cluster and n.role:
                m = self._match_role(n.role)
                if m:
                    stated.setdefault(m[0], set()).add(n.cluster)
        out = []
        text = self._body
        for office, m in self.offices.role_phrases(text):
            s, e = m.start(), m.end()
            if any(a <= s < b or a < e <= b for a, b in used):
                continue
            if not text[s:s + 1].isupper():  # a title, not a common noun ("the president said")
                continue
            role = self._match_role(text[s:e])
            if not role or role[0] != office:
                continue
            others = stated.get(office, set())
            # the office's country must be stated or implied ("Chief Cabinet Secretary": Japan)
            words_before = text[max(0, s - 30):s].split()
            country = role[1] or self._country_of(words_before[-1] if words_before else "")
            if not country:
                continue
            holders = [c for c in clusters.values() if c.kb is not None and not any(x.role for x in c.names)
                       and any(t.office == office and t.country == country for t in c.kb.terms)]
            if len(holders) == 1 and not (others - {holders[0].key}):
                c = holders[0]
                out.append((s, e, c.key, text[s:e], text[s:e], None))
                used.append((s, e))
        return out

    def _match_role(self, role: str):
        try:
            return self.offices.match_role(role, country_of=self._country_of if self.actors else None)
        except TypeError:
            return self.offices.match_role(role)

    # ------------------------------------------------------------------ 4. descriptions, pronouns
    def _descriptions(self, sdoc, names, clusters, bare) -> list:
        out = []
        # (start, cluster key, role text, is_subject) of every mention so far, in order
        timeline = [(n.start, n.cluster, (n.role or "") + " " + " ".join(r[0] for r in n.extra_roles),
                     sdoc[n.i:n.j].root.dep_ in _SPEECH_SUBJ, sdoc[n.i].sent.start) for n in names if n.cluster]
        for s, e, key, role, _, _ in bare:
            span = sdoc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                timeline.append((s, key, role, False, span.sent.start))
        timeline.sort(key=lambda t: t[0])
        roles_of: dict[str, str] = {}
        for _, key, role, _, _ in timeline:
            roles_of[key] = (roles_of.get(key, "") + " " + role).lower()
        desc_keys = [(k, k.split()) for k in sorted(self.lex.descriptions, key=lambda k: -len(k.split()))]
        busy = [n.role_span for n in names if n.role_span] + [(n.start, n.end) for n in names]
        busy += [r[2] for n in names for r in n.extra_roles] + [(s, e) for s, e, *_ in bare]
        sents = list(sdoc.sents)
        for sent_index, sent in enumerate(sents):
            for t in sent:
                low = t.lower_
                if low in ("the", "this", "that") and t.i + 1 < sent.end:
                    found = self._description_at(sdoc, t.i, sent.end, desc_keys)
                    if not found:
                        continue
                    k_end, noun, country = found
                    if any(a < sdoc[k_end - 1].idx + 1 and t.idx < b for a, b in busy):
                        continue  # part of a title already read ("the President of Russia V. Putin")
                    nxt = sdoc[k_end] if k_end < len(sdoc) else None
                    if nxt is not None and nxt.pos_ == "PROPN":
                        continue
                    equiv = self.lex.descriptions[noun]
                    cands = [(s, key) for s, key, _, _, _ in timeline if s < t.idx
                             and any(w in roles_of.get(key, "") for w in equiv)
                             and (country is None or clusters[key].country in (None, country))]
                    if cands:
                        key = cands[-1][1]
                        s, e = t.idx, sdoc[k_end - 1].idx + len(sdoc[k_end - 1].text)
                        out.append((s, e, key, self._body[s:e], None, None))
                        timeline.append((s, key, "", t.head.dep_ in _SPEECH_SUBJ, sent.start))
                        timeline.sort(key=lambda x: x[0])
                elif low in _PRONOUNS and t.dep_ in _SPEECH_SUBJ:
                    key = self._pronoun_antecedent(t, timeline, sents, sent_index)
                    if key:
                        out.append((t.idx, t.idx + len(t.text), key, t.text, None, None))
                        timeline.append((t.idx, key, "", True, sent.start))
                        timeline.sort(key=lambda x: x[0])
        return out

    def _description_at(self, sdoc, i: int, sent_end: int, desc_keys) -> Optional[tuple]:
        """"the (new) (Japanese) ambassador" -> (end token, description key, country); `desc_keys` is
        (key, its words), longest first."""
        k = i + 1
        country = None
        while k < sent_end:
            word_country = self._country_of(sdoc[k].text)
            if not (sdoc[k].lower_ in self.lex.drop_words or word_country and sdoc[k].pos_ in ("ADJ", "PROPN")):
                break
            country = word_country or country
            k += 1
        first = sdoc[k].lower_ if k < sent_end else None
        for key, words in desc_keys:
            if words and words[0] != first:
                continue  # most keys fail on their first word: skip building the rest
            if k + len(words) <= sent_end and [sdoc[k + x].lower_ for x in range(len(words))] == words:
                end = k + len(words)
                if end < len(sdoc) and sdoc[end].pos_ in ("NOUN", "PROPN") and sdoc[end].text not in ("'s", "\u2019s"):
                    return None  # "the expert community": not a description of a person
                return end, key, country
        return None

    @staticmethod
    def _pronoun_antecedent(t, timeline, sents, idx: int) -> Optional[str]:
        """The person a subject he/she (token `t`, in sentence `sents[idx]`) refers to."""
        window_start = sents[max(0, idx - 3)].start_char
        before = [m for m in timeline if window_start <= m[0] < t.idx]
        if not before:
            return None
        same_sent = [m for m in before if m[4] == sents[idx].start]
        if same_sent:
            return same_sent[-1][1]
        subjects = [m for m in before if m[3]]
        if subjects:
            return subjects[-1][1]
        if len({m[1] for m in before}) == 1:
            return before[-1][1]
        return None

    # ------------------------------------------------------------------ output
    def _emit(self, doc, sdoc, names, clusters, extra) -> None:
        order = []
        for n in names:
            if n.cluster and n.cluster not in order:
                order.append(n.cluster)
        people: list[Person] = []
        index: dict[str, int] = {}
        for key in order:
            c = clusters[key]
            mentions = c.names
            canonical = c.kb.name if c.kb is not None else max((n.text for n in mentions), key=lambda s: len(s.split()))
            aliases = []
            for n in mentions:
                if len(n.tokens) > 1 and n.text.lower() != canonical.lower() and n.text not in aliases:
                    aliases.append(n.text)
            bare_roles = [(r, None) for s, e, k, _, r, _ in extra if k == key and r]
            role, country = self._person_role(c, mentions, bare_roles)
            c.country = country
            index[key] = len(people)
            people.append(Person(name=canonical, aliases=aliases, role=role, country=country,
                                 kb_id=c.kb.kb_id if c.kb is not None else key,
                                 role_source="text" if role else None))
        mentions_out = []
        for n in names:
            if n.cluster in index:
                mentions_out.append(Mention(n.start, n.end, index[n.cluster], self._body[n.start:n.end], n.role, n.qualifier))
        for s, e, key, text, role, qualifier in extra:
            if key in index:
                mentions_out.append(Mention(s, e, index[key], text, role, qualifier))
        mentions_out.sort(key=lambda m: (m.start, m.end))
        doc.record.people = people
        doc.mentions = mentions_out

    def _person_role(self, c: _Cluster, mentions, bare_roles) -> tuple[Optional[str], Optional[str]]:
        stated = [(n.role, n.qualifier) for n in mentions if n.role]
        stated += [(x[0], x[1]) for n in mentions for x in n.extra_roles]
        stated += bare_roles
        country = c.kb.country if c.kb is not None else None  # the KB knows better than a parse
        for role, _ in stated:
            if country:
                break
            country = self._role_country(role)
        if country is None:
            first = next((n.tokens[0] for n in mentions if len(n.tokens) > 1), None)
            if first:
                country = self.lex.given.get(first.lower()) or None
        # A rank does not outrank an office: "his former adviser, Lt. Gen. X ... Gen. X" is the former
        # adviser, and a general; the rank comes after the offices.
        ranks = [(self._display(r), None) for r, q in stated if self._is_rank(r)]
        stated = [(r, q) for r, q in stated if not self._is_rank(r)] or stated
        current = [(self._display(r), q) for r, q in stated if not q]
        pool = current or [(self._display(r), q) for r, q in stated]
        chosen: list[tuple[str, Optional[str]]] = []
        for role, q in pool:
            if not role:
                continue
            words = _content(role)
            dup = next((x for x, (r2, _) in enumerate(chosen) if words <= _content(r2) or _content(r2) <= words), None)
            if dup is not None:
                if len(words) > len(_content(chosen[dup][0])):
                    chosen[dup] = (role, q)
                continue
            chosen.append((role, q))
        if chosen and ranks and not any(self._is_rank(r) for r, _ in chosen):
            chosen.append(ranks[0])
        if not chosen:
            return None, country
        # "then Foreign Minister" reads, in a record about the person, as a former office
        parts = [(f"{'former' if q == 'then' else q} {r}" if q else r) for r, q in chosen[:2]]
        return "; ".join(parts), country

    def _role_country(self, role: str) -> Optional[str]:
        """Country of the holder: a country word before the role's head, or in "of [the] X"."""
        m = self._match_role(role) if self.offices is not None else None
        if m and m[1]:
            return m[1]
        head_pos = None
        for w in re.finditer(r"[\w\-]+", role):
            if w.group().lower() in self.lex.role_heads:
                head_pos = w.start()
                break
        for w in re.finditer(r"[A-Z][\w.\-]*", role):
            if head_pos is not None and w.start() > head_pos:
                break
            c = self._country_of(w.group())
            if c:
                return c
        om = re.search(r"\bof (?:the )?((?:[A-Z][\w.\-]* ?)+)", role)
        if om:
            for span in re.finditer(r"[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*", om.group(1)):
                c = self._country_of(span.group().strip())
                if c:
                    return c
        return None

    def _display(self, role: str) -> str:
        """The role without the holder's country words ("Russian ambassador to Japan" -> "ambassador to Japan")."""
        words = role.split()
        out = []
        head_seen = False
        skip = False
        for i, w in enumerate(words):
            if skip:
                skip = False
                continue
            bare = re.sub(r"['\u2019]s$", "", w)
            pair = w + " " + re.sub(r"['\u2019]s$", "", words[i + 1]) if i + 1 < len(words) else ""
            if not head_seen and pair and self._country_of(pair):
                skip = True  # "North Korean leader" -> "leader", not "North leader"
                continue
            if not head_seen and (self._country_of(bare) or self._country_of(w)):
                continue
            w = self.lex.abbreviations.get(w.lower().rstrip("."), w)  # "Sen." -> "Senator"
            if w.lower() in self.lex.role_heads:
                head_seen = True
            out.append(w)
        text = " ".join(out)
        text = re.sub(r"\s+of (?:the )?(?:[A-Z][\w.\-]*\s?)+$",
                      lambda m: "" if self._country_of(re.sub(r"^\s+of (?:the )?", "", m.group()).strip()) else m.group(),
                      text)
        return text.strip()


def _joined_words(toks) -> list[str]:
    """Token texts as name words: pieces written with a hyphen and no space are one word
    ("al" "-" "Assad" -> "al-Assad", "Jong" "-" "un" -> "Jong-un")."""
    words: list[str] = []
    for prev, t in zip([None, *toks], toks):
        if words and prev is not None and not prev.whitespace_ and (t.text == "-" or words[-1].endswith("-")):
            words[-1] += t.text
        else:
            words.append(t.text)
    return words


def _name_word(word: str) -> bool:
    """A word a name may hold: capitalised, an initial, a particle, or "al-Assad"-style."""
    if _NAME_TOKEN.match(word) or _INITIAL.match(word) or word.lower() in _PARTICLES:
        return True
    particle, _, rest = word.partition("-")
    return bool(rest) and particle.lower() in _PARTICLES and bool(_NAME_TOKEN.match(rest))


def _known_date(doc) -> Optional[date]:
    """The publication date when already known (input `date`, or the metadata stage's day)."""
    published = doc.record.published
    for value in (published.date if published.precision == "day" else None,
                  doc.input.get("date")):
        if not value:
            continue
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            continue
    return None


def _content(text: str) -> set:
    stop = {"a", "an", "the", "of", "and", "at", "to", "on", "in", "for", "with", "former", "late", "then"}
    return {w for w in re.findall(r"\w+", text.lower()) if w not in stop}
