"""The real PTB Application, polling the fake Bot API, with a fake Rasa: what each kind of
update does, and what it must not do."""

from __future__ import annotations

import sqlalchemy as sa

from bot.telegram import texts
from bot.telegram.commands import COMMANDS
from tests.bot.telegram.fakes import BOT_ID
from tests.bot.telegram.harness import harness, run_async

ALEX = 1001


def _buttons(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"title": title, "payload": payload} for title, payload in pairs]


async def _reflect(sender: str, message: str) -> list[dict]:
    """A tiny Rasa: a question with buttons, then an answer per payload."""
    if message == "my story":
        return [{"text": "It sounds like it hurt."},
                {"text": "Did I get that right?",
                 "buttons": _buttons(("Yes, that's it", "/affirm"), ("Not quite", "/deny"))}]
    if message == "long buttons":
        return [{"text": "Which part?", "buttons": _buttons(
            ("Change what happened", '/change_part{"part": "observation", "why": "'
             + "because " * 10 + '"}'))}]
    return [{"text": f"you chose {message}"}]


@run_async
async def test_start_greets_through_rasa_and_the_menu_is_registered():
    async with harness() as h:
        replies = await h.say(ALEX, "/start")
        assert replies == [f"telegram-{ALEX} said: /greet"]
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["/greet"]
        registered = h.telegram.called("setMyCommands")
        assert len(registered) == 1
        assert [c["command"] for c in registered[0].params["commands"]] == [
            "start", "reframe", "practice", "listen", "help", "privacy", "forget", "cancel"]
        assert all(c["description"] for c in registered[0].params["commands"])


@run_async
async def test_commands_send_their_intent_or_answer_locally():
    async with harness() as h:
        for command in ("/reframe", "/cancel", "/start@unscripted_test_bot", "/practice",
                        "/listen"):
            await h.say(ALEX, command)
        assert h.rasa.messages_from(f"telegram-{ALEX}") == [
            "/start_reframe", "/stop", "/greet", "/start_practice", "/start_drill"]

        privacy = await h.say(ALEX, "/privacy")
        assert privacy == [texts.PRIVACY]
        assert "until you send /forget" in privacy[0] and "Nothing is deleted automatically" \
            in privacy[0]
        assert await h.say(ALEX, "/nonsense") == [texts.UNKNOWN_COMMAND]
        assert len(h.rasa.requests) == 5  # none of the last three went to Rasa


@run_async
async def test_help_is_rasas_help_then_the_command_list():
    async with harness() as h:
        replies = await h.say(ALEX, "/help", replies=2)
        assert replies == [f"telegram-{ALEX} said: /help", texts.COMMAND_LIST]
        for command in COMMANDS:
            assert f"/{command.name}" in texts.COMMAND_LIST


@run_async
async def test_text_is_forwarded_and_replies_keep_their_line_breaks_as_plain_text():
    reply = "Here are some, in groups:\nHurt: sad, lonely\n<b>Scared</b>: *anxious*"

    async def rasa(sender: str, message: str) -> list[dict]:
        return [{"text": reply}, {"text": "Which group comes closest?"}]

    async with harness(replier=rasa) as h:
        replies = await h.say(ALEX, "I don't know what I feel", replies=2)
        assert replies == [reply, "Which group comes closest?"]
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["I don't know what I feel"]
        for call in h.telegram.called("sendMessage"):
            assert "parse_mode" not in call.params  # nothing is read as HTML or Markdown


@run_async
async def test_typing_shows_while_rasa_thinks():
    async def slow(sender: str, message: str) -> list[dict]:
        import asyncio
        await asyncio.sleep(0.7)
        return [{"text": "done"}]

    async with harness(replier=slow) as h:
        await h.say(ALEX, "hello")
        methods = [c.method for c in h.telegram.calls if c.method in
                   ("sendChatAction", "sendMessage")]
        assert methods[-1] == "sendMessage"
        assert methods.count("sendChatAction") >= 3  # at once, then every 0.2 s in this test
        typing = h.telegram.called("sendChatAction")
        assert {(int(c.params["chat_id"]), c.params["action"]) for c in typing} == {
            (ALEX, "typing")}
        count = len(typing)
        import asyncio
        await asyncio.sleep(0.5)
        assert len(h.telegram.called("sendChatAction")) == count  # stopped with the reply


@run_async
async def test_buttons_become_an_inline_keyboard_and_a_tap_sends_the_payload():
    async with harness(replier=_reflect) as h:
        await h.say(ALEX, "my story", replies=2)
        question = h.telegram.called("sendMessage")[-1].params
        assert question["text"] == "Did I get that right?"
        assert question["reply_markup"] == {"inline_keyboard": [[
            {"text": "Yes, that's it", "callback_data": "p:/affirm"},
            {"text": "Not quite", "callback_data": "p:/deny"}]]}
        assert "reply_markup" not in h.telegram.called("sendMessage")[0].params

        assert await h.tap(ALEX, "Yes, that's it") == ["you chose /affirm"]
        answered = h.telegram.called("answerCallbackQuery")
        assert len(answered) == 1 and "text" not in answered[0].params
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["my story", "/affirm"]
        shown = h.telegram.bot_messages(ALEX)[1]
        assert shown["text"] == "Did I get that right?\n\n✓ Yes, that's it"
        assert "reply_markup" not in shown  # the keyboard is gone once answered


