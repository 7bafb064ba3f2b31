"""bot.rasa_run: Rasa's server settles the garbage collector right after loading a model."""

from __future__ import annotations

import asyncio

import pytest
import rasa.core.run as rasa_run_module

from bot import rasa_run, settle, servers
from bot.settings import load


def test_the_loaded_agent_is_returned_and_then_the_collector_settled(
        monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []

    async def fake_load(*args, **kwargs):
        events.append(f"load {args} {sorted(kwargs)}")
        return "agent"

    monkeypatch.setattr(rasa_run_module, "load_agent_on_start", fake_load)
    monkeypatch.setattr(settle, "settle_garbage_collector", lambda: events.append("settle"))
    rasa_run.patch_agent_loading()
    assert rasa_run_module.load_agent_on_start is not fake_load
    result = asyncio.run(rasa_run_module.load_agent_on_start("m.tar.gz", None, None,
                                                              app="app", loop="loop"))
    assert result == "agent"
    assert events == ["load ('m.tar.gz', None, None) ['app', 'loop']", "settle"]


def test_patching_twice_wraps_once(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_load(*args, **kwargs):
        return "agent"

    monkeypatch.setattr(rasa_run_module, "load_agent_on_start", fake_load)
    rasa_run.patch_agent_loading()
    wrapped = rasa_run_module.load_agent_on_start
    rasa_run.patch_agent_loading()
    assert rasa_run_module.load_agent_on_start is wrapped


def test_a_failed_load_is_not_hidden_and_nothing_is_settled(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    async def broken_load(*args, **kwargs):
        raise RuntimeError("model file is damaged")

    monkeypatch.setattr(rasa_run_module, "load_agent_on_start", broken_load)
    monkeypatch.setattr(settle, "settle_garbage_collector", lambda: calls.append("settle"))
    rasa_run.patch_agent_loading()
    with pytest.raises(RuntimeError, match="damaged"):
        asyncio.run(rasa_run_module.load_agent_on_start("m", None, None, app=1, loop=2))
    assert calls == []


def test_the_chat_servers_start_rasa_through_it(tmp_path) -> None:
    command = servers.rasa_server(load({}), tmp_path / "m.tar.gz").command
    assert command[1:4] == ["-m", "bot.rasa_run", "run"]
    assert servers.rasa_serving_command("shell")[1:] == ["-m", "bot.rasa_run", "shell"]


def test_a_rasa_without_the_loader_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(rasa_run_module, "load_agent_on_start")
    rasa_run.patch_agent_loading()
    assert not hasattr(rasa_run_module, "load_agent_on_start")
