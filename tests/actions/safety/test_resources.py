"""Helplines by country, from a data file editable without code."""

import pytest

from actions.safety import resources
from actions.safety.resources import KINDS, load, place_for, resources_text


def test_every_country_has_an_emergency_number_and_help_for_every_kind():
    fallback, countries = load()
    assert len(countries) >= 5
    for place in [fallback, *countries.values()]:
        assert place.emergency
        for kind in KINDS:
            assert place.lines_for(kind) or fallback.lines_for(kind), (place.code, kind)


def test_the_international_fallback_covers_every_kind():
    fallback, _ = load()
    assert all(fallback.lines_for(kind) for kind in KINDS)


@pytest.mark.parametrize("code", [None, "", "ZZ", "  "])
def test_unset_or_unknown_country_is_international(code):
    assert place_for(code).code == "international"


def test_codes_are_case_insensitive():
    assert place_for("us").emergency == "911"
    assert place_for(" Au ").emergency == "000"


def test_text_lists_emergency_first_then_the_kinds_lines():
    text = resources_text("partner_violence", "US")
    lines = text.splitlines()
    assert lines[0] == "- Emergency services in the US: 911"
    assert any("1-800-799-7233" in line for line in lines)
    assert not any("988" in line for line in lines)  # the suicide line is for self_harm
    assert lines[-1].endswith("findahelpline.com")


def test_an_edited_file_is_read_without_code(monkeypatch):
    text = """
international: {name: anywhere, emergency: "local number", lines: []}
countries:
  xx: {name: Testland, emergency: "123", lines: [{name: Line, contact: "555", kinds: [self_harm]}]}
"""
    fallback, countries = load(text)
    assert countries["XX"].lines_for("self_harm")[0].contact == "555"
    assert fallback.emergency == "local number"


@pytest.mark.parametrize("bad", [
    "international: {name: x}",  # no emergency number
    "international: {emergency: '1', lines: [{name: a, contact: b, kinds: [typo]}]}",
    "international: {emergency: '1', lines: [{name: a}]}",
])
def test_a_broken_file_fails_loudly(bad):
    with pytest.raises(ValueError):
        resources.load(bad)
