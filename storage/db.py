"""Engine, connection pragmas, migrations and transactions.

SQLite runs in WAL mode with a busy timeout, and writes in this process are serialised
by one lock so two button presses never meet as SQLITE_BUSY. PostgreSQL needs neither.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.schema import metadata, schema_version

# Later schema changes append (version, function of a sync Connection) here. A database
# created from empty gets the current metadata and is stamped with the latest version.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = []
LATEST = max((v for v, _ in MIGRATIONS), default=1)


def sqlite_url(path: str) -> str:
    return f"sqlite+aiosqlite:///{path}"


class Database:
    def __init__(self, url: str, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {"echo": echo}
        if not self.is_sqlite:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)

    async def migrate(self) -> int:
        """Bring the schema to the latest version; safe to run on every start."""
        async with self.engine.begin() as conn:
            return await conn.run_sync(_migrate)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction: committed on success, rolled back on any error."""
        if self._write_lock is None:
            async with self.engine.begin() as conn:
                yield conn
            return
        async with self._write_lock, self.engine.begin() as conn:
            yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as conn:
            yield conn

    async def dispose(self) -> None:
        await self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _migrate(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        metadata.create_all(conn)
        conn.execute(insert(schema_version).values(version=LATEST))
        return LATEST
    current = conn.execute(select(schema_version.c.version)).scalar_one()
    for version, step in sorted(MIGRATIONS):
        if version > current:
            step(conn)
            conn.execute(update(schema_version).values(version=version))
            current = version
    return current
