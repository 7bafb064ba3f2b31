"""Commands to stop, told apart from sentences that only contain the word."""

import pytest

from actions.commands import is_stop_command


@pytest.mark.parametrize("text", [
    "stop", "Stop.", "stop it", "please stop", "cancel", "quit", "pause", "end",
    "enough for now", "I want to stop", "let's stop here", "can we stop please", "I'm done",
    "not now", "stop asking me questions", "that's enough for today", "I need a break",
    "can we pause this", "stop the questions", "I don't want to do this anymore",
])
def test_commands_to_the_assistant(text):
    assert is_stop_command(text)


@pytest.mark.parametrize("text", [
    "stop being so mean", "stop ignoring me", "stop yelling", "he told me to stop crying",
    "stop leaving your dishes in the sink", "my wife told me to stop complaining",
    "i asked him to stop and he just kept going", "stop making plans without asking me",
    "she said stop being so needy", "stop checking your phone when i talk",
    "Would you be willing to stop interrupting me?", "",
])
def test_requests_and_stories_that_use_the_word(text):
    assert not is_stop_command(text)
