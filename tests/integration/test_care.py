"""Care visits on real SQLite: due visits become tasks, 已走访 schedules the next, missed ones climb."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from domain.tickets import Tier
from services import care, sweep, work
from services.env import Env
from storage import people
from storage import tickets as repo
from storage.schema import care as care_table
from storage.schema import outbox
from tests.conftest import NOW

WEEK = timedelta(days=7)


async def _care_rows(env: Env) -> list:
    async with env.db.read() as conn:
        return list(await conn.execute(select(care_table).order_by(care_table.c.id)))


async def test_seeded_residents_get_a_visit_task_when_due_and_only_once(env: Env) -> None:
    rows = await _care_rows(env)
    assert [r.name for r in rows] == ["王奶奶", "赵大爷", "孙阿姨"]
    assert await care.run(env, NOW) == 0
    assert await care.run(env, NOW + WEEK) == 3
    assert await care.run(env, NOW + WEEK + timedelta(hours=1)) == 0
    async with env.db.read() as conn:
        cards = [r for r in await conn.execute(select(outbox).where(outbox.c.purpose == "card"))]
    assert any("走访：王奶奶（独居老人）" in c.text and c.chat_id == 7000000201 for c in cards)


async def test_visited_with_a_note_schedules_the_next_visit(env: Env) -> None:
    await care.run(env, NOW + timedelta(days=3))  # 孙阿姨 every 3 days
    task_id = (await _care_rows(env))[2].open_ticket_id
    async with env.db.read() as conn:
        worker = await people.by_tg(conn, 7000000121)  # 富民二网格
    later = NOW + timedelta(days=3, hours=2)
    await work.claim(env, worker, task_id, later)
    await work.resolve(env, worker, 7000000121, task_id, "老人精神不错，冰箱里菜够吃", None, later)
    row = (await _care_rows(env))[2]
    assert row.open_ticket_id is None and row.last_note == "老人精神不错，冰箱里菜够吃"
    assert row.next_due.replace(tzinfo=None) == (later + timedelta(days=3)).replace(tzinfo=None)


async def test_a_missed_visit_escalates_like_a_ticket(env: Env) -> None:
    await care.run(env, NOW + WEEK)
    task_id = (await _care_rows(env))[0].open_ticket_id
    async with env.db.read() as conn:
        tk = await repo.get(conn, task_id)
    assert tk.care_id is not None and tk.claim_due is not None
    await sweep.run(env, tk.claim_due + timedelta(minutes=1))
    async with env.db.read() as conn:
        assert (await repo.get(conn, task_id)).tier == Tier.GRID


async def test_a_grid_worker_adds_someone_in_their_area_only(env: Env) -> None:
    async with env.db.read() as conn:
        li = await people.by_tg(conn, 7000000101)
    await care.add(env, li, 7000000101, ["惠泽小区5号楼2单元301", "刘奶奶", "独居老人"], NOW)
    await care.add(env, li, 7000000101, ["瑞兴小区3号楼", "钱大爷", "残疾"], NOW)
    await care.add(env, li, 7000000101, [], NOW)
    names = [r.name for r in await _care_rows(env)]
    assert "刘奶奶" in names and "钱大爷" not in names
    async with env.db.read() as conn:
        texts = [r.text for r in await conn.execute(select(outbox).where(outbox.c.chat_id == 7000000101))]
    assert texts[0].startswith("已加入走访名单：刘奶奶") and "不在您负责" in texts[1] and texts[2].startswith("用法")
