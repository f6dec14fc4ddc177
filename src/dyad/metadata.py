"""Record metadata: title, dateline, outlet and the publication date the input or page states.

Reads the layout `clean.analyse()` finds (title line, dateline, outlet and date hints on chrome
lines; `Clean` leaves it in `doc.layout`), the input fields
(`title`, `outlet`, `url`, `date`) and, for html input, the page's own metadata kept by `extract.py`.
Outlets resolve through the registry (`outlets.py`). Only stated dates are recorded here (the input's,
the URL's, the page's); a dateline without a year is left to `dates.py` to place in time.
"""
from __future__ import annotations

import calendar
import functools
import re
from collections import Counter
from pathlib import Path
from datetime import date
from typing import Any, Optional

import yaml

from .clean import Layout
from .model import Dateline, Outlet, Published
from .outlets import OutletRegistry
from .stage import Stage
from .timexp import month_numbers
from .urls import UrlDate, url_date

MONTHS = {name.capitalize(): n for name, n in month_numbers().items()}  # "January", "Jan", "Sept"

# Page-level signals name the publisher; a dateline credit or "Source:" names the agency it relays.
# Date lines this close to the top count as the page's own date even below the first kept line.
HEADER_DATE_LINES = 3
HINT_ORDER = ("site", "brand", "prefix", "promo", "signoff", "copyright", "credit", "source")
SIGNATURES_PATH = Path(__file__).parent / "data" / "outlet_signatures.yaml"


@functools.lru_cache(maxsize=1)
def _signatures() -> dict:
    with open(SIGNATURES_PATH, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for rule in data["signatures"]:
        rule["regex"] = re.compile(rule["pattern"])
    return data


def _text(value: Any) -> Optional[str]:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _month(name: str) -> Optional[int]:
    name = name.capitalize()
    return MONTHS.get(name) or (MONTHS.get(name[:3]) if name[:3] in MONTHS and len(name) <= 4 else None)


def parse_stated_date(value: str) -> Optional[tuple[date, str]]:
    """(date, precision) from a stated date: ISO forms (YYYY, YYYY-MM, YYYY-MM-DD[T...]) or
    "February 14, 2026" / "14 February 2026"; None when it is not a full, valid statement."""
    value = value.strip()
    try:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ].*)?)?)?", value)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            if d:
                return date(int(y), int(mo), int(d)), "day"
            if mo:
                return date(int(y), int(mo), 1), "month"
            return date(int(y), 1, 1), "year"
        m = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", value) or \
            re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})\b", value)
        if m:
            a, b, y = m.groups()
            month_name, day = (a, b) if not a.isdigit() else (b, a)
            if month := _month(month_name):
                return date(int(y), month, int(day)), "day"
        m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", value)
        if m:
            return date(*map(int, m.groups())), "day"
        m = re.search(r"\b([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", value)  # "August 2023"
        if m and (month := _month(m.group(1))):
            return date(int(m.group(2)), month, 1), "month"
    except ValueError:  # 2025-02-30 and the like: not a date
        return None
    return None


def published_from(value: Any, method: str) -> Optional[Published]:
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = parse_stated_date(value)
    if parsed is None:
        return None
    day, precision = parsed
    if precision == "day":
        first = last = day
    elif precision == "month":
        first, last = day, day.replace(day=calendar.monthrange(day.year, day.month)[1])
    else:
        first, last = day, day.replace(month=12, day=31)
    return Published(date=day.isoformat(), precision=precision, not_before=first.isoformat(),
                     not_after=last.isoformat(), method=method)


