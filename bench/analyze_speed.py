"""How many lines per second `unscripted analyze` handles once the model is loaded.

    .venv/bin/python -m bench.analyze_speed [--rounds 3]

Feeds the held-out phrasings (bench/data/fresh_scripts.yml) through the same code path as the
command (bot.analyze.run in batches of analyze.BATCH lines, as a piped file arrives, with the
trained model and the safety rules), writing to memory, and prints a table; the same text goes
to docs/analyze.md. Before that, with the same model, it times Rasa's own ``parse_message`` on
each line once, one message at a time as the server parses a chat message.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.latency import date_utc, machine_line  # noqa: E402
from bot import analyze  # noqa: E402


def _lines() -> List[bytes]:
    import yaml

    data = yaml.safe_load((ROOT / "bench" / "data" / "fresh_scripts.yml").read_text("utf-8"))
    return [(entry["text"] + "\n").encode("utf-8") for entry in data]


async def _one_by_one(agent: Any, texts: List[str]) -> List[float]:
    """Seconds Rasa's Agent takes to parse each text, one at a time (after a few to warm up)."""
    for text in texts[:20]:
        await agent.parse_message(text)
    times = []
    for text in texts:
        begin = time.perf_counter()
        await agent.parse_message(text)
        times.append(time.perf_counter() - begin)
    return times


def python_loop_seconds(steps: int = 10_000_000) -> float:
    """Seconds this machine's Python takes for a plain loop of ``steps`` additions: machines
    of the same kind have differed four-fold in this, and `analyze` is mostly Python."""
    begin = time.perf_counter()
    total = 0
    for step in range(steps):
        total += step
    return time.perf_counter() - begin


def _ms(times: List[float], quantile: float) -> str:
    ordered = sorted(times)
    return f"{1000 * ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]:.1f}"


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Time the load, then several rounds over the lines; print and save the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    from bot.servers import train

    model = str(train(quiet_stdout=True))
    start = time.monotonic()
    agent = analyze.load_agent(model)
    analyze.safety_kind("warm up")
    asyncio.run(agent.parse_message("warm up"))
    load_s = time.monotonic() - start
    lines = _lines()
    # First as the server parses: one message at a time, the graph as trained.
    single = asyncio.run(_one_by_one(agent, [line.decode("utf-8").strip() for line in lines]))
    from bot.batch_nlu import BatchParser

    parse = BatchParser(agent)
    parse(["warm up"])
    rates = []
    for _ in range(args.rounds):
        begin = time.monotonic()
        batches = [lines[i : i + analyze.BATCH] for i in range(0, len(lines), analyze.BATCH)]
        # All at once, as a piped file arrives: the next batch's embeddings overlap the
        # current batch (bot/batch_nlu.py).
        analyze.run([batches], io.StringIO(), parse, analyze.safety_kind,
                    prefetch=parse.prefetch)
        rates.append(len(lines) / (time.monotonic() - begin))
    loop_s = python_loop_seconds()
    table = "\n".join([
        "# `unscripted analyze` throughput",
        "",
        f"- Date: {date_utc()}",
        f"- Machine: {machine_line()}; its Python runs a 10-million-step loop of additions "
        f"in {loop_s:.1f} s (the speed of the Python code in the graph: it has differed "
        f"four-fold between machines of the same kind).",
        f"- Command: `.venv/bin/python -m bench.analyze_speed --rounds {args.rounds}`",
        f"- Input: {len(lines)} held-out phrasings (bench/data/fresh_scripts.yml), "
        f"{args.rounds} rounds, after loading the model once.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| model load (once) | {load_s:.1f} s |",
        f"| lines per second, median of {args.rounds} rounds | {statistics.median(rates):.0f} |",
        f"| lines per second, all rounds together | "
        f"{len(rates) / sum(1 / rate for rate in rates):.0f} |",
        f"| lines per second, slowest round | {min(rates):.0f} |",
        f"| lines per second, each round in order | "
        f"{', '.join(f'{rate:.0f}' for rate in rates)} |",
        f"| milliseconds per line, median | {1000 / statistics.median(rates):.1f} |",
        f"| one message at a time (as the server parses), p50 | {_ms(single, 0.5)} ms |",
        f"| one message at a time, p95 | {_ms(single, 0.95)} ms |",
        "",
        "Target (issue 3): at least 200 lines per second once loaded. The last two rows are "
        "Rasa's own `parse_message` on each line once (NLU only, no HTTP or dialogue), the "
        "part of a chat round trip the NLU pipeline costs.",
        "",
    ])
    (ROOT / "docs" / "analyze.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
