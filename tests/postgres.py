"""The PostgreSQL the storage tests use when one runs (CI and this machine kind have one)."""

from __future__ import annotations

import os
import socket

import pytest

POSTGRES_URL = os.environ.get(
    "UNSCRIPTED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def postgres_reachable() -> bool:
    """Whether something listens on PostgreSQL's port on loopback."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


#: Mark a test that needs the PostgreSQL server.
needs_postgres = pytest.mark.skipif(
    not postgres_reachable(), reason="no PostgreSQL on 127.0.0.1:5432"
)
