"""`unscripted analyze` with the real trained model: streams JSON lines, reports bad lines,
and its batched answers are the Rasa server's own, one message at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot import analyze, paths
from bot.analyze import script_of
from tests.e2e.conftest import RasaController

pytestmark = pytest.mark.servers

LINES = [
    "my husband says cooking is women's work and won't touch a pan",
    "my boyfriend told me boys don't cry when I got upset at the vet",
    "she said no worries babe, I've got this, and took the call off me",
    "my boyfriend cried at the movie and I loved it",
    "we went hiking on sunday and it was lovely",
    "i always put his needs before mine and i don't want to be too much",
    "he says a real man pays for everything and won't let me split the bill",
    "my boss told me I'm too emotional to lead the team",
]


#: The lines again, first, to fill a whole batch: the batch after it (the lines above, with a
#: blank and an unreadable line) then gets its sentence embeddings computed ahead.
FILLER = LINES * (analyze.BATCH // len(LINES))


@pytest.fixture(scope="module")
def analysed_all(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    data = ("\n".join(FILLER) + "\n").encode()
    data += "\n".join(LINES[:4]).encode() + b"\n\n\xff\xfe\n" + "\n".join(LINES[4:]).encode()
    source = tmp_path_factory.mktemp("analyze") / "lines.txt"
    source.write_bytes(data)  # a file: every line arrives in one read
    with source.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "analyze", "--model", str(trained_model)],
            stdin=stdin, capture_output=True, cwd=paths.ROOT, timeout=600, check=True,
        )
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def analysed(analysed_all: list[dict]) -> list[dict]:
    """The answers for the second batch (computed ahead) only."""
    assert len(analysed_all) == len(FILLER) + len(LINES) + 2
    return analysed_all[len(FILLER):]


def test_every_line_gets_one_json_object_in_order(analysed):
    assert len(analysed) == len(LINES) + 2
    good = [row for row in analysed if "error" not in row]
    assert [row["text"] for row in good] == LINES
    assert [row["error"] for row in analysed if "error" in row] == [analyze.EMPTY,
                                                                     analyze.NOT_UTF8]
    for row in good:
        assert set(row) == {"text", "script", "confidence", "safety"}
        assert 0.0 <= row["confidence"] <= 1.0


def test_clear_scripts_and_ordinary_talk(analysed):
    by_text = {row["text"]: row["script"] for row in analysed if "error" not in row}
    assert by_text[LINES[0]] == "labor_division"
    assert by_text[LINES[1]] == "emotional_suppression"
    assert by_text[LINES[2]] == "competence_dismissal"
    assert by_text[LINES[3]] is None
    assert by_text[LINES[4]] is None


def test_embeddings_computed_ahead_give_the_same_answers(analysed_all, analysed):
    first = {row["text"]: row for row in analysed_all[: len(FILLER)]}
    for row in analysed:
        if "error" in row:
            continue
        assert row["script"] == first[row["text"]]["script"], row["text"]
        assert row["confidence"] == pytest.approx(first[row["text"]]["confidence"], abs=2e-3)


def test_batched_answers_match_the_servers_one_by_one(analysed, rasa: RasaController):
    for row in analysed:
        if "error" in row:
            continue
        script, confidence = script_of(rasa.parse(row["text"]))
        assert row["script"] == script, row["text"]
        assert row["confidence"] == pytest.approx(confidence, abs=2e-3), row["text"]


def test_pasted_markup_is_read_as_the_words_around_it(rasa: RasaController):
    """The server reads "<b>boys don't cry</b>" as "boys don't cry" (MarkupCleaner), and an
    <img onerror> tag alone is no script."""
    for plain, marked in [
        (LINES[1], "my boyfriend told me <b>boys don't cry</b> when I got upset at the vet"),
        (LINES[0], "<p>my husband says cooking is <i>women's work</i> and won't touch a pan</p>"),
        (LINES[3], "my boyfriend cried at the movie<br>and I loved it"),
    ]:
        assert script_of(rasa.parse(marked)) == script_of(rasa.parse(plain)), marked
    script, _ = script_of(rasa.parse("he said <img src=x onerror=alert(1)> and walked off"))
    assert script is None
