"""Reminders on real SQLite: each goes out once, at its time; "还在" reopens with fresh clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from domain.people import User
from domain.tickets import Status
from services import reminders, report, resident, work
from services.env import Env
from services.report import Report
from storage import people
from storage import tickets as repo
from storage.schema import outbox
from tests.conftest import NOW

DAY = timedelta(days=1)


async def _resolved(env: Env) -> tuple[User, User, int]:
    async with env.db.write() as conn:
        who = await people.ensure(conn, 1001, "张大姐", "zh", NOW)
        li = await people.by_tg(conn, 7000000101)
    assert li is not None
    n = await report.file(env, who, 1001, Report("惠泽小区12号楼楼道里堆满了纸箱子"), NOW)
    assert n is not None
    await work.claim(env, li, n, NOW)
    await work.resolve(env, li, 7000000101, n, "已清理", None, NOW)
    return who, li, n


async def _texts(env: Env, chat_id: int) -> list[str]:
    async with env.db.read() as conn:
        return [r.text for r in await conn.execute(select(outbox).where(outbox.c.chat_id == chat_id))]


async def test_an_unrated_ticket_is_asked_once_more_after_a_day(env: Env) -> None:
    _, _, n = await _resolved(env)
    assert await reminders.run(env, NOW + timedelta(hours=23)) == 0
    assert await reminders.run(env, NOW + DAY + timedelta(minutes=1)) == 1
    assert await reminders.run(env, NOW + 2 * DAY) == 0
    assert any(f"#{n} 已经办好一天了" in m for m in await _texts(env, 1001))


async def test_a_week_after_closing_still_there_reopens_to_the_same_worker(env: Env) -> None:
    who, li, n = await _resolved(env)
    await resident.rate(env, who, 1001, n, "s", NOW)
    later = NOW + 7 * DAY + timedelta(minutes=1)
    assert await reminders.run(env, later) == 1
    assert await reminders.run(env, later) == 0
    assert any("问题还在吗" in m for m in await _texts(env, 1001))
    answer = await reminders.still_there(env, who, 1001, n, True, later)
    assert answer.text == f"收到，#{n} 已重新交给处理人 🙏"
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
    assert (tk.status, tk.holder_id) == (Status.REOPENED, li.id)
    assert tk.resolve_due is not None and tk.resolve_due > later
    assert any("问题还在" in m for m in await _texts(env, 7000000101))
    assert (await reminders.still_there(env, who, 1001, n, True, later)).alert  # only once


async def test_solved_is_noted_and_others_cannot_answer(env: Env) -> None:
    who, _, n = await _resolved(env)
    await resident.rate(env, who, 1001, n, "m", NOW)
    async with env.db.write() as conn:
        other = await people.ensure(conn, 1002, "李大爷", "zh", NOW)
    assert (await reminders.still_there(env, other, 1002, n, True, NOW)).alert
    assert not (await reminders.still_there(env, who, 1001, n, False, NOW)).alert
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).status == Status.CLOSED
        assert "confirmed_gone" in [e.kind for e in await repo.history(conn, n)]


async def test_the_morning_round_lists_each_workers_open_tickets_and_warns_admins_once(env: Env) -> None:
    async with env.db.write() as conn:
        who = await people.ensure(conn, 1001, "张大姐", "zh", NOW)
        li = await people.by_tg(conn, 7000000101)
    n = await report.file(env, who, 1001, Report("惠泽小区12号楼楼道里堆满了纸箱子"), NOW)
    await work.claim(env, li, n, NOW)
    assert env.calendar is not None
    env.calendar.is_workday(NOW.date().replace(year=2031))  # a year the holiday package does not know
    await reminders.morning(env, NOW)
    await reminders.morning(env, NOW + DAY)
    assert sum(f"#{n}" in m for m in await _texts(env, 7000000101)) >= 2
    assert sum("2031" in m for m in await _texts(env, 7000000002)) == 1  # the admin, once


async def test_the_grid_group_hears_of_its_meeting_once_the_day_before(env: Env) -> None:
    assert env.policy is not None and env.policy.schedule.meeting_day.day == 4  # seeds: the 4th, 19:00
    async with env.db.write() as conn:
        await people.bind_group(conn, -100500, "惠泽一网格", "惠泽一网格居民群", NOW)
    eve = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai, the day before the 4th
    await reminders.run(env, eve - timedelta(hours=1))  # 08:30: before the notice hour
    assert await _texts(env, -100500) == []
    await reminders.run(env, eve)
    await reminders.run(env, eve + timedelta(minutes=10))  # the next pass, and a restarted bot, send nothing more
    said = await _texts(env, -100500)
    assert len(said) == 1 and "明天 19:00" in said[0] and "惠泽一网格" in said[0]


async def test_a_reminder_missed_by_more_than_a_week_is_not_sent_late(env: Env) -> None:
    await _resolved(env)
    before = await _texts(env, 1001)
    await reminders.run(env, NOW + reminders.RATE_AFTER + reminders.LATE_LIMIT + DAY)  # the bot was off all along
    assert await _texts(env, 1001) == before
    async with env.db.read() as conn:  # not stamped either: it was never sent
        assert await repo.unrated_since(conn, NOW + DAY, NOW - DAY) != []
