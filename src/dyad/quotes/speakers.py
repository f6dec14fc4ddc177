"""Speakers: a speaker head token to a person's canonical name, an organisation's text, or None."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..kb.actors import CAPITAL
from .frames import RELATIVE, SUBJECT_DEPS
from .lexicon import SpeechLexicon
from .marks import Mark

WORD_RE = re.compile(r"\w+")
NP_DROP_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep"}
GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass
class PersonSpan:
    start: int
    end: int
    name: str
    subject: bool = False
    role: Optional[str] = None


class Speakers:
    """Turns a speaker head token into a person's name, an organisation's text, or None."""

    def __init__(self, doc, kb, lex: SpeechLexicon, marks: Optional[list[Mark]] = None, style: str = "resolved"):
        """`style`: "resolved" turns pronouns and role nouns into the person meant (best guess);
        "mention" keeps the source as the text words it (a pronoun stays a pronoun)."""
        self.doc, self.kb, self.lex, self.style = doc, kb, lex, style
        self.sp = doc.spacy
        self.marks = marks or []
        self.persons = self._persons()
        # people named inside quotations are not antecedents for the narrator's pronouns
        self.outside = [p for p in self.persons
                        if not any(m.outer_start <= p.start < m.outer_end for m in marks or [])]
        self.last_person: Optional[tuple[int, str]] = None  # (position, name) of the last person speaker
        self.last_group: Optional[tuple[int, str]] = None
        self.last_any: Optional[tuple[int, str]] = None
        self.genders: Optional[dict[str, str]] = None  # computed on the first pronoun
        self.pronouns = lex.person_pronouns | lex.group_pronouns | lex.self_pronouns

    def _persons(self) -> list[PersonSpan]:
        sp, doc = self.sp, self.doc
        out: list[PersonSpan] = []
        people = doc.record.people
        for m in doc.mentions:
            try:
                person = people[m.person]
            except (IndexError, TypeError):
                continue
            out.append(PersonSpan(m.start, m.end, person.name, role=m.role or person.role))
        if not out:  # people stage not there yet: spaCy PERSON entities, grouped by surname
            ents = [e for e in sp.ents if e.label_ == "PERSON"]
            forms: dict[str, dict[str, int]] = {}
            for e in ents:
                words = _name_words(e.text)
                if words:
                    bucket = forms.setdefault(words[-1], {})
                    form = " ".join(words)
                    bucket[form] = bucket.get(form, 0) + 1
            names = {}
            for key, bucket in forms.items():
                full = [f for f in bucket if len(f.split()) >= 2] or list(bucket)
                names[key] = max(full, key=lambda f: (bucket[f], len(f)))
            for e in ents:
                words = _name_words(e.text)
                if words:
                    out.append(PersonSpan(e.start_char, e.end_char, names[words[-1]]))
        for p in out:
            span = sp.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and len(span):
                p.subject = any(t.dep_ in SUBJECT_DEPS for t in span) or span.root.dep_ in ("pobj",) and \
                    span.root.head.lower_ == "to" and span.root.head.head.lower_ == "according"
        out.sort(key=lambda p: p.start)
        return out

    def surname_person(self, text: str) -> Optional[str]:
        """The person a bare surname names: of the people sharing it ("Donald Trump", "Frederick
        Trump"), the one the article mentions most."""
        words = _name_words(text)
        if not words:
            return None
        counts: dict[str, int] = {}
        for p in self.persons:
            if _name_words(p.name)[-1:] == words[-1:]:
                counts[p.name] = counts.get(p.name, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def np_text(self, head) -> str:
        keep = []
        def walk(t):
            keep.append(t)
            for c in t.children:
                if c.dep_ in NP_DROP_DEPS and (c.i > head.i or c.dep_ in ("punct", "appos")):
                    continue
                walk(c)
        walk(head)
        keep.sort(key=lambda t: t.i)
        line_start = self.doc.body.rfind("\n", 0, head.idx) + 1
        line_end = self.doc.body.find("\n", head.idx)
        line_end = len(self.doc.body) if line_end < 0 else line_end
        keep = [t for t in keep if line_start <= t.idx < line_end and not t.is_space]
        while keep and (keep[0].dep_ == "det" and keep[0].lower_ in ("the", "a", "an")):
            keep.pop(0)
        while keep and (keep[-1].tag_ == "POS" or keep[-1].is_punct):
            keep.pop()
        if not keep:
            return head.text if WORD_RE.search(head.text) else None
        text = self.doc.body[keep[0].idx:keep[-1].idx + len(keep[-1].text)]
        return text if WORD_RE.search(text) else None

    def resolve(self, head, at: int) -> Optional[str]:
        """Speaker string for the NP headed by `head`; `at` is the cue's body offset (for pronouns)."""
        if head is None:
            return None
        lex = self.lex
        low = head.lower_
        if low in RELATIVE and head.head.dep_ == "relcl" and head.head.head is not head.head:
            if self.style == "mention":  # PolNeAR marks the relative pronoun as the source
                return head.text
            head = head.head.head  # "the senator, who said ...": the noun the clause hangs on
            low = head.lower_
        if head.pos_ == "PRON" or low in self.pronouns:
            if self.style == "mention":  # the source as written; PolNeAR annotates the pronoun
                return head.text if low in self.pronouns else None
            if low in lex.person_pronouns:
                return self._person_before(head.idx, GENDER.get(low))
            if low in lex.group_pronouns:
                return self.last_group[1] if self.last_group and head.idx - self.last_group[0] < 1500 else None
            return None
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        # a person named inside the NP (with apposition: "the spokeswoman, Maria Zakharova")
        body = self.doc.body
        inside = [p for p in self.persons if p.start < hi and p.end > lo and p.start >= lo - 1
                  # mention style: "the mayor" (a mention the people stage linked to a name) stays as written
                  and not (self.style == "mention" and not _shares_name_word(body[p.start:p.end], p.name))]
        # "Trump's lawyer, Jane Doe": the owner of the head noun is not the one speaking
        owners = [c for c in head.children if c.dep_ == "poss"]
        spoken = [p for p in inside if not any(o.left_edge.idx <= p.start <= o.right_edge.idx for o in owners)]
        if spoken:
            return next((p.name for p in spoken if p.start <= head.idx < p.end), spoken[0].name)
        if inside and not any(c.dep_ == "appos" for c in head.children) and low not in lex.role_nouns:
            return inside[0].name
        # "spokesman Navy Capt. Jeff Davis": the parser ended the sentence at the title's full stop
        last = head.doc[head.right_edge.i]
        if last.is_title and len(last.text) <= 5 and body[hi:hi + 1] == ".":
            after = next((p for p in self.persons if hi < p.start <= hi + 2), None)
            if after is not None and not body[hi + 1:after.start].strip():
                return after.name
        if self.style == "resolved" and head.lemma_.lower() in lex.document_nouns:
            owner = self._document_owner(head, at)
            if owner:
                return owner
        if head.pos_ == "PROPN" and head.ent_type_ not in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            name = self.surname_person(head.text)
            if name:
                return name
        if self.style == "resolved" and head.pos_ == "PROPN" and self.kb is not None:
            # "Moscow said", "Washington warned": a capital speaks for its country
            found = self.kb.actors.resolve(body[lo:hi])
            if found is not None and found.kind == CAPITAL and found.country and found.end - found.start == hi - lo:
                return self.kb.actors.country_name(found.country)
        det = next((c for c in head.children if c.dep_ == "det"), None)
        definite = det is not None and det.lower_ in ("the", "this", "that")
        if low in lex.role_nouns and definite and self.style == "resolved":
            return self._role_person(low, head.idx) or self.np_text(head)
        if definite and head.pos_ == "NOUN" and self.style == "resolved":
            named = self._named_before(head)
            if named:
                return named
        if self.style == "resolved" and head.pos_ == "NOUN" and not head.ent_type_ and not self._agent(head):
            return None  # "as practice has shown", "history suggests": no one is speaking
        return self.np_text(head)

    def _agent(self, noun) -> bool:
        """Can this common noun name someone who speaks? Not an abstract noun ("practice",
        "impossibility"); people, groups, bodies and documents can."""
        lemma = noun.lemma_.lower()
        lex = self.lex
        if lemma in lex.agent_exceptions or lemma in lex.role_nouns:
            return True
        return lemma not in lex.non_agent_nouns and not lemma.endswith(lex.non_agent_suffixes)

    def _named_before(self, noun) -> Optional[str]:
        """"the ministry" after "the Harbour Ministry": the latest earlier name (a capitalised run,
        outside quotations) that ends in the same noun."""
        word = noun.text
        pattern = re.compile(r"\b((?:[A-Z][\w’'.-]*[^\S\n]+){1,4})" + re.escape(word[:1].upper() + word[1:].lower()) + r"s?\b")
        found = None
        for m in pattern.finditer(self.doc.body, 0, noun.idx):
            if not any(q.outer_start <= m.start() < q.outer_end for q in self.marks):
                found = m
        if found is None:
            return None
        words = found.group(0).split()
        while words and words[0].lower() in ("the", "a", "an"):
            words.pop(0)
        return " ".join(words) if len(words) >= 2 else None

    def _document_owner(self, noun, at: int, earlier: bool = True) -> Optional[str]:
        """Who speaks through a document: "the ministry's statement", "a White House statement",
        "a letter from the embassy"; for "the statement" alone, the owner of the same kind of
        document named earlier in the article."""
        for c in noun.children:
            if c.dep_ == "poss":
                return self.resolve(c, at)
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() not in self.lex.document_nouns:
                    return self.resolve(obj, at)
        names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            body = self.doc.body
            return body[names[0].left_edge.idx:names[-1].idx + len(names[-1].text)]
        det = next((c for c in noun.children if c.dep_ == "det"), None)
        if earlier and det is not None and det.lower_ in ("the", "this", "that"):
            lemma = noun.lemma_.lower()
            for t in reversed(self.sp[max(0, noun.i - 400):noun.i]):
                if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
                    owner = self._document_owner(t, at, earlier=False)
                    if owner:
                        return owner
        return None

    def _genders(self) -> dict[str, str]:
        """Each person's gender as the text shows it: an honorific, or the pronouns that follow
        when that person is the only one named just before."""
        votes: dict[str, dict[str, int]] = {}
        body = self.doc.body
        for p in self.outside:
            title = body[max(0, p.start - 5):p.start].lower()
            for word, g in (("mr.", "m"), ("mrs.", "f"), ("ms.", "f"), ("miss", "f")):
                if title.endswith(word + " ") or body[p.start:p.end].lower().startswith(word):
                    votes.setdefault(p.name, {}).setdefault(g, 0)
                    votes[p.name][g] += 3
        for tok in self.sp:
            g = GENDER.get(tok.lower_)
            if g is None:
                continue
            if tok.dep_ != "nsubj" or tok.i != tok.sent.start or tok.i == 0:
                continue  # only "He ..." opening the sentence right after one named subject
            prev = self.sp[tok.i - 1].sent
            near = {p.name for p in self.outside if prev.start_char <= p.start < tok.idx}
            if len(near) == 1 and any(p.subject for p in self.outside
                                      if prev.start_char <= p.start < tok.idx):
                name = near.pop()
                votes.setdefault(name, {}).setdefault(g, 0)
                votes[name][g] += 1
        return {name: max(v, key=v.get) for name, v in votes.items() if v}

    def _person_before(self, pos: int, gender: Optional[str] = None) -> Optional[str]:
        if self.genders is None:
            self.genders = self._genders()
        fits = lambda name: gender is None or self.genders.get(name, gender) == gender  # noqa: E731
        if self.last_person and pos - self.last_person[0] < 2000 and fits(self.last_person[1]):
            # the last person speaker, unless a person subject came after it
            later = [p for p in self.outside if self.last_person[0] < p.start < pos and p.subject and fits(p.name)]
            return later[-1].name if later else self.last_person[1]
        before = [p for p in self.outside if p.end <= pos and fits(p.name)]
        subjects = [p for p in before if p.subject]
        pick = subjects[-1] if subjects else (before[-1] if before else None)
        return pick.name if pick else None

    def _role_person(self, noun: str, pos: int) -> Optional[str]:
        before = [p for p in self.persons if p.end <= pos]
        body = self.doc.body
        for p in reversed(before):
            # the role the people stage found, else the words just before the name ("expert Jane Doe")
            role = (p.role or "") + " " + body[max(0, p.start - 60):p.start]
            if re.search(rf"\b{re.escape(noun)}\b", role.lower()):
                return p.name
        # "the deputy said" right after a person's quotation: that person; else no guess
        if self.last_person and 0 <= pos - self.last_person[0] < 600:
            return self.last_person[1]
        return None

    def note(self, speaker: Optional[str], pos: int) -> None:
        """Remember the last speaker (for pronouns and continuations)."""
        if not speaker:
            return
        self.last_any = (pos, speaker)
        if any(p.name == speaker for p in self.persons):
            self.last_person = (pos, speaker)
        else:
            self.last_group = (pos, speaker)


def _shares_name_word(mention: str, name: str) -> bool:
    return bool({w.lower() for w in WORD_RE.findall(mention)} & {w.lower() for w in WORD_RE.findall(name)})


def _name_words(text: str) -> list[str]:
    text = re.sub(r"[’']s$", "", text.strip())
    return [w for w in text.split() if w[:1].isupper()]
