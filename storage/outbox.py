"""The outbox: messages written in the same transaction as the change that causes them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.outgoing import Outgoing
from storage.schema import media, outbox


async def put(conn: AsyncConnection, messages: list[Outgoing], now: datetime) -> list[int]:
    ids = []
    for m in messages:
        res = await conn.execute(insert(outbox).values(
            chat_id=m.chat_id, op=m.op, text=m.text,
            markup=json.dumps(m.buttons, ensure_ascii=False) if m.buttons else None,
            photo=m.photo, ref_id=m.ref_id, ticket_id=m.ticket_id, purpose=m.purpose,
            priority=m.priority, created_at=now, not_before=m.not_before))
        ids.append(res.inserted_primary_key[0])
    return ids


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
    q = (select(outbox.c.id, outbox.c.chat_id).where(
        outbox.c.ticket_id == ticket_id, outbox.c.purpose == "card", outbox.c.op != "edit")
        .order_by(outbox.c.id))
    return list(await conn.execute(q))


def buttons(markup: str | None) -> list[list[tuple[str, str]]]:
    return [[(label, data) for label, data in r] for r in json.loads(markup)] if markup else []
