"""`python -m bot coach` prints the coach's findings as JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot import paths
from bot.cli import build_parser


def _coach(*args: str) -> tuple[int, dict]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "coach", *args],
        cwd=paths.ROOT, capture_output=True, text=True, timeout=120,
    )
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def blaming_draft() -> dict:
    code, out = _coach(
        "I feel like you never listen when you always ignore me, and I need you to stop."
    )
    assert code == 0
    return out


def test_coach_prints_statement_parts_and_findings(blaming_draft):
    assert set(blaming_draft) == {"statement", "parts", "findings"}
    assert set(blaming_draft["parts"]) == {"feeling", "observation", "need", "request"}
    checks = {f["check"] for f in blaming_draft["findings"]}
    assert {"thought_as_feeling", "strategy_as_need"} <= checks
    assert checks & {"evaluation", "criticism"}
    for finding in blaming_draft["findings"]:
        assert {"check", "span", "explanation", "suggestion"} <= set(finding)
        assert finding["span"] and finding["suggestion"]


def test_a_clean_draft_has_no_findings():
    code, out = _coach("I feel lonely when you look at your phone while I'm talking, "
                       "and I need connection.")
    assert code == 0
    assert out["findings"] == []
    assert out["parts"]["feeling"] == "lonely"
    assert out["parts"]["need"] == "connection"
    assert out["statement"] == ("I feel lonely when you look at your phone while I'm talking, "
                                "and I need connection.")


def test_parts_can_be_given_separately():
    code, out = _coach("--feeling", "ignored", "--observation", "you left", "--need", "rest")
    assert code == 0
    assert [f["check"] for f in out["findings"]] == ["faux_feeling"]


def test_an_empty_draft_is_a_clear_error():
    code, out = _coach("   ")
    assert code == 2
    assert "draft" in out["error"]


def test_every_command_is_there():
    parser = build_parser()
    for command in ["coach", "train", "actions", "run", "chat"]:
        assert parser.parse_args([command]).command == command
    assert parser.parse_args(["forget", "u1"]).sender_id == "u1"
