"""Start, wait for and stop the Rasa server and the action server as child processes.

Used by the CLI (``run``/``chat``), the end-to-end tests and the benchmarks, so the
command lines live in one place.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Sequence

from bot import paths
from bot import settings as settings_module
from bot.settings import Settings


def rasa_command(*args: str) -> list[str]:
    """``rasa`` from the interpreter running us (the project's .venv)."""
    return [sys.executable, "-m", "rasa", *args]


def rasa_serving_command(*args: str) -> list[str]:
    """``rasa run`` or ``rasa shell`` through ``bot.rasa_run``, which keeps the garbage
    collector off the loaded model (bot/settle.py)."""
    return [sys.executable, "-m", "bot.rasa_run", *args]


def latest_model() -> Path | None:
    """The newest trained model in ``models/``, if any."""
    if not paths.MODELS.is_dir():
        return None
    models = sorted(paths.MODELS.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def _newest_mtime(inputs: Sequence[Path]) -> float:
    newest = 0.0
    for item in inputs:
        if item.is_file():
            newest = max(newest, item.stat().st_mtime)
        elif item.is_dir():
            for child in item.rglob("*"):
                if child.is_file() and "__pycache__" not in child.parts:
                    newest = max(newest, child.stat().st_mtime)
    return newest


def model_is_stale() -> bool:
    """True when no model exists or any training input is newer than the newest model."""
    model = latest_model()
    if model is None:
        return True
    return _newest_mtime(paths.training_inputs()) > model.stat().st_mtime


def train(force: bool = False, quiet_stdout: bool = False) -> Path:
    """Train a model if it is missing or older than its data; return the model path.

    With ``quiet_stdout`` everything training prints goes to stderr (for `analyze`, whose
    stdout is JSON only).
    """
    if force or model_is_stale():
        print("Training the assistant (about five minutes the first time)...", flush=True,
              file=sys.stderr if quiet_stdout else sys.stdout)
        subprocess.run(
            rasa_command("train", *paths.data_args(), "--out", str(paths.MODELS)),
            check=True,
            stdout=sys.stderr if quiet_stdout else None,
            cwd=paths.ROOT,
            env=settings_module.load().child_env(),
        )
    model = latest_model()
    if model is None:
        raise SystemExit("Training finished but no model was written to models/.")
    return model


def _get(url: str, timeout: float = 2.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):
        return 0


@dataclass
class Server:
    """One child server process and the URL that tells it is ready."""

    name: str
    command: list[str]
    health_url: str
    env: dict[str, str]
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = field(default=None, repr=False)

    def start(self) -> "Server":
        """Start the process (output goes to ``log_path`` or is discarded)."""
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=paths.ROOT,
            env=self.env,
            stdout=self._log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Block until the health URL answers 200; return the seconds waited."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"The {self.name} exited with code {self.process.returncode}"
                    + (f"; see {self.log_path}" if self.log_path else "")
                )
            if _get(self.health_url) == 200:
                return time.monotonic() - started
            time.sleep(0.25)
        raise TimeoutError(f"The {self.name} was not ready after {timeout:.0f} s")

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the process group, politely first."""
        if self.process is None or self.process.poll() is not None:
            self._close_log()
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=timeout)
        except ProcessLookupError:
            pass
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


def action_server(settings: Settings, log_path: Path | None = None) -> Server:
    """The rasa_sdk action server, with the coach warmed up before it listens."""
    return Server(
        name="action server",
        command=[sys.executable, "-m", "bot", "actions", "--port", str(settings.actions_port)],
        health_url=f"http://127.0.0.1:{settings.actions_port}/health",
        env=settings.child_env(),
        log_path=log_path,
    )


def rasa_server(
    settings: Settings, model: Path, log_path: Path | None = None, extra: Sequence[str] = ()
) -> Server:
    """``rasa run`` with the REST channel and the HTTP API on loopback."""
    command = rasa_serving_command(
        "run",
        "--model", str(model),
        "--endpoints", str(paths.ENDPOINTS),
        "--credentials", str(paths.CREDENTIALS),
        "--port", str(settings.rasa_port),
        "--interface", "127.0.0.1",
        "--enable-api",
        *extra,
    )
    return Server(
        name="Rasa server",
        command=command,
        health_url=f"{settings.rasa_url}/status",
        env=settings.child_env(),
        log_path=log_path,
    )


def web_server(settings: Settings, port: int, log_path: Path | None = None) -> Server:
    """``unscripted web`` on ``port``, in front of the Rasa server of ``settings``."""
    env = settings.child_env()
    env["UNSCRIPTED_WEB_PORT"] = str(port)
    return Server(
        name="web server",
        command=[sys.executable, "-m", "bot", "web", "--rasa-url", settings.rasa_url],
        health_url=f"http://127.0.0.1:{port}/api/health",
        env=env,
        log_path=log_path,
    )
