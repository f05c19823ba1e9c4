"""The deadline sweep on real SQLite: warn once, escalate once per missed clock, survive a restart.

NOW is Monday 2026-11-23 17:00 in Shanghai; a 领办 ticket must be claimed within 2 working hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.wiring import open_env
from domain.people import User
from domain.tickets import Tier
from services import report, sweep, work
from services.env import Env
from services.report import Report
from storage import people
from storage import tickets as repo
from storage.db import sqlite_url
from storage.schema import outbox
from tests.conftest import NOW

SH = ZoneInfo("Asia/Shanghai")


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SH)


async def _file(env: Env, text: str = "惠泽小区12号楼楼道里堆满了纸箱子") -> int:
    async with env.db.write() as conn:
        who = await people.ensure(conn, 1001, "张大姐", "zh", NOW)
    n = await report.file(env, who, 1001, Report(text), NOW)
    assert n is not None
    return n


async def _messages(env: Env, chat_id: int) -> list[str]:
    async with env.db.read() as conn:
        return [r.text for r in await conn.execute(select(outbox).where(outbox.c.chat_id == chat_id))]


async def test_the_claim_clock_counts_working_hours_only(env: Env) -> None:
    n = await _file(env)
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
    assert tk.claim_due == local(24, 10).astimezone(tk.claim_due.tzinfo)  # 30 min today, 90 tomorrow
    assert tk.check_at == local(24, 9, 30).astimezone(tk.check_at.tzinfo)  # warn with 25% left


async def test_a_warning_goes_out_once_before_the_deadline(env: Env) -> None:
    n = await _file(env)
    assert await sweep.run(env, NOW) == sweep.Swept(0, 0, 0)
    assert await sweep.run(env, local(24, 9, 35)) == sweep.Swept(1, 0, 1)
    assert await sweep.run(env, local(24, 9, 40)) == sweep.Swept(0, 0, 0)
    assert any(f"#{n} 还没人领取" in m for m in await _messages(env, 7000000101))


async def test_an_unclaimed_ticket_climbs_to_the_committee_and_stops_there(tmp_path: Path) -> None:
    url = sqlite_url(str(tmp_path / "climb.db"))
    env = await open_env(url, lambda: NOW)
    n = await _file(env)
    at, tiers = local(24, 10, 1), []
    for _ in range(2):
        await sweep.run(env, at - timedelta(minutes=20))  # the warning
        assert (await sweep.run(env, at)).escalated == 1
        assert (await sweep.run(env, at)).escalated == 0  # the same sweep again changes nothing
        async with env.db.read() as conn:
            tk = await repo.get(conn, n)
        tiers.append(tk.tier)
        at = tk.claim_due + timedelta(minutes=1)
    await env.db.dispose()

    env = await open_env(url, lambda: NOW)  # a restart in the middle: everything is in the database
    assert (await sweep.run(env, at)).escalated == 1
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
    tiers.append(tk.tier)
    assert tiers == [Tier.GRID, Tier.BRANCH, Tier.COMMITTEE]
    assert any(f"#{n}" in m for m in await _messages(env, 7000000011))  # the branch heard
    assert any(f"#{n}" in m for m in await _messages(env, 7000000001))  # the committee heard
    assert any("已报到街道大党委" in m for m in await _messages(env, 1001))  # and so did the resident
    far = tk.claim_due + timedelta(days=30)
    assert (await sweep.run(env, far)).escalated == 0
    async with env.db.read() as conn:
        kinds = [e.kind for e in await repo.history(conn, n)]
    assert kinds.count("escalated") == 3
    await env.db.dispose()


async def test_a_held_ticket_warns_its_holder_to_call_then_to_finish(env: Env) -> None:
    n = await _file(env)
    async with env.db.read() as conn:
        li = await people.by_tg(conn, 7000000101)
    assert isinstance(li, User)
    await work.claim(env, li, n, NOW)
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
    assert tk.check_at < tk.contact_due < tk.resolve_due  # first the contact clock runs
    assert (await sweep.run(env, tk.check_at)).warned == 1
    assert any("请在" in m and "联系居民" in m for m in await _messages(env, 7000000101))
    assert (await work.contacted(env, li, n, tk.check_at)).text == f"已记下：#{n} 已联系居民 👍"
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
        kinds = [e.kind for e in await repo.history(conn, n)]
    assert tk.contacted_at is not None and "contacted" in kinds
    assert (await sweep.run(env, tk.check_at)).warned == 1  # then the resolve clock
    assert any("办结时限快到了" in m for m in await _messages(env, 7000000101))


async def test_a_ticket_past_every_clock_at_the_top_is_not_looked_at_again_and_again(env: Env) -> None:
    n = await _file(env)
    for _ in range(4):  # the bot was down through every warning: each sweep lands past the deadline
        async with env.db.read() as conn:
            at = (await repo.get(conn, n)).claim_due + timedelta(minutes=1)
        await sweep.run(env, at)
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).tier == Tier.COMMITTEE
    assert (await sweep.run(env, at + timedelta(days=1))).looked_at == 0
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).check_at is None
