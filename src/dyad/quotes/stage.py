"""The quotes stage: merges quotation marks and reported speech into `model.Quote`s."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from ..config import Settings
from ..model import Quote
from ..stage import Stage
from .frames import RELATIVE, Frame, _is_cue_verb, _subject, frames, inverted_subject
from .lexicon import SpeechLexicon, cue_words
from .marks import Mark, find_marks
from .speakers import WORD_RE, Speakers

TITLE_SMALL_WORDS = cue_words("title_small_words")
DOUBLE_MARKS = "\"“”„«»"
DASHES = ("—", "–", "-", "--")
SENTENCE_END_RE = re.compile(r"[.!?…][\"”’']*\s+[\"“‘']*[A-Z]")
# "“…” ― Jane Doe": a signature after a quotation
DASH_RE = re.compile(r"[^\S\n]*[―—–-]+[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})[^\S\n]*(?:\n|$)")
LABEL_RE = re.compile(r"(?m)^[\"“]?([A-Z][\w.'’-]*(?:[^\S\n][A-Z][\w.'’-]*){0,2}):[^\S\n]+(\S[^\n]*?)[^\S\n]*$")


@dataclass
class _Item:
    start: int
    end: int
    cue_pos: int
    head: object  # speaker head token or None
    direct: bool
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    continuation: bool = False
    standalone: bool = False  # a whole quotation standing alone: kept even without a speaker
    loose: bool = False  # kept only as the second half of a split quotation
    sourceless: bool = False  # reported with no source named: kept with speaker None


@dataclass
class _Placed:
    """Where the quotation marks of a document went (`Quotes._place_marks`)."""
    items: list[_Item] = field(default_factory=list)  # partial quotations with their verb
    loose: list[_Item] = field(default_factory=list)  # kept only as the second half of a split quotation
    standalone: list[tuple[Mark, Optional[Frame]]] = field(default_factory=list)  # with the report they run out of


class Quotes(Stage):
    name = "quotes"
    reads = ("body", "spacy", "record.people", "mentions")
    writes = ("quotes",)

    def __init__(self, settings: Optional[Settings] = None, kb=None, nlp=None, mode: Optional[str] = None,
                 speakers: Optional[str] = None):
        super().__init__(settings, kb, nlp)
        self.lex = SpeechLexicon.load()
        self.mode = (mode or self.settings.quote_mode or "direct").lower()
        if self.mode not in ("all", "direct", "reported"):
            raise ValueError(f"DYAD_QUOTES must be 'all', 'reported' or 'direct', not {self.mode!r}")
        # "all" follows PolNeAR's attribution convention: the source as the text words it ("he",
        # "the mayor"); "direct" names the person meant, as the article record promises
        self.speakers = speakers or ("mention" if self.mode == "all" else "resolved")
        if self.speakers not in ("mention", "resolved"):
            raise ValueError(f"speakers must be 'mention' or 'resolved', not {self.speakers!r}")

    def __call__(self, doc) -> None:
        sp = doc.spacy
        if sp is None or not doc.body.strip():
            return
        kept = (_within_input(doc, q) for q in self.extract(doc))
        doc.quotes.extend(q for q in kept if q is not None)

    # -- pieces --------------------------------------------------------------------------

    def _tokens(self, sp, start: int, end: int):
        span = sp.char_span(start, end, alignment_mode="expand")
        return span if span is not None else sp[0:0]

    def _title_like(self, body: str, sp, mark: Mark, n_words: int) -> bool:
        """A short quotation that names something: 'the “Russian path”', 'a badge “For Cooperation”'."""
        inner = body[mark.start:mark.end]
        # Title Case ("Meet the Press", "Crippled America: How to Make America Great Again"); small
        # words may stay lower case
        words = [w for w in inner.split() if w[:1].isalpha()]
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) >= 2 and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words) \
                and (n_words <= 4 or len(caps) >= 4):
            return True
        if n_words > 4:
            return False
        # 'called the plan “inappropriate”': a complement of the verb says what it is, not its name
        tokens = self._tokens(sp, mark.start, mark.end)
        if len(tokens) and tokens.root.dep_ in ("oprd", "acomp", "xcomp") and tokens.root.head.pos_ == "VERB":
            return False
        # the three tokens that end before the opening mark (a short window: no scan from the start)
        window = sp.char_span(max(0, mark.outer_start - 80), mark.outer_start, alignment_mode="contract") \
            if mark.outer_start else None
        prev = list(window[-3:]) if window is not None else []
        if prev and prev[-1].lower_ in self.lex.title_nouns:
            return True
        if prev and prev[-1].tag_ == "POS":  # "NBC's “Today”": something of someone's, a name
            return True
        # "the" + (adjectives) + quoted noun phrase: a thing referred to by name; not a quotation
        # that opens its own noun phrase ('called the tariff “a slow disaster”')
        if words and words[0].lower() in ("a", "an", "the"):
            return False
        for t in reversed(prev):
            if t.lower_ == "the":
                return True
            if t.pos_ not in ("ADJ", "PROPN", "NOUN") or t.tag_ == "POS":
                break
        return False

    def _governed_by_speech(self, tokens) -> Optional[object]:
        """The verb a partial quotation hangs on: a speech verb ('expressed “disappointment…”'), or a
        verb with a subject that characterises something in quoted words ('called the plan “a
        disaster”', 'dismissed Estonia as being in the “suburbs”'). None for a quotation inside a
        noun phrase ('an attempt to “divide”')."""
        if not len(tokens):
            return None
        head = tokens.root
        for _ in range(4):
            nxt = head.head
            if nxt is head:
                return None
            if _is_cue_verb(nxt, self.lex):
                return nxt
            if nxt.pos_ in ("NOUN", "PROPN", "PRON"):
                return None
            if nxt.pos_ == "VERB" and nxt.i < tokens.start and any(
                    c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in nxt.children):
                return nxt
            head = nxt
        return None

    def _right_end(self, sp, body: str, verb, mark: Mark) -> int:
        """End of what a verb governs to its right, in its sentence and paragraph."""
        # the verb's dependent that holds the quotation ('[that waterboarding is “peanuts,”
        # compared to ...]'), not its adjuncts ('on Monday')
        holder = next((c for c in verb.rights if c.left_edge.idx <= mark.start < c.right_edge.idx + len(c.right_edge.text)), None)
        right = holder.right_edge if holder is not None else verb.right_edge
        sent = verb.sent
        i = min(right.i, sent.end - 1)
        while i > verb.i and (sp[i].is_punct and not sp[i].is_quote or sp[i].is_space):
            i -= 1
        end = sp[i].idx + len(sp[i].text)
        para_end = body.find("\n", mark.start)
        return min(end, para_end) if para_end >= 0 else end

    def _trailing_verb(self, sp, body: str, mark: Mark, quoted):
        """The verb of a short attribution right after a quotation closed by ', ? !' (inside or
        just outside the marks): 'NAME VERB' or 'VERB NAME' within the same sentence."""
        if not mark.closed:
            return None
        tail = body[max(mark.start, mark.end - 1):mark.outer_end + 2]
        if not any(ch in tail for ch in ",?!—–-"):
            return None
        after = [t for t in self._tokens(sp, mark.outer_end, min(len(body), mark.outer_end + 80))
                 if not t.is_space]
        for t in after[:8]:
            if "\n" in body[mark.outer_end:t.idx] or quoted(t):
                return None
            if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ in ("ROOT", "ccomp", "parataxis", "conj"):
                return t
            if t.is_punct and t.text not in ("—", "–", "-"):
                return None
        return None

    def extract(self, doc) -> list[Quote]:
        """Quotes of one parsed document, in text order (body offsets)."""
        body, sp = doc.body, doc.spacy
        marks = find_marks(body)
        speakers = Speakers(doc, self.kb, self.lex, marks, style=self.speakers)
        reports = self._reports(sp, marks)
        placed = self._place_marks(sp, body, marks, reports)
        items = placed.items + self._report_items(sp, reports, placed.standalone)
        items += self._standalone_items(sp, body, marks, reports, placed.standalone, speakers)
        items = [it for it in items if not it.direct] + _join_split(
            body, [it for it in items if it.direct] + placed.loose, join=self.mode == "all")
        items += self._label_lines(sp, body, items)
        return _unique(self._resolve(body, marks, items, speakers))

    def _reports(self, sp, marks: list[Mark]) -> list[Frame]:
        """Reported speech from the parse, less cues inside quotations (the quoted person's own
        words) and clauses that swallow an inverted attribution ('said: “Q,” he said')."""
        inside = lambda pos: any(m.start <= pos < m.end for m in marks)  # noqa: E731
        found = [f for f in frames(sp, self.lex) if not inside(sp[f.cue].idx)]
        cue_at = {id(g): sp[g.cue].idx for g in found}
        return [f for f in found
                if not any(g is not f and f.start <= cue_at[id(g)] < f.end and g.end <= cue_at[id(g)]
                           and f.start <= g.start for g in found)]

    def _place_marks(self, sp, body: str, marks: list[Mark], reports: list[Frame]) -> "_Placed":
        """Each quotation: inside a reported clause (its host, marked `has_quote`), running past one,
        standing alone (sentence-like), partial after a verb, a possible second half of a split
        quotation, or a scare quote / title (dropped)."""
        placed = _Placed()
        for mark in marks:
            tokens = self._tokens(sp, mark.start, mark.end)
            inner = body[mark.start:mark.end]
            n_words = len(WORD_RE.findall(inner))
            if n_words == 0:
                continue
            hosts = [f for f in reports if f.start <= mark.start and mark.end <= f.end + 2
                     and len(WORD_RE.findall(body[f.start:f.end])) > n_words + 1
                     # an object that is just the quotation (plus adjuncts) is not a host
                     and (f.kind == "clause" or WORD_RE.search(body, f.start, mark.outer_start))]
            host = _innermost_speaker(hosts)
            if host is None:  # a quotation that starts inside a clause and runs past it
                split_host = next((f for f in reports if f.start <= mark.start < f.end < mark.end
                                   and f.start < mark.outer_start), None)
                if split_host is not None:
                    split_host.has_quote = True
                    if not SENTENCE_END_RE.search(body, split_host.end, mark.end):
                        # the parse cut the clause inside one quoted phrase ('at a “buy one, get one
                        # free” rate'): the report runs to the end of the quotation
                        split_host.end = mark.end
                        continue
                    rest = _next_word(body, split_host.end, mark.end)
                    if rest is not None and len(WORD_RE.findall(body[rest:mark.end])) >= 3:
                        placed.standalone.append((Mark(rest, mark.end, rest, mark.outer_end, mark.closed), split_host))
                    continue
            for f in reports:  # an object (or clause) that is just this quotation: the quotation stands for it
                if f is not host and (f.kind == "object" and f.start <= mark.start and mark.end <= f.end + 2
                                      or mark.outer_start <= f.start and f.end <= mark.outer_end):
                    f.suppressed = True
            sentence_like = _sentence_like(inner, tokens, n_words)
            if host is not None:
                if sentence_like or not self._title_like(body, sp, mark, n_words) and (
                        host.kind == "clause" or host is not hosts[0] or self._governed_by_speech(tokens) is not None):
                    host.has_quote = True
                    host.end = max(host.end, mark.end)  # the quoted words whole, their full stop too
                continue
            titled = self._title_like(body, sp, mark, n_words)
            if titled:
                continue
            if sentence_like:
                placed.standalone.append((mark, None))
                continue
            verb = self._governed_by_speech(tokens)
            if verb is not None:
                placed.items.append(self._partial_item(sp, body, mark, tokens, verb))
            elif inner.lstrip("…. ([")[:1].isupper():
                # maybe the second half of a split quotation ('“A,” she said. “In my head.”')
                placed.loose.append(_Item(mark.start, mark.end, mark.start, None, True, continuation=True, loose=True))
        return placed

    def _partial_item(self, sp, body: str, mark: Mark, tokens, verb) -> "_Item":
        """A partial quotation hanging on a verb; 'called [the plan “a disaster”] on Monday': what
        the verb governs around the quotation belongs to it."""
        start, end = mark.start, mark.end
        if verb.i < tokens.start:
            after = next((t for t in sp[verb.i + 1:tokens.start] if not (t.is_punct or t.is_space)), None)
            if after is not None and "\n" not in body[after.idx:mark.start]:
                start = min(start, after.idx)
            end = max(end, self._right_end(sp, body, verb, mark))
        return _Item(start, end, verb.idx, _subject(verb), True)

    def _report_items(self, sp, reports: list[Frame], standalone: list) -> list["_Item"]:
        """Reported speech the mode keeps, once per content span (the first cue wins). A report whose
        clause lies inside a standalone quotation only lends it its speaker (`_standalone_items`)."""
        for mark, _ in standalone:
            for f in reports:
                if mark.outer_start <= f.start and f.end <= mark.outer_end + 1:
                    f.suppressed = True
        # 'According to X, Kim wrote that ...': Kim's report, not X's relay of it
        for f in reports:
            if f.relayed and any(g is not f and not g.relayed and f.start <= sp[g.cue].idx < f.end for g in reports):
                f.suppressed = True
        items: list[_Item] = []
        seen: set[tuple[int, int]] = set()
        for f in reports:
            if f.suppressed or (f.start, f.end) in seen:
                continue
            seen.add((f.start, f.end))
            if self.mode == "direct" and not f.has_quote:
                continue
            if self.mode == "reported" and not f.has_quote and (f.kind != "clause" or f.question):
                continue
            items.append(_Item(f.start, f.end, sp[f.cue].idx, _speaker_head(sp, f), f.has_quote,
                               sourceless=f.sourceless))
        return items

    def _standalone_items(self, sp, body: str, marks: list[Mark], reports: list[Frame], standalone: list,
                          speakers: "Speakers") -> list["_Item"]:
        """Whole quotations: attributed by the report they run out of, a report inside them, or the
        cue around them (`_attribute`); with no cue, a continuation of the last speaker."""
        items: list[_Item] = []
        for mark, host in standalone:
            if host is None:
                host = next((f for f in reports if mark.outer_start <= f.start and f.end <= mark.outer_end + 1), None)
            if host is not None:
                items.append(_Item(mark.start, mark.end, sp[host.cue].idx, _speaker_head(sp, host), True,
                                   standalone=True))
                continue
            head, cue_pos = self._attribute(sp, body, mark, marks, speakers)
            items.append(_Item(mark.start, mark.end, cue_pos if cue_pos is not None else mark.start,
                               head, True, continuation=cue_pos is None, standalone=True))
        return items

    def _label_lines(self, sp, body: str, items: list["_Item"]) -> list["_Item"]:
        """"Pence: text" lines (headlines, transcripts): the label is the speaker."""
        out: list[_Item] = []
        for m in LABEL_RE.finditer(body):
            label = m.group(1)
            if label.lower() in self.lex.line_labels or len(WORD_RE.findall(m.group(2))) < 3:
                continue
            if any(it.start < m.end(2) and m.start(2) < it.end for it in items + out):
                continue
            head = sp.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if head is not None and len(head):
                out.append(_Item(m.start(2), m.end(2), m.start(1), head.root, '"' in m.group(2) or "“" in m.group(2)))
        return out

    def _resolve(self, body: str, marks: list[Mark], items: list["_Item"], speakers: "Speakers") -> list[Quote]:
        """Speakers in text order, so pronouns and continuations see earlier speakers; items the
        mode does not keep, and reports with no one saying them, are dropped."""
        items = sorted(items, key=lambda it: (min(it.start, it.cue_pos), it.start))
        out: list[Quote] = []
        # (end of the last report, its speaker, the words used for the speaker)
        last: Optional[tuple[int, Optional[str], Optional[str]]] = None
        for it in items:
            if it.continuation:
                gap = body[last[0]:it.start] if last else ""
                if last and gap.count("\n") <= 2 and len(gap) < 400:
                    it.speaker, it.speaker_text = last[1], last[2]
            else:
                it.speaker = speakers.resolve(it.head, it.cue_pos)
                it.speaker_text = speakers.np_text(it.head) if it.head is not None and it.speaker else None
            if it.speaker is not None and not it.continuation:
                # 'Smith told reporters the plan was dead. “It is over.”': a report, direct or not,
                # gives its speaker to the quotation standing alone after it
                last = (max(it.end, it.cue_pos), it.speaker, it.speaker_text)
            speakers.note(it.speaker, max(it.cue_pos, it.start))
            if self.mode == "direct" and not it.direct:
                continue
            if it.speaker is None and not (it.standalone or it.sourceless):
                continue  # reported speech or a partial quotation with no one saying it
            if it.direct:
                last = (it.end, it.speaker, it.speaker_text)
            # `direct` is typographic (PolNeAR's convention): the span holds words in double
            # quotation marks, whether it is a whole quotation or a clause quoting a few words
            out.append(Quote(body[it.start:it.end], it.speaker, _double_marked(body, marks, it), it.start, it.end,
                             speaker_text=it.speaker_text))
        return out

    def _attribute(self, sp, body: str, mark: Mark, marks: list[Mark], speakers: "Speakers"):
        """Speaker head and cue offset for a standalone quotation: a cue verb in its sentence(s)
        outside the quotation, or the sentence before a colon; (None, None) for a continuation."""
        quoted = lambda t: any(m.outer_start <= t.idx < m.outer_end for m in marks)  # noqa: E731
        first = self._tokens(sp, mark.outer_start, mark.outer_start + 1)
        last = self._tokens(sp, max(mark.outer_end - 1, mark.outer_start), mark.outer_end)
        sents = []
        if len(first):
            sents.append(first[0].sent)
        if len(last) and last[-1].sent != (sents[0] if sents else None):
            sents.append(last[-1].sent)
        # the paragraph holding the quote bounds the search
        para_start = body.rfind("\n", 0, mark.outer_start) + 1
        para_end = body.find("\n", mark.outer_end)
        para_end = len(body) if para_end < 0 else para_end
        # '“…,” he said': after a quotation closed by a full stop only a short attribution right
        # there counts ('“….” Doe said.'); further on a new sentence has begun, whatever the parser
        # thinks ('…ahead."Former director Jane Doe also called for ...')
        after_limit = para_end
        if body[mark.start:mark.end].rstrip().endswith("."):
            near = [t for t in self._tokens(sp, mark.outer_end, min(len(body), mark.outer_end + 60)) if not t.is_space]
            after_limit = near[min(2, len(near) - 1)].idx + 1 if near else mark.outer_end
        cues = []
        for sent in sents:
            for t in sent:
                if para_start <= t.idx < min(para_end, max(after_limit, mark.outer_start)) \
                        and not quoted(t) and _is_cue_verb(t, self.lex) \
                        and self.lex.verbs[t.lemma_.lower()] in ("say", "think"):
                    dist = mark.outer_start - t.idx if t.idx < mark.outer_start else t.idx - mark.outer_end
                    cues.append((dist, t))
        # "X's remark that “…”": the owner of a speech noun
        tokens = self._tokens(sp, mark.start, mark.end)
        if len(tokens):
            noun = tokens.root.head
            if noun.lemma_.lower() in self.lex.speech_nouns and not quoted(noun):
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return owner, noun.idx
        dash = DASH_RE.match(body, mark.outer_end)
        if dash:
            name = sp.char_span(dash.start(1), dash.end(1), alignment_mode="expand")
            if name is not None and len(name):
                return name.root, name.root.idx
        if not cues and len(last):
            # '“…,” Toomey fumed.' / '“…?” asked Jane': any verb right after a quotation that ends
            # in , ? or ! is its attribution, whatever the verb (news style)
            verb = self._trailing_verb(sp, body, mark, quoted)
            if verb is not None:
                cues.append((0, verb))
        if cues:
            verb = min(cues, key=lambda c: c[0])[1]
            subj = _subject(verb)
            if subj is None or quoted(subj):  # the parser took a word of the quotation as subject
                subj = _climb_subject(verb, quoted) or _near_np(verb, quoted)
            return subj, verb.idx
        lead = self._lead_in(sp, body, mark, quoted)
        if lead is not None:
            return lead
        # "…, saying:" then the quotation (same or next paragraph)
        k = mark.outer_start - 1
        while k >= 0 and body[k].isspace():
            k -= 1
        if k >= 0 and body[k] == ":":
            before = self._tokens(sp, max(0, k - 1), k)
            if len(before):
                sent = before[0].sent
                lead = [t for t in sent if t.idx < k and not quoted(t)]  # the words before the colon
                verbs = [t for t in lead if _is_cue_verb(t, self.lex)] or \
                    [t for t in lead if t.pos_ in ("VERB", "AUX")]
                if not verbs:  # "Philip Bump: “…”", "the report: “…”": the noun phrase is the source
                    last_word = next((t for t in reversed(lead) if not (t.is_punct or t.is_space)), None)
                    if last_word is not None and last_word.pos_ in ("NOUN", "PROPN"):
                        return _np_head(last_word), last_word.idx
                    return None, None
                verb = verbs[-1]
                subj = _subject(verb)
                if subj is not None and quoted(subj):
                    subj = None
                if subj is None:  # a parse without a subject: the first person named in the sentence
                    first = next((p for p in speakers.outside if sent.start_char <= p.start < verb.idx), None)
                    span = sp.char_span(first.start, first.end, alignment_mode="expand") if first else None
                    subj = span.root if span is not None and len(span) else None
                return subj, verb.idx
        return None, None


    def _lead_in(self, sp, body: str, mark: Mark, quoted):
        """A quotation set after its speaker with no verb of its own, in the same paragraph:
        'But Smith — “…”', 'According to the ministry — “…”', or right after a sentence whose main
        verb is a speech verb ('Smith denies this. “We have no link.”')."""
        k = mark.outer_start
        while k > 0 and body[k - 1] in " \t":
            k -= 1
        if k == 0 or body[k - 1] == "\n":
            return None
        before = self._tokens(sp, max(0, k - 1), k)
        if not len(before):
            return None
        last = before[-1]
        if last.text in DASHES:
            words = [t for t in sp[last.sent.start:last.i] if not quoted(t)]
            acc = next((t for t in words if t.lower_ == "according" and t.i + 1 < last.i
                        and sp[t.i + 1].lower_ == "to"), None)
            if acc is not None:
                obj = next((c for c in sp[acc.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj, acc.idx
            end = next((t for t in reversed(words) if not (t.is_punct or t.is_space)), None)
            if end is not None and (end.pos_ == "PROPN" or end.lower_ in self.lex.role_nouns) \
                    and end.ent_type_ not in ("DATE", "TIME"):
                return _np_head(end), end.idx
            return None
        if last.text not in ".!?" or quoted(last):
            return None
        root = last.sent.root
        if _is_cue_verb(root, self.lex) and self.lex.verbs[root.lemma_.lower()] in ("say", "think"):
            subj = _subject(root)
            if subj is not None and not quoted(subj) and subj.lower_ not in RELATIVE:
                return subj, root.idx
        return None


def _innermost_speaker(hosts: list[Frame]) -> Optional[Frame]:
    """The report that holds a quotation: the first found, unless it only relays ('according to
    X, Y called it “…”') a report inside it that names who said the words."""
    if not hosts:
        return None
    first = hosts[0]
    if first.relayed:
        inner = [f for f in hosts if not f.relayed and first.start <= f.start and f.end <= first.end]
        if inner:
            return inner[0]
    return first


def _within_input(doc, quote: Quote) -> Optional[Quote]:
    """The quote cut where the body skips removed input (a caption or link line inside it), so its
    text stays the exact input characters its offsets point to; None when too little is left."""
    start = doc.to_input(quote.start)
    end = quote.start
    while end < quote.end and doc.to_input(end + 1) == start + (end + 1 - quote.start):
        end += 1
    if end == quote.end:
        return quote
    while end > quote.start and doc.body[end - 1].isspace():
        end -= 1
    if len(WORD_RE.findall(doc.body, quote.start, end)) < 2:
        return None
    return replace(quote, text=doc.body[quote.start:end], end=end)


def _sentence_like(inner: str, tokens, n_words: int) -> bool:
    """A quotation that stands as a sentence of its own, not a few words inside the narrator's."""
    upper = inner.lstrip("…. ([")[:1].isupper()
    clause = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens)
    verb_root = len(tokens) > 0 and tokens.root.pos_ in ("VERB", "AUX")
    return (upper and clause and n_words >= 3) or (n_words >= 6 and verb_root and clause) or (upper and n_words >= 8)


def _unique(quotes: list[Quote]) -> list[Quote]:
    """One quote per speech: identical spans from two routes once; a quote lying inside another
    is the same speech found twice (the outer one is kept)."""
    quotes = sorted(quotes, key=lambda q: (q.start, q.end))
    unique: list[Quote] = []
    for q in quotes:
        if unique and unique[-1].start == q.start and unique[-1].end == q.end:
            continue
        unique.append(q)
    return [q for q in unique if not any(o is not q and o.start <= q.start and q.end <= o.end
                                         and (o.direct or not q.direct) for o in unique)]


def _climb_subject(verb, quoted):
    """The subject of a verb above ('Braynard is quoted as saying'): climb a few heads."""
    t = verb
    for _ in range(3):
        if t.head is t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted(c)), None)
            if subj is not None and subj.lower_ not in RELATIVE:
                return subj
    return None


