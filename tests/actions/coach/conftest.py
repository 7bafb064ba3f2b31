"""Helpers shared by the coach tests."""
from __future__ import annotations

from actions.coach import Finding


def checks(findings: list[Finding]) -> set[str]:
    """The names of the checks that fired."""
    return {f.check for f in findings}
