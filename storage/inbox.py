"""The durable inbox: updates stored by update_id before they are acknowledged, handled from here.

`accept` ignores an update_id it already holds (Telegram redelivers what it was not sure we got).
`next_open` hands out the oldest open update whose chat has nothing older still open, locked for
this transaction on PostgreSQL (FOR UPDATE SKIP LOCKED), so several processes share the work and a
chat's messages are still handled in the order they were sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, delete, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import inbox


@dataclass(frozen=True)
class Received:
    update_id: int
    chat_id: int | None
    body: str


@dataclass(frozen=True)
class Stored:
    update_id: int
    body: str
    attempts: int


async def accept(conn: AsyncConnection, updates: Sequence[Received], now: datetime) -> None:
    """Store updates not seen before; an update_id already held (a redelivery) is ignored."""
    if not updates:
        return
    rows = [{"update_id": u.update_id, "chat_id": u.chat_id, "body": u.body, "received_at": now, "attempts": 0}
            for u in updates]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    await conn.execute(dialect.insert(inbox).on_conflict_do_nothing(index_elements=["update_id"]), rows)


def _next_open_query() -> Select[Any]:
    earlier = inbox.alias("earlier")
    blocked = exists().where(earlier.c.chat_id == inbox.c.chat_id, earlier.c.done_at.is_(None),
                             earlier.c.update_id < inbox.c.update_id)
    return (select(inbox.c.update_id, inbox.c.body, inbox.c.attempts)
            .where(inbox.c.done_at.is_(None), ~blocked).order_by(inbox.c.update_id).limit(bindparam("b_most")))


# Built once: run for every update, and building it cost as much as SQLite running it (bench/e2e.py).
_NEXT_OPEN = _next_open_query()
_NEXT_OPEN_LOCKED = _NEXT_OPEN.with_for_update(skip_locked=True, of=inbox)
_DONE = (update(inbox).where(inbox.c.update_id == bindparam("b_update_id"))
         .values(done_at=bindparam("b_done_at"), error=bindparam("b_error")))


async def next_open(conn: AsyncConnection) -> Stored | None:
    """The next update to handle, or None; call inside the transaction that will mark it done."""
    found = await open_batch(conn, 1)
    return found[0] if found else None


async def open_batch(conn: AsyncConnection, most: int) -> list[Stored]:
    """Up to `most` updates to handle, oldest first and at most one of each chat (a chat's next one waits
    for the one before it), locked on PostgreSQL; call inside the transaction that will mark them done."""
    q = _NEXT_OPEN_LOCKED if conn.dialect.name == "postgresql" else _NEXT_OPEN
    return [Stored(r.update_id, r.body, r.attempts) for r in await conn.execute(q, {"b_most": most})]


async def done(conn: AsyncConnection, update_id: int, now: datetime, error: str | None = None) -> None:
    await conn.execute(_DONE, {"b_update_id": update_id, "b_done_at": now, "b_error": error})


async def done_many(conn: AsyncConnection, update_ids: Sequence[int], now: datetime) -> None:
    """Stamp a batch's updates done in one executemany (one round trip on PostgreSQL, not one each)."""
    if update_ids:
        await conn.execute(_DONE, [{"b_update_id": u, "b_done_at": now, "b_error": None} for u in update_ids])


async def failed(conn: AsyncConnection, update_id: int, error: str) -> None:
    """Count a failed try (its work was rolled back); after a few the update is set aside."""
    await conn.execute(update(inbox).where(inbox.c.update_id == update_id)
                       .values(attempts=inbox.c.attempts + 1, error=error))


async def count_open(conn: AsyncConnection) -> int:
    return int((await conn.execute(select(func.count()).where(inbox.c.done_at.is_(None)))).scalar_one())


async def newest_id(conn: AsyncConnection) -> int | None:
    """The highest update_id held: polling resumes after it."""
    return (await conn.execute(select(func.max(inbox.c.update_id)))).scalar_one()


async def forget_done(conn: AsyncConnection, before: datetime) -> int:
    """Handled updates older than Telegram's redelivery window (24 h) are no longer needed."""
    res = await conn.execute(delete(inbox).where(inbox.c.done_at.is_not(None), inbox.c.received_at < before))
    return res.rowcount or 0
