"""Everything the bridge itself says, in one place. Rasa writes everything else."""

from __future__ import annotations

TROUBLE = (
    "I'm having trouble right now, please try again in a minute. "
    "What you've written so far is kept."
)

PRIVACY = (
    "What is stored: the messages you send me here and my answers, and what I note along the "
    "way (the parts of the sentence we work on, and whether you said you feel safe with your "
    "partner). It is filed under your Telegram id number, not your name or username.\n"
    "Where: in the database of whoever runs this bot, on their own server. Whoever runs that "
    "server can read it. Nothing is sent to anyone else: no analytics, no other company. "
    "Telegram carries the messages between us, and keeps this chat on your phone and its "
    "servers under its own rules.\n"
    "How long: until you send /forget. Nothing is deleted automatically.\n"
    "/forget deletes all of it from the bot's database at once. It can't delete this chat "
    "from Telegram: you can do that in the app with \"Delete chat\"."
)

FORGOTTEN = (
    "Done. I've deleted our conversation and everything I stored about you. If you write "
    "again, we start fresh. This chat is still in your Telegram app; you can delete it there "
    "with \"Delete chat\"."
)

FORGET_FAILED = (
    "I couldn't delete your conversation just now, sorry. Nothing was changed. "
    "Please try /forget again in a minute."
)

COMMAND_LIST = (
    "Commands:\n"
    "/start  say hello and begin\n"
    "/reframe  put a hard moment into one sentence\n"
    "/practice  practise a hard conversation before you have it\n"
    "/listen  practise listening: say back what your partner feels\n"
    "/help  what I can do\n"
    "/privacy  what is stored, where, and for how long\n"
    "/forget  delete everything stored about you\n"
    "/cancel  stop what we're doing"
)

UNKNOWN_COMMAND = "I don't know that command. " + COMMAND_LIST

PRIVATE_ONLY = (
    "Hi! I only talk in private chats, so what you share stays between us. "
    "Tap my name and send me a message there."
)

EDITED = (
    "I noticed you edited a message. I can only read new messages, so if something "
    "changed, please send it again as a new message."
)

STALE_BUTTON = "That button has expired. You can type your answer instead."
OTHER_CHAT_BUTTON = "That button isn't for this chat."

#: A text with buttons must say something: Telegram does not send an empty message.
CHOOSE = "You can tap one of these, or type your own answer."

#: What each kind of message the bridge can't read gets, by the Message attribute that holds it.
UNSUPPORTED = {
    "sticker": "Thanks for the sticker! I can only read words, though. "
    "Could you tell me in a few words what's on your mind?",
    "photo": "I can't see pictures, I'm afraid. Could you tell me in words what you "
    "wanted to show me?",
    "voice": "I can't listen to voice messages yet. Could you type what you wanted to say? "
    "A few words are plenty.",
    "video_note": "I can't watch video messages yet. Could you type what you wanted to say?",
    "audio": "I can't listen to audio, I'm afraid. Could you type what you wanted to say?",
    "video": "I can't watch videos, I'm afraid. Could you tell me in words what happened?",
    "animation": "I can't see GIFs, I'm afraid. Could you tell me in words how you feel?",
    "document": "I can't open files, I'm afraid. Could you paste or type the part that "
    "matters into a message?",
    "location": "I don't need your location, and I won't keep it. Tell me in words what's "
    "on your mind.",
    "contact": "I don't need anyone's contact details, and I won't keep them. Tell me in "
    "words what's on your mind.",
}
UNSUPPORTED_OTHER = "I can only read text messages. Could you tell me in words?"
