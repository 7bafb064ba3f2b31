"""Forgetting a conversation deletes only that person's rows."""

import pytest
import sqlalchemy as sa

from bot.forget import forget


def test_an_empty_database_has_nothing_to_forget(tmp_path):
    assert forget(sender_id="u1", db_url=f"sqlite:///{tmp_path / 'empty.db'}") == 0


def test_only_that_senders_rows_go(tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT)"))
        c.execute(sa.text("INSERT INTO events (sender_id) VALUES ('u1'), ('u1'), ('u2')"))
    assert forget(sender_id="u1", db_url=url) == 2
    with engine.begin() as c:
        left = [r[0] for r in c.execute(sa.text("SELECT sender_id FROM events"))]
    engine.dispose()
    assert left == ["u2"]


def test_an_empty_id_is_refused():
    with pytest.raises(ValueError):
        forget(sender_id="  ", db_url="sqlite://")


def test_rehearsal_history_goes_too_and_other_people_keep_theirs(tmp_path):
    from bot import history

    url = f"sqlite:///{tmp_path / 'both.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT)"))
        c.execute(sa.text("INSERT INTO events (sender_id) VALUES ('u1'), ('u2')"))
    engine.dispose()
    try:
        history.save(url, "u1", {"kind": "rehearsal", "persona": "supportive"})
        history.save(url, "u1", {"kind": "drill", "persona": None})
        history.save(url, "u2", {"kind": "drill", "persona": None})
        assert forget(sender_id="u1", db_url=url) == 3  # one event and two summaries
        assert history.recent(url, "u1") == []
        assert len(history.recent(url, "u2")) == 1
        assert forget(sender_id="u1", db_url=url) == 0
    finally:
        history.dispose_all()


def test_history_alone_without_an_events_table(tmp_path):
    from bot import history

    url = f"sqlite:///{tmp_path / 'history-only.db'}"
    try:
        history.save(url, "u1", {"kind": "drill", "persona": None})
        assert forget(sender_id="u1", db_url=url) == 1
    finally:
        history.dispose_all()
