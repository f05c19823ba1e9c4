"""Staff work through the services on real SQLite: claim races, resolve, transfer, escalate."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from sqlalchemy import select

from domain.people import User
from domain.tickets import Status, Tier
from services import report, work
from services.env import Env
from services.report import Report
from storage import people
from storage import tickets as repo
from storage.schema import outbox
from tests.conftest import NOW

XIAO_LI, XIAO_ZHAO, OTHER_GRID, LEAD = 7000000101, 7000000102, 7000000112, 7000000201


async def _user(env: Env, tg: int) -> User:
    async with env.db.read() as conn:
        u = await people.by_tg(conn, tg)
    assert u is not None
    return u


async def _filed(env: Env, text: str = "惠泽小区12号楼楼道里堆满了纸箱子") -> tuple[User, int]:
    async with env.db.write() as conn:
        who = await people.ensure(conn, 1001, "张大姐", "zh", NOW)
    return who, await report.file(env, who, 1001, Report(text), NOW)


async def _ticket(env: Env, n: int):
    async with env.db.read() as conn:
        return await repo.get(conn, n)


async def test_two_workers_pressing_claim_together_one_wins(env: Env) -> None:
    _, n = await _filed(env)
    li, zhao = await _user(env, XIAO_LI), await _user(env, XIAO_ZHAO)
    a, b = await asyncio.gather(work.claim(env, li, n, NOW), work.claim(env, zhao, n, NOW))
    winners = [x for x in (a, b) if not x.alert]
    assert len(winners) == 1
    loser = a if a.alert else b
    assert "已经被" in loser.text
    tk = await _ticket(env, n)
    assert tk.status == Status.CLAIMED and tk.holder_id in (li.id, zhao.id)


async def test_a_worker_of_another_grid_and_a_resident_cannot_claim(env: Env) -> None:
    who, n = await _filed(env)
    other = await _user(env, OTHER_GRID)
    assert (await work.claim(env, other, n, NOW)).alert
    assert (await work.claim(env, who, n, NOW)).alert
    assert (await _ticket(env, n)).status == Status.ASSIGNED


async def test_resolve_asks_for_a_note_then_the_resident_is_asked_to_rate(env: Env) -> None:
    _, n = await _filed(env)
    li = await _user(env, XIAO_LI)
    await work.claim(env, li, n, NOW)
    await work.ask(env, li, XIAO_LI, n, "resolve", NOW)
    async with env.db.read() as conn:
        assert await people.question(conn, li.id, XIAO_LI) == ("resolve", n, "")
    await work.resolve(env, li, XIAO_LI, n, "已联系住户清走纸箱", None, NOW)
    assert (await _ticket(env, n)).status == Status.RESOLVED
    async with env.db.read() as conn:
        rows = list(await conn.execute(select(outbox).where(outbox.c.chat_id == 1001)))
    rate = next(r for r in rows if r.purpose == "rate")
    assert "已联系住户清走纸箱" in rate.text and "rate:" in rate.markup


async def test_only_the_holder_resolves(env: Env) -> None:
    _, n = await _filed(env)
    li, zhao = await _user(env, XIAO_LI), await _user(env, XIAO_ZHAO)
    await work.claim(env, li, n, NOW)
    assert (await work.ask(env, zhao, XIAO_ZHAO, n, "resolve", NOW)).alert
    await work.resolve(env, zhao, XIAO_ZHAO, n, "我来办结", None, NOW)
    assert (await _ticket(env, n)).status == Status.CLAIMED


async def test_transfer_goes_to_another_worker_of_the_same_grid_only(env: Env) -> None:
    _, n = await _filed(env)
    li, zhao, other = (await _user(env, XIAO_LI), await _user(env, XIAO_ZHAO),
                       await _user(env, OTHER_GRID))
    await work.claim(env, li, n, NOW)
    assert (await work.transfer(env, li, n, other.id, NOW)).alert
    assert not (await work.transfer(env, li, n, zhao.id, NOW)).alert
    assert (await _ticket(env, n)).holder_id == zhao.id


async def test_escalation_moves_the_ticket_up_and_cards_reach_the_branch(env: Env) -> None:
    _, n = await _filed(env)
    li = await _user(env, XIAO_LI)
    await work.claim(env, li, n, NOW)
    await work.escalate(env, li, XIAO_LI, n, "住户不配合 需要社区出面", NOW)
    tk = await _ticket(env, n)
    assert (tk.status, tk.tier, tk.holder_id) == (Status.ASSIGNED, Tier.GRID, None)
    await work.claim(env, li, n, NOW)
    await work.escalate(env, li, XIAO_LI, n, "仍需社区协调", NOW)
    assert (await _ticket(env, n)).tier == Tier.BRANCH
    async with env.db.read() as conn:
        cards = {r.chat_id for r in await conn.execute(
            select(outbox).where(outbox.c.purpose == "card", outbox.c.ticket_id == n))}
        history = [e.kind for e in await repo.history(conn, n)]
    assert 7000000011 in cards  # 刘书记 of 惠泽社区党委
    assert history.count("escalated") == 2


async def test_escalation_by_hand_climbs_the_districts_ladder_skipping_what_it_leaves_out(env: Env) -> None:
    assert env.policy is not None
    env.policy = replace(env.policy, ladder=(Tier.BUILDING_LEAD, Tier.GRID, Tier.COMMITTEE))
    _, n = await _filed(env)
    li = await _user(env, XIAO_LI)
    for reason in ("住户不配合", "需要街道出面"):
        await work.claim(env, li, n, NOW)
        await work.escalate(env, li, XIAO_LI, n, reason, NOW)
    assert (await _ticket(env, n)).tier == Tier.COMMITTEE
    async with env.db.read() as conn:
        cards = {r.chat_id for r in await conn.execute(
            select(outbox).where(outbox.c.purpose == "card", outbox.c.ticket_id == n))}
    assert 7000000001 in cards and 7000000011 not in cards  # 陈书记 of the committee; 刘书记's branch skipped


async def test_the_top_of_a_short_ladder_refuses_escalation_by_hand(env: Env) -> None:
    assert env.policy is not None
    env.policy = replace(env.policy, ladder=(Tier.BUILDING_LEAD, Tier.GRID))
    _, n = await _filed(env)
    li = await _user(env, XIAO_LI)
    await work.claim(env, li, n, NOW)
    await work.escalate(env, li, XIAO_LI, n, "住户不配合", NOW)
    await work.claim(env, li, n, NOW)
    assert (await work.ask(env, li, XIAO_LI, n, "escalate", NOW)).alert  # the grid is this ladder's top
    await work.escalate(env, li, XIAO_LI, n, "需要社区出面", NOW)
    tk = await _ticket(env, n)
    assert (tk.tier, tk.holder_id) == (Tier.GRID, li.id)


async def test_a_residents_news_waits_out_quiet_hours_but_staff_cards_do_not(env: Env) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    night = datetime(2026, 11, 23, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    _, n = await _filed(env)
    li = await _user(env, XIAO_LI)
    await work.claim(env, li, n, night)
    async with env.db.read() as conn:
        rows = list(await conn.execute(select(outbox).where(outbox.c.ticket_id == n)))
    news = next(r for r in rows if r.chat_id == 1001 and "已接单" in r.text)
    assert news.not_before is not None and news.not_before.astimezone(night.tzinfo).hour == 7
    assert all(r.not_before is None for r in rows if r.chat_id != 1001)
