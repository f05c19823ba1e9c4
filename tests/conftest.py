"""Shared fixtures: a real SQLite file per test, fresh from empty."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Database, sqlite_url

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(sqlite_url(str(tmp_path / "gridbot.db")))
    await database.migrate()
    yield database
    await database.dispose()
