"""Ticket repository: rows ⇄ domain.tickets.Ticket, the event log, and scoped queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, false, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ColumnElement

from domain.access import Role
from domain.org import Place
from domain.tickets import OPEN, Event, Rating, Status, Ticket, Tier
from storage.schema import events, followers, tickets

_PLAIN = ("resident_id", "text", "category", "triage", "urgent", "grid", "branch", "holder_id",
          "affected", "created_at", "updated_at", "claimed_at", "resolved_at", "closed_at", "rated_at",
          "claim_due", "response_due", "resolve_due", "contact_due", "contacted_at", "warned_at", "check_at",
          "care_id")


# The hot path (every report files a ticket, logs events, routes it) executes fixed statements with
# the values as parameters: `insert(t).values(**row)` builds, coerces and cache-keys a new statement
# per call, which cost more than SQLite's own work (bench/e2e.py, docs/scale.md).
_COLUMNS = (*_PLAIN, "status", "tier", "rating", "community", "building", "unit", "room")
_SAVE = update(tickets).where(tickets.c.id == bindparam("b_id")).values({k: bindparam(f"b_{k}") for k in _COLUMNS})


def _values(t: Ticket) -> dict[str, Any]:
    v = {k: getattr(t, k) for k in _PLAIN}
    v.update(status=t.status.value, tier=int(t.tier), rating=t.rating.value if t.rating else None,
             community=t.place.community, building=t.place.building, unit=t.place.unit,
             room=t.place.room)
    return v


def ticket_from_row(r: Any) -> Ticket:
    m = r._mapping
    return Ticket(
        id=m["id"], place=Place(m["community"], m["building"], m["unit"], m["room"]),
        status=Status(m["status"]), tier=Tier(m["tier"]),
        rating=Rating(m["rating"]) if m["rating"] else None,
        **{k: m[k] for k in _PLAIN},
    )


async def add(conn: AsyncConnection, t: Ticket, *, hazard: str | None = None,
              photo: str | None = None, location: tuple[float, float] | None = None) -> Ticket:
    lat, lon = location if location else (None, None)
    res = await conn.execute(insert(tickets), {**_values(t), "hazard": hazard, "photo_file_id": photo,
                                                "latitude": lat, "longitude": lon})
    new_id = res.inserted_primary_key[0]
    return Ticket(**{**t.__dict__, "id": new_id})


async def get(conn: AsyncConnection, ticket_id: int, *, lock: bool = False) -> Ticket | None:
    """With lock=True the row stays ours until commit (PostgreSQL); SQLite writers are serialised."""
    q = select(tickets).where(tickets.c.id == ticket_id)
    if lock and conn.dialect.name != "sqlite":
        q = q.with_for_update()
    r = (await conn.execute(q)).first()
    return ticket_from_row(r) if r else None


async def get_many(conn: AsyncConnection, ids: list[int], *, lock: bool = False) -> list[Ticket]:
    """Several tickets in one read, in the order of `ids` (missing ones left out); lock as in `get`."""
    if not ids:
        return []
    q = select(tickets).where(tickets.c.id.in_(ids))
    if lock and conn.dialect.name != "sqlite":
        q = q.with_for_update()
    found = {r.id: ticket_from_row(r) for r in await conn.execute(q)}
    return [found[i] for i in ids if i in found]


async def photo_of(conn: AsyncConnection, ticket_id: int) -> str | None:
    q = select(tickets.c.photo_file_id).where(tickets.c.id == ticket_id)
    return (await conn.execute(q)).scalar_one_or_none()


async def save(conn: AsyncConnection, t: Ticket) -> None:
    await conn.execute(_SAVE, {"b_id": t.id, **{f"b_{k}": v for k, v in _values(t).items()}})


async def save_many(conn: AsyncConnection, changes: list[tuple[Ticket, Ticket]]) -> None:
    """Many tickets, each given as (as read, as changed). Only the columns that changed are written, so
    the indexes over the others are left alone, in one executemany per set of changed columns."""
    batches: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for before, after in changes:
        old, new = _values(before), _values(after)
        columns = tuple(k for k, v in new.items() if v != old[k])
        if columns:  # bound names must differ from the columns': hence `b_`
            batches.setdefault(columns, []).append({"b_id": after.id, **{f"b_{k}": new[k] for k in columns}})
    for columns, rows in batches.items():
        q = (update(tickets).where(tickets.c.id == bindparam("b_id"))
             .values({k: bindparam(f"b_{k}") for k in columns}))
        await conn.execute(q, rows)


def _event_row(e: Event) -> dict[str, Any]:
    return {"ticket_id": e.ticket_id, "actor_id": e.actor_id, "kind": e.kind, "note": e.note, "at": e.at}


async def log(conn: AsyncConnection, e: Event) -> None:
    await conn.execute(insert(events), _event_row(e))


async def log_many(conn: AsyncConnection, es: list[Event]) -> None:
    """Many events in one executemany, in order."""
    if es:
        await conn.execute(insert(events), [_event_row(e) for e in es])


async def history(conn: AsyncConnection, ticket_id: int) -> list[Event]:
    q = select(events).where(events.c.ticket_id == ticket_id).order_by(events.c.id)
    return [Event(r.ticket_id, r.actor_id, r.kind, r.at, r.note) for r in await conn.execute(q)]


async def of_resident(conn: AsyncConnection, resident_id: int, limit: int = 10) -> list[Ticket]:
    q = (select(tickets).where(tickets.c.resident_id == resident_id)
         .order_by(tickets.c.id.desc()).limit(limit))
    return [ticket_from_row(r) for r in await conn.execute(q)]


def in_scope(roles: Iterable[Role]) -> ColumnElement[bool]:
    """SQL condition for 'tickets inside any of these roles' areas' (mirrors access.covers)."""
    conds: list[ColumnElement[bool]] = []
    for r in roles:
        kind, _, rest = r.scope.partition(":")
        if r.name in ("committee", "admin"):
            return tickets.c.id.is_not(None)
        if r.name == "branch":
            conds.append(tickets.c.branch == rest)
        elif r.name == "grid_worker":
            conds.append(tickets.c.grid == rest)
        elif r.name == "building_lead" and kind == "building":
            community, _, num = rest.rpartition(":")
            conds.append(and_(tickets.c.community == community, tickets.c.building == int(num)))
    return or_(*conds) if conds else false()


