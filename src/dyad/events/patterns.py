"""Event pattern files: load them, and match them against a spaCy parse.

Two sources, both plain data under `data/` (see data/SOURCES.md):
- `cameo_verbs.tsv`, `cameo_patterns.tsv`, `cameo_synsets.tsv`: converted from PETRARCH-2's CAMEO
  verb dictionary by `convert.py` (verb -> group; group patterns: words before/after the verb -> code);
- `verbs.yaml`, `nouns.yaml`: our own curated verb rules and nominal triggers.

A rule is a CAMEO code plus ordered word constraints; the most specific rule that matches wins.
Words are compared after `norm()` (lower case, a plural "s" ignored), against a token's text and lemma.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

import yaml

from ..model import PLOVER_TYPES
from .cameo import plover
from .cameo import read_tsv as _read_tsv
from .words import load_words

DATA = Path(__file__).parent / "data"


def norm(word: str) -> str:
    """Comparison key of one word: lower case, trailing plural 's' dropped ("talks" == "talk")."""
    w = word.lower().strip()
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
        if w.endswith("ie") and len(w) > 4:  # "parties" -> "party"
            w = w[:-2] + "y"
    return w


# converted patterns match within this many words of the verb: PETRARCH matched inside the verb's
# phrase, and our flattened patterns would otherwise reach into unrelated clauses
PETRARCH_WINDOW = 8
PETRARCH_MIN_SPECIFICITY = 1  # converted patterns of verbs we have not curated: at least this many words

Alternative = tuple[str, ...]  # consecutive normalised words

# a converted pattern made only of these says nothing about the event ("come to", "needed against")
FUNCTION_WORDS = load_words("coder_words")["function_words"]


@dataclass(frozen=True)
class Rule:
    code: str  # CAMEO code; "" = no event
    before: tuple[tuple[Alternative, ...], ...] = ()
    after: tuple[tuple[Alternative, ...], ...] = ()
    type: Optional[str] = None  # PLOVER override
    without: frozenset = frozenset()
    origin: str = "curated"  # "curated" | "petrarch"
    weak: bool = False  # an attitude more than an act ("develop relations"): main, asserted clauses only

    @functools.cached_property  # read for every rule tried against every verb
    def specificity(self) -> int:
        return sum(max((len(a) for a in el), default=0) for el in self.before + self.after)

    @property
    def usable(self) -> bool:
        """False when an element lost all its words (a converted set we do not have)."""
        return all(self.before) and all(self.after)

    @property
    def contentful(self) -> bool:
        """A converted group pattern must hold a content word ("come to" alone says nothing)."""
        words = {w for el in self.before + self.after for alt in el for w in alt}
        return bool(words - FUNCTION_WORDS)


@dataclass
class Match:
    rule: Rule
    tokens: list = field(default_factory=list)  # tokens that satisfied the rule's elements


class PatternError(ValueError):
    pass


class EventPatterns:
    """Verb rules (by lemma) and noun rules (by lemma), plus light and frame verbs."""

    def __init__(self, sets: dict[str, list[str]], verbs: dict[str, list[Rule]], nouns: dict[str, list[Rule]],
                 light: Iterable[str] = (), frames: Optional[dict[str, list[str]]] = None):
        self.sets = sets
        self.verbs = verbs
        self.nouns = nouns
        self.light = {norm(w) for w in light}
        self.frames = {norm(w): kind for kind, words in (frames or {}).items() for w in words}

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "EventPatterns":
        return cls.load(DATA)

    @classmethod
    def load(cls, data: Path, converted: bool = True) -> "EventPatterns":
        curated_v = yaml.safe_load((data / "verbs.yaml").read_text(encoding="utf-8")) or {}
        curated_n = yaml.safe_load((data / "nouns.yaml").read_text(encoding="utf-8")) or {}
        sets: dict[str, list[str]] = {}
        if converted:
            for row in _read_tsv(data / "cameo_synsets.tsv"):
                sets.setdefault(row["set"].lstrip("&"), []).append(row["word"])
        for name, words in (curated_v.get("sets") or {}).items():
            sets[name] = list(words)  # ours replace a converted set of the same name
        lex = cls(sets, {}, {}, curated_v.get("light") or (), curated_v.get("frames") or {})
        if converted:
            groups: dict[str, list[Rule]] = {}
            for row in _read_tsv(data / "cameo_patterns.tsv"):
                rule = lex._rule(row["code"], row["before"].split(" ; "), row["after"].split(" ; "), origin="petrarch")
                if rule.usable and rule.contentful:
                    groups.setdefault(row["group"], []).append(rule)
            verb_rows = _read_tsv(data / "cameo_verbs.tsv")
            # statement/appeal groups ("say", "tell": CAMEO 01/02): their patterns code the reported
            # content, which dyad codes from the complement clause itself
            speech = {r["group"] for r in verb_rows if r["code"].startswith(("01", "02"))}
            for row in verb_rows:
                words = row["verb"].split()
                head = norm(words[0])
                particle = words[1:]
                rules = lex.verbs.setdefault(head, [])
                # a bare converted verb code is too broad for news prose ("lead" -> cooperate): only
                # converted rules with word constraints (or a particle) are used; defaults are curated
                if particle:
                    rules.append(lex._rule(row["code"], [], particle, origin="petrarch"))
                if not particle and row["group"] not in speech:
                    rules.extend(groups.get(row["group"], []))
        for lemma, spec in (curated_v.get("verbs") or {}).items():
            key = norm(str(lemma))
            rules = [lex._rule_from_spec(spec_item, f"verbs.yaml:{lemma}") for spec_item in _spec_items(spec)]
            if any(not r.before and not r.after for r in rules):
                # our default replaces the converted default of that verb; converted patterns stay
                lex.verbs[key] = [r for r in lex.verbs.get(key, []) if r.before or r.after]
            lex.verbs.setdefault(key, []).extend(rules)
        for lemma, spec in (curated_n.get("nouns") or {}).items():
            lex.nouns[norm(str(lemma))] = [lex._rule_from_spec(s, f"nouns.yaml:{lemma}", noun=True)
                                           for s in _spec_items(spec)]
        return lex

    def _rule_from_spec(self, spec, where: str, noun: bool = False) -> Rule:
        if not isinstance(spec, dict):
            raise PatternError(f"{where}: rule must be a code or a mapping, got {spec!r}")
        unknown = set(spec) - {"code", "type", "before", "after", "with", "without", "weak"}
        if unknown:
            raise PatternError(f"{where}: unknown keys {sorted(unknown)}")
        code = str(spec.get("code", "") or "")
        if code and not code.isdigit():
            raise PatternError(f"{where}: bad CAMEO code {code!r}")
        kind = spec.get("type")
        if kind is not None and kind not in PLOVER_TYPES:
            raise PatternError(f"{where}: unknown PLOVER type {kind!r}")
        after = spec.get("with" if noun else "after") or []
        rule = self._rule(code, spec.get("before") or [], after, kind, self._words(spec.get("without") or [], where),
                          where=where)
        return replace(rule, weak=bool(spec.get("weak")))

    def _words(self, items, where: str) -> frozenset:
        """A `without:` list: words, or sets ("&publication") standing for their words."""
        out = set()
        for item in items:
            item = str(item)
            if item.startswith("&"):
                if item[1:] not in self.sets:
                    raise PatternError(f"{where}: unknown set {item}")
                out.update(norm(w) for w in self.sets[item[1:]])
            else:
                out.add(norm(item))
        return frozenset(out)

    def _rule(self, code: str, before: Sequence[str], after: Sequence[str], kind: Optional[str] = None,
              without: frozenset = frozenset(), origin: str = "curated", where: str = "") -> Rule:
        return Rule(code=(code or "").strip(), before=tuple(self._element(e, where) for e in before if e.strip()),
                    after=tuple(self._element(e, where) for e in after if e.strip()), type=kind,
                    without=without, origin=origin)

    def _element(self, text: str, where: str = "") -> tuple[Alternative, ...]:
        alts: list[Alternative] = []
        for alt in str(text).split("|"):
            alt = alt.strip()
            if alt.startswith("&"):
                words = self.sets.get(alt[1:])
                if words is None:
                    if where:  # a curated file names a set that does not exist
                        raise PatternError(f"{where}: unknown set {alt}")
                    words = []
                alts.extend(tuple(norm(w) for w in word.split()) for word in words)
            elif alt:
                alts.append(tuple(norm(w) for w in alt.split()))
        return tuple(a for a in alts if a)

    # ---- matching ------------------------------------------------------------------------------
    def match_verb(self, keys: Iterable[str], after: Sequence, before: Sequence) -> Optional[Match]:
        """Best rule for a verb with lemma candidates `keys`, given the tokens after/before it."""
        best: Optional[Match] = None
        best_curated: Optional[Match] = None
        after, before = _Side(after), _Side(before)
        for key in keys:
            rules = self.verbs.get(key, ())
            curated = any(r.origin == "curated" for r in rules)
            for rule in rules:
                if not curated and rule.origin == "petrarch" and rule.specificity < PETRARCH_MIN_SPECIFICITY:
                    continue  # a verb we have not reviewed is trusted only on a long, specific pattern
                m = _try(rule, after, before)
                if m is None:
                    continue
                if best is None or _better(rule, best.rule):
                    best = m
                if rule.origin == "curated" and (best_curated is None or _better(rule, best_curated.rule)):
                    best_curated = m
            if best is not None:
                if (best_curated is not None and best.rule.origin == "petrarch" and best_curated.rule.code
                        and rule_type(best.rule) != rule_type(best_curated.rule)):
                    # converted patterns may refine our code ("accuse of war crimes") but not change its type
                    best = best_curated
                break
        return best

    def match_noun(self, key: str, modifiers: Sequence) -> Optional[Match]:
        best: Optional[Match] = None
        modifiers = _Side(modifiers)
        for rule in self.nouns.get(key, ()):
            if rule.without and rule.without & modifiers.vocab:
                continue
            m = _try(rule, modifiers, (), ordered=False)
            if m is not None and (best is None or _better(rule, best.rule)):
                best = m
        return best


def rule_type(rule: Rule) -> Optional[str]:
    """PLOVER type of a rule: its own override, else the type of its CAMEO code."""
    if rule.type:
        return rule.type
    p = plover(rule.code)
    return p[0] if p else None


def _spec_items(spec) -> list:
    if isinstance(spec, (str, int)) or spec is None:
        return [{"code": "" if spec is None else str(spec)}]
    if isinstance(spec, dict):
        return [spec]
    return list(spec)


def _better(rule: Rule, other: Rule) -> bool:
    if rule.specificity != other.specificity:
        return rule.specificity > other.specificity
    return rule.origin == "curated" and other.origin != "curated"


@functools.lru_cache(maxsize=65536)
def _keys(text: str, lemma: str) -> frozenset:
    return frozenset({norm(text), norm(lemma)})


def token_keys(tok) -> frozenset:
    return _keys(tok.text, tok.lemma_)


def _find(element, keys: Sequence[frozenset], start: int) -> Optional[tuple[int, int]]:
    for i in range(start, len(keys)):
        here = keys[i]
        for alt in element:
            if alt[0] not in here:
                continue
            n = len(alt)
            if i + n <= len(keys) and all(alt[j] in keys[i + j] for j in range(1, n)):
                return i, i + n
    return None


def _try(rule: Rule, after: Sequence, before: Sequence, ordered: bool = True) -> Optional[Match]:
    """`after`/`before` are token lists; their keys are computed once per call site (see _Side)."""
    matched = []
    for side, elements in ((after, rule.after), (before, rule.before)):
        if not elements:
            continue
        side = side if isinstance(side, _Side) else _Side(side)
        pos = 0
        for element in elements:
            if not any(alt[0] in side.vocab for alt in element):
                return None
            found = _find(element, side.keys, pos if ordered else 0)
            if rule.origin == "petrarch":
                # PETRARCH's pattern words are prepositions and nouns of the verb's phrase: its "to" names
                # a place or party ("went to Paris"), never the infinitive marker ("is going to stay")
                while found is not None and any(_infinitive_marker(t) for t in side.tokens[found[0]:found[1]]):
                    found = _find(element, side.keys, found[0] + 1)
            if found is None or (rule.origin == "petrarch" and found[1] > PETRARCH_WINDOW):
                return None
            matched.extend(side.tokens[found[0]:found[1]])
            if ordered:
                pos = found[1]
    return Match(rule, matched)


def _infinitive_marker(tok) -> bool:
    return getattr(tok, "tag_", "") == "TO" and getattr(tok, "dep_", "") == "aux"


class _Side:
    """Tokens with their comparison keys, computed once for all rules tried against them."""

    __slots__ = ("tokens", "keys", "vocab")

    def __init__(self, tokens: Sequence):
        self.tokens = list(tokens)
        self.keys = [token_keys(t) for t in self.tokens]
        self.vocab = frozenset().union(*self.keys) if self.keys else frozenset()
