"""Rasa's REST replies turned into Telegram messages (pure functions, no I/O).

- Text and its buttons become one message with an inline keyboard. Rasa may send the
  buttons in a reply of their own after the text: they are joined to that text.
- A text longer than Telegram's 4096 characters is split at paragraph, line or sentence
  boundaries (words only if a sentence is longer than a message; never inside a word unless
  one word is); the keyboard goes on the last part.
- Text is sent as it is, line breaks included, with no parse mode: nothing in it is read as
  Markdown or HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from bot.telegram import texts

#: Telegram's limit for one message, counted in UTF-16 code units.
MAX_MESSAGE = 4096
#: Buttons share a row while their titles add up to at most this many characters.
ROW_CHARS = 24
MAX_PER_ROW = 3


@dataclass(frozen=True)
class Button:
    """One choice: what the button shows and what is sent to Rasa when it is tapped."""

    title: str
    payload: str


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message: its text and the buttons under it."""

    text: str
    buttons: tuple[Button, ...] = ()


def telegram_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (an emoji can count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _buttons(raw: Any) -> tuple[Button, ...]:
    if not isinstance(raw, list):
        return ()
    buttons = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        title = str(item.get("title") or item.get("payload") or "").strip()
        payload = str(item.get("payload") or item.get("title") or "").strip()
        if title and payload:
            buttons.append(Button(title=title, payload=payload))
    return tuple(buttons)


def _reply_text(reply: dict[str, Any]) -> str:
    parts = []
    text = reply.get("text")
    if isinstance(text, str) and text.strip():
        parts.append(text)
    image = reply.get("image")
    if isinstance(image, str) and image.strip():
        parts.append(image.strip())
    return "\n".join(parts)


def from_rasa(replies: Iterable[dict[str, Any]]) -> list[Outgoing]:
    """Rasa's replies as Telegram messages, each within Telegram's length limit."""
    merged: list[Outgoing] = []
    for reply in replies:
        text = _reply_text(reply)
        buttons = _buttons(reply.get("buttons"))
        if not text and not buttons:
            continue  # e.g. a "custom" payload Telegram cannot show
        if not text:
            if merged and not merged[-1].buttons:
                merged[-1] = Outgoing(merged[-1].text, buttons)
            else:
                merged.append(Outgoing(texts.CHOOSE, buttons))
            continue
        merged.append(Outgoing(text, buttons))
    messages: list[Outgoing] = []
    for message in merged:
        parts = [p.strip() for p in split_text(message.text)]
        parts = [p for p in parts if p] or [texts.CHOOSE]
        messages.extend(Outgoing(part) for part in parts[:-1])
        messages.append(Outgoing(parts[-1], message.buttons))
    return messages


# Where a cut may go, best first: after a blank line, after a line break, after the end of a
# sentence (with any closing quote or bracket), after any whitespace.
_BOUNDARIES = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def _longest_prefix(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` UTF-16 code units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut ``text`` into parts that fit in ``limit`` UTF-16 units, at the best boundary.

    The parts, joined, are exactly ``text``: each cut keeps the whitespace that follows it at
    the end of the earlier part (so nothing is lost and line breaks stay where they were).
    Each part fits once that trailing whitespace is stripped, as Telegram does anyway.
    """
    parts: list[str] = []
    rest = text
    while telegram_length(rest.rstrip()) > limit:
        fits = _longest_prefix(rest, limit)
        cut = 0
        for boundary in _BOUNDARIES:
            ends = [m.end() for m in boundary.finditer(rest, 0, fits + 1) if 0 < m.start() <= fits]
            if ends:
                cut = ends[-1]
                break
        if cut == 0:
            cut = fits  # one "word" longer than a message: cut it where it must be cut
        parts.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        parts.append(rest)
    return parts


def keyboard_rows(buttons: Sequence[Button]) -> list[list[Button]]:
    """Buttons in rows: short titles share a row (up to three), long ones get their own."""
    rows: list[list[Button]] = []
    for button in buttons:
        row = rows[-1] if rows else None
        if (
            row is not None
            and len(row) < MAX_PER_ROW
            and sum(len(b.title) for b in row) + len(button.title) <= ROW_CHARS
        ):
            row.append(button)
        else:
            rows.append([button])
    return rows
