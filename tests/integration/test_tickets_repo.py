"""The ticket repository on a real SQLite file: round trips, the event log, scoped queries."""

from __future__ import annotations

from domain import tickets as sm
from domain.access import Role
from domain.org import Place
from domain.tickets import Event, Ticket, Tier
from storage import people
from storage import tickets as repo
from storage.db import Database
from tests.conftest import NOW


async def _resident(db: Database) -> int:
    async with db.write() as conn:
        return (await people.ensure(conn, 1001, "张大姐", "zh", NOW)).id


HOME = Place("惠泽小区", 12, 3, "501")


def _ticket(resident: int, place: Place = HOME) -> Ticket:
    return Ticket(None, resident, "楼道堆满纸箱", "fire_safety", "simple", False, place,
                  created_at=NOW, updated_at=NOW)


async def test_a_ticket_round_trips_with_its_place_and_times(db: Database) -> None:
    rid = await _resident(db)
    async with db.write() as conn:
        tk = await repo.add(conn, _ticket(rid), hazard=None, photo="file-1", location=(40.8, 111.7))
        tk, _ = sm.assign(tk, Tier.BUILDING_LEAD, "惠泽一网格", "惠泽社区党委", NOW)
        await repo.save(conn, tk)
    async with db.read() as conn:
        again = await repo.get(conn, tk.id)
        assert await repo.photo_of(conn, tk.id) == "file-1"
    assert again == tk
    assert again.created_at == NOW and again.created_at.tzinfo is not None


async def test_the_event_log_keeps_every_change_in_order(db: Database) -> None:
    rid = await _resident(db)
    async with db.write() as conn:
        tk = await repo.add(conn, _ticket(rid))
        for kind in ("submitted", "assigned", "claimed"):
            await repo.log(conn, Event(tk.id, rid, kind, NOW, f"note {kind}"))
    async with db.read() as conn:
        kinds = [e.kind for e in await repo.history(conn, tk.id)]
    assert kinds == ["submitted", "assigned", "claimed"]


async def test_open_work_is_found_by_scope(db: Database) -> None:
    rid = await _resident(db)
    async with db.write() as conn:
        mine = await repo.add(conn, _ticket(rid))
        mine, _ = sm.assign(mine, Tier.BUILDING_LEAD, "惠泽一网格", "惠泽社区党委", NOW)
        await repo.save(conn, mine)
        other = await repo.add(conn, _ticket(rid, Place("滨河第一城", 3)))
        other, _ = sm.assign(other, Tier.GRID, "滨河一网格", "民馨社区党委", NOW)
        await repo.save(conn, other)
    async with db.read() as conn:
        lead = await repo.open_in_scope(conn, [Role("building_lead", "building:惠泽小区:12")])
        grid = await repo.open_in_scope(conn, [Role("grid_worker", "grid:滨河一网格")])
        everyone = await repo.open_in_scope(conn, [Role("committee", "committee")])
        nobody = await repo.open_in_scope(conn, [])
    assert [t.id for t in lead] == [mine.id]
    assert [t.id for t in grid] == [other.id]
    assert {t.id for t in everyone} == {mine.id, other.id}
    assert nobody == []


async def test_many_tickets_are_read_in_the_order_asked_and_saved_by_their_changed_columns_only(
        db: Database) -> None:
    rid = await _resident(db)
    async with db.write() as conn:
        a, b, c = [await repo.add(conn, _ticket(rid)) for _ in range(3)]
    async with db.read() as conn:
        assert [t.id for t in await repo.get_many(conn, [c.id, a.id, 999, b.id])] == [c.id, a.id, b.id]
    async with db.write() as conn:
        await repo.save(conn, sm.follow(a, rid, NOW, "我家也是")[0])  # a change the batch did not make
        moved, _ = sm.assign(a, Tier.GRID, "惠泽一网格", "惠泽社区党委", NOW)
        await repo.save_many(conn, [(a, moved), (b, b)])
        await repo.log_many(conn, [Event(a.id, None, "assigned", NOW), Event(b.id, None, "looked", NOW)])
    async with db.read() as conn:
        got = await repo.get(conn, a.id)
        assert (got.status, got.tier, got.grid, got.affected) == (moved.status, Tier.GRID, "惠泽一网格", 2)
        assert await repo.get(conn, b.id) == b
        assert [e.kind for e in await repo.history(conn, b.id)] == ["looked"]
