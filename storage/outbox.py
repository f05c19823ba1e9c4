"""The outbox: messages written in the same transaction as the change that causes them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.outgoing import Outgoing
from storage.schema import media, outbox


def _row(m: Outgoing, now: datetime) -> dict[str, Any]:
    return {"chat_id": m.chat_id, "op": m.op, "text": m.text,
            "markup": json.dumps(m.buttons, ensure_ascii=False) if m.buttons else None,
            "photo": m.photo, "ref_id": m.ref_id, "ticket_id": m.ticket_id, "purpose": m.purpose,
            "priority": m.priority, "created_at": now, "not_before": m.not_before}


async def put(conn: AsyncConnection, messages: list[Outgoing], now: datetime) -> list[int]:
    """Queue messages, in order; returns their ids (for edits that refer to them)."""
    ids = []
    for m in messages:
        res = await conn.execute(insert(outbox).values(**_row(m, now)))
        ids.append(res.inserted_primary_key[0])
    return ids


async def put_all(conn: AsyncConnection, messages: list[Outgoing], now: datetime) -> None:
    """Queue many messages, in order, in one executemany: `put` when nobody needs the ids (a sweep's batch)."""
    if messages:
        await conn.execute(insert(outbox), [_row(m, now) for m in messages])


async def due(conn: AsyncConnection, now: datetime, limit: int = 50) -> list[Any]:
    """Pending messages whose time has come, urgent first, then in the order they were written."""
    q = (select(outbox).where(outbox.c.status == "pending",
                              or_(outbox.c.not_before.is_(None), outbox.c.not_before <= now))
         .order_by(outbox.c.priority, outbox.c.id).limit(limit))
    return list(await conn.execute(q))


async def add_media(conn: AsyncConnection, data: bytes, now: datetime, mime: str = "image/png") -> int:
    res = await conn.execute(insert(media).values(data=data, mime=mime, created_at=now))
    return int(res.inserted_primary_key[0])


async def get_media(conn: AsyncConnection, media_id: int) -> Any:
    return (await conn.execute(select(media).where(media.c.id == media_id))).first()


async def uploaded(conn: AsyncConnection, media_id: int, file_id: str) -> None:
    await conn.execute(update(media).where(media.c.id == media_id).values(file_id=file_id))


async def row(conn: AsyncConnection, outbox_id: int) -> Any:
    return (await conn.execute(select(outbox).where(outbox.c.id == outbox_id))).first()


async def sent(conn: AsyncConnection, outbox_id: int, message_id: int | None,
               now: datetime) -> None:
    await conn.execute(update(outbox).where(outbox.c.id == outbox_id).values(
        status="sent", message_id=message_id, sent_at=now, attempts=outbox.c.attempts + 1))


async def failed(conn: AsyncConnection, outbox_id: int, error: str, final: bool) -> None:
    await conn.execute(update(outbox).where(outbox.c.id == outbox_id).values(
        status="failed" if final else "pending", error=error[:500],
        attempts=outbox.c.attempts + 1))


async def cards(conn: AsyncConnection, ticket_id: int) -> list[Any]:
    """The claim cards sent for a ticket (and their chats), to edit when someone claims it."""
    return (await cards_of(conn, [ticket_id])).get(ticket_id, [])


async def cards_of(conn: AsyncConnection, ticket_ids: list[int]) -> dict[int, list[Any]]:
    """`cards` for many tickets in one read (tickets without cards are left out)."""
    if not ticket_ids:
        return {}
    q = (select(outbox.c.id, outbox.c.chat_id, outbox.c.ticket_id).where(
        outbox.c.ticket_id.in_(ticket_ids), outbox.c.purpose == "card", outbox.c.op != "edit")
        .order_by(outbox.c.id))
    out: dict[int, list[Any]] = {}
    for r in await conn.execute(q):
        out.setdefault(r.ticket_id, []).append(r)
    return out


def buttons(markup: str | None) -> list[list[tuple[str, str]]]:
    return [[(label, data) for label, data in r] for r in json.loads(markup)] if markup else []

