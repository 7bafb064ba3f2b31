"""Reviewing a whole draft: split it, check each part, compose it back."""
from __future__ import annotations

from .compose import compose
from .feeling import check_feeling
from .findings import Finding, Parts, Review
from .need import check_need
from .observation import check_observation
from .request import check_request
from .split import split_statement


def review_parts(parts: Parts) -> Review:
    """Run each part's check; findings come in part order (feeling, observation, need, request)."""
    findings: list[Finding] = []
    if parts.feeling:
        findings += check_feeling(parts.feeling)
    if parts.observation:
        findings += check_observation(parts.observation)
    if parts.need:
        findings += check_need(parts.need)
    if parts.request:
        findings += check_request(parts.request)
    return Review(statement=compose(parts), parts=parts, findings=findings)


def review(text: str) -> Review:
    """Split one whole statement and review its parts."""
    return review_parts(split_statement(text))