async def open_in_scope(conn: AsyncConnection, roles: Iterable[Role],
                        limit: int = 20) -> list[Ticket]:
    q = (select(tickets)
         .where(in_scope(roles), tickets.c.status.in_([s.value for s in OPEN]))
         .order_by(tickets.c.urgent.desc(), tickets.c.id).limit(limit))
    return [ticket_from_row(r) for r in await conn.execute(q)]


async def held_by(conn: AsyncConnection, user_id: int) -> list[Ticket]:
    q = (select(tickets).where(tickets.c.holder_id == user_id,
                               tickets.c.status.in_([Status.CLAIMED.value, Status.REOPENED.value]))
         .order_by(tickets.c.id))
    return [ticket_from_row(r) for r in await conn.execute(q)]


async def attach(conn: AsyncConnection, ticket_id: int, *, photo: str | None = None,
                 location: tuple[float, float] | None = None) -> None:
    values: dict[str, Any] = {}
    if photo:
        values["photo_file_id"] = photo
    if location:
        values.update(latitude=location[0], longitude=location[1])
    if values:
        await conn.execute(update(tickets).where(tickets.c.id == ticket_id).values(**values))


async def attach_resolution_photo(conn: AsyncConnection, ticket_id: int, photo: str) -> None:
    await conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                       .values(resolution_photo=photo))


def _lookalikes(in_building: bool) -> Any:
    """A fixed statement (its SQL compiled once and cached): the open statuses as plain comparisons,
    since an IN list is re-rendered for every call."""
    known = select(followers.c.ticket_id).where(followers.c.user_id == bindparam("resident"))
    q = (select(tickets).where(
        tickets.c.community == bindparam("community"), tickets.c.category == bindparam("category"),
        tickets.c.created_at >= bindparam("since"), or_(*(tickets.c.status == s.value for s in sorted(OPEN))),
        tickets.c.resident_id != bindparam("resident"), tickets.c.id.not_in(known))
        .order_by(tickets.c.id.desc()).limit(20))
    return q.where(tickets.c.building == bindparam("building")) if in_building else q


_LOOKALIKES = {False: _lookalikes(False), True: _lookalikes(True)}


