"""Apply one state-machine step and write it down: the ticket row and its event, together."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncConnection

from domain.people import User
from domain.texts import t
from domain.tickets import Event, Ticket, TransitionError
from services.env import Answer
from storage import tickets as repo


async def record(conn: AsyncConnection, who: User, step: Callable[[], tuple[Ticket, Event]]) -> Ticket | Answer:
    """The new ticket, saved and logged; a refused transition becomes the polite 'stale' answer."""
    try:
        tk, event = step()
    except TransitionError:
        return Answer(t(who.lang, "stale"), alert=True)
    await repo.save(conn, tk)
    await repo.log(conn, event)
    return tk
