"""The care list (走访): who needs a regular visit, when the next one is due, its open task."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.org import Place
from storage.schema import care


async def add(conn: AsyncConnection, name: str, need: str, place: Place, every_days: int,
              first_due: datetime, source: str) -> bool:
    """Put someone on the list once (same name and address: nothing added)."""
    q = select(care.c.id).where(care.c.name == name, care.c.community == place.community,
                                care.c.building == place.building)
    if (await conn.execute(q)).first():
        return False
    await conn.execute(insert(care).values(
        name=name, need=need, community=place.community, building=place.building, unit=place.unit,
        room=place.room, every_days=every_days, next_due=first_due, source=source))
    return True


async def due(conn: AsyncConnection, now: datetime, limit: int = 200) -> list[Any]:
    q = (select(care).where(care.c.next_due <= now, care.c.open_ticket_id.is_(None))
         .order_by(care.c.next_due).limit(limit))
    return list(await conn.execute(q))


async def opened(conn: AsyncConnection, care_id: int, ticket_id: int) -> None:
    await conn.execute(update(care).where(care.c.id == care_id).values(open_ticket_id=ticket_id))


async def visited(conn: AsyncConnection, care_id: int, at: datetime, note: str) -> None:
    """The visit happened: the next one is due `every_days` later."""
    row = (await conn.execute(select(care).where(care.c.id == care_id))).one()
    await conn.execute(update(care).where(care.c.id == care_id).values(
        open_ticket_id=None, last_visit_at=at, last_note=note,
        next_due=at + timedelta(days=row.every_days)))


def place_of(row: Any) -> Place:
    return Place(row.community, row.building, row.unit, row.room)
