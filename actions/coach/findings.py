"""The coach's result types: a Finding, the parts of a statement, and a Review."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CHECKS: tuple[str, ...] = (
    "thought_as_feeling",
    "faux_feeling",
    "unknown_feeling",
    "evaluation",
    "criticism",
    "strategy_as_need",
    "blame_language",
    "demand",
)


@dataclass(frozen=True)
class Finding:
    """One thing the coach noticed in a draft, with a gentle way forward."""

    check: str  # one of CHECKS
    span: str  # the exact words in the user's text it refers to
    explanation: str  # one line
    suggestion: str  # concrete, one or two sentences, written to the user
    options: tuple[str, ...] = ()  # feelings or needs to offer as buttons

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise ValueError(f"unknown check {self.check!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "check": self.check,
            "span": self.span,
            "explanation": self.explanation,
            "suggestion": self.suggestion,
        }
        if self.options:
            out["options"] = list(self.options)
        return out


@dataclass(frozen=True)
class Parts:
    """The four parts of an NVC statement; None where missing."""

    feeling: str | None = None
    observation: str | None = None
    need: str | None = None
    request: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "feeling": self.feeling,
            "observation": self.observation,
            "need": self.need,
            "request": self.request,
        }


@dataclass(frozen=True)
class Review:
    """A composed statement, its parts and what the coach noticed."""

    statement: str
    parts: Parts
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "parts": self.parts.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop repeated (check, span) pairs, keeping the first."""
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.check, f.span.lower())
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
