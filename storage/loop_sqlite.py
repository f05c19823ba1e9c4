"""SQLite for the bot's own work: SQLAlchemy's plain (sync) engine, called on the event loop's thread.

Why: every statement the bot runs is small and indexed, and SQLite answers it in microseconds, so
most of a statement's cost was the asyncio adaptation around it: SQLAlchemy's greenlet hand-over
and aiosqlite's futures, several per statement (~50 µs against ~15 µs for the same statement on a
plain connection; a savepoint ~150 µs). bench/e2e.py measures what that is worth per report.

`LoopConnection` gives storage/ the few calls it uses of `AsyncConnection` (execute, scalar,
exec_driver_sql, run_sync, begin_nested), so storage code is the same for both backends; PostgreSQL
keeps asyncpg and SQLAlchemy's async engine. The aiosqlite engine (storage/inline_sqlite.py) stays
for migrations, benches and tools.

Waiting for a lock must not block the loop: the connections run with busy_timeout 0 and every call
refused with SQLITE_BUSY is tried again after an `asyncio.sleep`, as storage/inline_sqlite.py does,
until storage.db.BUSY_TIMEOUT_MS has passed.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, CursorResult, Engine, make_url

from storage.inline_sqlite import waiting_out_locks

T = TypeVar("T")


def sync_url(url: str) -> str:
    """The same database for the standard library's driver (sqlite+aiosqlite → sqlite+pysqlite)."""
    return make_url(url).set(drivername="sqlite+pysqlite").render_as_string(hide_password=False)


async def patiently(call: Callable[[], T]) -> T:
    """`call()`; while another connection holds the lock, again after a pause (without blocking)."""
    async def attempt() -> T:
        return call()

    return await waiting_out_locks(attempt)


class LoopConnection:
    """What storage/ uses of `AsyncConnection`, over a plain SQLAlchemy connection on the loop's thread."""

    def __init__(self, sync: Connection) -> None:
        self.sync_connection = sync

    @property
    def dialect(self) -> Any:
        return self.sync_connection.dialect

    async def execute(self, statement: Any, parameters: Any = None, **kwargs: Any) -> CursorResult[Any]:
        return await patiently(lambda: self.sync_connection.execute(statement, parameters, **kwargs))

    async def scalar(self, statement: Any, parameters: Any = None, **kwargs: Any) -> Any:
        return (await self.execute(statement, parameters, **kwargs)).scalar()

    async def exec_driver_sql(self, statement: str, parameters: Any = None, **kwargs: Any) -> CursorResult[Any]:
        return await patiently(lambda: self.sync_connection.exec_driver_sql(statement, parameters, **kwargs))

    async def run_sync(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return fn(self.sync_connection, *args, **kwargs)

    @asynccontextmanager
    async def begin_nested(self) -> AsyncIterator[None]:
        """A savepoint: released on success, rolled back to on any error (which goes on up).

        Said as plain SQL: SQLAlchemy's `begin_nested` compiled a SAVEPOINT and a RELEASE through its
        statement cache each time and kept a transaction object for them, ~15% of a report's CPU in
        bench/e2e.py for the one or two a report makes. The unit's own transaction stays SQLAlchemy's.
        """
        name = f"gridbot_sp_{next(_savepoints)}"
        await self.exec_driver_sql(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # SQLite itself may have undone the whole transaction (its own view, not SQLAlchemy's, says)
            if self.sync_connection.connection.driver_connection.in_transaction:
                await self.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {name}")
                await self.exec_driver_sql(f"RELEASE SAVEPOINT {name}")
            raise
        await self.exec_driver_sql(f"RELEASE SAVEPOINT {name}")


_savepoints = itertools.count(1)


@asynccontextmanager
async def transaction(engine: Engine) -> AsyncIterator[LoopConnection]:
    """BEGIN … COMMIT (ROLLBACK on any error) on a pooled connection."""
    conn = engine.connect()
    try:
        await patiently(conn.begin)
        try:
            yield LoopConnection(conn)
        except BaseException:
            conn.rollback()
            raise
        await patiently(conn.commit)
    finally:
        conn.close()


@asynccontextmanager
async def reading(engine: Engine) -> AsyncIterator[LoopConnection]:
    """A connection for reads (its implicit transaction is rolled back when it goes back to the pool)."""
    conn = engine.connect()
    try:
        yield LoopConnection(conn)
    finally:
        conn.close()
