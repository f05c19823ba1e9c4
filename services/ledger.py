"""Apply one state-machine step and write it down: the ticket row and its event, together.

Every save also stamps when the sweep must look at the ticket next (`check_at`), so the
deadline machinery never has to scan open tickets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import sla
from domain.people import User
from domain.texts import t
from domain.tickets import Event, Ticket, TransitionError
from services.env import Answer, Env
from storage import tickets as repo


def stamp(env: Env, tk: Ticket, restart_at: datetime | None = None) -> Ticket:
    """The ticket as it must be saved: fresh clocks from `restart_at` when given, and its `check_at`."""
    if env.policy is not None and env.calendar is not None:
        if restart_at is not None:
            tk = sla.restart(env.policy, tk, restart_at, env.calendar)
        tk = replace(tk, check_at=sla.check_at(env.policy, tk, env.calendar))
    return tk


async def store(conn: AsyncConnection, env: Env, tk: Ticket, event: Event | None = None, *,
                restart_at: datetime | None = None) -> Ticket:
    """Save (with fresh clocks from `restart_at` when given) and log; returns what was saved."""
    tk = stamp(env, tk, restart_at)
    await repo.save(conn, tk)
    if event is not None:
        await repo.log(conn, event)
    return tk


async def store_all(conn: AsyncConnection, changes: list[tuple[Ticket, Ticket]], events: list[Event]) -> None:
    """A batch of tickets, each (as read, as `stamp`ed), and their events in a few statements (a sweep's pass)."""
    await repo.save_many(conn, changes)
    await repo.log_many(conn, events)


async def record(conn: AsyncConnection, env: Env, who: User, step: Callable[[], tuple[Ticket, Event]],
                 restart_at: datetime | None = None) -> Ticket | Answer:
    """The new ticket, saved and logged; a refused transition becomes the polite 'stale' answer."""
    try:
        tk, event = step()
    except TransitionError:
        return Answer(t(who.lang, "stale"), alert=True)
    return await store(conn, env, tk, event, restart_at=restart_at)
