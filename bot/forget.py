"""Delete everything stored about one person: their conversation events and their rehearsal
history.

Rasa 3.6's tracker stores have no delete, so this goes to the SQL table Rasa writes
(``events``) directly, through SQLAlchemy, and to ``rehearsal_summaries`` (``bot.history``) in
the same database and the same transaction. The engine is created per call, never at import.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot import history

EVENTS_TABLE = "events"


def forget(*, sender_id: str, db_url: str) -> int:
    """Delete every stored event and rehearsal summary of ``sender_id``; return how many rows
    were deleted in all."""
    if not sender_id.strip():
        raise ValueError("A conversation id is needed.")
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as connection:
            deleted = history.delete_rows(connection, sender_id)
            if sa.inspect(connection).has_table(EVENTS_TABLE):
                result = connection.execute(
                    sa.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender_id"),
                    {"sender_id": sender_id},
                )
                deleted += int(result.rowcount or 0)
            return deleted
    finally:
        engine.dispose()
