"""How long the rehearsal engine takes per turn, per partner and for the listening drill.

Usage, from the repository root::

    .venv/bin/python bench/rehearsal_speed.py [--rounds 5] [--out docs/rehearsal_speed.md]

Plays the same varied turns (I-statements, blame, absolutes, reflections, questions, requests)
against every persona and the drill's reflections, ``--rounds`` times each, after one warm-up
pass over every turn (spaCy and the data load then). This is the engine's own time inside the action server; Rasa's round
trip (docs/latency.md) comes on top. Prints a markdown table and writes it to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as ``python bench/rehearsal_speed.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions import rehearsal  # noqa: E402

TURNS = (
    "You never help with anything, you always leave it to me",
    "I feel exhausted when I do bedtime alone, and I need support",
    "It sounds like you've had a really long week too",
    "Whatever. Forget it.",
    "Why do you always do this?",
    "I feel like you don't care about me at all",
    "Would you be willing to do bath time on weekdays?",
    "I felt hurt when you laughed at my idea at dinner on Saturday",
)
REFLECTIONS = (
    "It sounds like you feel let down and you need some support",
    "At least you have a job. You should talk to your boss.",
    "That's like when I lost my job, it was awful",
    "So you're worried, and you need some reassurance?",
)


def _time(call) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(rounds: int) -> list[tuple[str, list[float]]]:
    """Seconds per turn for each persona and the drill."""
    results: list[tuple[str, list[float]]] = []
    warm = rehearsal.start("supportive", seed=0).state  # warm-up: spaCy and the data load
    for text in TURNS:
        warm = rehearsal.take_turn(warm, text).state
    drill_warm = rehearsal.start_drill(seed=0).state
    for text in REFLECTIONS:
        drill_warm = rehearsal.take_turn(drill_warm, text).state
    for persona in rehearsal.PERSONAS:
        times: list[float] = []
        for r in range(rounds):
            state = rehearsal.start(persona, "the evenings", seed=r).state
            for text in TURNS:
                holder: dict = {}
                times.append(_time(lambda: holder.update(s=rehearsal.take_turn(state, text))))
                state = holder["s"].state
        results.append((persona, times))
    drill: list[float] = []
    for r in range(rounds):
        state = rehearsal.start_drill(seed=r).state
        for text in REFLECTIONS:
            holder = {}
            drill.append(_time(lambda: holder.update(s=rehearsal.take_turn(state, text))))
            state = holder["s"].state
    results.append(("listening drill", drill))
    return results


def report(results: list[tuple[str, list[float]]], rounds: int) -> str:
    """The markdown table."""
    lines = [
        "# The rehearsal engine: time per turn",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.platform()}; "
        f"{os.cpu_count()} CPUs; Python {platform.python_version()}. Command: "
        f"`.venv/bin/python bench/rehearsal_speed.py --rounds {rounds}`.",
        "",
        "| partner | turns | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, times in results:
        cuts = statistics.quantiles(times, n=20)
        lines.append(f"| {name} | {len(times)} | {statistics.median(times) * 1000:.1f} | "
                     f"{cuts[18] * 1000:.1f} | {max(times) * 1000:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure, print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default="docs/rehearsal_speed.md")
    args = parser.parse_args(argv)
    text = report(measure(args.rounds), args.rounds)
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