def _near_np(verb, quoted):
    """A name right after a cue verb (inverted 'said Jane Doe'), else the noun just before it,
    outside quotation marks."""
    sent = verb.doc[verb.i].sent
    after = inverted_subject(verb)
    if after is not None and not quoted(after):
        return after
    for t in reversed(verb.doc[max(sent.start, verb.i - 3):verb.i]):
        if t.is_punct or t.is_space or quoted(t):
            break
        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME"):
            return _np_head(t)
    return None


def _np_head(t):
    while t.head is not t and t.dep_ in ("compound", "flat", "amod") and t.head.pos_ in ("PROPN", "NOUN"):
        t = t.head
    return t


def _join_split(body: str, items: list[_Item], join: bool) -> list[_Item]:
    """'“A,” he said. “B.”': B, after a short attribution of A in the same paragraph, is a quote of
    its own (the attribution is no part of either) said by A's speaker. Loose pieces that follow no
    attributed quotation are dropped."""
    items = sorted(items, key=lambda it: (it.start, -it.end))
    out: list[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        if prev is not None and prev.end <= it.start:
            gap = body[prev.end:it.start]
            # A's cue stands between them and B has no cue of its own (or shares A's)
            if "\n" not in gap and len(WORD_RE.findall(gap)) <= 40 and prev.end <= prev.cue_pos < it.start \
                    and ((it.standalone or it.loose) and it.continuation or it.cue_pos == prev.cue_pos):
                if join:  # PolNeAR: one attribution whose content runs over the attribution
                    prev.end = it.end
                    continue
                it.continuation, it.head, it.cue_pos = True, prev.head, prev.cue_pos
                out.append(it)
                continue
        if not it.loose:
            out.append(it)
    return out


def _double_marked(body: str, marks: list[Mark], it: _Item) -> bool:
    """`direct` follows the typographic convention of PolNeAR and the contract: words in double
    quotation marks. Two apostrophes ('' , an ASCII stand-in) and single quotes do not count."""
    return any(m.start < it.end and it.start < m.end and body[m.outer_start] in DOUBLE_MARKS for m in marks)


def _speaker_head(sp, frame: Frame):
    """The frame's speaker head token, or None."""
    return sp[frame.speaker] if frame.speaker is not None else None


def _next_word(text: str, start: int, end: int) -> Optional[int]:
    m = WORD_RE.search(text, start, end)
    return m.start() if m else None
