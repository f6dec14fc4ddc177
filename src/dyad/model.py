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
    # Additions beyond the contract (allowed: "fields may be added").
    url: Optional[str] = None
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
            url=d.get("url"),
            warnings=list(d.get("warnings") or []),
        )
