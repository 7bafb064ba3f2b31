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
