"""Who may run scheduled work, and each tick of it once: PostgreSQL advisory locks and tick claims.

Several Gridbot processes may share one PostgreSQL. Scheduled work (the sweep, reminders, digests,
care visits) and the outbox sender run only on the process holding the *leader lock*: a session-level
advisory lock on a connection of its own (`LockSession`), so the lock lives exactly as long as that
connection. A process that dies, or whose connection the server drops, frees it at once, and a
follower trying every few seconds takes over.

Two leaders for a moment (the old one has not yet noticed it lost its connection) must still not do a
tick twice, so each tick also takes a transaction-level lock (`lock_tick`: two processes never run the
same job at once, and each sees the other's stamps) and a digest claims its period (`claim_tick`).
SQLite serves one process, which is always the leader; these calls are then no-ops that say yes.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from storage.schema import notices


def lock_key(name: str) -> int:
    """A stable, positive 62-bit advisory-lock key for a name (positive: it reads back from pg_locks)."""
    return int.from_bytes(hashlib.sha256(f"gridbot:{name}".encode()).digest()[:8], "big") >> 2


LEADER_KEY = lock_key("leader")

# The server drops a leader whose host vanished (no FIN, no RST) after about idle + interval * count
# seconds instead of Linux's default two hours, so a follower can take over. Sent at connection start.
KEEPALIVE = {"tcp_keepalives_idle": "10", "tcp_keepalives_interval": "5", "tcp_keepalives_count": "3"}


class LockSession:
    """One dedicated PostgreSQL connection that holds (or keeps trying for) the leader lock.

    Not from the shared pool: a pooled connection goes back to the pool with its session lock still
    held, and closing it would not end the session. Autocommit, so it never sits idle in a transaction.
    """

    def __init__(self, url: str, key: int = LEADER_KEY, connect_timeout: float = 5.0) -> None:
        self.key = key
        args: dict[str, Any] = {}
        if url.startswith("postgresql+asyncpg"):
            args = {"server_settings": {"application_name": "gridbot leader", **KEEPALIVE},
                    "timeout": connect_timeout}
        self._engine: AsyncEngine = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT",
                                                        connect_args=args)
        self._conn: AsyncConnection | None = None

    async def try_acquire(self) -> bool:
        """Take the lock if free (opening the connection first when needed); never waits for it."""
        conn = await self._connection()
        got = (await conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})).scalar_one()
        return bool(got)

    async def holds(self) -> bool:
        """Is the connection alive and the lock still ours? (Raises when the connection is gone.)"""
        if self._conn is None:
            return False
        q = text("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                 " AND pid = pg_backend_pid() AND objsubid = 1"
                 " AND ((classid::bigint << 32) | objid::bigint) = :k)")
        return bool((await self._conn.execute(q, {"k": self.key})).scalar_one())

    async def backend_pid(self) -> int | None:
        """The server process of this session (for tests that end it as a crash would)."""
        if self._conn is None:
            return None
        return int((await self._conn.execute(text("SELECT pg_backend_pid()"))).scalar_one())

    async def drop(self) -> None:
        """Forget the connection without a goodbye (it is dead or hung); the server frees the lock."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await conn.invalidate()
            finally:
                await conn.close()

    async def release(self) -> None:
        """End the session, which frees the lock; a clean stop hands over without waiting."""
        conn, self._conn = self._conn, None
        if conn is not None:
            await conn.close()

    async def dispose(self) -> None:
        await self._engine.dispose()

    async def _connection(self) -> AsyncConnection:
        if self._conn is None:
            self._conn = await self._engine.connect()
        return self._conn


@asynccontextmanager
async def starting(url: str) -> AsyncIterator[None]:
    """Processes starting together migrate and seed one after the other (creating tables and seeding
    the roster at the same moment would collide); waits for the one before. A no-op on SQLite."""
    if url.startswith("sqlite"):
        yield
        return
    engine = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key("start")})
            try:
                yield
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key("start")})
    finally:
        await engine.dispose()


async def lock_tick(conn: AsyncConnection, job: str) -> bool:
    """Inside a tick's transaction: True when no other process runs `job` now (held until commit).

    Non-blocking: a process that finds the job busy skips this tick; the other one is doing it.
    """
    if conn.dialect.name != "postgresql":
        return True  # SQLite: one process, and its writes are serialised anyway
    got = (await conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": lock_key(f"tick:{job}")}))
    return bool(got.scalar_one())


async def claim_tick(conn: AsyncConnection, key: str, now: datetime) -> bool:
    """Claim a once-only tick (e.g. one digest period) in the caller's transaction: True only for the
    first claimant. A second claimant waits for the first transaction: if it commits, False; if it
    rolls back (the process died mid-tick), the claim is free again and this one gets it."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(notices).values(key=key, at=now)
            .on_conflict_do_nothing(index_elements=["key"]).returning(notices.c.key))
    return (await conn.execute(stmt)).first() is not None


async def claimed(conn: AsyncConnection, key: str) -> bool:
    return (await conn.execute(select(notices.c.key).where(notices.c.key == key))).first() is not None


async def ping(conn: AsyncConnection) -> None:
    """A round trip to the database (the health check)."""
    await conn.execute(select(1))
