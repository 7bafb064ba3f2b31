"""Where to find help: helplines by country, read from ``data/resources.yml``.

The file is data, editable without code. A country that is not listed, or none at all,
gets the international entry. Nothing is read until the first call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Optional, Tuple

import yaml

from .detector import KINDS


@dataclass(frozen=True)
class Line:
    """One helpline: who they are, how to reach them, and which kinds they are for."""

    name: str
    contact: str
    kinds: Tuple[str, ...]


@dataclass(frozen=True)
class Place:
    """A country's (or the international) emergency number and helplines."""

    code: str
    name: str
    emergency: str
    lines: Tuple[Line, ...]

    def lines_for(self, kind: str) -> Tuple[Line, ...]:
        """The helplines meant for ``kind``, in the file's order."""
        return tuple(line for line in self.lines if kind in line.kinds)


def _place(code: str, raw: Any) -> Place:
    if not isinstance(raw, dict) or not raw.get("emergency"):
        raise ValueError(f"resources.yml: {code} needs an 'emergency' number")
    lines = []
    for item in raw.get("lines") or []:
        kinds = tuple(str(k) for k in item.get("kinds") or KINDS)
        unknown = set(kinds) - set(KINDS)
        if unknown or not item.get("name") or not item.get("contact"):
            raise ValueError(f"resources.yml: a line for {code} is incomplete or has {unknown}")
        lines.append(Line(str(item["name"]), str(item["contact"]), kinds))
    return Place(code, str(raw.get("name") or code), str(raw["emergency"]), tuple(lines))


@lru_cache(maxsize=4)
def load(text: Optional[str] = None) -> Tuple[Place, dict[str, Place]]:
    """The international entry and every country, keyed by upper-case code.

    ``text`` replaces the packaged file (for tests).
    """
    if text is None:
        text = resources.files(__package__).joinpath("data", "resources.yml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    fallback = _place("international", data.get("international"))
    countries = {
        str(code).upper(): _place(str(code).upper(), raw)
        for code, raw in (data.get("countries") or {}).items()
    }
    return fallback, countries


def place_for(country: Optional[str]) -> Place:
    """The country's entry, or the international one when it is unset or not listed."""
    fallback, countries = load()
    return countries.get((country or "").strip().upper(), fallback)


def resources_text(kind: str, country: Optional[str]) -> str:
    """The help to show for ``kind``: emergency number first, then the helplines.

    The international helplines are always added, so a person abroad still finds help.
    """
    place = place_for(country)
    fallback, _ = load()
    where = "" if place is fallback else f" in {place.name}"
    rows = [f"- Emergency services{where}: {place.emergency}"]
    lines = list(place.lines_for(kind))
    if place is not fallback:
        lines += [line for line in fallback.lines_for(kind) if line not in lines]
    rows += [f"- {line.name}: {line.contact}" for line in lines]
    return "\n".join(rows)
