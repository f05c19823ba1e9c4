"""Digest queries: per-grid tallies, the daily trend, hot spots, the overdue list.

Two kinds of question, each shaped so the plan is right on any database, with or without
planner statistics (the app never runs ANALYZE, so SQLite has none and goes by its built-in
guesses; bench/digest.py times both ways):

- "in the period" counts read a time window. They are driven by that time column's index, and the
  area (grid, branch, building) is checked per row, never through an area index: the window holds
  a day or a week of the whole district, while an area's history grows without end. Without
  statistics SQLite took `branch = ?` for the sharper filter and read the branch's two years of
  tickets once per count (7 s over a million tickets); `windowed_scope` takes that choice away.
- "as of now" counts (open, overdue) read only open tickets, through the area's (area, status) index.

The open and overdue tallies are counted once per digest, not once per period compared, and the
period compared with is counted whole (`total`), not per grid. The daily trend is counted per local
day by the database (`daily`): 14 rows come back instead of every ticket's time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Column, String, and_, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import replacement_traverse

from domain.access import Role
from domain.rates import Tally
from domain.tickets import OPEN, Ticket
from storage.schema import tickets
from storage.tickets import in_scope, ticket_from_row

c = tickets.c
OPEN_VALUES = [s.value for s in OPEN]
PLEASED = ["satisfied", "mostly"]
AREA_COLUMNS = frozenset({"grid", "branch", "community", "building"})


class _Unindexed(FunctionElement[Any]):
    """See `unindexed`."""

    inherit_cache = True

    def __init__(self, col: ColumnElement[Any]) -> None:
        super().__init__(col)
        self.type = col.type


@compiles(_Unindexed)
def _plain(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_Unindexed, "sqlite")
def _unary_plus(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def unindexed(col: ColumnElement[Any]) -> ColumnElement[Any]:
    """A column's value that no index may serve: `+col` on SQLite, the plain column elsewhere.

    SQLite documents the unary `+` as the way to keep a term from driving the plan; it changes no
    value. PostgreSQL keeps its own statistics (autovacuum), so it gets the column as it is.
    """
    return _Unindexed(col)


def windowed_scope(roles: Iterable[Role]) -> ColumnElement[bool]:
    """`storage.tickets.in_scope` (the one definition of an area) with its area columns `unindexed`,
    for queries over a time window: the time column's index then drives them whatever the statistics say."""
    def swap(el: Any) -> Any:
        if isinstance(el, Column) and el.table is tickets and el.key in AREA_COLUMNS:
            return unindexed(el)
        return None
    return replacement_traverse(in_scope(list(roles)), {}, swap)


def _count_if(cond: ColumnElement[bool]) -> ColumnElement[int]:
    """How many rows of the group meet `cond` (portable conditional count)."""
    return func.count(case((cond, 1)))


async def tallies(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                  now: datetime, as_of_now: dict[str | None, tuple[int, int]] | None = None) -> dict[str | None, Tally]:
    """Tallies per grid (None: tickets above any grid) for the period [since, until).

    The open and overdue tallies are as of `now` whatever the period; pass `as_of_now` (from
    `open_tallies`) to reuse them when several periods are compared, instead of counting again.
    """
    by_grid = await _period_counts(conn, roles, since, until, now, per_grid=True)
    if as_of_now is None:
        as_of_now = await open_tallies(conn, roles, now)
    for grid, (n_open, n_overdue) in as_of_now.items():
        by_grid.setdefault(grid, {}).update(open=n_open, overdue=n_overdue)
    return {grid: _tally(v) for grid, v in by_grid.items()}


async def total(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                now: datetime, as_of_now: dict[str | None, tuple[int, int]] | None = None) -> Tally:
    """`tallies` summed over the grids, counted without grouping by grid: for the committee most counts
    then come from the time column's index alone, without reading a single ticket row."""
    counts = (await _period_counts(conn, roles, since, until, now, per_grid=False)).get(None, {})
    if as_of_now is None:
        as_of_now = await open_tallies(conn, roles, now)
    counts.update(open=sum(n for n, _ in as_of_now.values()), overdue=sum(n for _, n in as_of_now.values()))
    return _tally(counts)


