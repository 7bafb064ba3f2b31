"""Reading the rehearsal's YAML data files lazily (never at import)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Parse ``data/<name>.yml`` once."""
    source = resources.files(__package__).joinpath("data").joinpath(f"{name}.yml")
    return yaml.safe_load(source.read_text(encoding="utf-8")) or {}


def words(name: str, key: str) -> tuple[str, ...]:
    """A list from a data file, as a tuple (hashable, for the coach's phrase-regex cache)."""
    return tuple(str(w) for w in load(name).get(key, []) or [])
