"""The taxonomy and how the assistant talks about each script."""

import re

from actions.scripts import DETECT_THRESHOLD, SCRIPTS, all_scripts, get


def test_the_six_names_in_order():
    assert SCRIPTS == (
        "emotional_suppression", "caretaker_expectation", "provider_pressure",
        "competence_dismissal", "labor_division", "leadership_career",
    )
    assert list(all_scripts()) == list(SCRIPTS)


def test_each_script_is_named_and_explained_in_two_sentences():
    for key in SCRIPTS:
        script = get(key)
        assert script.name.startswith("the ") and script.name.endswith("script")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", script.explanation) if s]
        assert len(sentences) == 2, (key, sentences)
        assert 2 <= len(script.needs) <= 5
        assert script.patterns


def test_explanations_do_not_tell_the_person_what_they_feel():
    for script in all_scripts().values():
        assert not re.search(r"\byou (feel|are feeling|felt)\b", script.explanation, re.I)


def test_unknown_names():
    assert get("share_story") is None
    assert get("") is None


def test_threshold_is_a_probability():
    assert 0.0 < DETECT_THRESHOLD < 1.0
