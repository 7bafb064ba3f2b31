"""Rasa's REST replies turned into what the widget renders: text, buttons, a statement flag.

Rasa sends a message's buttons with its text, and a marked message (``statement: true``,
set by ``action_summarize``) for the composed "I feel … when …, and I need …" statement.
Anything else Rasa might send (images, custom JSON) has no place in this widget and is left
out. Everything stays text: the widget never renders HTML.
"""

from __future__ import annotations

from typing import Any, Iterable, TypedDict


class Button(TypedDict):
    """A reply button: what it says and what it sends."""

    title: str
    payload: str


class WidgetMessage(TypedDict, total=False):
    """One bot message for the widget."""

    text: str
    buttons: list[Button]
    statement: bool


def _buttons(raw: Any) -> list[Button]:
    buttons: list[Button] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        title, payload = item.get("title"), item.get("payload")
        if isinstance(title, str) and title.strip() and isinstance(payload, str) and payload:
            buttons.append({"title": title, "payload": payload})
    return buttons


def to_widget(replies: Iterable[dict[str, Any]]) -> list[WidgetMessage]:
    """The widget's messages for Rasa's replies, in order; empty ones are dropped."""
    messages: list[WidgetMessage] = []
    for reply in replies:
        text = reply.get("text")
        text = text if isinstance(text, str) else ""
        buttons = _buttons(reply.get("buttons")) + _buttons(reply.get("quick_replies"))
        if not text.strip() and not buttons:
            continue
        message: WidgetMessage = {"text": text}
        if buttons:
            message["buttons"] = buttons
        if reply.get("statement") is True and text.strip():
            message["statement"] = True
        messages.append(message)
    return messages
