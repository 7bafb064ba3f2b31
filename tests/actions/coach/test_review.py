"""Reviewing a whole draft."""
from __future__ import annotations

from actions.coach import Parts, review, review_parts


def test_clean_statement_has_no_findings() -> None:
    out = review("I feel lonely when you looked at your phone while I was talking last night, "
                 "and I need connection. Would you be willing to put it away at dinner tonight?")
    assert out.findings == []
    assert out.statement.startswith("I feel lonely when you looked at your phone")


def test_findings_come_in_part_order() -> None:
    out = review("I feel like you dont care when you always ignore me, and I need you to listen. "
                 "Stop being so lazy.")
    order = [f.check for f in out.findings]
    assert order[0] == "thought_as_feeling"
    assert order.index("criticism") < order.index("strategy_as_need") < order.index("demand")


def test_review_parts_checks_only_present_parts() -> None:
    out = review_parts(Parts(feeling="ignored"))
    assert [f.check for f in out.findings] == ["faux_feeling"]
    assert out.statement == "I feel ignored."


def test_review_of_a_criticism_without_i_feel() -> None:
    out = review("You never help with anything")
    assert {"criticism", "evaluation"} <= {f.check for f in out.findings}
