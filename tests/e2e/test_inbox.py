"""The durable inbox end to end: a redelivered update is handled once, and an update whose handling
dies half-way leaves no trace and is handled, once, after a restart."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import TypeHandler

from app.offline import SHANGHAI, Offline, SteppingClock, offline_bot
from storage import inbox as stored
from storage.schema import tickets
from tests.e2e.conftest import ALICE, LI_DAYE, ZHANG


def _report(update_id: int, text: str, who: int = ZHANG, name: str = "张大姐") -> dict[str, Any]:
    user = {"id": who, "is_bot": False, "first_name": name, "language_code": "zh-hans"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 1795000000, "text": text,
                                                "chat": {"id": who, "type": "private"}, "from": user}}


async def _tickets(bot: Offline) -> int:
    async with bot.env.db.read() as conn:
        return int((await conn.execute(select(func.count()).select_from(tickets))).scalar_one())


async def _drain(bot: Offline) -> None:
    await bot.app.bot_data.inbox.idle()
    await bot.settle()


async def test_a_redelivered_update_is_handled_once(bot: Offline) -> None:
    inbox = bot.app.bot_data.inbox
    await inbox.accept([_report(900001, "惠泽小区12号楼楼道里堆满了纸箱子")])
    await _drain(bot)
    await inbox.accept([_report(900001, "惠泽小区12号楼楼道里堆满了纸箱子")])  # Telegram sends it again
    await _drain(bot)
    assert await _tickets(bot) == 1
    assert sum("#1" in m.body for m in bot.api.messages(ZHANG)) == 1


async def _open(bot: Offline) -> int:
    async with bot.env.db.read() as conn:
        return await stored.count_open(conn)


async def test_updates_waiting_together_are_handled_in_one_unit(bot: Offline) -> None:
    """One pass takes every waiting update of a different chat and commits them with their stamps."""
    inbox = bot.app.bot_data.inbox
    await inbox.stop()  # this test makes the passes itself
    await inbox.accept([_report(900011, "惠泽小区12号楼楼道里堆满了纸箱子"),
                        _report(900012, "瑞兴小区3号楼电梯坏了", LI_DAYE, "李大爷"),
                        _report(900013, "Huize 5 building: the corridor light is broken", ALICE, "Alice")])
    assert await inbox.handle_next() is True
    assert await _open(bot) == 0 and await _tickets(bot) == 3
    inbox.start()
    await _drain(bot)
    assert all(any("已收到" in m.body or "received" in m.body.lower() for m in bot.api.messages(who))
               for who in (ZHANG, LI_DAYE, ALICE))


async def test_an_update_that_fails_a_batch_is_set_aside_alone_and_the_others_are_handled(bot: Offline) -> None:
    inbox = bot.app.bot_data.inbox
    await inbox.stop()
    broken = {"update_id": 900022, "message": {"message_id": 1, "text": "no date: cannot be read",
                                               "chat": {"id": LI_DAYE, "type": "private"}}}
    await inbox.accept([_report(900021, "惠泽小区12号楼楼道里堆满了纸箱子"), broken,
                        _report(900023, "Huize 5 building: the corridor light is broken", ALICE, "Alice")])
    assert await inbox.handle_next() is True  # the batch failed whole: nothing of it is kept
    assert await _open(bot) == 3 and await _tickets(bot) == 0
    inbox.start()
    await _drain(bot)
    assert await _open(bot) == 0 and await _tickets(bot) == 2  # each handled alone: the good ones filed
    async with bot.env.db.read() as conn:
        errors = {r.update_id: r.error for r in await conn.execute(select(stored.inbox))}
    assert errors[900022] == "gave up" and errors[900021] is None and errors[900023] is None
    assert len(bot.api.messages(LI_DAYE)) == 1  # one apology, in the resident's language
    assert len(bot.api.messages(ZHANG)) == 1 and len(bot.api.messages(ALICE)) == 1


class Crash(BaseException):
    """Stands for the process dying mid-handling: not an Exception, so nothing catches it on the way."""


async def test_handling_that_dies_half_way_is_rolled_back_and_done_once_after_a_restart(
        tmp_path: Path, database_url: str) -> None:
    clock = SteppingClock(datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI))

    async def die(_update: Update, _context: object) -> None:
        raise Crash  # after the report was filed and its messages queued, before the commit

    async with offline_bot(tmp_path, clock, database_url) as bot:
        await bot.person(ZHANG, "张大姐")
        bot.app.add_handler(TypeHandler(Update, die), group=50)
        await bot.app.bot_data.inbox.accept([_report(900002, "惠泽小区12号楼楼道里堆满了纸箱子")])
        tasks = bot.app.bot_data.inbox._tasks  # the handling task that took it dies with the "process"
        dead, _ = await asyncio.wait_for(asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED), 10)
        assert [type(task.exception()) for task in dead] == [Crash]
        assert await _tickets(bot) == 0  # nothing of the half-done work is left
        assert bot.api.messages(ZHANG) == []

    async with offline_bot(tmp_path, clock, database_url) as bot:  # restarted: the inbox still holds it
        await bot.person(ZHANG, "张大姐")
        await _drain(bot)
        assert await _tickets(bot) == 1
        async with bot.env.db.read() as conn:  # PostgreSQL does not give back the number the lost try drew
            n = (await conn.execute(select(tickets.c.id))).scalar_one()
        assert sum(f"#{n}" in m.body for m in bot.api.messages(ZHANG)) == 1