async def lookalikes(conn: AsyncConnection, community: str, category: str, since: datetime,
                     resident_id: int, building: int | None = None) -> list[Ticket]:
    """Open tickets that could be the same problem, not already known to this resident; in one
    building when `building` is given (an indoor problem is only the same in the same building)."""
    params = {"community": community, "category": category, "since": since, "resident": resident_id}
    if building is not None:
        params["building"] = building
    return [ticket_from_row(r) for r in await conn.execute(_LOOKALIKES[building is not None], params)]


async def add_follower(conn: AsyncConnection, ticket_id: int, user_id: int, now: datetime) -> None:
    await conn.execute(insert(followers).values(ticket_id=ticket_id, user_id=user_id, created_at=now))


async def follower_ids(conn: AsyncConnection, ticket_id: int) -> list[int]:
    return (await followers_of(conn, [ticket_id])).get(ticket_id, [])


async def followers_of(conn: AsyncConnection, ticket_ids: list[int]) -> dict[int, list[int]]:
    """Each ticket's followers, first to follow first (tickets without any are left out)."""
    if not ticket_ids:
        return {}
    q = (select(followers.c.ticket_id, followers.c.user_id).where(followers.c.ticket_id.in_(ticket_ids))
         .order_by(followers.c.created_at, followers.c.user_id))
    out: dict[int, list[int]] = {}
    for r in await conn.execute(q):
        out.setdefault(r.ticket_id, []).append(r.user_id)
    return out


async def most_affected(conn: AsyncConnection, roles: Iterable[Role], limit: int = 3) -> list[Ticket]:
    """Open tickets reported by more than one resident, most first: where many are waiting."""
    q = (select(tickets).where(in_scope(list(roles)), tickets.c.affected > 1,
                               tickets.c.status.in_([s.value for s in OPEN]))
         .order_by(tickets.c.affected.desc(), tickets.c.id).limit(limit))
    return [ticket_from_row(r) for r in await conn.execute(q)]


async def to_check(conn: AsyncConnection, now: datetime, limit: int = 500) -> list[int]:
    """Ids of tickets whose deadline or warning time has come, oldest first (read from the check_at index alone)."""
    q = select(tickets.c.id).where(tickets.c.check_at <= now).order_by(tickets.c.check_at, tickets.c.id).limit(limit)
    return list((await conn.execute(q)).scalars())


async def unrated_since(conn: AsyncConnection, before: datetime, after: datetime,
                        limit: int = 200) -> list[Ticket]:
    """Resolved between two times, never rated, not yet reminded.

    The window keeps the read on the (status, resolved_at) index: without a lower bound it walks
    every resolved ticket ever (seconds at a million), while the write lock is held.
    """
    q = (select(tickets).where(tickets.c.status == Status.RESOLVED.value, tickets.c.resolved_at <= before,
                               tickets.c.resolved_at > after, tickets.c.rate_reminded_at.is_(None))
         .order_by(tickets.c.resolved_at).limit(limit))
    return [ticket_from_row(r) for r in await conn.execute(q)]


async def closed_unasked(conn: AsyncConnection, before: datetime, after: datetime,
                         limit: int = 200) -> list[Ticket]:
    """Closed between two times and not yet asked whether the problem is still there (see above)."""
    q = (select(tickets).where(tickets.c.status == Status.CLOSED.value, tickets.c.closed_at <= before,
                               tickets.c.closed_at > after, tickets.c.still_asked_at.is_(None))
         .order_by(tickets.c.closed_at).limit(limit))
    return [ticket_from_row(r) for r in await conn.execute(q)]


async def mark(conn: AsyncConnection, ticket_id: int, **stamps: datetime | None) -> None:
    """Reminder bookkeeping (rate_reminded_at, still_asked_at): each reminder goes out once."""
    await conn.execute(update(tickets).where(tickets.c.id == ticket_id).values(**stamps))


async def held_open(conn: AsyncConnection) -> list[Ticket]:
    """Every ticket someone holds now, by holder: the morning list of each worker's work."""
    q = (select(tickets).where(tickets.c.holder_id.is_not(None),
                               tickets.c.status.in_([Status.CLAIMED.value, Status.REOPENED.value]))
         .order_by(tickets.c.holder_id, tickets.c.id))
    return [ticket_from_row(r) for r in await conn.execute(q)]
