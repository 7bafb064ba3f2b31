"""Real servers, started once per test session and shared by every end-to-end test."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from bot import paths, servers
from bot.settings import Settings, load


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Free ports and a fresh SQLite tracker store for this test session."""
    db = tmp_path_factory.mktemp("db") / "tracker.db"
    return load({
        "UNSCRIPTED_DB_URL": f"sqlite:///{db}",
        "UNSCRIPTED_RASA_PORT": str(free_port()),
        "UNSCRIPTED_ACTIONS_PORT": str(free_port()),
    })


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the servers' output goes (printed when a test fails to start them)."""
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The current model, trained first if it is missing or stale."""
    return servers.train()


@pytest.fixture(scope="session")
def action_server(server_settings: Settings, logs_dir: Path) -> Iterator[servers.Server]:
    """The real action server."""
    server = servers.action_server(server_settings, log_path=logs_dir / "actions.log").start()
    try:
        server.wait_ready(timeout=120)
        yield server
    finally:
        server.stop()


class RasaController:
    """Starts, stops and restarts the real Rasa server; talks to its REST channel."""

    def __init__(self, settings: Settings, model: Path, logs: Path) -> None:
        self.settings = settings
        self.model = model
        self.logs = logs
        self.server: servers.Server | None = None
        self.restarts = 0

    def start(self) -> None:
        self.server = servers.rasa_server(
            self.settings, self.model, log_path=self.logs / f"rasa-{self.restarts}.log"
        ).start()
        self.server.wait_ready(timeout=400)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self.start()

    def send(self, sender: str, message: Any) -> list[dict[str, Any]]:
        """POST one message to the REST channel and return the bot's replies."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.settings.rasa_url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def post_raw(self, body: bytes) -> tuple[int, Any]:
        """POST any bytes to the REST channel; return (status, parsed JSON)."""
        request = urllib.request.Request(
            f"{self.settings.rasa_url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def parse(self, text: str) -> dict[str, Any]:
        """The server's own NLU parse of one text (one message at a time)."""
        request = urllib.request.Request(
            f"{self.settings.rasa_url}/model/parse",
            data=json.dumps({"text": text}).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation tracker, from the HTTP API."""
        with urllib.request.urlopen(
            f"{self.settings.rasa_url}/conversations/{sender}/tracker", timeout=30
        ) as response:
            return json.loads(response.read())


@pytest.fixture(scope="session")
def rasa(
    server_settings: Settings, trained_model: Path, action_server: servers.Server, logs_dir: Path
) -> Iterator[RasaController]:
    """The real Rasa server with the REST channel, sharing the session's action server."""
    controller = RasaController(server_settings, trained_model, logs_dir)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def web_url(
    server_settings: Settings, rasa: RasaController, logs_dir: Path
) -> Iterator[str]:
    """``unscripted web`` (the demo page, the widget and its API) in front of the real Rasa."""
    port = free_port()
    server = servers.web_server(server_settings, port, log_path=logs_dir / "web.log").start()
    try:
        server.wait_ready(timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id."""
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(replies: list[dict[str, Any]]) -> str:
    """All reply texts joined, for assertions."""
    return "\n".join(r.get("text", "") for r in replies)


__all__ = ["RasaController", "free_port", "texts", "paths"]
