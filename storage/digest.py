"""Digest queries: per-grid tallies, the daily trend, hot spots, the overdue list.

Each count is its own small query on an indexed time column, so a committee digest stays
fast over a million tickets instead of scanning them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from domain.access import Role
from domain.rates import Tally
from domain.tickets import OPEN, Ticket
from storage.schema import tickets
from storage.tickets import in_scope, ticket_from_row

c = tickets.c
OPEN_VALUES = [s.value for s in OPEN]


async def tallies(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                  now: datetime) -> dict[str | None, Tally]:
    """Tallies per grid (None: tickets above any grid) for the period [since, until)."""
    scope = in_scope(list(roles))

    def within(col: Any) -> ColumnElement[bool]:
        return and_(col >= since, col < until)

    counts: dict[str, ColumnElement[bool]] = {
        "new": within(c.created_at),
        "claimed": within(c.claimed_at),
        "resolved": within(c.resolved_at),
        "closed": within(c.closed_at),
        "open": c.status.in_(OPEN_VALUES),
        "overdue": and_(c.status.in_(OPEN_VALUES), c.resolve_due < now),
        # 响应率 counts a ticket when its claim was settled: at the claim if in time, else at the deadline
        "claimed_in_time": and_(within(c.claimed_at), c.claimed_at <= c.response_due),
        "missed_claim": and_(within(c.response_due), c.response_due <= now,
                             or_(c.claimed_at.is_(None), c.claimed_at > c.response_due)),
        "rated": within(c.rated_at),
        "pleased": and_(within(c.rated_at), c.rating.in_(["satisfied", "mostly"])),
        "unsatisfied": and_(within(c.rated_at), c.rating == "unsatisfied"),
    }
    by_grid: dict[str | None, dict[str, int]] = {}
    for name, where in counts.items():
        q = select(c.grid, func.count()).where(scope, where).group_by(c.grid)
        for grid, n in await conn.execute(q):
            by_grid.setdefault(grid, {})[name] = int(n)
    for v in by_grid.values():
        v["due_claim"] = v.get("claimed_in_time", 0) + v.pop("missed_claim", 0)
    return {g: Tally(**{f.name: v.get(f.name, 0) for f in fields(Tally)}) for g, v in by_grid.items()}


async def daily(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                tz: tzinfo) -> dict[date, tuple[int, int]]:
    """New and resolved per local day: rows are bucketed here, the same way on every database."""
    scope = in_scope(list(roles))
    new = Counter[date]()
    done = Counter[date]()
    for col, counter in ((c.created_at, new), (c.resolved_at, done)):
        for (at,) in await conn.execute(select(col).where(scope, col >= since, col < until)):
            counter[at.astimezone(tz).date()] += 1
    return {d: (new[d], done[d]) for d in sorted(set(new) | set(done))}


async def hot_spots(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                    limit: int = 3) -> list[tuple[str, int, int]]:
    """Buildings with repeated reports since a time: (community, building, reports)."""
    n = func.count().label("n")
    q = (select(c.community, c.building, n)
         .where(in_scope(list(roles)), c.created_at >= since, c.created_at < until, c.building.is_not(None))
         .group_by(c.community, c.building).having(func.count() > 1)
         .order_by(n.desc(), c.community, c.building).limit(limit))
    return [(com, int(b), int(k)) for com, b, k in await conn.execute(q)]


async def overdue(conn: AsyncConnection, roles: Iterable[Role], now: datetime,
                  limit: int = 10) -> list[Ticket]:
    q = (select(tickets).where(in_scope(list(roles)), c.status.in_(OPEN_VALUES), c.resolve_due < now)
         .order_by(c.resolve_due).limit(limit))
    return [ticket_from_row(r) for r in await conn.execute(q)]


async def top_categories(conn: AsyncConnection, roles: Iterable[Role], since: datetime,
                         until: datetime, limit: int = 3) -> list[tuple[str, int]]:
    n = func.count().label("n")
    q = (select(c.category, n).where(in_scope(list(roles)), c.created_at >= since, c.created_at < until)
         .group_by(c.category).order_by(n.desc(), c.category).limit(limit))
    return [(cat, int(k)) for cat, k in await conn.execute(q)]
