"""The observation part: one specific, recent moment, free of evaluation and criticism."""
from __future__ import annotations

import re

from .blame import find_blame
from .evaluation import find_criticism, find_evaluations
from .findings import Finding, dedupe
from .grammar import prep_text
from .text import strip_repeatedly, tidy_part

_LEAD = re.compile(
    r"^(?:(?:and|so|but|well|just|it'?s|it\s+is|it\s+was|that\s+was|that'?s|mostly|"
    r"probably)\s+)*(?:when|whenever|wen|whn|because|cause|'cause|cuz|coz|since)(?![\w'])[\s,]*",
    re.IGNORECASE,
)



def clean_observation(text: str) -> str:
    """The observation alone: "When you left the dishes." -> "you left the dishes"."""
    return tidy_part(strip_repeatedly(prep_text(text or ""), _LEAD))


def check_observation(text: str) -> list[Finding]:
    """Check what the person said happened: criticism, evaluation, blame."""
    if not text or not text.strip():
        return []
    t = prep_text(text)
    located = find_criticism(t) + find_evaluations(t) + find_blame(t)
    order = {"criticism": 0, "evaluation": 1, "blame_language": 2}
    located.sort(key=lambda x: (x[0], order.get(x[1].check, 3)))
    return dedupe([f for _, f in located])
