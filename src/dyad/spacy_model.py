"""Loading the spaCy pipeline that every stage after the parse shares."""
from __future__ import annotations

import functools
import itertools
from typing import Optional

from .sentences import add_paragraph_breaks


@functools.lru_cache(maxsize=4)
def load_spacy(name: str):
    """The spaCy pipeline `name` (an installed package or a saved pipeline's folder), once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # not installed: say which setting to change
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed (set DYAD_SPACY_MODEL)") from exc
    # Paragraph breaks are hard sentence boundaries for every stage that reads `doc.sents`.
    return index_attribute_ruler(add_paragraph_breaks(nlp))


def doc_text(sdoc) -> str:
    """The parsed text, built once per Doc and kept in its `user_data` (spaCy's `Doc.text` joins every
    token anew on each call: a walk over the whole article per call on the per-sentence paths)."""
    text = sdoc.user_data.get("dyad_text")
    if text is None:
        text = sdoc.user_data["dyad_text"] = sdoc.text
    return text


def text_length(sdoc) -> int:
    """`len(sdoc.text)` without building the text: spaCy's `Doc.text` joins every token anew on each
    call, which costs a walk over the whole article wherever a stage checks the parse's length."""
    if not len(sdoc):
        return 0
    last = sdoc[-1]
    return last.idx + len(last.text_with_ws)


# Token attributes an indexed attribute-ruler pattern may test: their values are compared as the
# Matcher compares them, by string hash (IS_SPACE as 0/1), read for all tokens at once by `to_array`.
_INDEXABLE = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH")


def _choices(value) -> Optional[list[int]]:
    """The value ids a pattern's token attribute accepts: one plain value, or `{"IN": [...]}` of plain
    values; None for anything else (NOT_IN, REGEX, comparisons), which the Matcher keeps."""
    from spacy.strings import get_string_id

    if isinstance(value, dict):
        if set(value) != {"IN"} or not all(isinstance(v, str) for v in value["IN"]):
            return None
        return [get_string_id(v) for v in value["IN"]]
    if isinstance(value, bool):
        return [int(value)]
    return [get_string_id(value)] if isinstance(value, str) else None


class IndexedRulerMatch:
    """`AttributeRuler.match` with its one-token exact-value patterns looked up in dicts.

    spaCy's Matcher tries every pattern at every token: for the English attribute ruler (179 patterns,
    most of them "this tag" or "this word with this tag") that is a tenth of the whole parse. Here a
    pattern whose every alternative is one token with plain values is found by one dict lookup per
    token and combination of attributes; the others stay with a Matcher of their own. The matches and
    their order are the ruler's own (tests compare them), so the annotations are the same."""

    def __init__(self, ruler):
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.rest = Matcher(ruler.vocab)
        self.columns = [IDS[name] for name in _INDEXABLE]
        index: dict[tuple[str, ...], dict[tuple, list[tuple[int, int]]]] = {}
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            alternatives = ruler.matcher.get(key)[1]
            if all(len(alt) == 1 and set(alt[0]) <= set(_INDEXABLE)
                   and all(_choices(v) is not None for v in alt[0].values()) for alt in alternatives):
                match_id = ruler.vocab.strings.add(key)
                for alt in alternatives:
                    names = tuple(sorted(alt[0]))
                    for values in itertools.product(*(_choices(alt[0][n]) for n in names)):
                        index.setdefault(names, {}).setdefault(values, []).append((attr_id, match_id))
            else:
                self.rest.add(key, alternatives)
        self.tables = [([_INDEXABLE.index(n) for n in names], table) for names, table in index.items()]

    def __call__(self, doc):
        found = set()
        if self.tables and len(doc):
            columns = doc.to_array(self.columns).T.tolist()
            for positions, table in self.tables:
                for i, values in enumerate(zip(*(columns[p] for p in positions))):
                    hits = table.get(values)
                    if hits:
                        for attr_id, match_id in hits:
                            found.add((attr_id, match_id, i, i + 1))
        strings = self.ruler.vocab.strings
        matches = list(found) + [(int(strings[m_id]), m_id, s, e)
                                 for m_id, s, e in self.rest(doc, allow_missing=True, as_spans=False)]
        matches.sort()
        return matches


def index_attribute_ruler(nlp):
    """`nlp` with its attribute ruler (if any) matching through `IndexedRulerMatch`."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = IndexedRulerMatch(ruler)
    return nlp
