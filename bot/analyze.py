"""``unscripted analyze``: which script, if any, each line of stdin carries, as JSON lines.

It uses the bot's own trained model (the same NLU pipeline and phrase rules), loaded once, and
streams: whatever lines have arrived are analysed together and their answers printed and
flushed at once, in order, so a line typed by hand is answered straight away and a piped file
goes through in batches. A line that cannot be analysed (empty, too long, not UTF-8) gets an
object with an ``error`` and the stream goes on.
"""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional, TextIO

from actions.input_check import MAX_CHARS
from actions.scripts import DETECT_THRESHOLD, SCRIPTS

if TYPE_CHECKING:  # pragma: no cover
    from rasa.core.agent import Agent

    from bot.batch_nlu import BatchParser

ParseMany = Callable[[List[str]], List[Dict[str, Any]]]
Safety = Callable[[str], Optional[str]]
#: Starts work on texts that will be parsed next (bot.batch_nlu.BatchParser.prefetch).
Prefetch = Callable[[List[str]], None]

NOT_UTF8 = "This line is not valid UTF-8 text, so it was not analysed."
EMPTY = "This line is empty, so there is nothing to analyse."
TOO_LONG = f"This line is longer than {MAX_CHARS} characters, so it was not analysed."
#: Lines are read in chunks; a line longer than this is cut off and reported as too long.
MAX_LINE_BYTES = 64 * 1024
BATCH = 64


def script_of(parsed: Dict[str, Any]) -> tuple[Optional[str], float]:
    """The detected script and the confidence of that answer.

    A script intent at or above the detection threshold is the answer, with its confidence.
    Otherwise the answer is "no script", with confidence one minus the highest script score.
    """
    intent = parsed.get("intent") or {}
    name = intent.get("name")
    confidence = float(intent.get("confidence") or 0.0)
    if name in SCRIPTS and confidence >= DETECT_THRESHOLD:
        return str(name), round(confidence, 4)
    ranking = parsed.get("intent_ranking") or []
    best = max(
        (float(r.get("confidence") or 0.0) for r in ranking if r.get("name") in SCRIPTS),
        default=0.0,
    )
    if name in SCRIPTS:
        best = max(best, confidence)
    return None, round(1.0 - best, 4)


def safety_of(parsed: Dict[str, Any]) -> Optional[str]:
    """The kind of danger the model's safety check found (bot/components/safety_guard.py)."""
    found = parsed.get("safety")
    kind = found.get("kind") if isinstance(found, dict) else None
    return str(kind) if kind else None


def _error(text: str, message: str, safety: Optional[str] = None) -> Dict[str, Any]:
    return {"text": text, "script": None, "confidence": None, "safety": safety, "error": message}


def _check(raw: bytes) -> tuple[str, Optional[str]]:
    """The line's text, and why it cannot be analysed (None if it can)."""
    line = raw.rstrip(b"\r\n")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("utf-8", errors="replace"), NOT_UTF8
    if not text.strip():
        return text, EMPTY
    if len(text) > MAX_CHARS or len(line) >= MAX_LINE_BYTES:
        return text, TOO_LONG
    return text, None


def good_texts(lines: List[bytes]) -> List[str]:
    """The lines of a batch that will be parsed (the rest get an error object)."""
    return [text for text, problem in map(_check, lines) if problem is None]


def analyse_lines(
    lines: List[bytes], parse_many: ParseMany, safety: Safety
) -> List[Dict[str, Any]]:
    """The JSON objects for a batch of lines, in order (the good ones parsed together).

    ``safety`` is the rule check for lines the model does not read: a line too long to
    analyse still reports a disclosure of danger.
    """
    checked = [_check(raw) for raw in lines]
    good = [text for text, problem in checked if problem is None]
    parsed = iter(parse_many(good) if good else [])
    out: List[Dict[str, Any]] = []
    for text, problem in checked:
        if problem is not None:
            out.append(_error(text, problem, safety(text) if problem == TOO_LONG else None))
            continue
        result = next(parsed)
        script, confidence = script_of(result)
        out.append({"text": text, "script": script, "confidence": confidence,
                    "safety": safety_of(result)})
    return out


def read_arrivals(fd: int, batch: int = BATCH) -> Iterator[List[List[bytes]]]:
    """Lines from a file descriptor, as they arrive: for each read, its whole lines in batches
    of at most ``batch``.

    A line longer than MAX_LINE_BYTES is cut there (and then reported as too long); the rest
    of it is skipped, so a huge line never fills the memory.
    """
    pending = b""
    skipping = False
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            if pending and not skipping:
                yield [[pending]]
            return
        pending += chunk
        lines: List[bytes] = []
        while True:
            cut = pending.find(b"\n")
            if cut < 0:
                break
            line, pending = pending[: cut + 1], pending[cut + 1 :]
            if skipping:
                skipping = False
                continue
            lines.append(line)
        if len(pending) >= MAX_LINE_BYTES:
            if not skipping:
                lines.append(pending[:MAX_LINE_BYTES])
            pending, skipping = b"", True
        if lines:
            yield [lines[start : start + batch] for start in range(0, len(lines), batch)]


def run(arrivals: Iterable[List[List[bytes]]], out: TextIO, parse_many: ParseMany,
        safety: Safety, prefetch: Optional[Prefetch] = None) -> int:
    """Analyse every batch and write one JSON object per line; return how many were written.

    ``arrivals`` are the batches of each read (``read_arrivals``). ``prefetch`` is handed the
    texts of a read's first batch, and then of each next batch that has already arrived,
    before the batch in hand is parsed: the sentence embeddings of the first batch are
    computed while the rest of the graph reads it, and each later batch's while the one
    before it is parsed. A batch is never held back waiting for input.
    """
    count = 0
    for batches in arrivals:
        for index, lines in enumerate(batches):
            if prefetch is not None:
                if index == 0:
                    prefetch(good_texts(lines))
                if index + 1 < len(batches):
                    prefetch(good_texts(batches[index + 1]))
            for row in analyse_lines(lines, parse_many, safety):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            out.flush()
    return count


def load_agent(model_path: str) -> "Agent":
    """Rasa's Agent with the trained model, its logging kept quiet."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Unconfigured, Rasa's structured logger prints every parsed text to stdout at debug level.
    configure_structlog(logging.WARNING)
    from bot.settle import settle_garbage_collector

    agent = Agent.load(model_path)
    settle_garbage_collector()
    return agent


def load_parser(model_path: str) -> "BatchParser":
    """A batch parser over the trained model (Rasa's Agent, loaded once): call it with a list
    of texts; its ``prefetch`` starts the next list's sentence embeddings."""
    from bot import batch_nlu

    return batch_nlu.BatchParser(load_agent(model_path))


def safety_kind(text: str) -> Optional[str]:
    """The kind of danger the safety rules see in a text the model does not read, or None.

    Only the regex layer: it needs no parse, so it is quick on a very long line.
    """
    from actions.safety import detect

    hit = detect(text[:MAX_LINE_BYTES])
    return hit.kind if hit else None
