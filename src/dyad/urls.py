"""What an article's URL says by itself: its registered domain, a readable site name, and the
publication date its content-management system wrote into the path.

The public-suffix list is the one bundled with the `tld` package (no download at run time), so
"news.bbc.co.uk" gives "bbc.co.uk" and "www1.example.com" gives "example.com". Date shapes live in
`data/dates/url_dates.yaml`.
"""
from __future__ import annotations

import bisect
import csv
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

import yaml
from tld import get_tld

from .timexp import month_numbers

URL_DATES_PATH = Path(__file__).parent / "data" / "dates" / "url_dates.yaml"
ID_ANCHORS_PATH = Path(__file__).parent / "data" / "dates" / "id_anchors.csv"
# A URL date before the web carried news, or after today, is a number in a slug, not a stamp.
FIRST_URL_YEAR = 1995


def _split(url: str):
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        return urlsplit(text)
    except ValueError:
        return None


def host_of(url: str) -> str:
    """The URL's host name, lower case, without "www."; "" when there is none."""
    parts = _split(url or "")
    try:
        host = (parts.hostname or "") if parts else ""
    except ValueError:
        return ""
    return host.casefold().removeprefix("www.")


def registered_domain(url: str) -> Optional[str]:
    """The domain a publisher registered ("https://news.bbc.co.uk/x" -> "bbc.co.uk"), by the
    bundled public-suffix list; None for hosts without a public suffix (IP addresses, localhost)."""
    host = host_of(url)
    if not host:
        return None
    found = get_tld(host, fix_protocol=True, as_object=True, fail_silently=True)
    return found.fld.casefold() if found else None


def site_name(url: str) -> Optional[str]:
    """A readable name for a site nobody registered: the registered domain without its suffix,
    hyphens as spaces, capitalised ("example-news.com" -> "Example News"; "dailyplanet.co.uk" ->
    "Dailyplanet")."""
    domain = registered_domain(url)
    if not domain:
        return None
    label = domain.split(".", 1)[0]
    words = [w for w in re.split(r"[-_]+", label) if w]
    return " ".join(w if w.isupper() else w.capitalize() for w in words) or None


# ---------------------------------------------------------------------------------------------
# dates in URLs
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UrlDate:
    day: date  # the date; the first of the month for month precision; not_before for a range
    precision: str  # day | month | range (somewhere in [not_before, not_after], no day known)
    not_before: date
    not_after: date
    method: str  # "url path y/m/d", "url id wsj unix time", ...


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    with open(URL_DATES_PATH, encoding="utf-8") as fh:
        rules = yaml.safe_load(fh)
    for group in ("day", "month", "id_timestamps", "id_sequences"):
        for rule in rules.get(group, []):
            rule["regex"] = re.compile(rule["pattern"], re.I)
    return rules


def _month_of(groups: dict) -> Optional[int]:
    if groups.get("m"):
        return int(groups["m"])
    name = (groups.get("mon") or "").lower()
    return month_numbers().get(name)


def _plausible(day: date, today: date) -> bool:
    return FIRST_URL_YEAR <= day.year and day <= today + timedelta(days=1)


def _path_day(match: re.Match, today: date) -> Optional[date]:
    g = match.groupdict()
    month = _month_of(g)
    if month is None:
        return None
    year = int(g["y"]) if g.get("y") else 2000 + int(g["yy"])
    try:
        found = date(year, month, int(g["d"]) if g.get("d") else 1)
    except ValueError:
        return None
    return found if _plausible(found, today) else None


def _last_of_month(first: date) -> date:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _id_timestamp(rule: dict, match: re.Match, today: date) -> Optional[UrlDate]:
    """A date-shaped id as its precision says; a unix time as the day in the outlet's own time zone,
    with bounds over every offset listed (summer time); a day count as the range its lag allows."""
    method = "url id " + rule["name"]
    if match.groupdict().get("days36"):
        made = rule["epoch"] + timedelta(days=int(match.group("days36"), 36))
        first, last = (made + timedelta(days=lag) for lag in rule["lag_days"])
        if not _plausible(first, today):
            return None
        return UrlDate(first, "range", first, last, method)
    if not match.groupdict().get("unix"):
        first = _path_day(match, today)
        if first is None:
            return None
        if rule.get("precision") == "month":
            return UrlDate(first, "month", first, _last_of_month(first), method)
        return UrlDate(first, "day", first, first, method)
    moment = datetime.fromtimestamp(int(match.group("unix")), tz=timezone.utc)
    offsets = rule.get("utc_offsets") or [0]
    local_days = [(moment + timedelta(hours=h)).date() for h in offsets]
    if not _plausible(local_days[0], today):
        return None
    return UrlDate(local_days[0], "day", min(local_days), max(local_days), method)


@functools.lru_cache(maxsize=1)
def _anchors() -> dict[str, list[tuple[int, date]]]:
    """domain -> (story number, publication day), sorted by number."""
    out: dict[str, list[tuple[int, date]]] = {}
    with open(ID_ANCHORS_PATH, encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            out.setdefault(row["domain"], []).append((int(row["number"]), date.fromisoformat(row["date"])))
    return {domain: sorted(rows) for domain, rows in out.items()}


def _between_anchors(rule: dict, number: int) -> Optional[UrlDate]:
    """The days of the nearest known numbers below and above; None outside them."""
    known = _anchors().get(rule["domains"][0], [])
    i = bisect.bisect_left(known, (number,))
    below = [d for n, d in known[:i + 1] if n <= number]
    above = [d for n, d in known[i:] if n >= number]
    if not below or not above:
        return None
    first, last = max(below), min(above)
    if first > last:  # the known numbers themselves disagree: no bounds
        return None
    return UrlDate(first, "range", first, last, "url id " + rule["name"])


def url_date(url: str, today: Optional[date] = None) -> Optional[UrlDate]:
    """The publication date a URL states, or None. Day shapes are tried before ranges and ranges
    before month shapes; timestamp ids only for the domains known to use them."""
    parts = _split(url or "")
    if parts is None:
        return None
    today = today or date.today()
    where = parts.path + ("?" + parts.query if parts.query else "")
    rules = _rules()
    domain = registered_domain(url)
    ranged = None
    for rule in rules.get("id_timestamps", []):
        if domain in rule["domains"] and (m := rule["regex"].search(where)):
            if found := _id_timestamp(rule, m, today):
                if found.precision != "range":
                    return found
                ranged = ranged or found
    for rule in rules.get("id_sequences", []):
        if domain in rule["domains"] and (m := rule["regex"].search(where)):
            ranged = ranged or _between_anchors(rule, int(m.group("seq")))
    for rule in rules.get("day", []):
        for m in rule["regex"].finditer(where):
            if day := _path_day(m, today):
                return UrlDate(day, "day", day, day, "url " + rule["name"])
    if ranged is not None:
        return ranged
    for rule in rules.get("month", []):
        for m in rule["regex"].finditer(where):
            if first := _path_day(m, today):
                return UrlDate(first, "month", first, _last_of_month(first), "url " + rule["name"])
    return None
