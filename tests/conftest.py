"""Shared fixtures: a real database per test, fresh from empty: a SQLite file, and PostgreSQL too
when GRIDBOT_TEST_PG is set (tests/backends.py); every test that asks for one runs on each."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.wiring import open_env
from services.env import Env
from storage.db import Database
from tests import backends

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as bot.py does: PTB's timedelta values, no warnings
# `bot.py parse` keeps its built parser in a cache directory: the tests use one of their own, so
# they neither read nor leave anything in the user's (child processes inherit it)
os.environ.setdefault("GRIDBOT_CACHE_DIR", tempfile.mkdtemp(prefix="gridbot-test-cache-"))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(params=backends.BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh empty database's URL on this test's backend."""
    async with backends.database_url(backend, tmp_path) as url:
        yield url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
async def env(database_url: str) -> AsyncIterator[Env]:
    """The services' Env on a fresh database, seeded with the demo roster."""
    e = await open_env(database_url, lambda: NOW)
    yield e
    await e.db.dispose()


@pytest.fixture
def pg_url(backend: str, database_url: str) -> str:
    """A fresh PostgreSQL database for tests of several processes; skipped on SQLite (one process)."""
    if backend != "postgres":
        pytest.skip("several processes share only a PostgreSQL database (advisory locks); SQLite is one process")
    return database_url
