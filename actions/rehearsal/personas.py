"""The five partner personas: names, labels, starting openness and openness bands."""

from __future__ import annotations

from dataclasses import dataclass

from .data import load

#: The personas, in the order buttons should show them.
PERSONAS: tuple[str, ...] = ("brush_off", "stonewalling", "defensive", "dismissive", "supportive")

MIN_OPENNESS = 0
MAX_OPENNESS = 4

#: Openness bands the replies are written for: 0-1 closed, 2 guarded, 3-4 open.
BANDS: tuple[str, ...] = ("closed", "guarded", "open")


@dataclass(frozen=True)
class Persona:
    """How one kind of partner tends to react."""

    name: str
    label: str  # short, for a button
    description: str  # one sentence, for the person choosing
    start: int  # starting openness, 0..4
    hint: tuple[str, ...]  # persona-specific tips for the person
    script: str | None = None  # the gender script this reaction often carries


def get(name: str) -> Persona:
    """The persona called ``name``; ValueError for anything else."""
    if name not in PERSONAS:
        raise ValueError(f"unknown persona {name!r}; expected one of {', '.join(PERSONAS)}")
    entry = load("personas")[name]
    return Persona(
        name=name,
        label=str(entry["label"]),
        description=" ".join(str(entry["description"]).split()),
        start=int(entry["start"]),
        hint=tuple(str(h) for h in entry.get("hint") or ()),
        script=entry.get("script"),
    )


def all_personas() -> list[Persona]:
    """Every persona, in PERSONAS order."""
    return [get(name) for name in PERSONAS]


def band(openness: int) -> str:
    """The band an openness level falls in."""
    if openness <= 1:
        return "closed"
    if openness == 2:
        return "guarded"
    return "open"


def clamp(openness: int) -> int:
    """Openness kept within MIN_OPENNESS..MAX_OPENNESS."""
    return max(MIN_OPENNESS, min(MAX_OPENNESS, openness))
