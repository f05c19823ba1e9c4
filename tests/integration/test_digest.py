"""Digest queries and the digest text on real SQLite, with times set by hand."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, text

from domain import tickets as sm
from domain.access import Role
from domain.org import Place
from domain.rates import Tally
from domain.tickets import Rating, Ticket, Tier
from services import digest
from services.env import Env
from storage import digest as q
from storage import people
from storage import tickets as repo
from tests.conftest import NOW

TZ = ZoneInfo("Asia/Shanghai")
BRANCH = Role("branch", "branch:惠泽社区党委")
GRID = Role("grid_worker", "grid:惠泽一网格")
HOUR = timedelta(hours=1)


async def _seed(env: Env) -> dict[str, int]:
    """Four tickets in 惠泽: one claimed late, one on time and rated, one overdue, one old."""
    async with env.db.write() as conn:
        rid = (await people.ensure(conn, 1001, "张大姐", "zh", NOW)).id
        li = (await people.by_tg(conn, 7000000101)).id

        async def add(text: str, building: int, created: object, **kw: object) -> Ticket:
            tk = Ticket(None, rid, text, "fire_safety", "simple", False, Place("惠泽小区", building),
                        created_at=created, updated_at=created)
            tk = await repo.add(conn, tk)
            grid = "惠泽一网格" if building <= 12 else "惠泽二网格"
            tk, _ = sm.assign(tk, Tier.BUILDING_LEAD, grid, "惠泽社区党委", created)
            tk = replace(tk, **kw)
            await repo.save(conn, tk)
            return tk

        on_time = await add("楼道堆物", 12, NOW - 5 * HOUR, response_due=NOW - 3 * HOUR)
        on_time, _ = sm.claim(on_time, li, NOW - 4 * HOUR)
        on_time, _ = sm.resolve(on_time, li, NOW - 2 * HOUR, "已清")
        on_time, _ = sm.rate(on_time, rid, Rating.SATISFIED, NOW - HOUR)
        await repo.save(conn, on_time)
        late = await add("楼道又堆物", 12, NOW - 6 * HOUR, response_due=NOW - 5 * HOUR)
        late, _ = sm.claim(late, li, NOW - 4 * HOUR)
        await repo.save(conn, replace(late, resolve_due=NOW - HOUR))
        await add("井盖松了", 20, NOW - 3 * HOUR, response_due=NOW + HOUR)
        await add("老问题", 20, NOW - timedelta(days=3))
    return {"on_time": on_time.id, "late": late.id}


async def test_tallies_per_grid_follow_the_rate_definitions(env: Env) -> None:
    await _seed(env)
    async with env.db.read() as conn:
        by_grid = await q.tallies(conn, [BRANCH], NOW - timedelta(days=1), NOW, NOW)
    one, two = by_grid["惠泽一网格"], by_grid["惠泽二网格"]
    assert (one.new, one.claimed, one.resolved, one.closed, one.open, one.overdue) == (2, 2, 1, 1, 1, 1)
    assert (one.due_claim, one.claimed_in_time, one.response) == (2, 1, 0.5)
    assert (one.resolution, one.satisfaction) == (0.5, 1.0)
    assert (two.new, two.open, two.due_claim, two.response) == (1, 2, 0, None)
    async with env.db.read() as conn:
        for since in (NOW - timedelta(days=1), NOW - timedelta(days=2), NOW - timedelta(days=7)):
            period = (since, since + timedelta(days=1), NOW)
            assert await q.total(conn, [BRANCH], *period) == sum((await q.tallies(conn, [BRANCH], *period)).values(),
                                                                 Tally())


async def test_the_daily_trend_counts_by_local_day(env: Env) -> None:
    await _seed(env)
    async with env.db.read() as conn:
        trend = await q.daily(conn, [BRANCH], NOW - timedelta(days=14), NOW, TZ)
    today = NOW.astimezone(TZ).date()
    assert trend[today] == (3, 1)
    assert trend[today - timedelta(days=3)] == (1, 0)


async def test_hot_spots_and_the_overdue_list(env: Env) -> None:
    ids = await _seed(env)
    async with env.db.read() as conn:
        assert await q.hot_spots(conn, [BRANCH], NOW - timedelta(days=1), NOW) == [("惠泽小区", 12, 2)]
        assert [t.id for t in await q.overdue(conn, [BRANCH], NOW)] == [ids["late"]]
        assert await q.tallies(conn, [Role("branch", "branch:富民社区党委")], NOW - HOUR, NOW, NOW) == {}


async def test_the_digest_reads_in_thirty_seconds(env: Env) -> None:
    ids = await _seed(env)
    d = await digest.build(env, BRANCH, "zh", NOW, TZ)
    lines = d.text.splitlines()
    assert lines[0] == "📊 惠泽社区党委 · 近24小时"
    assert lines[1].startswith("新诉求 3（+3）")  # the day before had none
    assert "在办 3 件，其中超时 1 件" in d.text
    assert "响应率 50%" in d.text and "满意率 100%" in d.text
    assert "多次反映的楼：惠泽小区12号楼 ×2" in d.text
    assert f"#{ids['late']} 消防安全 惠泽小区12号楼 · 小李" in d.text
    assert "网格排名" in d.text
    assert len(d.days) == 14 and d.days[-1].new == 3
    assert [g.grid for g in d.grids] == ["惠泽一网格", "惠泽二网格"]


async def test_the_broadcast_reaches_every_supervisor_once_at_low_priority(env: Env) -> None:
    from sqlalchemy import select

    from domain.outgoing import LOW
    from storage.schema import outbox

    env.chart = lambda *_args: b"\x89PNG fake"
    sent = await digest.broadcast(env, NOW)
    async with env.db.read() as conn:
        rows = list(await conn.execute(select(outbox)))
    texts = [r for r in rows if r.op == "send"]
    assert sent == len(texts) == 4 + 12 + 1  # branches, grid workers (two in 惠泽一网格), committee
    assert {r.priority for r in rows} == {LOW}
    assert len({r.photo for r in rows if r.op == "photo"}) == 11 + 4 + 1  # one chart per area


async def _filed_at(env: Env, times: list[tuple[datetime, datetime | None]]) -> None:
    """Tickets in 惠泽一网格, each filed (and maybe resolved) at the given times."""
    async with env.db.write() as conn:
        rid = (await people.ensure(conn, 1001, "张大姐", "zh", NOW)).id
        for created, resolved in times:
            tk = await repo.add(conn, Ticket(None, rid, "楼道灯坏了", "lighting", "simple", False,
                                             Place("惠泽小区", 3), created_at=created, updated_at=created))
            tk, _ = sm.assign(tk, Tier.BUILDING_LEAD, "惠泽一网格", "惠泽社区党委", created)
            await repo.save(conn, replace(tk, resolved_at=resolved))


def _by_local_day(times: list[tuple[datetime, datetime | None]], since: datetime, until: datetime,
                  tz: tzinfo) -> dict[object, tuple[int, int]]:
    """The reference: every time turned into its local date by Python, then counted."""
    new = Counter(c.astimezone(tz).date() for c, _ in times if since <= c < until)
    done = Counter(r.astimezone(tz).date() for _, r in times if r is not None and since <= r < until)
    return {d: (new[d], done[d]) for d in sorted(set(new) | set(done))}


async def test_the_daily_trend_agrees_with_local_days_counted_in_python(env: Env) -> None:
    # Shanghai's midnight is 16:00 UTC (no DST); Berlin leaves summer time at 01:00 UTC on 2026-10-25.
    shanghai_midnight = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
    berlin_midnights = [datetime(2026, 10, 24, 22, 0, tzinfo=UTC), datetime(2026, 10, 25, 23, 0, tzinfo=UTC)]
    second = timedelta(seconds=1)
    edges = [t + d for t in (shanghai_midnight, *berlin_midnights) for d in (-second, timedelta(0), second)]
    rng = random.Random(4)
    spread = [datetime(2026, 10, 15, tzinfo=UTC) + timedelta(seconds=rng.randrange(40 * 86400)) for _ in range(80)]
    times = [(c, c + timedelta(hours=rng.choice([1, 7, 30])) if rng.random() < 0.7 else None)
             for c in edges + spread]
    times += [(c - timedelta(hours=2), c) for c in edges]  # resolved exactly at the edges too
    await _filed_at(env, times)
    windows = [(NOW - timedelta(days=14), NOW), (datetime(2026, 10, 18, 5, 0, tzinfo=UTC), NOW - timedelta(days=20)),
               (datetime(2026, 10, 19, 16, 0, tzinfo=UTC), shanghai_midnight)]  # whole Shanghai days
    async with env.db.read() as conn:
        for tz in (TZ, ZoneInfo("Europe/Berlin")):
            for since, until in windows:
                assert await q.daily(conn, [BRANCH], since, until, tz) == _by_local_day(times, since, until, tz)
        one_day = await q.daily(conn, [GRID], shanghai_midnight, shanghai_midnight + timedelta(days=1), TZ)
    assert list(one_day) == [shanghai_midnight.astimezone(TZ).date()]


async def test_the_period_counts_never_lean_on_an_area_index(env: Env, backend: str) -> None:
    """Without planner statistics (a new SQLite file), an area index looks sharper than a time window to
    SQLite; over a million tickets it read a branch's whole history once per count (7 s a digest)."""
    if backend != "sqlite":
        pytest.skip("SQLite's query planner")
    await _seed(env)
    async with env.db.write() as conn:
        await conn.execute(text("DROP TABLE IF EXISTS sqlite_stat1"))
    await env.db.dispose()  # connections that read planner statistics go
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(env.db.work_engine, "before_cursor_execute", record)
    async with env.db.read() as conn:
        for scope in (BRANCH, GRID, Role("building_lead", "building:惠泽小区:12")):
            await q.tallies(conn, [scope], NOW - timedelta(days=1), NOW, NOW, as_of_now={})
            await q.daily(conn, [scope], NOW - timedelta(days=14), NOW, TZ)
            await q.hot_spots(conn, [scope], NOW - timedelta(days=1), NOW)
            await q.top_categories(conn, [scope], NOW - timedelta(days=1), NOW)
    event.remove(env.db.work_engine, "before_cursor_execute", record)
    assert len(seen) == 3 * (6 + 2 + 1 + 1)
    async with env.db.read() as conn:
        for statement, parameters in seen:
            plan = [str(r[-1]) for r in await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            assert any(re.match(r"SEARCH tickets USING (COVERING )?INDEX \w+ \((\w+_at|response_due)>", step)
                       for step in plan), plan  # a range of the window's time column
            assert not any(area in step for step in plan for area in ("branch", "grid", "lookalike")), plan
