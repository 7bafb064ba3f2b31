"""Settings, read once from the environment.

Every variable is listed in ``.env.example``. Nothing here is read at import time:
call :func:`load` where settings are needed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from bot import paths


@dataclass(frozen=True)
class Settings:
    """Process-level settings for the servers and the CLI."""

    db_url: str
    rasa_port: int
    actions_port: int
    log_level: str

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server on loopback."""
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        """The action server's webhook URL, as endpoints.yml wants it."""
        return f"http://127.0.0.1:{self.actions_port}/webhook"

    def child_env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """Environment for the Rasa and action server processes."""
        env = dict(os.environ if base is None else base)
        env["UNSCRIPTED_DB_URL"] = self.db_url
        env["UNSCRIPTED_ACTIONS_URL"] = self.actions_url
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env.setdefault("LOG_LEVEL_LIBRARIES", "ERROR")
        env.setdefault("PYTHONWARNINGS", "ignore")  # library deprecation noise, not ours
        env.setdefault("RASA_TELEMETRY_ENABLED", "false")  # nothing leaves the machine
        return env


def port_setting(env: Mapping[str, str], name: str, default: int) -> int:
    """A port number from the variable ``name`` (``default`` when unset); a clear exit when it
    is not one."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SystemExit(f"{name} must be a port number (1 to 65535), not {raw!r}.")
    return int(raw)


def seconds_setting(env: Mapping[str, str], name: str, default: float,
                    maximum: float = 300.0) -> float:
    """A number of seconds above 0 and at most ``maximum`` from the variable ``name``."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= maximum:
        raise SystemExit(
            f"{name} must be a number of seconds above 0 and at most {maximum:g}, not {raw!r}."
        )
    return value


def default_db_url() -> str:
    """The SQLite file used when no database URL is configured."""
    return f"sqlite:///{paths.VAR / 'unscripted.db'}"


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    return Settings(
        db_url=env.get("UNSCRIPTED_DB_URL", "").strip() or default_db_url(),
        rasa_port=port_setting(env, "UNSCRIPTED_RASA_PORT", 5005),
        actions_port=port_setting(env, "UNSCRIPTED_ACTIONS_PORT", 5055),
        log_level=env.get("UNSCRIPTED_LOG_LEVEL", "INFO").strip().upper() or "INFO",
    )
