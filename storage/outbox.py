"""The outbox: messages written in the same transaction as the change that causes them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.outgoing import Outgoing
from storage.schema import groups, media, outbox, users

FAILURES = "failures"  # the purpose of the admins' summary of give-ups (never itself summarised)


def _row(m: Outgoing, now: datetime) -> dict[str, Any]:
    return {"chat_id": m.chat_id, "op": m.op, "text": m.text,
            "markup": json.dumps(m.buttons, ensure_ascii=False) if m.buttons else None,
            "photo": m.photo, "ref_id": m.ref_id, "ticket_id": m.ticket_id, "purpose": m.purpose,
            "priority": m.priority, "created_at": now, "not_before": m.not_before}


async def put(conn: AsyncConnection, messages: list[Outgoing], now: datetime) -> list[int]:
    """Queue messages, in order; returns their ids (for edits that refer to them)."""
    ids = []
    for m in messages:
        res = await conn.execute(insert(outbox), _row(m, now))  # a fixed statement: cheaper than .values()
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


_SENT = update(outbox).where(outbox.c.id == bindparam("row")).values(
    status="sent", message_id=bindparam("message"), sent_at=bindparam("at"), attempts=outbox.c.attempts + 1)


async def sent(conn: AsyncConnection, outbox_id: int, message_id: int | None,
               now: datetime) -> None:
    await sent_many(conn, [(outbox_id, message_id, now)])


async def sent_many(conn: AsyncConnection, rows: list[tuple[int, int | None, datetime]]) -> None:
    """(row id, Telegram's message id, when): delivered. One statement for all of them."""
    if rows:
        await conn.execute(_SENT, [{"row": r, "message": m, "at": at} for r, m, at in rows])


_TRYING = update(outbox).where(outbox.c.id == bindparam("row")).values(probe_from=bindparam("known"))


async def trying(conn: AsyncConnection, marks: list[tuple[int, int]]) -> None:
    """(row id, highest message id known in its chat): these are about to be sent (see `probe_from`)."""
    if marks:
        await conn.execute(_TRYING, [{"row": row, "known": known} for row, known in marks])


async def last_message_ids(conn: AsyncConnection, chats: list[int]) -> dict[int, int]:
    """The highest message id each chat has from us so far (chats with none are left out)."""
    if not chats:
        return {}
    q = (select(outbox.c.chat_id, func.max(outbox.c.message_id)).where(outbox.c.chat_id.in_(chats))
         .group_by(outbox.c.chat_id))
    return {chat: int(top) for chat, top in await conn.execute(q) if top is not None}


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


# --- the sender's scheduling (app/sender.py) ----------------------------------------------------


def _due(now: datetime) -> Any:
    return (outbox.c.status == "pending") & or_(outbox.c.not_before.is_(None), outbox.c.not_before <= now)


# What the sender needs of a row to send it; the timestamps are left out because converting them is
# most of the cost of reading a thousand rows several times a second.
_SENDING = (outbox.c.id, outbox.c.chat_id, outbox.c.op, outbox.c.text, outbox.c.markup, outbox.c.photo,
            outbox.c.ref_id, outbox.c.priority, outbox.c.attempts, outbox.c.probe_from)


async def heads(conn: AsyncConnection, now: datetime, per_chat: int = 2, limit: int = 1000) -> list[Any]:
    """The next `per_chat` due messages of each chat (in its order: priority, then id), urgent first.

    The sender keeps one message per chat in flight and paces each chat on its own, so what it needs
    is every chat's next message, not the first `limit` rows overall: one group with hundreds of
    queued messages (20 a minute) must not hide every other chat behind it.
    """
    rank = func.row_number().over(partition_by=outbox.c.chat_id,
                                  order_by=(outbox.c.priority, outbox.c.id)).label("rank")
    inner = select(*_SENDING, rank).where(_due(now)).subquery()
    q = select(inner).where(inner.c.rank <= per_chat).order_by(inner.c.priority, inner.c.id).limit(limit)
    return list(await conn.execute(q))


async def last_id(conn: AsyncConnection) -> int:
    """The highest row id so far (0 for an empty outbox): where the sender's look for new rows starts."""
    return int((await conn.execute(select(func.max(outbox.c.id)))).scalar_one_or_none() or 0)


async def newer(conn: AsyncConnection, now: datetime, after_id: int, limit: int = 1000) -> tuple[list[Any], int]:
    """Due messages written after row `after_id`, urgent first, and the highest id now in the table.

    Cheap (a range of the primary key), so the sender can look for what was just written every time
    it is woken, and an urgent message written during a broadcast leaves with the next free token.
    """
    top = max(await last_id(conn), after_id)  # first: a row written meanwhile is above it, found next time
    q = (select(*_SENDING).where(outbox.c.id > after_id, outbox.c.id <= top, _due(now))
         .order_by(outbox.c.priority, outbox.c.id).limit(limit))
    return list(await conn.execute(q)), top


async def in_doubt(conn: AsyncConnection, limit: int = 1000) -> list[Any]:
    """Pending rows a send was begun for (probe_from set): Telegram may have them. Few (what was in
    flight at a crash, what a 5xx or 429 sent back to the queue), and each holds its chat until
    settled, so the sender reads them all, however far back in their chats' queues they are."""
    q = (select(*_SENDING).where(outbox.c.status == "pending", outbox.c.probe_from.is_not(None))
         .order_by(outbox.c.id).limit(limit))
    return list(await conn.execute(q))


async def refs(conn: AsyncConnection, ids: list[int]) -> dict[int, Any]:
    """These rows by id: the cards that queued edits wait for (sent, failed, or still to send)."""
    if not ids:
        return {}
    q = select(outbox).where(outbox.c.id.in_(sorted(set(ids))))
    return {r.id: r for r in await conn.execute(q)}


async def given_up(conn: AsyncConnection, outbox_id: int, error: str, now: datetime) -> None:
    """Failed for good: never tried again. `sent_at` says when it was settled, for the admins' summary."""
    await conn.execute(update(outbox).where(outbox.c.id == outbox_id).values(
        status="failed", error=error[:500], attempts=outbox.c.attempts + 1, sent_at=now))


async def last_report(conn: AsyncConnection) -> datetime | None:
    """When the admins were last sent a summary of give-ups (None: never)."""
    q = select(func.max(outbox.c.created_at)).where(outbox.c.purpose == FAILURES)
    return (await conn.execute(q)).scalar_one_or_none()


async def failures_since(conn: AsyncConnection, since: datetime | None, until: datetime,
                         limit: int = 10_000) -> list[Any]:
    """Messages given up after `since` up to `until` (not the summaries themselves), with the
    recipient's name or group title when we know it: (id, chat_id, purpose, error, name)."""
    name = func.coalesce(users.c.name, groups.c.title).label("name")
    q = (select(outbox.c.id, outbox.c.chat_id, outbox.c.purpose, outbox.c.error, name)
         .select_from(outbox.outerjoin(users, users.c.tg_id == outbox.c.chat_id)
                      .outerjoin(groups, groups.c.chat_id == outbox.c.chat_id))
         .where(outbox.c.status == "failed", outbox.c.purpose != FAILURES,
                outbox.c.sent_at.is_not(None), outbox.c.sent_at <= until)
         .order_by(outbox.c.id).limit(limit))
    if since is not None:
        q = q.where(outbox.c.sent_at > since)
    return list(await conn.execute(q))
