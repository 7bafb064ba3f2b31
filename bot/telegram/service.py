"""Start and stop the bridge: the Rasa client, the PTB Application, the web server, and
polling (development) or the webhook (production).

:func:`running_bridge` is what both ``unscripted telegram`` and the tests use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass
from typing import AsyncIterator

from aiohttp import web
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot import forget as forget_module
from bot.telegram import commands, logs
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.handlers import Bridge, ForgetFunction
from bot.rasa_client import RasaClient
from bot.telegram.settings import BridgeSettings
from bot.telegram.webhook import build_web_app

logger = logging.getLogger(__name__)

REJECTED_TOKEN = (
    "Telegram rejected the token in TELEGRAM_BOT_TOKEN. Check it with @BotFather "
    "(/mybots → API Token) and start the bridge again."
)


@dataclass
class RunningBridge:
    """What a running bridge is made of (tests look inside)."""

    application: Application
    bridge: Bridge
    rasa: RasaClient
    web_url: str
    webhook: bool


@contextlib.asynccontextmanager
async def running_bridge(
    settings: BridgeSettings,
    *,
    webhook: bool = False,
    forget: ForgetFunction = forget_module.forget,
    retry_delay: float = 1.0,
    typing_every: float | None = None,
    poll_interval: float = 0.0,
) -> AsyncIterator[RunningBridge]:
    """Run the bridge until the ``async with`` block ends, then stop it cleanly."""
    rasa = RasaClient(settings.rasa_url, timeout=settings.rasa_timeout, retry_delay=retry_delay)
    bridge = Bridge(rasa, db_url=settings.db_url, forget=forget)
    if typing_every is not None:
        bridge.typing_every = typing_every
    application = build_application(
        token=settings.token, bridge=bridge, api_base_url=settings.api_base_url, webhook=webhook
    )
    await rasa.start()
    runner: web.AppRunner | None = None
    try:
        try:
            await application.initialize()
        except InvalidToken:  # its message holds the token: never show it
            raise SystemExit(REJECTED_TOKEN) from None
        except NetworkError as exc:
            raise SystemExit(
                f"Could not reach Telegram's Bot API ({type(exc).__name__}). "
                "Check the network and try again."
            ) from None
        await application.bot.set_my_commands(commands.bot_commands())
        await application.start()
        runner = web.AppRunner(
            build_web_app(application, rasa, secret=settings.webhook_secret if webhook else None),
            access_log=None,
        )
        await runner.setup()
        site = web.TCPSite(runner, settings.host, settings.port)
        await site.start()
        host, port = runner.addresses[0][:2]
        web_url = f"http://{host}:{port}"
        if webhook:
            await application.bot.set_webhook(
                url=settings.webhook_url or "",
                secret_token=settings.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            logger.info("Telegram bridge ready: webhook on %s/telegram", web_url)
        else:
            assert application.updater is not None
            await application.updater.start_polling(
                allowed_updates=ALLOWED_UPDATES, poll_interval=poll_interval
            )
            logger.info("Telegram bridge ready: polling; health check on %s/health", web_url)
        yield RunningBridge(application, bridge, rasa, web_url, webhook)
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        if runner is not None:
            await runner.cleanup()
        await application.shutdown()
        await rasa.close()


async def serve(settings: BridgeSettings, *, webhook: bool) -> None:
    """Run the bridge until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with running_bridge(settings, webhook=webhook):
        await stop.wait()
    logger.info("Telegram bridge stopped")


def run(settings: BridgeSettings, *, webhook: bool) -> int:
    """``unscripted telegram``'s bridge part: log set up without secrets, then serve."""
    logs.configure(settings.log_level, settings.secrets)
    asyncio.run(serve(settings, webhook=webhook))
    return 0