@run_async
async def test_a_second_tap_on_an_answered_keyboard_is_answered_but_not_sent():
    async with harness(replier=_reflect) as h:
        await h.say(ALEX, "my story", replies=2)
        message = h.telegram.bot_messages(ALEX)[1]
        await h.tap(ALEX, "Yes, that's it")
        await h.deliver(h.telegram.callback(ALEX, message, "p:/deny"))
        await h.telegram.wait_for(lambda: len(h.telegram.called("answerCallbackQuery")) == 2)
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["my story", "/affirm"]


@run_async
async def test_a_payload_over_64_bytes_is_kept_and_sent_whole():
    async with harness(replier=_reflect) as h:
        await h.say(ALEX, "long buttons")
        data = h.telegram.called("sendMessage")[-1].params["reply_markup"]["inline_keyboard"][0][
            0]["callback_data"]
        assert data.startswith("k:") and len(data.encode()) <= 64
        await h.tap(ALEX, "Change what happened")
        assert h.rasa.messages_from(f"telegram-{ALEX}")[-1].startswith(
            '/change_part{"part": "observation", "why": "because because')
        assert h.rasa.messages_from(f"telegram-{ALEX}")[-1].endswith('"}')


@run_async
async def test_an_expired_button_is_answered_kindly_and_not_sent():
    async with harness(replier=_reflect) as h:
        await h.say(ALEX, "my story", replies=2)
        message = h.telegram.bot_messages(ALEX)[1]
        await h.deliver(h.telegram.callback(ALEX, message, "k:0123456789abcdef"))
        await h.telegram.wait_for(lambda: bool(h.telegram.called("answerCallbackQuery")))
        assert h.telegram.called("answerCallbackQuery")[0].params["text"] == texts.STALE_BUTTON
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["my story"]


MEDIA = {
    "sticker": {"sticker": {"file_id": "s", "file_unique_id": "su", "type": "regular",
                            "width": 512, "height": 512, "is_animated": False,
                            "is_video": False, "emoji": "😢"}},
    "photo": {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}],
              "caption": "look at this"},
    "voice": {"voice": {"file_id": "v", "file_unique_id": "vu", "duration": 4}},
    "video_note": {"video_note": {"file_id": "n", "file_unique_id": "nu", "length": 240,
                                  "duration": 3}},
    "document": {"document": {"file_id": "d", "file_unique_id": "du", "file_name": "x.pdf"}},
    "location": {"location": {"latitude": 51.5, "longitude": -0.12}},
    "dice": {"dice": {"emoji": "🎲", "value": 3}},
}


@run_async
async def test_stickers_photos_voice_notes_and_more_get_a_friendly_word_and_reach_no_one():
    async with harness() as h:
        for kind, content in MEDIA.items():
            before = len(h.telegram.texts(ALEX))
            await h.deliver(h.telegram.media(ALEX, **content))
            reply = (await h.telegram.wait_texts(ALEX, before + 1))[-1]
            expected = texts.UNSUPPORTED.get(kind, texts.UNSUPPORTED_OTHER)
            assert reply == expected, kind
        assert "sticker" in texts.UNSUPPORTED["sticker"]
        assert h.rasa.requests == []
        # ...while a text right after still reaches Rasa
        assert await h.say(ALEX, "ok, in words") == [f"telegram-{ALEX} said: ok, in words"]


@run_async
async def test_an_edited_message_is_explained_and_not_sent_again():
    async with harness() as h:
        await h.say(ALEX, "first version")
        await h.deliver(h.telegram.edited(ALEX, "second version"))
        assert (await h.telegram.wait_texts(ALEX, 2))[-1] == texts.EDITED
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["first version"]


