"""The outlet registry: resolve a name, alias or URL to `model.Outlet` (name, country, affiliation).

Rows live in `data/outlets.csv` (sources in `data/SOURCES.md`); this module only loads and looks up.
A URL resolves by its host or any parent domain of it; a site nobody registered is named from its
registered domain ("example-news.com" -> "Example News"), never left nameless.
"""
from __future__ import annotations

import csv
import functools
import re
from importlib import resources
from typing import Optional

from .model import AFFILIATIONS, Outlet
from .urls import host_of, site_name


def _key(name: str) -> str:
    """Lookup key: casefolded, straight apostrophes, punctuation and 'the' ignored."""
    text = name.casefold().replace("\u2019", "'").strip()
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.findall(r"[\w'/&.:-]+", text)).strip(" .-")


class OutletRegistry:
    def __init__(self, rows: list[dict[str, str]]):
        self.outlets: list[Outlet] = []
        self._by_alias: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for row in rows:
            affiliation = (row.get("affiliation") or "").strip() or None
            if affiliation is not None and affiliation not in AFFILIATIONS:
                raise ValueError(f"outlets.csv: bad affiliation {affiliation!r} for {row.get('name')!r}")
            outlet = Outlet(name=row["name"].strip(), country=(row.get("country") or "").strip() or None,
                            affiliation=affiliation)
            self.outlets.append(outlet)
            for alias in [outlet.name, *(row.get("aliases") or "").split(";")]:
                if alias.strip():
                    self._by_alias.setdefault(_key(alias), outlet)
            for domain in (row.get("domains") or "").split(";"):
                if domain.strip():
                    self._by_domain.setdefault(host_of(domain), outlet)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "OutletRegistry":
        """The bundled registry, loaded once per process."""
        text = resources.files("dyad").joinpath("data/outlets.csv").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        return cls(list(csv.DictReader(lines)))

    def by_name(self, name: str) -> Optional[Outlet]:
        """The outlet whose name or alias is `name` (case-insensitive), else None."""
        if not name or not name.strip():
            return None
        key = _key(name)
        found = self._by_alias.get(key)
        if found is None and key.endswith((" news", " international", " agency")):
            found = self._by_alias.get(key.rsplit(" ", 1)[0])  # "Sputnik International" -> Sputnik
        return found

    def by_url(self, url: str) -> Optional[Outlet]:
        """The outlet owning the URL's host or a parent domain of it, else None."""
        host = host_of(url or "")
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            if "." not in host:
                break
            host = host.split(".", 1)[1]
        return None

    def resolve(self, name: Optional[str] = None, url: Optional[str] = None) -> Optional[Outlet]:
        """A registry outlet for a name or URL; an unknown name gives Outlet(name) with no country,
        an unknown URL its site name."""
        if name and (found := self.by_name(name)):
            return Outlet(found.name, found.country, found.affiliation)
        if url and (found := self.by_url(url)):
            return Outlet(found.name, found.country, found.affiliation)
        if name and name.strip():
            return Outlet(name=" ".join(name.split()))
        if url and (site := site_name(url)):
            return Outlet(name=site)
        return None
