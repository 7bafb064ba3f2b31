"""The slash commands: what each one shows in Telegram's menu and what it does.

A command either sends an intent to Rasa (``payload``, which Rasa reads as that intent,
bypassing NLU) or is answered by the bridge itself (``reply``). ``/forget`` and ``/privacy``
are the bridge's own, because they are about what the bridge and the database keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import BotCommand

from bot.telegram import texts


@dataclass(frozen=True)
class Command:
    """One slash command."""

    name: str
    description: str
    payload: str | None = None
    reply: str | None = None
    #: Text the bridge adds after Rasa's replies.
    then: str | None = None


FORGET = "forget"
PRIVACY = "privacy"

COMMANDS: tuple[Command, ...] = (
    Command("start", "Say hello and begin", payload="/greet"),
    Command("reframe", "Put a hard moment into one sentence", payload="/start_reframe"),
    Command("practice", "Practise a hard conversation before you have it",
            payload="/start_practice"),
    Command("listen", "Practise listening: say back what your partner feels",
            payload="/start_drill"),
    Command("help", "What I can do", payload="/help", then=texts.COMMAND_LIST),
    Command(PRIVACY, "What is stored, where, and for how long", reply=texts.PRIVACY),
    Command(FORGET, "Delete everything stored about you"),
    Command("cancel", "Stop what we're doing", payload="/stop"),
)

BY_NAME = {command.name: command for command in COMMANDS}


def bot_commands() -> list[BotCommand]:
    """The menu Telegram shows next to the message box (for ``set_my_commands``)."""
    return [BotCommand(command.name, command.description) for command in COMMANDS]
