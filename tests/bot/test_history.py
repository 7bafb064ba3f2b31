"""Rehearsal history beside the tracker store: SQLite by default, PostgreSQL when reachable."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot import history
from tests.postgres import POSTGRES_URL, needs_postgres


def _summary(kind: str = "rehearsal", persona: str | None = "defensive", **extra) -> dict:
    return {"kind": kind, "persona": persona, "turns": 4, **extra}


@pytest.fixture
def url(tmp_path):
    yield f"sqlite:///{tmp_path / 'unscripted.db'}"
    history.dispose_all()


def _round_trip(url: str) -> None:
    sender = f"history-test-{uuid.uuid4().hex[:8]}"
    other = f"{sender}-other"
    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    history.save(url, sender, _summary(best_line="I feel tired, and I need rest."))
    history.save(url, sender, _summary("drill", None))
    history.save(url, other, _summary())
    entries = history.recent(url, sender)
    assert [e.kind for e in entries] == ["drill", "rehearsal"], "newest first"
    assert entries[1].summary["best_line"] == "I feel tired, and I need rest."
    assert entries[1].persona == "defensive" and entries[0].persona is None
    for e in entries:
        assert e.sender_id == sender
        assert e.created_at.tzinfo is not None and e.created_at.utcoffset() == timedelta(0)
        assert before <= e.created_at <= datetime.now(timezone.utc) + timedelta(seconds=5)
    assert [e.kind for e in history.recent(url, sender, kind="rehearsal")] == ["rehearsal"]
    assert len(history.recent(url, sender, limit=1)) == 1
    assert history.delete(url, sender) == 2
    assert history.recent(url, sender) == []
    assert len(history.recent(url, other)) == 1, "other people's history is kept"
    assert history.delete(url, other) == 1


def test_sqlite(url) -> None:
    _round_trip(url)


@needs_postgres
def test_postgresql() -> None:
    try:
        _round_trip(POSTGRES_URL)
    finally:
        history.dispose_all()


def test_the_table_is_created_when_missing(url) -> None:
    assert history.recent(url, "nobody") == []
    assert history.delete(url, "nobody") == 0
    history.save(url, "u1", _summary())
    engine = sa.create_engine(url)
    try:
        inspector = sa.inspect(engine)
        assert inspector.has_table(history.TABLE_NAME)
        columns = {c["name"] for c in inspector.get_columns(history.TABLE_NAME)}
        assert columns == {"id", "sender_id", "created_at", "kind", "persona", "summary"}
        assert any(
            ix["column_names"] == ["sender_id"] for ix in inspector.get_indexes(history.TABLE_NAME)
        )
    finally:
        engine.dispose()


def test_a_summary_object_is_stored_through_to_dict(url) -> None:
    from actions.rehearsal import Summary

    s = Summary(
        kind="drill",
        persona=None,
        scene="",
        turns=1,
        went_well=["ok"],
        try_next="more",
        best_line="It sounds like you're tired.",
    )
    history.save(url, "u1", s)
    assert Summary.from_dict(history.recent(url, "u1")[0].summary) == s


def test_bad_input_is_refused(url) -> None:
    with pytest.raises(ValueError):
        history.save(url, " ", _summary())
    with pytest.raises(ValueError):
        history.save(url, "u1", _summary(kind="karaoke"))
    with pytest.raises(TypeError):
        history.save(url, "u1", ["not", "a", "summary"])
    with pytest.raises(ValueError):
        history.delete(url, "")


def test_no_engine_is_made_at_import() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = "import bot.history as h\nassert not h._engines\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
