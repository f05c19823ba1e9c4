"""The deadline sweep on real SQLite: warn once, escalate once per missed clock, survive a restart.

NOW is Monday 2026-11-23 17:00 in Shanghai; a 领办 ticket must be claimed within 2 working hours.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.wiring import open_env
from domain.people import User
from domain.tickets import Status, Tier
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


async def _history(env: Env, n: int) -> list[str]:
    async with env.db.read() as conn:
        return [e.kind for e in await repo.history(conn, n)]


async def test_a_ladder_without_the_branch_takes_a_missed_claim_at_the_grid_straight_to_the_committee(
        env: Env) -> None:
    assert env.policy is not None
    env.policy = replace(env.policy, ladder=(Tier.BUILDING_LEAD, Tier.GRID, Tier.COMMITTEE))
    n = await _file(env)
    assert (await sweep.run(env, local(24, 10, 1))).escalated == 1  # the building lead missed it: the grid
    async with env.db.read() as conn:
        at_grid = await repo.get(conn, n)
    assert at_grid.tier == Tier.GRID
    assert (await sweep.run(env, at_grid.claim_due + timedelta(minutes=1))).escalated == 1
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).tier == Tier.COMMITTEE
    assert any(f"#{n}" in m for m in await _messages(env, 7000000001))  # the committee has the card
    assert not any(f"#{n}" in m for m in await _messages(env, 7000000011))  # the branch was skipped
    assert any("已报到街道大党委" in m for m in await _messages(env, 1001))
    assert (await _history(env, n)).count("escalated") == 2


async def test_a_claim_made_after_the_sweep_read_its_batch_is_not_undone(env: Env, monkeypatch: Any) -> None:
    n = await _file(env)
    async with env.db.read() as conn:
        li = await people.by_tg(conn, 7000000101)
    assert li is not None
    read = repo.to_check

    async def claimed_meanwhile(conn: Any, now: datetime, limit: int) -> list[int]:
        due = await read(conn, now, limit)
        await work.claim(env, li, n, now)  # the press lands between the sweep's read and its write
        return due

    monkeypatch.setattr(repo, "to_check", claimed_meanwhile)
    swept = await sweep.run(env, local(24, 10, 1))  # the claim deadline has passed: due to escalate
    assert (swept.looked_at, swept.escalated) == (1, 0)
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
    assert (tk.status, tk.tier, tk.holder_id) == (Status.CLAIMED, Tier.BUILDING_LEAD, li.id)
    assert "escalated" not in await _history(env, n)


async def test_a_backlog_larger_than_one_pass_is_handled_oldest_first_each_ticket_once(
        env: Env, monkeypatch: Any) -> None:
    monkeypatch.setattr(sweep, "BATCH", 2)
    async with env.db.write() as conn:
        who = await people.ensure(conn, 1001, "张大姐", "zh", NOW)
    ns = []
    for minutes in (10, 0, 5):  # filed in this order, so the oldest deadline is not the lowest number
        n = await report.file(env, who, 1001, Report("惠泽小区12号楼楼道里堆满了纸箱子"),
                              NOW + timedelta(minutes=minutes))
        assert n is not None
        ns.append(n)
    at = local(24, 9, 45)  # every warning time (claim due 10:00, 10:05, 10:10, warned 30 min before) has come
    passes = [await sweep.run(env, at) for _ in range(3)]
    assert passes == [sweep.Swept(2, 0, 2), sweep.Swept(1, 0, 1), sweep.Swept(0, 0, 0)]
    async with env.db.read() as conn:
        warned = {n: (await repo.get(conn, n)).warned_at for n in ns}
    assert all(w is not None for w in warned.values())
    warnings = [m for m in await _messages(env, 7000000101) if "还没人领取" in m]
    assert [sum(f"#{n} 还没人领取" in m for m in warnings) for n in ns] == [1, 1, 1]
    assert [next(i for i, m in enumerate(warnings) if f"#{n} " in m) for n in ns] == [2, 0, 1]  # oldest first


async def test_one_tick_runs_passes_until_the_backlog_is_gone_and_stops_at_its_limit(
        env: Env, monkeypatch: Any) -> None:
    monkeypatch.setattr(sweep, "BATCH", 2)
    async with env.db.write() as conn:
        who = await people.ensure(conn, 1001, "张大姐", "zh", NOW)
    for minutes in range(5):
        assert await report.file(env, who, 1001, Report(f"惠泽小区{12 + minutes}号楼楼道里堆满了纸箱子"),
                                 NOW + timedelta(minutes=minutes)) is not None
    at = local(24, 9, 50)  # every warning time has come
    monkeypatch.setattr(sweep, "MAX_PASSES", 2)
    assert (await sweep.run_until_done(env, at)).looked_at == 4  # two full passes, then the tick ends
    monkeypatch.setattr(sweep, "MAX_PASSES", 20)
    assert await sweep.run_until_done(env, at) == sweep.Swept(1, 0, 1)  # the rest, then an empty pass ends it
