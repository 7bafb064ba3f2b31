"""'Why do you ask?' in context, and kind replies to unusable input."""

import pytest

from actions.input_check import REPLIES
from actions.interruptions import WHY, WHY_DEFAULT, ActionExplainStep, ActionUnusableInput
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action


@pytest.mark.parametrize("part", ["feeling", "observation", "need", "request"])
def test_why_explains_the_current_step(domain, part):
    tracker = make_tracker(text="why?", intent="ask_why", slots={"requested_slot": part})
    messages, events = run_action(ActionExplainStep(), tracker, domain)
    assert events == []
    assert [m["text"] for m in messages] == [WHY[part]]


def test_why_outside_a_step_gives_the_general_reason(domain):
    tracker = make_tracker(text="why?", intent="ask_why", active_loop=None)
    messages, _ = run_action(ActionExplainStep(), tracker, domain)
    assert [m["text"] for m in messages] == [WHY_DEFAULT]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("", "empty"), ("🙃", "emoji"), ("?", "punctuation"), ("мне грустно", "non_english")],
)
def test_unusable_input_gets_the_reply_for_its_kind(domain, text, kind):
    tracker = make_tracker(text=text, intent="unusable_input")
    messages, events = run_action(ActionUnusableInput(), tracker, domain)
    assert events == []
    assert [m["text"] for m in messages] == [REPLIES[kind]]
