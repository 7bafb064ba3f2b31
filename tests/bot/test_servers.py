"""Training happens only when the model is missing or older than its data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot import paths, servers


@pytest.fixture
def fake_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "nlu").mkdir()
    (tmp_path / "nlu" / "a.yml").write_text("x")
    (tmp_path / "models").mkdir()
    monkeypatch.setattr(paths, "MODELS", tmp_path / "models")
    monkeypatch.setattr(paths, "training_inputs", lambda: [tmp_path / "nlu"])
    return tmp_path


def test_no_model_means_stale(fake_project):
    assert servers.latest_model() is None
    assert servers.model_is_stale()


def test_a_model_newer_than_its_data_is_fresh(fake_project):
    model = fake_project / "models" / "m.tar.gz"
    model.write_text("m")
    os.utime(fake_project / "nlu" / "a.yml", (1000, 1000))
    assert servers.latest_model() == model
    assert not servers.model_is_stale()


def test_changed_data_makes_the_model_stale(fake_project):
    model = fake_project / "models" / "m.tar.gz"
    model.write_text("m")
    os.utime(model, (1000, 1000))
    assert servers.model_is_stale()


def test_the_newest_model_is_used(fake_project):
    old, new = fake_project / "models" / "old.tar.gz", fake_project / "models" / "new.tar.gz"
    old.write_text("o")
    new.write_text("n")
    os.utime(old, (1000, 1000))
    assert servers.latest_model() == new


def test_rasa_run_listens_on_loopback_with_the_rest_channel(fake_project):
    from bot.settings import load

    server = servers.rasa_server(load({}), fake_project / "models" / "m.tar.gz")
    command = server.command
    assert command[command.index("--interface") + 1] == "127.0.0.1"
    assert command[command.index("--credentials") + 1] == str(paths.CREDENTIALS)
    assert "--enable-api" in command
    assert server.env["UNSCRIPTED_ACTIONS_URL"] == "http://127.0.0.1:5055/webhook"
