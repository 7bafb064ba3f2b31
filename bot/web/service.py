"""Run the web server until it is stopped (``unscripted web``)."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.rasa_client import RasaClient
from bot.web.server import build_app
from bot.web.settings import WebSettings

logger = logging.getLogger(__name__)


async def serve(settings: WebSettings, ready: asyncio.Event | None = None) -> None:
    """Serve the demo page, the widget and the API until cancelled."""
    rasa = RasaClient(settings.rasa_url, timeout=settings.rasa_timeout)
    await rasa.start()
    # No access log: addresses and timings of people's messages are nobody's business.
    runner = web.AppRunner(build_app(settings, rasa), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.host, settings.port).start()
        if ready is not None:
            ready.set()
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await rasa.close()


def run(settings: WebSettings) -> int:
    """Serve in the foreground; Ctrl+C stops it."""
    address = f"http://{'127.0.0.1' if settings.host in ('0.0.0.0', '::') else settings.host}"
    print(f"Ready: open {address}:{settings.port}/ in your browser. Stop with Ctrl+C.",
          flush=True)
    try:
        asyncio.run(serve(settings))
    except KeyboardInterrupt:
        pass
    return 0
