"""What the bridge does with each kind of update.

Private chats are conversations: text, commands and button taps go to Rasa as the person's
own conversation (sender id ``telegram-<user id>``), and every reply comes back. Everything
else gets a short friendly explanation and never reaches Rasa: stickers, photos, voice notes,
edited messages, group chats and channel posts.

Rasa's tracker owns the dialogue state; the bridge keeps only what a button needs (see
``payloads``) and forgets it with the conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections import OrderedDict
from typing import AsyncIterator, Callable

from telegram import (
    Bot,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot import forget as forget_module
from bot.telegram import commands, render, texts
from bot.telegram.payloads import CallbackPayloads
from bot.rasa_client import RasaClient, RasaUnavailable

logger = logging.getLogger(__name__)

SENDER_PREFIX = "telegram-"
#: How the person's choice is shown under the question once a button is tapped.
CHOSEN = "\n\n✓ {title}"
#: Telegram shows "typing…" for about five seconds; renew it a little sooner.
TYPING_EVERY = 4.0
TYPING_GRACE = 1.0
MAX_REMEMBERED = 10_000

ForgetFunction = Callable[..., int]
Context = ContextTypes.DEFAULT_TYPE


def sender_id(user_id: int) -> str:
    """The Rasa conversation id of one Telegram user: one conversation per person."""
    return f"{SENDER_PREFIX}{user_id}"


def _seconds(value: int | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class _Bounded:
    """A set that keeps only its newest entries."""

    def __init__(self, limit: int = MAX_REMEMBERED) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[int, int], None] = OrderedDict()

    def add(self, item: tuple[int, int]) -> None:
        self._items[item] = None
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def drop_chat(self, chat_id: int) -> None:
        for item in [i for i in self._items if i[0] == chat_id]:
            del self._items[item]

    def count(self, chat_id: int) -> int:
        return sum(1 for item in self._items if item[0] == chat_id)


class Bridge:
    """The handlers, sharing one Rasa client and the little state buttons need."""

    def __init__(
        self,
        rasa: RasaClient,
        *,
        db_url: str,
        forget: ForgetFunction = forget_module.forget,
        payloads: CallbackPayloads | None = None,
        typing_every: float = TYPING_EVERY,
    ) -> None:
        self.rasa = rasa
        self.db_url = db_url
        self._forget = forget
        self.payloads = payloads or CallbackPayloads()
        self.typing_every = typing_every
        self._used_keyboards = _Bounded()  # (chat id, message id) of keyboards already tapped
        self._told_channels = _Bounded()  # (chat id, 0): channels already told "private only"

    # ---- private chats -------------------------------------------------------------------

    async def on_text(self, update: Update, context: Context) -> None:
        """A text message in a private chat: Rasa's replies to it."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        await self.converse(context.bot, message.chat_id, user.id, message.text)

    async def on_command(self, update: Update, context: Context) -> None:
        """One of the slash commands in ``commands``."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        name = message.text.split()[0][1:].split("@")[0].lower()
        command = commands.BY_NAME.get(name)
        if command is None:
            await self.on_unknown_command(update, context)
            return
        if command.name == commands.FORGET:
            await self.forget_person(context, message.chat_id, user.id)
            return
        if command.reply is not None:
            await self.say(context.bot, message.chat_id, command.reply)
        if command.payload is not None:
            await self.converse(context.bot, message.chat_id, user.id, command.payload)
        if command.then is not None:
            await self.say(context.bot, message.chat_id, command.then)

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        """A slash command the bridge does not know: the list of those it does."""
        if update.effective_chat is not None:
            await self.say(context.bot, update.effective_chat.id, texts.UNKNOWN_COMMAND)

    async def on_callback(self, update: Update, context: Context) -> None:
        """A tapped button: answer the tap, show the choice, send its payload to Rasa."""
        query = update.callback_query
        if query is None:
            return
        chat = query.message.chat if query.message is not None else None
        if chat is None or chat.type != Chat.PRIVATE:
            await self._answer(query, texts.OTHER_CHAT_BUTTON)
            return
        payload = self.payloads.decode(chat.id, query.data)
        keyboard = (chat.id, query.message.message_id) if query.message is not None else None
        if payload is None:
            await self._answer(query, texts.STALE_BUTTON)
            return
        if keyboard is not None and keyboard in self._used_keyboards:
            await self._answer(query, None)  # a second tap on an answered question
            return
        await self._answer(query, None)
        if keyboard is not None:
            self._used_keyboards.add(keyboard)
        await self._show_choice(query)
        await self.converse(context.bot, chat.id, query.from_user.id, payload)

    async def on_edited(self, update: Update, context: Context) -> None:
        """An edited message: Rasa cannot take it back, so ask for a new message."""
        chat = update.effective_chat
        if chat is None:
            return
        if chat.type != Chat.PRIVATE:
            await self.on_not_private(update, context)
            return
        await self.say(context.bot, chat.id, texts.EDITED)

    async def on_unsupported(self, update: Update, context: Context) -> None:
        """A sticker, photo, voice note... in a private chat: a kind word about text."""
        message = update.effective_message
        if message is None:
            return
        kind = next((k for k in texts.UNSUPPORTED if getattr(message, k, None)), None)
        text = texts.UNSUPPORTED[kind] if kind else texts.UNSUPPORTED_OTHER
        await self.say(context.bot, message.chat_id, text)

    async def on_service_message(self, update: Update, context: Context) -> None:
        """Pins, title changes and the like in a private chat: nothing to say."""

    # ---- not a private chat --------------------------------------------------------------

    async def on_not_private(self, update: Update, context: Context) -> None:
        """A group: "I only talk in private chats", to messages meant for the bot.

        Meant for the bot: a command, a mention, a reply to the bot, or adding the bot. The
        rest of the group's talk (which the bot sees only if its privacy mode was turned off)
        gets no answer.
        """
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None:
            return
        bot_id = context.bot.id
        if message.new_chat_members:
            meant = any(member.id == bot_id for member in message.new_chat_members)
        else:
            text = (message.text or message.caption or "").lower()
            username = (context.bot.username or "").lower()
            replied_to = message.reply_to_message
            meant = (
                text.startswith("/")
                or bool(username and f"@{username}" in text)
                or (replied_to is not None and replied_to.from_user is not None
                    and replied_to.from_user.id == bot_id)
            )
        if meant:
            await self.say(context.bot, chat.id, texts.PRIVATE_ONLY)

    async def on_channel_post(self, update: Update, context: Context) -> None:
        """A channel post: say once per channel that the bot only talks in private chats."""
        chat = update.effective_chat
        if chat is None or (chat.id, 0) in self._told_channels:
            return
        self._told_channels.add((chat.id, 0))
        await self.say(context.bot, chat.id, texts.PRIVATE_ONLY)

    # ---- errors --------------------------------------------------------------------------

    async def on_error(self, update: object, context: Context) -> None:
        """Log the kind of error (never the update: it holds what the person wrote) and tell
        the person something went wrong, in a private chat."""
        error = context.error
        logger.error("Could not handle an update: %s", type(error).__name__)
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is not None and chat.type == Chat.PRIVATE:
            with contextlib.suppress(Exception):
                await self.say(context.bot, chat.id, texts.TROUBLE)

    # ---- the work ------------------------------------------------------------------------

    async def converse(self, bot: Bot, chat_id: int, user_id: int, text: str) -> None:
        """Send ``text`` to Rasa as this person and every reply back, typing meanwhile."""
        started = time.monotonic()
        try:
            async with self.typing(bot, chat_id):
                replies = await self.rasa.send(sender_id(user_id), text)
        except RasaUnavailable as exc:
            logger.error("The Rasa server could not answer a message: %s", exc.reason)
            await self.say(bot, chat_id, texts.TROUBLE)
            return
        messages = render.from_rasa(replies)
        for message in messages:
            await self.send(bot, chat_id, message)
        logger.info(
            "Answered a message with %d replies in %.2f s",
            len(messages), time.monotonic() - started,
        )

    async def forget_person(self, context: Context, chat_id: int, user_id: int) -> None:
        """/forget: delete the person's conversation and everything the bridge keeps."""
        try:
            deleted = await asyncio.to_thread(
                self._forget, sender_id=sender_id(user_id), db_url=self.db_url
            )
        except Exception as exc:  # noqa: BLE001 - the database is down, say: nothing deleted
            logger.error("Could not forget a conversation: %s", type(exc).__name__)
            await self.say(context.bot, chat_id, texts.FORGET_FAILED)
            return
        self.payloads.forget(chat_id)
        self._used_keyboards.drop_chat(chat_id)
        context.application.drop_user_data(user_id)
        context.application.drop_chat_data(chat_id)
        logger.info("Forgot a conversation on request: %d stored events deleted", deleted)
        await self.say(context.bot, chat_id, texts.FORGOTTEN)

    def remembered(self, chat_id: int) -> int:
        """How many things the bridge keeps in memory about one chat (for tests)."""
        return self.payloads.count(chat_id) + self._used_keyboards.count(chat_id)

    @contextlib.asynccontextmanager
    async def typing(self, bot: Bot, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" now and every few seconds until the block ends.

        The loop is stopped by an event, not only by cancelling it: a cancellation that lands
        inside PTB's HTTP request can come back as a NetworkError, which the loop ignores.
        """
        stop = asyncio.Event()

        async def keep_typing() -> None:
            while not stop.is_set():
                with contextlib.suppress(TelegramError):
                    await bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.typing_every)

        task = asyncio.create_task(keep_typing())
        try:
            yield
        finally:
            stop.set()
            # Let a chat action in flight land before the reply, so "typing…" does not
            # show again after it; never wait long for it.
            done, _ = await asyncio.wait({task}, timeout=TYPING_GRACE)
            if not done:
                task.cancel()

    async def say(self, bot: Bot, chat_id: int, text: str) -> None:
        """Send the bridge's own text (split if it had to be)."""
        for message in render.from_rasa([{"text": text}]):
            await self.send(bot, chat_id, message)

    async def send(self, bot: Bot, chat_id: int, message: render.Outgoing) -> None:
        """Send one message as plain text, its buttons as an inline keyboard.

        Telegram's flood control (429) is waited out once; a person who blocked the bot
        is skipped.
        """
        markup = self.keyboard(chat_id, message.buttons)
        for attempt in (1, 2):
            try:
                await bot.send_message(chat_id=chat_id, text=message.text, reply_markup=markup)
                return
            except RetryAfter as exc:
                if attempt == 2:
                    raise
                await asyncio.sleep(_seconds(exc.retry_after))
            except Forbidden:
                logger.info("A person has blocked the bot; a reply was dropped")
                return

    def keyboard(
        self, chat_id: int, buttons: tuple[render.Button, ...]
    ) -> InlineKeyboardMarkup | None:
        """The inline keyboard for ``buttons``, each carrying its payload as callback data."""
        if not buttons:
            return None
        return InlineKeyboardMarkup([
            [InlineKeyboardButton(b.title, callback_data=self.payloads.encode(chat_id, b.payload))
             for b in row]
            for row in render.keyboard_rows(buttons)
        ])

    async def _answer(self, query: CallbackQuery, text: str | None) -> None:
        with contextlib.suppress(TelegramError):
            await query.answer(text=text)

    async def _show_choice(self, query: CallbackQuery) -> None:
        """Take the keyboard away and show the tapped choice under the question."""
        message = query.message
        if not isinstance(message, Message) or message.reply_markup is None:
            return
        title = next(
            (button.text for row in message.reply_markup.inline_keyboard for button in row
             if button.callback_data == query.data),
            None,
        )
        original = message.text or ""
        with contextlib.suppress(BadRequest, TelegramError):
            shown = original + CHOSEN.format(title=title) if title and original else ""
            if shown and render.telegram_length(shown) <= render.MAX_MESSAGE:
                await query.edit_message_text(text=shown, reply_markup=None)
            else:
                await query.edit_message_reply_markup(reply_markup=None)
