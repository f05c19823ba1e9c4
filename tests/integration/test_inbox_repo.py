"""The durable inbox's storage on each backend: once per update_id, in order per chat, stamped when done."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage import inbox
from storage.db import Database
from storage.inbox import Received
from tests.conftest import NOW


def _got(update_id: int, chat: int | None) -> Received:
    return Received(update_id, chat, f'{{"update_id": {update_id}}}')


async def test_a_redelivered_update_is_stored_once(db: Database) -> None:
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 10)], NOW)
    async with db.write() as conn:
        await inbox.accept(conn, [_got(2, 10), _got(3, 11)], NOW)  # 2 again: Telegram was not sure we had it
    async with db.read() as conn:
        assert await inbox.count_open(conn) == 3 and await inbox.newest_id(conn) == 3


async def test_a_chats_updates_come_in_order_and_other_chats_are_not_held_up(db: Database) -> None:
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 10), _got(3, 11), _got(4, None)], NOW)
    order = []
    while True:
        async with db.write() as conn:
            item = await inbox.next_open(conn)
            if item is None:
                break
            order.append(item.update_id)
            await inbox.done(conn, item.update_id, NOW)
    assert order == [1, 2, 3, 4]
    async with db.read() as conn:
        assert await inbox.count_open(conn) == 0


async def test_a_batch_is_the_oldest_open_updates_one_of_each_chat(db: Database) -> None:
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 10), _got(3, 11), _got(4, 12), _got(5, 13)], NOW)
        await inbox.done(conn, 4, NOW)
    async with db.write() as conn:
        assert [u.update_id for u in await inbox.open_batch(conn, 8)] == [1, 3, 5]  # 2 waits for 1
        assert [u.update_id for u in await inbox.open_batch(conn, 2)] == [1, 3]


async def test_a_batch_is_stamped_done_at_once(db: Database) -> None:
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 11), _got(3, 12)], NOW)
        await inbox.done_many(conn, [1, 3], NOW)
        await inbox.done_many(conn, [], NOW)  # a batch with nothing to stamp says nothing
    async with db.read() as conn:
        assert await inbox.count_open(conn) == 1 and (await inbox.next_open(conn)).update_id == 2  # type: ignore[union-attr]


async def test_an_update_being_handled_blocks_only_its_own_chat(db: Database) -> None:
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 10), _got(3, 11)], NOW)
        await inbox.failed(conn, 1, "boom")  # still open: its chat waits, the other chat does not
    async with db.write() as conn:
        first = await inbox.next_open(conn)
        assert first is not None and first.update_id == 1 and first.attempts == 1
        await inbox.done(conn, 1, NOW)
        second = await inbox.next_open(conn)
        assert second is not None and second.update_id == 2


async def test_handled_updates_are_forgotten_after_the_redelivery_window(db: Database) -> None:
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 10)], NOW)
        await inbox.done(conn, 1, NOW)
    async with db.write() as conn:
        assert await inbox.forget_done(conn, NOW + timedelta(days=2)) == 1  # 2 is still open: kept
    async with db.read() as conn:
        assert await inbox.count_open(conn) == 1 and await inbox.newest_id(conn) == 2


async def test_two_processes_share_the_work_without_breaking_a_chats_order(db: Database) -> None:
    """PostgreSQL: what one process holds is skipped by the other, and that chat's next update waits."""
    if db.is_sqlite:
        pytest.skip("SQLite serves one process; its writes are serialised")
    async with db.write() as conn:
        await inbox.accept(conn, [_got(1, 10), _got(2, 10), _got(3, 11)], NOW)
    async with db.write() as one, db.write() as two:
        held = await inbox.next_open(one)
        other = await inbox.next_open(two)
        assert held is not None and held.update_id == 1
        assert other is not None and other.update_id == 3  # not 2: chat 10 is still being handled
