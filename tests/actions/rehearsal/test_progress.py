"""Progress against an earlier summary, in plain words."""

from __future__ import annotations

from actions.rehearsal.progress import compare
from actions.rehearsal.scores import Score
from actions.rehearsal.summary import Summary


def _with(scores: dict[str, tuple[int, int, int]], kind: str = "rehearsal") -> Summary:
    return Summary(
        kind=kind,
        persona="defensive",
        scene="",
        turns=max(t for _, _, t in scores.values()),
        went_well=[],
        try_next="",
        best_line=None,
        scores={k: Score(*v) for k, v in scores.items()},
    )


def test_progress_against_last_time() -> None:
    last = _with({"no_blame": (3, 2, 5), "feeling": (1, 2, 5)})
    today = _with({"no_blame": (4, 0, 4), "feeling": (3, 1, 4)})
    assert compare(last, today) == [
        "Last time blame showed in 2 of 5 turns; today 0 of 4.",
        "Last time you named a feeling in 1 of 3 turns; today 3 of 4.",
    ]


def test_progress_puts_improvements_first_and_skips_what_did_not_change() -> None:
    last = _with({"no_contempt": (5, 0, 5), "no_absolutes": (2, 3, 5), "need": (1, 1, 5)})
    today = _with({"no_contempt": (3, 1, 4), "no_absolutes": (4, 0, 4), "need": (1, 1, 4)})
    lines = compare(last, today)
    assert lines[0] == "Last time 'always' or 'never' showed in 3 of 5 turns; today 0 of 4."
    assert lines[1] == "Last time sarcasm or a put-down showed in 0 of 5 turns; today 1 of 4."
    assert compare(last, today, limit=1) == lines[:1]


def test_no_progress_across_kinds_or_empty_sessions() -> None:
    rehearsal = _with({"no_blame": (3, 2, 5)})
    assert compare(rehearsal, _with({"no_blame": (3, 0, 3)}, kind="drill")) == []
    assert compare(Summary.from_dict({"kind": "rehearsal"}), rehearsal) == []
