"""Reading a package's YAML data files (``<package>/data/<name>.yml``) once, never at import."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(package: str, name: str) -> dict[str, Any]:
    """Parse ``data/<name>.yml`` of ``package`` once."""
    source = resources.files(package).joinpath("data").joinpath(f"{name}.yml")
    return yaml.safe_load(source.read_text(encoding="utf-8")) or {}


def words(package: str, name: str, key: str) -> tuple[str, ...]:
    """A list from a data file, as a tuple (hashable, for the phrase-regex caches)."""
    return tuple(str(w) for w in load(package, name).get(key, []) or [])
