"""Rasa's replies become the widget's messages: text, buttons, the statement mark, nothing else."""

from __future__ import annotations

from bot.web.replies import to_widget


def test_text_buttons_and_the_statement_mark_are_kept_in_order():
    replies = [
        {"recipient_id": "web-1", "text": "First\nsecond line"},
        {"text": "I feel hurt when…", "statement": True},
        {"text": "Pick one", "buttons": [{"title": "Yes", "payload": "/affirm"}],
         "quick_replies": [{"title": "No", "payload": "/deny"}]},
    ]
    assert to_widget(replies) == [
        {"text": "First\nsecond line"},
        {"text": "I feel hurt when…", "statement": True},
        {"text": "Pick one", "buttons": [{"title": "Yes", "payload": "/affirm"},
                                         {"title": "No", "payload": "/deny"}]},
    ]


def test_what_the_widget_cannot_show_is_left_out():
    replies = [
        {"image": "https://example.org/x.png"},
        {"custom": {"anything": 1}},
        {"text": "   "},
        {"text": None, "buttons": "not a list"},
        {"text": "ok", "buttons": [{"title": "no payload"}, "junk", {"title": 3, "payload": "/x"}]},
    ]
    assert to_widget(replies) == [{"text": "ok"}]


def test_only_a_true_mark_on_a_real_text_makes_a_statement():
    replies = [{"text": "a", "statement": "yes"}, {"text": "b", "statement": 1},
               {"text": "", "statement": True, "buttons": [{"title": "B", "payload": "/b"}]}]
    assert [m.get("statement") for m in to_widget(replies)] == [None, None, None]


def test_buttons_alone_still_make_a_message():
    assert to_widget([{"buttons": [{"title": "Go", "payload": "/go"}]}]) == [
        {"text": "", "buttons": [{"title": "Go", "payload": "/go"}]}
    ]
