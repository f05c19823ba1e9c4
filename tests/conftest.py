"""Shared fixtures: a real SQLite file per test, fresh from empty."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.wiring import open_env
from services.env import Env
from storage.db import Database, sqlite_url

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as bot.py does: PTB's timedelta values, no warnings
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(sqlite_url(str(tmp_path / "gridbot.db")))
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    """The services' Env on a fresh SQLite file, seeded with the demo roster."""
    e = await open_env(sqlite_url(str(tmp_path / "services.db")), lambda: NOW)
    yield e
    await e.db.dispose()
