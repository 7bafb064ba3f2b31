"""Reading the rehearsal's YAML data files lazily (never at import)."""

from __future__ import annotations

from functools import partial

from actions import data_files


#: ``load(name)``: ``data/<name>.yml`` parsed once; ``words(name, key)``: one of its lists.
load = partial(data_files.load, __package__)
words = partial(data_files.words, __package__)
