"""The NLU component that reads a message without pasted HTML tags."""

import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.markup_cleaner import MarkupCleaner, without_markup


@pytest.mark.parametrize("marked, plain", [
    ("my husband said <b>man up</b>", "my husband said man up"),
    ("he said <img src=x onerror=alert(1)> and walked off", "he said and walked off"),
    ("<p>she said</p><p>I can handle it</p>", "she said I can handle it"),
    ("she said <A HREF='https://example.org/x'>this</A> is women's work",
     "she said this is women's work"),
    ("line one<br/>line two<br>", "line one line two"),
    ("ok <!-- a note\nover lines --> fine", "ok fine"),
    ("he <span class=\"x\">never</span> cries", "he never cries"),
])
def test_tags_are_replaced_by_a_space(marked: str, plain: str) -> None:
    assert without_markup(marked) == plain


def test_words_in_a_quoted_attribute_are_kept() -> None:
    # An alt or title text may be something the person said (and the safety rules read it).
    assert without_markup('<img alt="he hit me" src="x.png">') == "he hit me"
    assert without_markup('see <a title="he said I am useless" href="/a">') == \
        "see he said I am useless"


@pytest.mark.parametrize("text", [
    "I <3 her so much",
    "a < b and c > d",
    "<- that one",
    "he scored >9000 and <10 in the quiz",
    "no tags here, just words",
    "", "  ",
    "😭 <<>> 😭",
])
def test_what_is_not_a_tag_is_left_alone(text: str) -> None:
    assert without_markup(text) == text


def test_a_message_of_nothing_but_tags_is_left_as_typed() -> None:
    assert without_markup("<br><br/>") == "<br><br/>"


def test_process_changes_only_messages_with_markup() -> None:
    marked, plain = Message({TEXT: "my dad said <i>boys don't cry</i>"}), Message({TEXT: "hi"})
    empty = Message({})
    MarkupCleaner().process([marked, plain, empty])
    assert marked.get(TEXT) == "my dad said boys don't cry"
    assert plain.get(TEXT) == "hi"
    assert empty.get(TEXT) is None


def test_training_data_is_cleaned_the_same_way() -> None:
    data = TrainingData([Message({TEXT: "<b>man up</b>", "intent": "emotional_suppression"})])
    MarkupCleaner().process_training_data(data)
    assert data.training_examples[0].get(TEXT) == "man up"