@run_async
async def test_groups_and_channels_are_told_the_bot_talks_only_in_private():
    group, channel = -100123, -100999
    async with harness() as h:
        for text in ("/start", "/forget", "hey @Unscripted_Test_Bot are you there"):
            before = len(h.telegram.texts(group))
            await h.deliver(h.telegram.group_text(group, ALEX, text))
            assert (await h.telegram.wait_texts(group, before + 1))[-1] == texts.PRIVATE_ONLY
        reply_to_bot = h.telegram.group_text(group, ALEX, "thanks")
        reply_to_bot["message"]["reply_to_message"] = h.telegram.bot_messages(group)[-1]
        await h.deliver(reply_to_bot)
        assert await h.telegram.wait_texts(group, 4)
        await h.deliver(h.telegram.group_text(-100124, ALEX, "/help", chat_type="supergroup"))
        assert await h.telegram.wait_texts(-100124, 1) == [texts.PRIVATE_ONLY]

        # the group's own talk, not meant for the bot, gets no answer
        await h.deliver(h.telegram.group_text(group, ALEX, "see you all at dinner"))
        await h.deliver(h.telegram.group_text(group, ALEX, "mail me at sam@example.org"))
        for _ in range(3):
            await h.deliver(h.telegram.channel_post(channel, "news of the day"))
        await h.say(ALEX, "private hello")  # everything before it has been handled by now
        await h.telegram.wait_for(
            lambda: h.running.application.update_processor.active_people() == 0)
        assert len(h.telegram.texts(group)) == 4
        assert h.telegram.texts(channel) == [texts.PRIVATE_ONLY]  # once, not per post
        assert h.rasa.requests == [{"sender": f"telegram-{ALEX}", "message": "private hello"}]
        assert h.telegram.texts(ALEX) == [f"telegram-{ALEX} said: private hello"]


@run_async
async def test_being_added_to_a_group_is_answered_and_other_joins_are_not():
    group = -100555
    async with harness() as h:
        bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "Unscripted"}
        someone = {"id": 77, "is_bot": False, "first_name": "Sam"}
        chat = {"id": group, "type": "group", "title": "Friends"}
        await h.deliver(h.telegram._update(message=h.telegram._message(
            chat, someone, new_chat_members=[someone])))
        await h.deliver(h.telegram._update(message=h.telegram._message(
            chat, someone, new_chat_members=[bot_user])))
        assert await h.telegram.wait_texts(group, 1) == [texts.PRIVATE_ONLY]
        await h.say(ALEX, "sync")
        assert h.telegram.texts(group) == [texts.PRIVATE_ONLY]


@run_async
async def test_a_5000_character_reply_arrives_as_two_messages_split_at_a_sentence():
    sentence = "Feelings are information about what we need, and they pass. "
    long_reply = (sentence * 84).strip()[:5000]  # 5,000 characters, the last sentence cut

    async def rasa(sender: str, message: str) -> list[dict]:
        return [{"text": long_reply, "buttons": _buttons(("Ok", "/affirm"))}]

    async with harness(replier=rasa) as h:
        parts = await h.say(ALEX, "tell me everything", replies=2)
        assert len(long_reply) == 5000
        assert all(len(p) <= 4096 for p in parts)
        assert parts[0].endswith("they pass.") and parts[1].startswith("Feelings are")
        assert " ".join(parts) == long_reply
        sent = h.telegram.called("sendMessage")
        assert "reply_markup" not in sent[0].params and "reply_markup" in sent[1].params


@run_async
async def test_forget_deletes_the_conversation_and_what_the_bridge_kept(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = sa.create_engine(db_url)
    with engine.begin() as c:
        c.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT)"))
        c.execute(sa.text("INSERT INTO events (sender_id) VALUES (:a), (:a), (:b)"),
                  {"a": f"telegram-{ALEX}", "b": "telegram-2002"})

    async with harness(replier=_reflect, db_url=db_url) as h:
        await h.say(ALEX, "long buttons")
        assert h.running.bridge.remembered(ALEX) == 1  # the long payload behind a button
        assert await h.say(ALEX, "/forget") == [texts.FORGOTTEN]
        assert h.running.bridge.remembered(ALEX) == 0
        assert h.rasa.messages_from(f"telegram-{ALEX}") == ["long buttons"]  # not /forget
        assert ALEX not in h.running.application.user_data
        assert ALEX not in h.running.application.chat_data

    with engine.begin() as c:
        left = [r[0] for r in c.execute(sa.text("SELECT sender_id FROM events"))]
    engine.dispose()
    assert left == ["telegram-2002"]  # only the other person's conversation is left


@run_async
async def test_forget_says_so_when_it_could_not_delete():
    def broken(*, sender_id: str, db_url: str) -> int:
        raise OSError("database unreachable")

    async with harness(forget=broken) as h:
        assert await h.say(ALEX, "/forget") == [texts.FORGET_FAILED]


@run_async
async def test_a_button_tapped_outside_a_private_chat_is_answered_and_not_sent():
    async with harness() as h:
        group_message = {"message_id": 5, "date": 0, "text": "question?",
                         "chat": {"id": -100777, "type": "group", "title": "Friends"}}
        await h.deliver(h.telegram.callback(ALEX, group_message, "p:/affirm"))
        await h.telegram.wait_for(lambda: bool(h.telegram.called("answerCallbackQuery")))
        assert h.telegram.called("answerCallbackQuery")[0].params["text"] == \
            texts.OTHER_CHAT_BUTTON
        assert h.rasa.requests == []
