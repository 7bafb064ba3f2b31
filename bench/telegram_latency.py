"""How much time the Telegram bridge adds to each message, measured on loopback.

Usage, from the repository root::

    .venv/bin/python bench/telegram_latency.py [--messages 200] [--users 50] [--rounds 4]

The real bridge (PTB Application, handlers, web server) runs in a process of its own, between
the fake Bot API and a fake Rasa that answers at once (tests/bot/telegram/fakes.py), which run
with this driver in another process. What is measured is the bridge's own cost: receiving the
update (a webhook POST, or the long poll handing it over), "typing…", the HTTP round trip to
Rasa, rendering and sendMessage. Rasa's own time (docs/latency.md) comes on top. Prints a
markdown table; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import platform
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as ``python bench/telegram_latency.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import ClientSession

from bot.telegram.service import running_bridge
from bot.telegram.settings import BridgeSettings
from bot.telegram.webhook import SECRET_HEADER
from tests.bot.telegram.fakes import FakeRasa, FakeTelegram
from tests.bot.telegram.harness import SECRET, free_port, settings_for


def _ms(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=20)
    return statistics.median(values) * 1000, cuts[18] * 1000, max(values) * 1000


def _bridge_process(settings: BridgeSettings, webhook: bool, ready: object,
                    stop: object) -> None:
    """The bridge alone, in its own process, until ``stop`` is set."""
    logging.basicConfig(level=logging.ERROR)

    async def serve() -> None:
        async with running_bridge(settings, webhook=webhook):
            ready.set()  # type: ignore[attr-defined]
            await asyncio.get_running_loop().run_in_executor(None, stop.wait)  # type: ignore

    asyncio.run(serve())


async def _round(telegram: FakeTelegram, users: list[int], web_url: str | None,
                 session: ClientSession) -> list[float]:
    """Every person in ``users`` writes one message at the same moment; return the seconds
    from each update's delivery to its reply reaching the fake Bot API."""
    sent_at: dict[int, float] = {}
    replied: dict[int, float] = {}
    seen = len(telegram.calls)

    def all_replied() -> bool:  # looks only at the calls it has not seen yet
        nonlocal seen
        for call in telegram.calls[seen:]:
            if call.method == "sendMessage" and not call.failed:
                replied.setdefault(int(call.params["chat_id"]), call.at)
        seen = len(telegram.calls)
        return all(u in replied for u in users)

    async def deliver(user_id: int) -> None:
        update = telegram.text(user_id, f"message from {user_id}")
        sent_at[user_id] = time.monotonic()
        if web_url is None:
            telegram.push(update)
            return
        async with session.post(f"{web_url}/telegram", json=update,
                                headers={SECRET_HEADER: SECRET}) as response:
            assert response.status == 200

    await asyncio.gather(*(deliver(u) for u in users))
    await telegram.wait_for(all_replied, timeout=120)
    return [replied[u] - sent_at[u] for u in users]


async def _measure_mode(webhook: bool, messages: int, users: int,
                        rounds: int) -> list[tuple[str, str]]:
    mode = "webhook" if webhook else "polling"
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Event(), context.Event()
    async with FakeTelegram() as telegram, FakeRasa() as rasa, ClientSession() as session:
        port = free_port()
        settings = replace(settings_for(telegram, rasa.url, webhook=webhook), port=port)
        process = context.Process(target=_bridge_process, args=(settings, webhook, ready, stop))
        process.start()
        try:
            loop = asyncio.get_running_loop()
            if not await loop.run_in_executor(None, ready.wait, 60):
                raise RuntimeError("the bridge did not start")
            web_url = f"http://127.0.0.1:{port}" if webhook else None
            for _ in range(10):  # warm up connections
                await _round(telegram, [1], web_url, session)
            one = [t for _ in range(messages) for t in await _round(telegram, [1], web_url,
                                                                   session)]
            people = [1000 + u for u in range(users)]
            started = time.monotonic()
            many = [t for _ in range(rounds)
                    for t in await _round(telegram, people, web_url, session)]
            rate = users * rounds / (time.monotonic() - started)
        finally:
            stop.set()
            await loop.run_in_executor(None, process.join, 30)
    p50, p95, worst = _ms(one)
    p50m, p95m, worstm = _ms(many)
    return [
        (f"{mode}: 1 person, {messages} messages one after another, p50 / p95 / max",
         f"{p50:.1f} / {p95:.1f} / {worst:.1f} ms"),
        (f"{mode}: {users} people writing at the same moment, {rounds} rounds, p50 / p95 / max",
         f"{p50m:.0f} / {p95m:.0f} / {worstm:.0f} ms"),
        (f"{mode}: messages per second in those rounds", f"{rate:.0f}"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    rows = []
    for webhook in (True, False):
        rows += asyncio.run(_measure_mode(webhook, args.messages, args.users, args.rounds))
    print(f"Telegram bridge overhead on loopback, {datetime.now(timezone.utc):%Y-%m-%d}, "
          f"{platform.machine()}, Python {platform.python_version()}")
    print(f"`{' '.join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])}`\n")
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
