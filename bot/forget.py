"""Delete everything the tracker store holds about one person (their conversation events).

Rasa 3.6's tracker stores have no delete, so this goes to the SQL table Rasa writes
(``events``) directly, through SQLAlchemy. The engine is created per call, never at import.
"""

from __future__ import annotations

import sqlalchemy as sa

EVENTS_TABLE = "events"


def forget(*, sender_id: str, db_url: str) -> int:
    """Delete every stored event of ``sender_id``; return how many rows were deleted."""
    if not sender_id.strip():
        raise ValueError("A conversation id is needed.")
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table(EVENTS_TABLE):
                return 0
            result = connection.execute(
                sa.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender_id"),
                {"sender_id": sender_id},
            )
            return int(result.rowcount or 0)
    finally:
        engine.dispose()
