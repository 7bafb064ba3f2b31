"""The Rasa test stories in tests/conversations/, run with `rasa test`, failing on any
prediction error (intent or action)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot import paths, servers
from bot.settings import Settings

pytestmark = pytest.mark.servers


def test_conversation_stories_have_no_prediction_errors(
    trained_model: Path, action_server: servers.Server, server_settings: Settings, tmp_path: Path
):
    stories = sorted(paths.TEST_STORIES.glob("test_*.yml"))
    assert len(stories) >= 3
    result = subprocess.run(
        servers.rasa_command(
            "test", "core",
            "--model", str(trained_model),
            "--stories", str(paths.TEST_STORIES),
            "--endpoints", str(paths.ENDPOINTS),
            "--out", str(tmp_path),
            "--fail-on-prediction-errors",
        ),
        cwd=paths.ROOT,
        env=server_settings.child_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    report = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout[-3000:], result.stderr[-3000:], report)
    assert "failed" not in report.lower() or "None of the test stories failed" in report
