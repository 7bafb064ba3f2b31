"""The five personas."""

from __future__ import annotations

import pytest

from actions.rehearsal import personas


def test_the_five_personas() -> None:
    assert personas.PERSONAS == (
        "brush_off",
        "stonewalling",
        "defensive",
        "dismissive",
        "supportive",
    )
    for p in personas.all_personas():
        assert p.label and p.description and p.hint
        assert personas.MIN_OPENNESS <= p.start <= personas.MAX_OPENNESS


def test_unknown_persona() -> None:
    with pytest.raises(ValueError):
        personas.get("shouty")


def test_scripts_are_real_script_keys() -> None:
    from actions.scripts import SCRIPTS

    for p in personas.all_personas():
        assert p.script is None or p.script in SCRIPTS


@pytest.mark.parametrize(
    ("openness", "band"), [(0, "closed"), (1, "closed"), (2, "guarded"), (3, "open"), (4, "open")]
)
def test_bands(openness: int, band: str) -> None:
    assert personas.band(openness) == band


def test_clamp() -> None:
    assert personas.clamp(-3) == 0 and personas.clamp(9) == 4 and personas.clamp(2) == 2
