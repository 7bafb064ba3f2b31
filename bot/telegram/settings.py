"""The bridge's settings, read from the environment when :func:`load` is called.

The bot token and the webhook secret come only from the environment and are never shown:
not in ``repr``, not in error messages, not in logs (see ``logs``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Mapping

from bot import settings as bot_settings

TOKEN_VAR = "TELEGRAM_BOT_TOKEN"
SECRET_VAR = "TELEGRAM_WEBHOOK_SECRET"
WEBHOOK_URL_VAR = "TELEGRAM_WEBHOOK_URL"
HOST_VAR = "TELEGRAM_BRIDGE_HOST"
PORT_VAR = "TELEGRAM_BRIDGE_PORT"
RASA_URL_VAR = "TELEGRAM_RASA_URL"
TIMEOUT_VAR = "TELEGRAM_RASA_TIMEOUT"
API_URL_VAR = "TELEGRAM_API_BASE_URL"

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_PORT = 8081
DEFAULT_TIMEOUT = 20.0
#: The shape BotFather gives: digits, a colon, then letters, digits, "_" and "-".
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
#: What Telegram accepts as a webhook secret_token.
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,256}$")

MISSING_TOKEN = (
    f"{TOKEN_VAR} is not set. Ask @BotFather on Telegram for a token (/newbot), then "
    f"`export {TOKEN_VAR}=...` and start the bridge again."
)


@dataclass(frozen=True)
class BridgeSettings:
    """Everything the bridge needs; secrets are left out of ``repr``."""

    token: str = field(repr=False)
    rasa_url: str
    db_url: str
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    rasa_timeout: float = DEFAULT_TIMEOUT
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    api_base_url: str = DEFAULT_API_URL
    log_level: str = "INFO"

    @property
    def secrets(self) -> tuple[str, ...]:
        """The values that must never reach a log line."""
        return tuple(s for s in (self.token, self.webhook_secret) if s)


def load(
    env: Mapping[str, str] | None = None, *, webhook: bool = False, rasa_url: str | None = None
) -> BridgeSettings:
    """Read the bridge's settings; exit with a clear message when one is missing or wrong.

    ``rasa_url`` (the CLI's ``--rasa-url``) wins over ``TELEGRAM_RASA_URL``, which wins over
    the local Rasa server of ``bot.settings``. ``webhook`` makes the webhook URL and secret
    required.
    """
    env = os.environ if env is None else env
    token = env.get(TOKEN_VAR, "").strip()
    if not token:
        raise SystemExit(MISSING_TOKEN)
    if not _TOKEN_SHAPE.match(token):
        raise SystemExit(
            f"{TOKEN_VAR} does not look like a bot token (digits, a colon, then letters and "
            "digits). Copy it again from @BotFather."
        )
    base = bot_settings.load(env)
    secret = env.get(SECRET_VAR, "").strip() or None
    webhook_url = env.get(WEBHOOK_URL_VAR, "").strip() or None
    if webhook:
        if secret is None:
            raise SystemExit(
                f"Webhook mode needs {SECRET_VAR}: 16 to 256 letters, digits, '_' or '-'. "
                "For example: `export TELEGRAM_WEBHOOK_SECRET=$(openssl rand -hex 32)`."
            )
        if webhook_url is None or not webhook_url.startswith("https://"):
            raise SystemExit(
                f"Webhook mode needs {WEBHOOK_URL_VAR}: the public https:// address that "
                "reaches this bridge's /telegram path, e.g. https://bot.example.org/telegram."
            )
    if secret is not None and not _SECRET_SHAPE.match(secret):
        raise SystemExit(f"{SECRET_VAR} must be 16 to 256 letters, digits, '_' or '-'.")
    return BridgeSettings(
        token=token,
        rasa_url=(rasa_url or env.get(RASA_URL_VAR, "").strip() or base.rasa_url).rstrip("/"),
        db_url=base.db_url,
        host=env.get(HOST_VAR, "").strip() or "127.0.0.1",
        port=bot_settings.port_setting(env, PORT_VAR, DEFAULT_PORT),
        rasa_timeout=bot_settings.seconds_setting(env, TIMEOUT_VAR, DEFAULT_TIMEOUT),
        webhook_url=webhook_url,
        webhook_secret=secret,
        api_base_url=env.get(API_URL_VAR, "").strip() or DEFAULT_API_URL,
        log_level=base.log_level,
    )
