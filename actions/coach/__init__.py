"""The coach: checks a draft "I feel ... when ..., and I need ..." statement.

Pure Python on spaCy (loaded lazily, never at import), after Nonviolent Communication
(Rosenberg) and Gottman's gentle start-up. Word lists live as YAML in ``data/``.
"""
from __future__ import annotations

from .compose import compose
from .feeling import check_feeling, clean_feeling, guess_feelings
from .findings import CHECKS, Finding, Parts, Review
from .lexicon import feeling_groups, need_options
from .listening import is_dont_know, paraphrase
from .need import check_need, clean_need
from .nlp import warm_up
from .observation import check_observation, clean_observation
from .request import check_request, clean_request, is_skip
from .review import review, review_parts
from .split import split_statement

__all__ = [
    "CHECKS",
    "Finding",
    "Parts",
    "Review",
    "check_feeling",
    "check_need",
    "check_observation",
    "check_request",
    "clean_feeling",
    "clean_need",
    "clean_observation",
    "clean_request",
    "compose",
    "feeling_groups",
    "guess_feelings",
    "is_dont_know",
    "is_skip",
    "need_options",
    "paraphrase",
    "review",
    "review_parts",
    "split_statement",
    "warm_up",
]
