"""bot/endpoints.yml gives Rasa's SQL tracker store: SQLite by default, PostgreSQL by URL.

A conversation saved by one store instance is read back by a new one, as after a restart.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from rasa.utils.endpoints import read_endpoint_config

from bot import paths
from bot.forget import forget
from bot.settings import default_db_url
from tests.postgres import POSTGRES_URL, needs_postgres


def _store(url: str, monkeypatch: pytest.MonkeyPatch) -> TrackerStore:
    monkeypatch.setenv("UNSCRIPTED_DB_URL", url)
    monkeypatch.setenv("UNSCRIPTED_ACTIONS_URL", "http://127.0.0.1:5055/webhook")
    config = read_endpoint_config(str(paths.ENDPOINTS), "tracker_store")
    domain = Domain.load(str(paths.DOMAIN))
    return TrackerStore.create(config, domain)


def _round_trip(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Save a conversation, read it back in a new store, then forget it."""
    sender = f"store-test-{uuid.uuid4().hex[:8]}"
    first = _store(url, monkeypatch)
    assert isinstance(first, SQLTrackerStore)
    tracker = asyncio.run(first.get_or_create_tracker(sender))
    tracker.update(UserUttered("lonely", {"name": "inform", "confidence": 1.0}))
    tracker.update(ActiveLoop("reframe_form"))
    tracker.update(SlotSet("feeling", "lonely"))
    asyncio.run(first.save(tracker))

    second = _store(url, monkeypatch)  # a new process would build a new store like this
    restored = asyncio.run(second.retrieve(sender))
    assert restored is not None
    assert restored.get_slot("feeling") == "lonely"
    assert restored.active_loop_name == "reframe_form"
    assert restored.latest_message.text == "lonely"

    other = f"{sender}-other"
    asyncio.run(second.save(asyncio.run(second.get_or_create_tracker(other))))
    assert forget(sender_id=sender, db_url=url) > 0
    assert asyncio.run(_store(url, monkeypatch).retrieve(sender)) is None
    assert asyncio.run(_store(url, monkeypatch).retrieve(other)) is not None  # others are kept
    assert forget(sender_id=sender, db_url=url) == 0


def test_sqlite_file_by_default(tmp_path, monkeypatch):
    assert default_db_url().startswith("sqlite:///")
    _round_trip(f"sqlite:///{tmp_path / 'tracker.db'}", monkeypatch)
    assert (tmp_path / "tracker.db").stat().st_size > 0


@needs_postgres
def test_postgresql_when_the_url_says_so(monkeypatch):
    _round_trip(POSTGRES_URL, monkeypatch)
