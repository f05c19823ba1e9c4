"""A resident whose report matched an open ticket: follow that ticket, or file anew."""

from __future__ import annotations

from datetime import datetime

from domain import tickets as sm
from domain.outgoing import Outgoing
from domain.people import User
from domain.texts import t
from services import report, work
from services.env import Answer, Env
from services.ledger import record
from storage import outbox, people
from storage import tickets as repo


async def follow(env: Env, who: User, chat_id: int, ticket_id: int, now: datetime) -> Answer:
    """One more resident affected: they hear of every step; their words are kept in the log."""
    async with env.db.write() as conn:
        held = await _held(conn, who, chat_id, ticket_id)
        tk = await repo.get(conn, ticket_id, lock=True)
        if held is None or tk is None:
            return Answer(t(who.lang, "stale"), alert=True)
        tk = await record(conn, env, who, lambda: sm.follow(tk, who.id, now, held.text))
        if isinstance(tk, Answer):
            await people.forget(conn, who.id, chat_id)
            return tk
        await repo.add_follower(conn, tk.id, who.id, now)
        await people.forget(conn, who.id, chat_id)
        view = await work.current_view(conn, tk)
        if view is not None:
            await work.edit_cards(conn, env, tk, now, view)
        text = t(who.lang, "followed", id=tk.id)
        await outbox.put(conn, [Outgoing(chat_id, text, ticket_id=tk.id, purpose="reply")], now)
    env.wake_sender()
    return Answer(text)


async def file_anyway(env: Env, who: User, chat_id: int, ticket_id: int, now: datetime) -> Answer:
    """Not the same problem after all: file the held report as a ticket of its own."""
    async with env.db.write() as conn:
        held = await _held(conn, who, chat_id, ticket_id)
        if held is None:
            return Answer(t(who.lang, "stale"), alert=True)
        await people.forget(conn, who.id, chat_id)
    await report.file(env, who, chat_id, held, now, check_duplicates=False)
    return Answer("")


async def release(env: Env, who: User, chat_id: int, data: str, now: datetime) -> None:
    """The resident moved on without choosing: the held report is filed, never dropped."""
    async with env.db.write() as conn:
        await people.forget(conn, who.id, chat_id)
    await report.file(env, who, chat_id, report.unpack(data), now, check_duplicates=False)


async def _held(conn: object, who: User, chat_id: int, ticket_id: int) -> report.Report | None:
    asked = await people.question(conn, who.id, chat_id)  # type: ignore[arg-type]
    if asked is None or asked[0] != "dup" or asked[1] != ticket_id:
        return None
    return report.unpack(asked[2])
