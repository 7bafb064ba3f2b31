"""The summary at the end of a rehearsal or drill: what went well, one thing to try next
time, the best line, and a score per check (see ``scores.py``). A plain dataclass that
round-trips through a JSON-able dict, for showing and for storing (``bot.history``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import drill, feedback, personas
from .scores import PROBLEM_CHECKS, Score, best_line, labels, score_turns, turns_word

__all__ = ["Score", "Summary", "TRY_NEXT", "best_line", "summarise"]

VERSION = 1

TRY_NEXT: dict[str, str] = {
    "no_contempt": "When sarcasm wants to come out, try saying the plain feeling underneath "
    "instead: 'I feel … when …'.",
    "no_blame": "Try starting with 'I' rather than 'you': 'I feel … when you …, and I need …'.",
    "no_absolutes": "Swap 'always' and 'never' for one recent moment a camera could record.",
    "feeling": "Try naming one feeling word, like hurt, lonely or worried, rather than "
    "'I feel like you …'.",
    "need": "Try naming the need under the ask, like support, rest or respect, and then make "
    "the ask a request: 'Would you be willing to …?'",
    "observation": "Try describing one moment as a camera would have seen it.",
    "own_words": "Notice when an old script speaks for you, and say what you need in your own "
    "words.",
    "no_advice": "Hold the advice for later. First say back what you heard: 'It sounds like …'.",
    "no_minimising": "Try leaving out 'at least'. Staying with a feeling helps more than "
    "shrinking it.",
    "no_judgement": "Try reflecting the feeling without judging it. It makes sense to them.",
    "no_fixing": "Try listening first and asking 'Do you want ideas, or just to be heard?'",
    "stayed_with_them": "Try keeping the focus on them; your own story can come later.",
    "drill_feeling": "Try naming the feeling you heard: 'It sounds like you feel …'.",
    "drill_need": "Try adding the need you heard: '… because you need …'.",
    "first_feeling": "Next time, try naming one feeling and one moment: 'I feel … when …'.",
    "reflect": "Next time, try reflecting back what your partner says: 'It sounds like …. Is "
    "that right?'",
    "request": "Next time, try ending with a request: 'Would you be willing to …?'",
    "harder": "You're ready for a harder partner: try the same conversation with another one.",
    "drill_more": "Try a few more: the more you practise, the more natural it gets.",
}
_REHEARSAL_ORDER = (
    "no_contempt",
    "no_blame",
    "no_absolutes",
    "feeling",
    "need",
    "observation",
    "own_words",
)
_DRILL_ORDER = ("no_judgement", "no_minimising", "no_advice", "no_fixing", "stayed_with_them")
_BAND_WORDS = {"closed": "closed off", "guarded": "guarded", "open": "open"}


@dataclass
class Summary:
    """The end of one rehearsal or drill: plain data that round-trips through a dict."""

    kind: str  # "rehearsal" | "drill"
    persona: str | None
    scene: str
    turns: int
    went_well: list[str]
    try_next: str
    best_line: str | None
    scores: dict[str, Score] = field(default_factory=dict)
    openness_start: int | None = None
    openness_end: int | None = None
    version: int = VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "kind": self.kind,
            "persona": self.persona,
            "scene": self.scene,
            "turns": self.turns,
            "went_well": list(self.went_well),
            "try_next": self.try_next,
            "best_line": self.best_line,
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
            "openness_start": self.openness_start,
            "openness_end": self.openness_end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Summary":
        return cls(
            kind=str(data["kind"]),
            persona=data.get("persona"),
            scene=str(data.get("scene") or ""),
            turns=int(data.get("turns", 0)),
            went_well=[str(x) for x in data.get("went_well") or []],
            try_next=str(data.get("try_next") or ""),
            best_line=data.get("best_line"),
            scores={k: Score.from_dict(v) for k, v in (data.get("scores") or {}).items()},
            openness_start=data.get("openness_start"),
            openness_end=data.get("openness_end"),
            version=int(data.get("version", VERSION)),
        )

    def score_lines(self) -> list[str]:
        """One short line per check that applied: "Named a feeling: 2 of 3 turns"."""
        out = []
        for check, score in self.scores.items():
            if not score.applied:
                continue
            good, bad = labels(self.kind, check)
            if check in PROBLEM_CHECKS:
                out.append(
                    f"{bad.capitalize()}: {score.failed} of {score.turns} {turns_word(score.turns)}"
                )
            else:
                n = score.applied
                out.append(f"{good.capitalize()}: {score.passed} of {n} {turns_word(n)}")
        return out

    def lines(self) -> list[str]:
        """The summary as short messages, ready to send one by one."""
        if not self.turns:
            return [
                "We stopped before you said anything, and that's okay. You can practise "
                "whenever you're ready."
            ]
        out = ["What went well: " + " ".join(self.went_well)]
        if self.best_line:
            out.append(f'Your best line: "{self.best_line}"')
        scores = self.score_lines()
        if scores:
            out.append("How each check went:\n" + "\n".join(f"- {s}" for s in scores))
        out.append("One thing to try next time: " + self.try_next)
        return out


def _went_well_rehearsal(state: dict[str, Any], scores: dict[str, Score]) -> list[str]:
    out = []
    turns = state["turns"]
    if scores["listening"].passed:
        n = scores["listening"].passed
        out.append(
            f"You reflected back what you heard {'once' if n == 1 else f'{n} times'}, "
            "and that helps people feel understood."
        )
    if scores["feeling"].passed:
        out.append(
            f"You named a feeling clearly in {scores['feeling'].passed} of "
            f"{scores['feeling'].applied} {turns_word(scores['feeling'].applied)} where you "
            "reached for one."
        )
    if len(turns) >= 2 and not any(
        scores[c].failed for c in ("no_blame", "no_absolutes", "no_contempt")
    ):
        out.append("You kept it free of blame and put-downs the whole way through.")
    start, end = personas.band(state["start_openness"]), personas.band(state["openness"])
    if state["openness"] > state["start_openness"] and start != end:
        out.append(f"Your partner started {_BAND_WORDS[start]} and ended {_BAND_WORDS[end]}.")
    if any("request" in (t.get("tags") or []) for t in turns):
        out.append("You made a clear request.")
    if any("break" in (t.get("tags") or []) for t in turns):
        out.append("You asked for a pause with a way back into the talk.")
    if not out:
        out.append("You practised a hard conversation, and that takes courage.")
    return out[:3]


def _try_next_rehearsal(state: dict[str, Any], scores: dict[str, Score]) -> str:
    failing = [c for c in _REHEARSAL_ORDER if scores[c].failed]
    if failing:  # the most important one, not the most frequent
        return TRY_NEXT[failing[0]]
    if not scores["feeling"].passed:
        return TRY_NEXT["first_feeling"]
    if not scores["listening"].passed:
        return TRY_NEXT["reflect"]
    if not any("request" in (t.get("tags") or []) for t in state["turns"]):
        return TRY_NEXT["request"]
    return TRY_NEXT["harder"]


def _went_well_drill(scores: dict[str, Score]) -> list[str]:
    out = []
    if scores["feeling"].passed:
        out.append(
            f"You named a feeling in {scores['feeling'].passed} of "
            f"{scores['feeling'].turns} {turns_word(scores['feeling'].turns)}."
        )
    if scores["need"].passed:
        out.append(
            f"You named a need in {scores['need'].passed} of {scores['need'].turns} "
            f"{turns_word(scores['need'].turns)}."
        )
    if not any(scores[c].failed for c in _DRILL_ORDER):
        out.append("You stayed with them: no advice, fixing or 'at least'.")
    return out or ["You practised listening, which is half of every hard conversation."]


def _try_next_drill(scores: dict[str, Score]) -> str:
    failing = [c for c in _DRILL_ORDER if scores[c].failed]
    if failing:
        return TRY_NEXT[failing[0]]
    if scores["feeling"].failed:
        return TRY_NEXT["drill_feeling"]
    if scores["need"].failed:
        return TRY_NEXT["drill_need"]
    return TRY_NEXT["drill_more"]


def summarise(state: dict[str, Any]) -> Summary:
    """The summary of a rehearsal or drill state (finished or not)."""
    turns = state["turns"]
    if state["mode"] == "drill":
        scores = score_turns(turns, drill.CHECKS)
        return Summary(
            kind="drill",
            persona=None,
            scene=state.get("scene") or "",
            turns=len(turns),
            went_well=_went_well_drill(scores) if turns else [],
            try_next=_try_next_drill(scores) if turns else TRY_NEXT["drill_more"],
            best_line=best_line(turns),
            scores=scores,
        )
    scores = score_turns(turns, feedback.CHECKS)
    return Summary(
        kind="rehearsal",
        persona=state["persona"],
        scene=state.get("scene") or "",
        turns=len(turns),
        went_well=_went_well_rehearsal(state, scores) if turns else [],
        try_next=_try_next_rehearsal(state, scores) if turns else TRY_NEXT["first_feeling"],
        best_line=best_line(turns),
        scores=scores,
        openness_start=state["start_openness"],
        openness_end=state["openness"],
    )
