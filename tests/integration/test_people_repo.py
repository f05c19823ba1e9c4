"""Users, roles, single-use invites, group bindings and pending questions on real SQLite."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from domain.access import Role
from domain.org import Place
from storage import people
from storage.db import Database
from tests.conftest import NOW


async def test_a_user_is_created_once_and_kept_fresh(db: Database) -> None:
    async with db.write() as conn:
        a = await people.ensure(conn, 42, "张大姐", "zh", NOW)
        b = await people.ensure(conn, 42, "张桂兰", "en", NOW)
    assert a.id == b.id and (b.name, b.lang) == ("张桂兰", "en")


async def test_a_user_row_written_meanwhile_in_another_transaction_is_taken_not_failed_on(db: Database) -> None:
    """PostgreSQL: the same person's update in another chat, handled at the same moment, writes the row
    first; the second insert waits for it and takes it (SQLite has one writer: it never meets this)."""
    if db.is_sqlite:
        pytest.skip("SQLite's writes are serialised")
    first_written, release = asyncio.Event(), asyncio.Event()

    async def first() -> int:
        async with db.write() as conn:
            user = await people.ensure(conn, 43, "张大姐", "zh", NOW)
            first_written.set()
            await release.wait()  # not committed yet while the other looks
            return user.id

    async def second() -> int:
        await first_written.wait()
        async with db.write() as conn:
            return (await people.ensure(conn, 43, "张大姐", "zh", NOW)).id

    one, two = asyncio.create_task(first()), asyncio.create_task(second())
    await asyncio.sleep(0.3)
    assert not two.done()  # waiting for the first transaction's row
    release.set()
    assert await one == await two


async def test_home_address_is_remembered(db: Database) -> None:
    async with db.write() as conn:
        u = await people.ensure(conn, 42, "张大姐", "zh", NOW)
        await people.set_home(conn, u.id, Place("惠泽小区", 12, 3, "501"))
        again = await people.get(conn, u.id)
    assert again is not None and again.home == Place("惠泽小区", 12, 3, "501")


async def test_roles_are_granted_once_and_holders_found_by_scope(db: Database) -> None:
    async with db.write() as conn:
        u = await people.ensure(conn, 7, "小李", "zh", NOW)
        assert await people.grant(conn, u.id, Role("grid_worker", "grid:惠泽一网格"), "seed", NOW)
        assert not await people.grant(conn, u.id, Role("grid_worker", "grid:惠泽一网格"), "seed", NOW)
        found = await people.holders(conn, [("grid_worker", "grid:惠泽一网格"), ("committee", "committee")])
        assert [h.name for h in found] == ["小李"]
        assert await people.roles_of(conn, u.id) == [Role("grid_worker", "grid:惠泽一网格")]


async def test_an_invite_works_once_and_not_after_it_expires(db: Database) -> None:
    async with db.write() as conn:
        a = await people.ensure(conn, 1, "甲", "zh", NOW)
        b = await people.ensure(conn, 2, "乙", "zh", NOW)
        role = Role("building_lead", "building:惠泽小区:12")
        await people.add_invite(conn, "CODE1", role, NOW, NOW + timedelta(days=7))
        await people.add_invite(conn, "OLD", role, NOW - timedelta(days=8), NOW - timedelta(days=1))
        assert await people.redeem_invite(conn, "CODE1", a.id, NOW) == role
        assert await people.redeem_invite(conn, "CODE1", b.id, NOW) is None
        assert await people.redeem_invite(conn, "OLD", b.id, NOW) is None
        assert await people.redeem_invite(conn, "NOPE", b.id, NOW) is None


async def test_groups_bind_to_a_grid(db: Database) -> None:
    async with db.write() as conn:
        await people.bind_group(conn, -100, "惠泽一网格", "惠泽一网格工作群", NOW)
        assert await people.group_grid(conn, -100) == "惠泽一网格"
        assert await people.group_chats(conn, "惠泽一网格") == [-100]
        assert await people.group_chats(conn, None) == []


async def test_a_pending_question_is_kept_per_chat_until_forgotten(db: Database) -> None:
    async with db.write() as conn:
        u = await people.ensure(conn, 7, "小李", "zh", NOW)
        await people.ask(conn, u.id, 7, "resolve", 12, NOW)
        await people.ask(conn, u.id, -100, "escalate", 13, NOW)
        assert await people.question(conn, u.id, 7) == ("resolve", 12, "")
        await people.forget(conn, u.id, 7)
        assert await people.question(conn, u.id, 7) is None
        assert await people.question(conn, u.id, -100) == ("escalate", 13, "")
