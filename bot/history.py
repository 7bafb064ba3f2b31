"""A person's rehearsal history: one row per finished rehearsal or drill summary.

The table ``rehearsal_summaries`` lives beside Rasa's tracker store, in the same database
(SQLite by default, PostgreSQL when scaled out), so progress can be shown across sessions and
``/forget`` deletes it with the conversation. SQLAlchemy Core; one engine per database URL,
created on first use (never at import) and reused; the table is created if missing.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

TABLE_NAME = "rehearsal_summaries"
KINDS = ("rehearsal", "drill")

metadata = sa.MetaData()
summaries = sa.Table(
    TABLE_NAME,
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("persona", sa.String(32), nullable=True),
    sa.Column("summary", sa.Text, nullable=False),
)

_engines: dict[str, Engine] = {}
_ready: set[str] = set()  # URLs whose table is known to exist
_lock = threading.Lock()


@dataclass(frozen=True)
class Entry:
    """One stored summary."""

    id: int
    sender_id: str
    created_at: datetime  # UTC, timezone-aware
    kind: str
    persona: str | None
    summary: dict[str, Any]  # Summary.to_dict(); rebuild with Summary.from_dict


def engine(db_url: str) -> Engine:
    """The engine for ``db_url``, created on first use."""
    with _lock:
        found = _engines.get(db_url)
        if found is None:
            found = _engines[db_url] = sa.create_engine(db_url, pool_pre_ping=True)
        return found


def dispose_all() -> None:
    """Close every cached engine (tests, shutdown)."""
    with _lock:
        for eng in _engines.values():
            eng.dispose()
        _engines.clear()
        _ready.clear()


def _ensure_table(db_url: str) -> Engine:
    eng = engine(db_url)
    if db_url not in _ready:
        try:
            metadata.create_all(eng, checkfirst=True)
        except sa.exc.DBAPIError:
            # Another process created it at the same moment; fine if it is there now.
            if not sa.inspect(eng).has_table(TABLE_NAME):
                raise
        _ready.add(db_url)
    return eng


def _as_dict(summary: Any) -> dict[str, Any]:
    data = summary.to_dict() if hasattr(summary, "to_dict") else summary
    if not isinstance(data, Mapping):
        raise TypeError("summary must be a Summary or a dict")
    return dict(data)


def save(db_url: str, sender_id: str, summary: Any) -> None:
    """Store one summary (a ``Summary`` or its ``to_dict()``) for ``sender_id``."""
    if not sender_id or not sender_id.strip():
        raise ValueError("A conversation id is needed.")
    data = _as_dict(summary)
    kind = str(data.get("kind"))
    if kind not in KINDS:
        raise ValueError(f"summary kind must be one of {KINDS}, not {kind!r}")
    eng = _ensure_table(db_url)
    with eng.begin() as connection:
        connection.execute(
            summaries.insert().values(
                sender_id=sender_id,
                created_at=datetime.now(timezone.utc),
                kind=kind,
                persona=data.get("persona"),
                summary=json.dumps(data, ensure_ascii=False, sort_keys=True),
            )
        )


def recent(db_url: str, sender_id: str, limit: int = 5, kind: str | None = None) -> list[Entry]:
    """The newest ``limit`` summaries of ``sender_id`` (of one ``kind`` if given), newest first."""
    eng = engine(db_url)
    with eng.connect() as connection:
        if not sa.inspect(connection).has_table(TABLE_NAME):
            return []
        query = summaries.select().where(summaries.c.sender_id == sender_id)
        if kind is not None:
            query = query.where(summaries.c.kind == kind)
        query = query.order_by(summaries.c.created_at.desc(), summaries.c.id.desc()).limit(limit)
        rows = connection.execute(query).fetchall()
    return [_entry(row) for row in rows]


def _entry(row: Any) -> Entry:
    created = row.created_at
    if created.tzinfo is None:  # SQLite keeps no time zone: the value was written in UTC
        created = created.replace(tzinfo=timezone.utc)
    return Entry(
        id=int(row.id),
        sender_id=row.sender_id,
        created_at=created.astimezone(timezone.utc),
        kind=row.kind,
        persona=row.persona,
        summary=json.loads(row.summary),
    )


def delete_rows(connection: Connection, sender_id: str) -> int:
    """Delete ``sender_id``'s summaries inside an open transaction; 0 if there is no table."""
    if not sa.inspect(connection).has_table(TABLE_NAME):
        return 0
    result = connection.execute(summaries.delete().where(summaries.c.sender_id == sender_id))
    return int(result.rowcount or 0)


def delete(db_url: str, sender_id: str) -> int:
    """Delete every summary of ``sender_id``; return how many rows went."""
    if not sender_id or not sender_id.strip():
        raise ValueError("A conversation id is needed.")
    with engine(db_url).begin() as connection:
        return delete_rows(connection, sender_id)