async def _period_counts(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                         now: datetime, per_grid: bool) -> dict[str | None, dict[str, int]]:
    """The period's counts per grid, or all under None: one statement per time column, each one
    index range over the window; counts that read the same rows share it."""
    scope = windowed_scope(roles)

    def within(col: Any) -> ColumnElement[bool]:
        return and_(col >= since, col < until)

    queries: list[tuple[tuple[str, ...], ColumnElement[bool], list[ColumnElement[int]]]] = [
        (("new",), within(c.created_at), [func.count()]),
        # 响应率 counts a ticket when its claim was settled: at the claim if in time, else at the deadline
        (("claimed", "claimed_in_time"), within(c.claimed_at),
         [func.count(), _count_if(c.claimed_at <= c.response_due)]),
        (("missed_claim",), and_(within(c.response_due), c.response_due <= now,
                                 or_(c.claimed_at.is_(None), c.claimed_at > c.response_due)), [func.count()]),
        (("resolved",), within(c.resolved_at), [func.count()]),
        (("closed",), within(c.closed_at), [func.count()]),
        (("rated", "pleased", "unsatisfied"), within(c.rated_at),
         [func.count(), _count_if(c.rating.in_(PLEASED)), _count_if(c.rating == "unsatisfied")]),
    ]
    out: dict[str | None, dict[str, int]] = {}
    for names, where, counts in queries:
        if per_grid:
            rows = await conn.execute(select(c.grid, *counts).where(scope, where).group_by(c.grid))
        else:
            rows = await conn.execute(select(literal(None, String), *counts).where(scope, where))
        for grid, *ns in rows:
            out.setdefault(grid, {}).update(zip(names, map(int, ns), strict=True))
    return out


def _tally(counts: dict[str, int]) -> Tally:
    v = dict(counts)
    v["due_claim"] = v.get("claimed_in_time", 0) + v.pop("missed_claim", 0)
    return Tally(**v)


async def open_tallies(conn: AsyncConnection, roles: Iterable[Role],
                       now: datetime) -> dict[str | None, tuple[int, int]]:
    """(open, open and past the resolution deadline) per grid as of `now`, in one pass over the open tickets."""
    q = (select(c.grid, func.count(), _count_if(c.resolve_due < now))
         .where(in_scope(list(roles)), c.status.in_(OPEN_VALUES)).group_by(c.grid))
    return {grid: (int(n), int(late)) for grid, n, late in await conn.execute(q)}


def day_edges(since: datetime, until: datetime, tz: tzinfo) -> tuple[list[date], list[datetime]]:
    """The local days [since, until) touches and their bounds: day k is [edges[k], edges[k + 1]).

    Local midnights are found here, in Python, so a day is right in any zone, DST included, and the
    SQL stays plain comparisons that every database runs the same way.
    """
    first, last = since.astimezone(tz).date(), until.astimezone(tz).date()
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    edges = [since, *(datetime.combine(d, time.min, tz) for d in days[1:]), until]
    if len(days) > 1 and edges[-2] >= until:  # `until` is exactly a local midnight: that day is empty
        days, edges = days[:-1], [*edges[:-2], until]
    return days, edges


async def daily(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                tz: tzinfo) -> dict[date, tuple[int, int]]:
    """New and resolved per local day, counted by the database: one row per day comes back, not every ticket."""
    scope = windowed_scope(roles)
    days, edges = day_edges(since, until, tz)
    found: dict[date, list[int]] = {}
    for i, col in enumerate((c.created_at, c.resolved_at)):
        # the day's number: the first bound the time is below (a CASE works the same on every database)
        day: ColumnElement[int] = case(*((col < edge, k) for k, edge in enumerate(edges[1:-1])),
                                       else_=len(days) - 1) if len(days) > 1 else literal(0)
        inner = select(day.label("day")).where(scope, col >= since, col < until).subquery()
        for k, n in await conn.execute(select(inner.c.day, func.count()).group_by(inner.c.day)):
            found.setdefault(days[int(k)], [0, 0])[i] = int(n)
    return {d: (v[0], v[1]) for d, v in sorted(found.items())}


async def hot_spots(conn: AsyncConnection, roles: Iterable[Role], since: datetime, until: datetime,
                    limit: int = 3) -> list[tuple[str, int, int]]:
    """Buildings with repeated reports in the period: (community, building, reports)."""
    n = func.count().label("n")
    q = (select(c.community, c.building, n)
         .where(windowed_scope(roles), c.created_at >= since, c.created_at < until, c.building.is_not(None))
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
    q = (select(c.category, n).where(windowed_scope(roles), c.created_at >= since, c.created_at < until)
         .group_by(c.category).order_by(n.desc(), c.category).limit(limit))
    return [(cat, int(k)) for cat, k in await conn.execute(q)]
