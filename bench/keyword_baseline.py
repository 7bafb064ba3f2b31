"""Baseline: a keyword matcher, the way job-ad "gender decoders" work.

Each script has a list of word stems; a message gets the script with the most stems among its
words (ties go to the first script in the taxonomy), or none. No training, no context.
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Tuple

from actions.scripts import SCRIPTS

STEMS: Dict[str, Tuple[str, ...]] = {
    "emotional_suppression": (
        "cry", "cried", "tear", "emotion", "feeling", "weak", "tough", "man up", "upset",
        "silent", "shut down", "bottle", "hide", "strong",
    ),
    "caretaker_expectation": (
        "nurtur", "caring", "carer", "mother", "wife", "peace", "pleas", "sacrific", "too much",
        "selfless", "look after", "first",
    ),
    "provider_pressure": (
        "provid", "earn", "pay", "paid", "breadwinner", "money", "salary", "protect", "bills",
        "man of the house", "income",
    ),
    "competence_dismissal": (
        "got this", "handle", "worry", "fix", "understand", "let me", "capable", "explain",
        "take over", "took over",
    ),
    "labor_division": (
        "chore", "cook", "clean", "housework", "laundry", "dishes", "babysit", "nappy",
        "diaper", "women's work", "school run", "mental load",
    ),
    "leadership_career": (
        "lead", "boss", "career", "promot", "ambitio", "manager", "alpha", "assertive",
        "aggressive", "ceo", "job",
    ),
}


def predict(text: str) -> Optional[str]:
    """The script whose stems occur most often in ``text``, or None."""
    low = " " + re.sub(r"[^a-z' ]+", " ", text.lower().replace("\u2019", "'")) + " "
    best, best_hits = None, 0
    for script in SCRIPTS:
        hits = sum(1 for stem in STEMS[script] if re.search(r"\b" + re.escape(stem), low))
        if hits > best_hits:
            best, best_hits = script, hits
    return best
