"""The partner's lines: every pool is there, lines are short and ordinary, draws don't repeat."""

from __future__ import annotations

import re

import pytest

from actions.rehearsal import personas, replies
from actions.rehearsal.data import words

NEEDED = ("soft", "hard", "other")
# Words the partner's lines avoid, unless the persona's script needs them.
GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend|man|woman|"
    r"men|women|girl|girls|boy|boys|guy|lady)\b",
    re.IGNORECASE,
)
ALLOWED_GENDERED = {"dismissive": {"boys"}}


def _all_lines() -> list[tuple[str, str]]:
    out = []
    for persona in personas.PERSONAS:
        out += [(persona, r.text) for r in replies.openers(persona)]
        for band in personas.BANDS:
            for key in ("soft", "hard", "other", "reflection", "request", "break", "opens_up"):
                out += [(persona, r.text) for r in replies.pool(persona, band, key)]
    return out


@pytest.mark.parametrize("persona", personas.PERSONAS)
def test_every_persona_has_openers_and_every_band_its_pools(persona: str) -> None:
    assert len(replies.openers(persona)) >= 3
    for band in personas.BANDS:
        for key in NEEDED:
            assert len(replies.pool(persona, band, key)) >= 3, (persona, band, key)


def test_lines_are_short() -> None:
    for persona, text in _all_lines():
        assert len(text) <= 140, text
        assert len(re.findall(r"[.!?](?:\s|$)", re.sub(r"\([^)]*\)", "", text))) <= 3, text


def test_lines_are_never_abusive() -> None:
    insults = set(words("moves", "insults"))
    for _, text in _all_lines():
        found = set(re.findall(r"[a-z']+", text.lower())) & insults
        assert not found - {"baby"}, (text, found)


def test_lines_fit_a_partner_of_any_gender() -> None:
    for persona, text in _all_lines():
        found = {w.lower() for w in GENDERED.findall(text)}
        assert found <= ALLOWED_GENDERED.get(persona, set()), (persona, text)


def test_ids_are_unique() -> None:
    ids = [
        r.id
        for p in personas.PERSONAS
        for b in personas.BANDS
        for k in NEEDED
        for r in replies.pool(p, b, k)
    ]
    assert len(ids) == len(set(ids))


def test_draw_never_repeats_the_last_line_even_when_a_pool_starts_over() -> None:
    pool = replies.pool("defensive", "closed", "hard")
    used: list[str] = []
    last = None
    seen = []
    for n in range(3 * len(pool)):
        line, used = replies.draw(pool, used, last, key=f"k{n}")
        assert line.id != last
        last = line.id
        seen.append(line.id)
    assert set(seen[: len(pool)]) == {r.id for r in pool}


def test_draw_is_deterministic_for_a_key() -> None:
    pool = replies.pool("supportive", "open", "soft")
    assert replies.draw(pool, [], None, "same")[0] == replies.draw(pool, [], None, "same")[0]


def test_a_missing_pool_falls_back() -> None:
    assert replies.first_pool("defensive", "closed", ["opens_up", "soft"])[0].id.startswith(
        "defensive/closed/soft/"
    )
    with pytest.raises(LookupError):
        replies.first_pool("defensive", "closed", ["nothing"])
    with pytest.raises(ValueError):
        replies.draw([], [], None, "k")
