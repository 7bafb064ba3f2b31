"""bot.rasa_run: right after loading a model, Rasa's server answers one made-up message in
memory (the warm-up) and settles the garbage collector."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Any

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


class FakeAgent:
    """What the warm-up uses of Rasa's Agent; records the calls."""

    def __init__(self, training_type: str = "both", ready: bool = True,
                 parse_error: Exception | None = None) -> None:
        from rasa.shared.core.domain import Domain
        from rasa.shared.data import TrainingType

        self.calls: list[Any] = []
        self.ready = ready
        self.parse_error = parse_error
        self.domain = Domain.from_yaml(
            "version: '3.1'\nintents: [greet]\nslots:\n  feeling:\n    type: text\n"
            "    mappings: [{type: custom}]\n")
        kind = TrainingType.NLU if training_type == "nlu" else TrainingType.BOTH
        self.processor = SimpleNamespace(model_metadata=SimpleNamespace(training_type=kind))

    def is_ready(self) -> bool:
        return self.ready

    async def parse_message(self, text: str) -> dict[str, Any]:
        self.calls.append(("parse", text))
        if self.parse_error is not None:
            raise self.parse_error
        return {"text": text, "intent": {"name": "greet", "confidence": 0.9}, "entities": []}

    def predict_next_with_tracker(self, tracker: Any) -> dict[str, Any]:
        self.calls.append(("predict", tracker))
        return {"scores": []}


def load_with(monkeypatch: pytest.MonkeyPatch, agent: Any, events: list[str]) -> Any:
    """Run the patched loader over a fake load that returns ``agent``; settling is recorded."""
    async def fake_load(*args, **kwargs):
        events.append("load")
        return agent

    monkeypatch.setattr(rasa_run_module, "load_agent_on_start", fake_load)
    monkeypatch.setattr(settle, "settle_garbage_collector", lambda: events.append("settle"))
    rasa_run.patch_agent_loading()
    return asyncio.run(rasa_run_module.load_agent_on_start("m", None, None, app=1, loop=2))


def test_the_model_reads_one_message_and_predicts_once_before_the_collector_settles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    agent = FakeAgent()
    events: list[str] = []
    monkeypatch.setattr(agent, "predict_next_with_tracker",
                        lambda tracker: events.append("predict") or {})
    original_parse = agent.parse_message

    async def parse(text: str) -> dict[str, Any]:
        events.append(f"parse {text}")
        return await original_parse(text)

    monkeypatch.setattr(agent, "parse_message", parse)
    assert load_with(monkeypatch, agent, events) is agent
    assert events == ["load", f"parse {rasa_run.WARM_UP_TEXT}", "predict", "settle"]


def test_the_prediction_sees_the_message_as_read_in_a_conversation_kept_in_memory() -> None:
    agent = FakeAgent()
    seconds = asyncio.run(rasa_run.warm_up(agent))
    assert seconds is not None and seconds >= 0
    (_, text), (_, tracker) = agent.calls
    assert text == rasa_run.WARM_UP_TEXT
    assert tracker.latest_message.text == rasa_run.WARM_UP_TEXT
    assert tracker.latest_message.intent["name"] == "greet"
    assert tracker.latest_action_name == "action_listen"
    assert "feeling" in tracker.slots  # the domain's slots, so the policies see the real shape
    assert tracker.sender_id == "warm-up"


def test_a_model_without_dialogue_is_only_read(monkeypatch: pytest.MonkeyPatch) -> None:
    agent = FakeAgent(training_type="nlu")
    assert asyncio.run(rasa_run.warm_up(agent)) is not None
    assert [call[0] for call in agent.calls] == ["parse"]


@pytest.mark.parametrize("agent", [None, FakeAgent(ready=False)], ids=["no agent", "not ready"])
def test_no_model_means_no_warm_up_and_the_collector_still_settles(
        monkeypatch: pytest.MonkeyPatch, agent: Any) -> None:
    events: list[str] = []
    assert load_with(monkeypatch, agent, events) is agent
    assert events == ["load", "settle"]
    if agent is not None:
        assert agent.calls == []


def test_a_failed_warm_up_is_logged_without_text_and_the_server_still_serves(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    agent = FakeAgent(parse_error=ValueError(f"could not read {rasa_run.WARM_UP_TEXT!r}"))
    events: list[str] = []
    with caplog.at_level(logging.INFO, logger="bot.rasa_run"):
        assert load_with(monkeypatch, agent, events) is agent
    assert events == ["load", "settle"]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "ValueError" in warnings[0].getMessage()
    assert "could not read" not in caplog.text
    assert not any("Warmed up" in r.getMessage() for r in caplog.records)


def test_a_warm_up_that_worked_is_logged_with_its_time(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bot.rasa_run"):
        asyncio.run(rasa_run.warm_up(FakeAgent()))
    assert [r.getMessage() for r in caplog.records
            if r.getMessage().startswith("Warmed up the model in ")]


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