class Metadata(Stage):
    name = "metadata"
    reads = ("input", "html_meta", "layout")
    writes = ("record.url", "record.title", "record.dateline", "record.outlet", "record.published")

    def __init__(self, settings=None, kb=None, nlp=None):
        super().__init__(settings, kb, nlp)
        self.registry = OutletRegistry.default()

    def __call__(self, doc) -> None:
        item = doc.input
        meta = doc.html_meta or {}
        layout = doc.layout
        rec = doc.record
        rec.url = _text(item.get("url")) or _text(meta.get("url"))
        rec.title = _text(item.get("title")) or _text(meta.get("title")) or self.headline(layout.title)
        if layout.dateline:
            rec.dateline = Dateline(place=layout.dateline.place, text=layout.dateline.date)
        rec.outlet = self.outlet(item, meta, layout) or Outlet()
        rec.published = self.published(item, meta, layout) or rec.published

    def headline(self, title: Optional[str]) -> Optional[str]:
        """A title line without a trailing site name ("Talks resume - Reuters" -> "Talks resume")."""
        title = _text(title)
        m = re.fullmatch(r"(.+?)\s+[-|–—]\s+([^-|–—]{2,40})", title or "")
        return m.group(1) if m and self.registry.by_name(m.group(2)) else title

    def outlet(self, item: dict, meta: dict, layout: Layout) -> Optional[Outlet]:
        reg = self.registry
        if name := _text(item.get("outlet")):
            return reg.resolve(name)
        url = _text(item.get("url")) or _text(meta.get("url"))
        if url and reg.by_url(url):
            return reg.resolve(url=url)
        sitename = _text(meta.get("sitename"))
        if sitename and reg.by_name(sitename):
            return reg.resolve(sitename)
        if meta.get("hostname") and reg.by_url(meta["hostname"]):
            return reg.resolve(url=meta["hostname"])
        # An unregistered site still published it, though a credit in its text names an agency.
        if url and (site := Outlet(name=sitename) if sitename else reg.resolve(url=url)):
            return site
        # "- Site Name" counts only above the article: inside it, "—Fox News" credits a quotation.
        header_end = layout.first_kept()
        hints = sorted((h for h in layout.outlet_hints if h[0] != "site" or h[2] <= header_end),
                       key=lambda h: (HINT_ORDER.index(h[0]), h[2]))
        for _, name, _ in hints:
            if reg.by_name(name):
                return reg.resolve(name)
        if sitename:
            return Outlet(name=sitename)
        if found := self.signed(layout.text):
            return found
        # An unknown name on the page itself: site chrome at the top, a slash prefix ("/ blog name/").
        for kind, name, _ in hints:
            if kind == "prefix" or (kind == "site" and (len(name.split()) >= 2 or "." in name)):
                return Outlet(name=name)
        return None

    def signed(self, text: str) -> Optional[Outlet]:
        """The outlet the text names as its own (data/outlet_signatures.yaml): most votes, enough
        of them, and no tie."""
        votes: Counter = Counter()
        for rule in _signatures()["signatures"]:
            for m in rule["regex"].finditer(text):
                if found := self.registry.by_name(m.group("outlet")):
                    votes[found.name] += rule["votes"]
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < _signatures()["min_votes"] or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return self.registry.resolve(ranked[0][0])

    def published(self, item: dict, meta: dict, layout: Layout) -> Optional[Published]:
        """The stated date: the input's, else the URL's (the first-publication day the CMS wrote;
        a page's "Updated" stamp or a dated event in the text is no match for it), else the page's."""
        if found := published_from(item.get("date"), "input date"):
            return found
        url = _text(item.get("url")) or _text(meta.get("url"))
        in_url = url_date(url) if url else None
        if in_url is not None and in_url.precision == "day":
            return _from_url(in_url)
        page = self.page_date(meta, layout)
        if in_url is None:
            return page
        # The URL gives a month or a range: a page date inside it gives the day, one outside it is ignored.
        if page is not None and page.precision == "day" \
                and in_url.not_before.isoformat() <= page.date <= in_url.not_after.isoformat():
            return Published(page.date, "day", page.date, page.date, f"{in_url.method} + {page.method}")
        return _from_url(in_url)

    def page_date(self, meta: dict, layout: Layout) -> Optional[Published]:
        candidates = [(meta.get("date"), "html metadata")]
        candidates += [(text, "scraper metadata line") for kind, text, _ in layout.date_hints if kind == "metadata"]
        if layout.dateline and layout.dateline.date:
            candidates.append((layout.dateline.date, "dateline"))
        # A date line counts above the article only ("World February 14, 2026, 8:04"), not a letter's
        # "Rome, August 22, 2018" deep inside it.
        first_kept = layout.first_kept()
        candidates += [(text, "header date line") for kind, text, line in layout.date_hints
                       if kind == "header" and line <= max(first_kept, HEADER_DATE_LINES)]
        for value, method in candidates:
            found = published_from(value, method)
            if found is not None:
                return found
        return None


def _from_url(found: UrlDate) -> Published:
    if found.precision == "range":
        return Published(None, None, found.not_before.isoformat(), found.not_after.isoformat(), found.method)
    return Published(found.day.isoformat(), found.precision, found.not_before.isoformat(), found.not_after.isoformat(), found.method)
