"""The article record of CONTRACT.md as dataclasses.

Field names and meanings mirror `shared/CONTRACT.md` exactly; `to_dict()` gives the JSON record.
Offsets (`start`/`end`) are always into the input `text` (or, for html input, into `body`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "negated", "intended", "hypothetical", "demanded", "conditional")
PRECISIONS = ("day", "month", "year")
AFFILIATIONS = ("state", "private", "public")


@dataclass
class Outlet:
    name: Optional[str] = None
    country: Optional[str] = None
    affiliation: Optional[str] = None  # state | private | public | None


@dataclass
class Dateline:
    place: Optional[str]
    text: Optional[str]


@dataclass
class Published:
    date: Optional[str] = None  # YYYY-MM-DD
    precision: Optional[str] = None  # day | month | year
    not_before: Optional[str] = None
    not_after: Optional[str] = None
    method: str = "none"


@dataclass
class PersonMention:
    """Addition: where the article names a person, with the role stated there."""
    start: int
    end: int
    text: str
    role: Optional[str] = None
    qualifier: Optional[str] = None  # former | late | then


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: Optional[str] = None
    country: Optional[str] = None
    kb_id: Optional[str] = None
    mentions: list[PersonMention] = field(default_factory=list)
    # Addition: where `role` comes from: "text" (stated in the article), "kb" (the office the
    # knowledge base says the person held, or had left, on the article's date) or "caption" (the
    # title in the image caption that alone names the person); None without a role.
    role_source: Optional[str] = None


@dataclass
class Quote:
    text: str
    speaker: Optional[str]
    direct: bool
    start: int
    end: int
    # Addition: the words the article uses for the speaker ("he", "the deputy", "Abiru").
    speaker_text: Optional[str] = None


@dataclass
class Actor:
    text: str
    country: Optional[str]
    sector: Optional[str] = None


@dataclass
class Event:
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    intensity: Optional[float]
    source: Optional[Actor]
    target: Optional[Actor]
    modality: str
    date: Optional[str]
    date_precision: Optional[str]
    sentence: str
    start: int
    end: int
    # Additions: the index in `quotes` of the quote that claims this event, and how it was coded.
    quote: Optional[int] = None
    coder: Optional[str] = None


@dataclass
class LoadedSpan:
    """`framing.loaded_language` item: a span using a propaganda technique (PTC's 14 names)."""
    text: str
    technique: str
    start: int
    end: int


@dataclass
class Framing:
    loaded_language: list[LoadedSpan] = field(default_factory=list)
    # ISO3 code -> tone toward that country in this article, -1 (hostile) .. +1 (friendly)
    tone: dict[str, float] = field(default_factory=dict)


@dataclass
class Clause:
    """A piece of text with its offsets: a claimed change or one of its conditions."""
    text: str
    start: int
    end: int


@dataclass
class Condition:
    """Addition: a statement that makes a change in a relationship depend on something
    ("normalisation is possible if talks succeed and sanctions are eased")."""
    country_a: Optional[str]
    country_b: Optional[str]
    change: Clause  # the claimed change ("Normalization of relations between Russia and Japan")
    requires: list[Clause]  # the condition(s), one clause each
    marker: str  # the words that make it conditional: "if", "only after", "when ... then"
    speaker: Optional[str]
    date: Optional[str]  # when it was said: the article's publication date
    sentence: str
    start: int
    end: int


@dataclass
class ArticleRecord:
    id: str
    error: Optional[str] = None
    title: Optional[str] = None
    outlet: Outlet = field(default_factory=Outlet)
    dateline: Optional[Dateline] = None
    published: Published = field(default_factory=Published)
    language: Optional[str] = None
    body: str = ""
    people: list[Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: Framing = field(default_factory=Framing)
    # Additions beyond the contract (allowed: "fields may be added").
    url: Optional[str] = None
    conditions: list[Condition] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what reading the input repaired (decoding)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ArticleRecord":
        """Rebuild a record from `to_dict()` output (used by the store and tests)."""
        def actor(a):
            return Actor(**a) if a else None

        return cls(
            id=d["id"],
            error=d.get("error"),
            title=d.get("title"),
            outlet=Outlet(**(d.get("outlet") or {})),
            dateline=Dateline(**d["dateline"]) if d.get("dateline") else None,
            published=Published(**(d.get("published") or {})),
            language=d.get("language"),
            body=d.get("body") or "",
            people=[Person(**{**p, "mentions": [PersonMention(**m) for m in p.get("mentions") or []]})
                    for p in d.get("people") or []],
            quotes=[Quote(**q) for q in d.get("quotes") or []],
            events=[Event(**{**e, "source": actor(e.get("source")), "target": actor(e.get("target"))})
                    for e in d.get("events") or []],
            framing=Framing(loaded_language=[LoadedSpan(**x) for x in (d.get("framing") or {}).get("loaded_language") or []],
                            tone=dict((d.get("framing") or {}).get("tone") or {})),
            url=d.get("url"),
            conditions=[Condition(**{**c, "change": Clause(**c["change"]),
                                     "requires": [Clause(**r) for r in c.get("requires") or []]})
                        for c in d.get("conditions") or []],
            warnings=list(d.get("warnings") or []),
        )


# ---- the stored tables ---------------------------------------------------------------------------
# The one declaration of dyad's DuckDB schema: store.py builds its DDL, column lists and rows from
# it, and docs/SCHEMA.md shows it (tests/test_store.py checks the document against it).

@dataclass(frozen=True)
class Column:
    """One column. `path` is where the value sits in the JSON object a row stands for (the record
    for `articles`; a person, mention, quote or event for the others), dotted into nested objects
    ("outlet.name"); None for what store.py computes (keys, positions, the raw input).
    DATE columns hold valid YYYY-MM-DD values only (anything else is NULL); VARCHAR[] holds a list."""
    name: str
    type: str  # DuckDB type
    path: Optional[str]
    meaning: str = ""
    default: Optional[str] = None  # SQL default; such a column is filled by DuckDB, not inserted


@dataclass(frozen=True)
class Table:
    name: str
    rows: Optional[str]  # the record's list one row stands for ("people", "people.mentions"); None: the record
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    about: str = ""

    @property
    def inserted(self) -> tuple[str, ...]:
        """The columns a row gives, in order (those with a SQL default are left to DuckDB)."""
        return tuple(c.name for c in self.columns if c.default is None)


def _col(name: str, type_: str = "VARCHAR", path: Optional[str] = "=", meaning: str = "",
         default: Optional[str] = None) -> Column:
    return Column(name, type_, name if path == "=" else path, meaning, default)


_ARTICLE_HASH = _col("article_hash", path=None, meaning="the article's `hash`")
# evidence offsets (SQL needs the names quoted: "start", "end")
_OFFSETS = (_col("start", "INTEGER", meaning="input offset (`\"start\"` in SQL)"),
            _col("end", "INTEGER", meaning="input offset, exclusive (`\"end\"` in SQL)"))
# where a claim is evidenced: its sentence and its span
_EVIDENCE = (_col("sentence", meaning="the evidence sentence"), *_OFFSETS)


def _list_table(name: str, columns: tuple[Column, ...], about: str = "") -> Table:
    """A table with one row per item of the record's list `name`, keyed by article and position."""
    idx = _col("idx", "INTEGER", None, f"position in `record.{name}`")
    return Table(name, name, ("article_hash", "idx"), (_ARTICLE_HASH, idx, *columns), about)


# the conditions stage's claims (conditions/stage.py): one row per record.conditions item
_CONDITION_COLUMNS = (
    _col("country_a", meaning="one side of the relationship (ISO3)"),
    _col("country_b", meaning="the other side"),
    _col("change", path="change.text", meaning="the claimed change in the relationship"),
    _col("change_start", "INTEGER", "change.start", "input offset of the change"),
    _col("change_end", "INTEGER", "change.end", "input offset, exclusive"),
    _col("requires", "JSON", meaning="the conditions: [{text, start, end}] in input offsets"),
    _col("marker", meaning="what makes it conditional: if, only after, when ... then, unless, ..."),
    _col("speaker", meaning="who makes the claim"),
    _col("date", "DATE", meaning="when it was said (the article's publication date)"),
    *_EVIDENCE,
)


STORED_TABLES: tuple[Table, ...] = (
    Table("articles", None, ("hash",), (
        _col("hash", path=None, meaning="sha256 of the input content (above)"),
        _col("seq", "BIGINT", None, "insertion order (sequence `article_seq`); exports follow it",
             default="nextval('article_seq')"),
        _col("id", meaning="the record id (input id, path-derived id for files, URL for fetched pages)"),
        _col("source", path=None, meaning="where it came from: file path (`file.jsonl:LINE`, `crawl.warc#N`, "
                                          "`feed.xml#N`) or URL"),
        _col("url", path=None, meaning="the page URL (record `url`, else input `url`)"),
        _col("raw_kind", path=None, meaning="`text`, `html`, or NULL when the input had no content"),
        _col("raw", path=None, meaning="the input text or html exactly as given (offset base for text input)"),
        _col("body", meaning="cleaned article body"),
        _col("title", meaning="the headline"),
        _col("outlet_name", path="outlet.name", meaning="`record.outlet`"),
        _col("outlet_country", path="outlet.country", meaning="`record.outlet`"),
        _col("outlet_affiliation", path="outlet.affiliation", meaning="`record.outlet`: state, private or public"),
        _col("dateline_place", path="dateline.place", meaning="`record.dateline`"),
        _col("dateline_text", path="dateline.text", meaning="`record.dateline`"),
        _col("published_date", "DATE", "published.date", "`record.published.date`"),
        _col("published_precision", path="published.precision", meaning="`day` / `month` / `year`"),
        _col("published_not_before", "DATE", "published.not_before", "earliest possible date"),
        _col("published_not_after", "DATE", "published.not_after", "latest possible date"),
        _col("published_method", path="published.method", meaning="how the date was found"),
        _col("language", meaning="ISO 639-1 code of the body"),
        _col("error", meaning="why the article failed, NULL when it did not"),
        _col("ingested_at", "TIMESTAMP", None, "UTC"),
        _col("record", "JSON", None, "the full contract record"),
    )),
    _list_table("people", (
        _col("name", meaning="the full name"),
        _col("aliases", "VARCHAR[]", meaning="other names the article uses"),
        _col("role", meaning="the role at the time of the article"),
        _col("country", meaning="ISO 3166-1 alpha-3 code"),
        _col("kb_id", meaning="the knowledge base's id, or a stable id from the name (`p:...`)"),
    )),
    Table("person_mentions", "people.mentions", ("article_hash", "person_idx", "idx"), (
        _ARTICLE_HASH,
        _col("person_idx", "INTEGER", None, "the person's `idx` in `people`"),
        _col("idx", "INTEGER", None, "position in the person's mentions"),
        *_OFFSETS,
        _col("text", meaning="the surface form"),
        _col("role", meaning="as stated at that mention"),
        _col("qualifier", meaning="`former`, `late`, `then`"),
    ), about="Who was named where, e.g. every mention of a KB id across articles: `SELECT a.id, m.text, "
             "m.role FROM person_mentions m JOIN people p ON p.article_hash = m.article_hash AND p.idx = "
             "m.person_idx JOIN articles a ON a.hash = m.article_hash WHERE p.kb_id = 'fumio-kishida'`."),
    _list_table("quotes", (
        _col("text", meaning="the quoted or reported words"),
        _col("speaker", meaning="who said it"),
        _col("direct", "BOOLEAN", meaning="quoted words (true) or paraphrase"),
        *_OFFSETS,
        _col("speaker_text", meaning="the words the article uses for the speaker: \"he\", \"the deputy\""),
    )),
    _list_table("events", (
        _col("type", meaning="PLOVER event type"),
        _col("mode", meaning="PLOVER mode"),
        _col("cameo", meaning="CAMEO code"),
        _col("intensity", "DOUBLE", meaning="Goldstein intensity"),
        _col("source_text", path="source.text", meaning="the source actor as the text names it"),
        _col("source_country", path="source.country", meaning="ISO 3166-1 alpha-3 (or an IGO code)"),
        _col("source_sector", path="source.sector", meaning="CAMEO sector (GOV, MIL, ...)"),
        _col("target_text", path="target.text", meaning="the target actor as the text names it"),
        _col("target_country", path="target.country", meaning="as `source_country`"),
        _col("target_sector", path="target.sector", meaning="as `source_sector`"),
        _col("modality", meaning="asserted, negated, intended, hypothetical, demanded or conditional"),
        _col("date", "DATE", meaning="when the event took place"),
        _col("date_precision", meaning="`day` / `month` / `year`"),
        *_EVIDENCE,
        _col("quote", "INTEGER", meaning="index into the article's quotes"),
        _col("coder", meaning="the event coder that found it"),
    )),
    _list_table("conditions", _CONDITION_COLUMNS,
                about="Conditions and signposts: `dyad conditions --dyad JPN-RUS`."),
)
