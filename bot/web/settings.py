"""The web server's settings, read from the environment when :func:`load` is called."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlsplit

from bot import settings as bot_settings

HOST_VAR = "UNSCRIPTED_WEB_HOST"
PORT_VAR = "UNSCRIPTED_WEB_PORT"
ORIGINS_VAR = "UNSCRIPTED_WEB_ORIGINS"
RASA_URL_VAR = "UNSCRIPTED_WEB_RASA_URL"
TIMEOUT_VAR = "UNSCRIPTED_WEB_RASA_TIMEOUT"

DEFAULT_PORT = 8080
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True)
class WebSettings:
    """Where the web server listens, which origins may call it, and where Rasa is."""

    rasa_url: str
    db_url: str
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    origins: frozenset[str] = frozenset()
    rasa_timeout: float = DEFAULT_TIMEOUT

    @property
    def own_origins(self) -> frozenset[str]:
        """The demo page's own addresses on this machine (always allowed)."""
        hosts = {"127.0.0.1", "localhost", self.host} - {"0.0.0.0", "::", ""}
        return frozenset(f"http://{host}:{self.port}" for host in hosts)

    @property
    def allowed_origins(self) -> frozenset[str]:
        """Every origin whose pages may call the API."""
        return self.origins | self.own_origins


def normalise_origin(raw: str) -> str:
    """``scheme://host[:port]`` in lower case, or :class:`ValueError` if ``raw`` is not one."""
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(raw)
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(raw)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def _origins(env: Mapping[str, str]) -> frozenset[str]:
    found = set()
    for item in env.get(ORIGINS_VAR, "").split(","):
        if not item.strip():
            continue
        try:
            found.add(normalise_origin(item))
        except ValueError:
            raise SystemExit(
                f"{ORIGINS_VAR} must list origins like https://example.org, separated by "
                f"commas; {item.strip()!r} is not one."
            ) from None
    return frozenset(found)


def load(env: Mapping[str, str] | None = None, *, rasa_url: str | None = None) -> WebSettings:
    """Read the settings; exit with a clear message when one is wrong.

    ``rasa_url`` (the CLI's ``--rasa-url``) wins over ``UNSCRIPTED_WEB_RASA_URL``, which wins
    over the local Rasa server of ``bot.settings``.
    """
    env = os.environ if env is None else env
    base = bot_settings.load(env)
    return WebSettings(
        rasa_url=(rasa_url or env.get(RASA_URL_VAR, "").strip() or base.rasa_url).rstrip("/"),
        db_url=base.db_url,
        host=env.get(HOST_VAR, "").strip() or "127.0.0.1",
        port=bot_settings.port_setting(env, PORT_VAR, DEFAULT_PORT),
        origins=_origins(env),
        rasa_timeout=bot_settings.seconds_setting(env, TIMEOUT_VAR, DEFAULT_TIMEOUT),
    )
