"""Send one person's message to the Rasa server's REST channel and get the replies.

One try, and one retry when the server cannot be reached, answers 5xx or is too slow. A
failure raises :class:`RasaUnavailable` and is logged by kind only, never with the message.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/rest/webhook"


class RasaUnavailable(Exception):
    """The Rasa server did not answer usefully; ``reason`` says how, without any text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Retryable(Exception):
    """One attempt failed in a way that a second attempt may not."""


class RasaClient:
    """An aiohttp session to one Rasa server; :meth:`start` before use, :meth:`close` after."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 20.0,
        retries: int = 1,
        retry_delay: float = 1.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.retry_delay = retry_delay
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        """Open the HTTP session (connections are reused across messages)."""
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                connector=aiohttp.TCPConnector(limit=100),
            )

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, sender: str, message: str) -> list[dict[str, Any]]:
        """The bot's replies to ``message`` from ``sender``, or :class:`RasaUnavailable`."""
        attempts = 1 + self.retries
        reason = "not tried"
        for attempt in range(1, attempts + 1):
            try:
                return await self._post(sender, message)
            except _Retryable as exc:
                reason = str(exc)
                logger.warning(
                    "The Rasa server did not answer (attempt %d of %d): %s",
                    attempt, attempts, reason,
                )
            if attempt < attempts:
                await asyncio.sleep(self.retry_delay)
        raise RasaUnavailable(reason)

    async def is_up(self) -> bool:
        """Whether the Rasa server answers its status URL within two seconds."""
        try:
            async with self._require_session().get(
                f"{self.base_url}/", timeout=aiohttp.ClientTimeout(total=2)
            ) as response:
                return response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
            return False

    def _require_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("RasaClient.start() was not called.")
        return self._session

    async def _post(self, sender: str, message: str) -> list[dict[str, Any]]:
        session = self._require_session()
        try:
            async with session.post(
                f"{self.base_url}{WEBHOOK_PATH}", json={"sender": sender, "message": message}
            ) as response:
                if response.status >= 500:
                    raise _Retryable(f"HTTP {response.status}")
                if response.status != 200:
                    raise RasaUnavailable(f"HTTP {response.status}")
                body = await response.json(content_type=None)
        except asyncio.TimeoutError as exc:
            raise _Retryable(f"no answer within {self.timeout:g} s") from exc
        except aiohttp.ClientConnectionError as exc:
            raise _Retryable(f"cannot connect ({type(exc).__name__})") from exc
        except (aiohttp.ClientError, ValueError) as exc:
            raise RasaUnavailable(f"unreadable answer ({type(exc).__name__})") from exc
        if not isinstance(body, list) or not all(isinstance(r, dict) for r in body):
            raise RasaUnavailable("unreadable answer (not a list of replies)")
        return body
