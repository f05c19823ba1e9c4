"""The databases the integration and e2e tests run on: a SQLite file always, and PostgreSQL when
`GRIDBOT_TEST_PG` names a server (.ci/run starts one on loopback and sets it).

Each PostgreSQL test gets a database of its own, created empty and dropped afterwards, so tests
stay as independent as they are on their own SQLite files.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from storage.db import sqlite_url

PG_ADMIN_URL = os.environ.get("GRIDBOT_TEST_PG", "")
BACKENDS = ["sqlite", "postgres"] if PG_ADMIN_URL else ["sqlite"]


def _dsn(url: str) -> str:
    """asyncpg speaks plain postgresql:// URLs, not SQLAlchemy's +asyncpg ones."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@asynccontextmanager
async def database_url(backend: str, workdir: Path, name: str = "gridbot") -> AsyncIterator[str]:
    """A fresh, empty database on `backend`, as a SQLAlchemy URL; removed afterwards on PostgreSQL."""
    if backend == "sqlite":
        yield sqlite_url(str(workdir / f"{name}.db"))
        return
    db_name = f"t_{name}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_dsn(PG_ADMIN_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{db_name}" TEMPLATE template0 ENCODING \'UTF8\'')
    finally:
        await admin.close()
    try:
        yield make_url(PG_ADMIN_URL).set(database=db_name).render_as_string(hide_password=False)
    finally:
        admin = await asyncpg.connect(_dsn(PG_ADMIN_URL))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        finally:
            await admin.close()
