"""The Telegram bridge against the real Rasa server and action server: a whole reframing
conversation with inline buttons over the fake Bot API, then /forget, checked in the
tracker store itself."""

from __future__ import annotations

import random
from typing import Callable

import pytest
import sqlalchemy as sa

from bot.telegram import texts
from bot.telegram.handlers import sender_id
from tests.bot.telegram.harness import Harness, harness, run_async
from tests.e2e.conftest import RasaController

pytestmark = pytest.mark.servers

ANSWER_TIMEOUT = 120.0
#: The whole conversation's limit: well above one answer's, so that a reply that never comes
#: fails in ``wait_for`` with the Bot API calls seen so far, not with a bare timeout.
SCENARIO_TIMEOUT = 900.0


async def _exchange(h: Harness, user_id: int, action: Callable[[], object],
                    expect: str) -> list[str]:
    """Do ``action`` (send or tap), wait for a reply containing ``expect`` and for the
    bridge to finish with this person; return every text sent meanwhile."""
    before = len(h.telegram.texts(user_id))
    await action()  # type: ignore[misc]
    processor = h.running.application.update_processor
    try:
        await h.telegram.wait_for(
            lambda: any(expect in t for t in h.telegram.texts(user_id)[before:])
            and processor.active_people() == 0,
            timeout=ANSWER_TIMEOUT,
        )
    except AssertionError as exc:
        raise AssertionError(f"{exc}; waiting for {expect!r}; texts: "
                             f"{h.telegram.texts(user_id)[before:]}; people still in "
                             f"progress: {processor.active_people()}") from None
    return h.telegram.texts(user_id)[before:]


def _keyboard(h: Harness, user_id: int) -> list[str]:
    """The button titles on the bot's latest message in this chat, if it has any."""
    latest = h.telegram.bot_messages(user_id)[-1]
    markup = latest.get("reply_markup") or {"inline_keyboard": []}
    return [b["text"] for row in markup["inline_keyboard"] for b in row]


def _stored_events(db_url: str, sender: str) -> int:
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as connection:
            return int(connection.execute(
                sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalar_one())
    finally:
        engine.dispose()


def test_a_whole_reframing_conversation_with_buttons_then_forget(rasa: RasaController):
    user_id = random.randint(10**8, 10**9)
    sender = sender_id(user_id)
    db_url = rasa.settings.db_url

    @run_async(timeout=SCENARIO_TIMEOUT)
    async def scenario() -> None:
        async with harness(rasa_url=rasa.settings.rasa_url, db_url=db_url,
                           timeout=60.0) as h:
            def say(text: str) -> Callable[[], object]:
                return lambda: h.deliver(h.telegram.text(user_id, text))

            def tap(title: str) -> Callable[[], object]:
                async def press() -> None:
                    message = h.telegram.bot_messages(user_id)[-1]
                    data = next(b["callback_data"]
                                for row in message["reply_markup"]["inline_keyboard"]
                                for b in row if b["text"] == title)
                    await h.deliver(h.telegram.callback(user_id, message, data))
                return press

            # utter_ask_story has two wordings, picked at random; both end like this
            greeting = await _exchange(h, user_id, say("/start"), "in your own words")
            assert "not therapy" in greeting[0] and "emergency" in greeting[0]

            await _exchange(h, user_id, say(
                "my partner looked at their phone the whole time I was telling them about my day"
            ), "Did I get that right?")
            assert _keyboard(h, user_id) == ["Yes, that's it", "Not quite"]
            question = h.telegram.bot_messages(user_id)[-1]

            started = await _exchange(h, user_id, tap("Yes, that's it"), "what did you feel")
            assert any("I feel ___ when ___" in t for t in started)
            assert h.telegram.messages[(user_id, question["message_id"])]["text"].endswith(
                "✓ Yes, that's it")  # the choice shows under the question, keyboard gone
            assert "reply_markup" not in h.telegram.messages[(user_id, question["message_id"])]
            assert h.telegram.called("answerCallbackQuery")

            coached = await _exchange(h, user_id, say("ignored"), "lonely")
            assert coached
            if "lonely" in _keyboard(h, user_id):
                await _exchange(h, user_id, tap("lonely"), "camera")
            else:
                await _exchange(h, user_id, say("lonely"), "camera")

            await _exchange(h, user_id, say(
                "you looked at your phone while I was telling you about my day last night"
            ), "need")
            await _exchange(h, user_id, say("connection"), "do you feel safe with your partner")
            assert _keyboard(h, user_id)[0] == "Yes, I feel safe"
            await _exchange(h, user_id, tap("Yes, I feel safe"), "request")
            assert "Skip" in _keyboard(h, user_id)

            summary = await _exchange(h, user_id, tap("Skip"), "How does it sound?")
            statement = next(t for t in summary if t.startswith("I feel "))
            assert statement.startswith(
                "I feel lonely when you looked at your phone while I was telling you about my "
                "day last night, and I need connection")
            assert "I'm happy with it" in _keyboard(h, user_id)
            assert "Well done" in " ".join(
                await _exchange(h, user_id, tap("I'm happy with it"), "Well done"))

            # Every message went to Rasa as this person's own conversation.
            tracker = rasa.tracker(sender)
            assert tracker["slots"]["feeling"] == "lonely"
            assert _stored_events(db_url, sender) > 0

            assert await _exchange(h, user_id, say("/forget"), "deleted") == [texts.FORGOTTEN]
            assert _stored_events(db_url, sender) == 0  # nothing left in the tracker store
            assert h.running.bridge.remembered(user_id) == 0  # nor in the bridge

    scenario()
    # Rasa's HTTP API sees a new, empty conversation (asking creates a fresh tracker).
    tracker = rasa.tracker(sender)
    assert not [e for e in tracker["events"] if e["event"] in ("user", "bot")]
    assert tracker["slots"]["feeling"] is None and tracker["slots"]["story"] is None
