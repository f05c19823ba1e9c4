"""Filing a report through the service on real SQLite: routing, the outbox, the place question."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from domain.org import Place
from domain.people import User
from domain.tickets import Status, Tier
from services import report, sweep
from services.env import Env
from services.report import Report
from storage import people
from storage import tickets as repo
from storage.schema import outbox
from tests.conftest import NOW

LEAD, XIAO_LI, XIAO_ZHAO = 7000000201, 7000000101, 7000000102


async def _resident(env: Env, tg: int = 1001, lang: str = "zh") -> User:
    async with env.db.write() as conn:
        return await people.ensure(conn, tg, "张大姐", lang, NOW)


async def _outbox(env: Env) -> list:
    async with env.db.read() as conn:
        return list(await conn.execute(select(outbox).order_by(outbox.c.priority, outbox.c.id)))


async def test_a_report_with_a_place_is_routed_and_cards_go_to_lead_and_workers(env: Env) -> None:
    who = await _resident(env)
    n = await report.file(env, who, who.tg_id, Report("惠泽小区12号楼楼道里堆满了纸箱子"), NOW)
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
        kinds = [e.kind for e in await repo.history(conn, n)]
    assert tk.status == Status.ASSIGNED and tk.tier == Tier.BUILDING_LEAD
    assert (tk.grid, tk.place) == ("惠泽一网格", Place("惠泽小区", 12))
    assert kinds == ["submitted", "assigned"]
    rows = await _outbox(env)
    cards = {r.chat_id for r in rows if r.purpose == "card"}
    assert cards == {LEAD, XIAO_LI, XIAO_ZHAO}
    ack = next(r for r in rows if r.purpose == "ack")
    assert ack.chat_id == who.tg_id and f"#{n}" in ack.text and "消防安全" in ack.text
    assert "wd:" in ack.markup and "cat:" in ack.markup


async def test_the_emergency_number_is_the_first_thing_an_endangered_resident_reads(env: Env) -> None:
    who = await _resident(env)
    await report.file(env, who, who.tg_id, Report("滨河第一城3号楼楼道里一股煤气味"), NOW)
    rows = await _outbox(env)
    mine = [r for r in rows if r.chat_id == who.tg_id]
    assert "119" in mine[0].text and "燃气抢修" in mine[0].text and mine[0].priority == 0
    card_chats = {r.chat_id for r in rows if r.purpose == "card"}
    assert 7000000001 in card_chats  # the committee hears of it at once
    assert all(r.priority == 0 for r in rows if r.purpose == "card")


async def test_without_a_place_the_bot_asks_once_and_remembers_the_answer_as_home(env: Env) -> None:
    who = await _resident(env)
    n = await report.file(env, who, who.tg_id, Report("楼道灯坏了好几天了 晚上黑乎乎的"), NOW)
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).status == Status.SUBMITTED
        assert await people.question(conn, who.id, who.tg_id) == ("place", n, "")
    assert not await report.answer_place(env, who, who.tg_id, n, "不知道啊", NOW)
    assert await report.answer_place(env, who, who.tg_id, n, "瑞兴小区2号楼1单元", NOW)
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
        home = (await people.get(conn, who.id)).home
        assert await people.question(conn, who.id, who.tg_id) is None
    assert tk.status == Status.ASSIGNED and tk.place == Place("瑞兴小区", 2, 1)
    assert home == Place("瑞兴小区", 2, 1)


async def test_the_home_address_fills_in_a_report_that_names_no_place(env: Env) -> None:
    who = await _resident(env)
    async with env.db.write() as conn:
        await people.set_home(conn, who.id, Place("万泉佳苑", 5, 2, "301"))
    who = User(who.id, who.tg_id, who.name, who.lang, Place("万泉佳苑", 5, 2, "301"))
    n = await report.file(env, who, who.tg_id, Report("暖气一点都不热 家里才十四度"), NOW)
    async with env.db.read() as conn:
        tk = await repo.get(conn, n)
    assert tk.place == Place("万泉佳苑", 5, 2, "301") and tk.grid == "万泉一网格"
    ack = next(r for r in await _outbox(env) if r.purpose == "ack")
    assert "家庭住址" in ack.text


async def test_an_english_resident_is_answered_in_english(env: Env) -> None:
    who = await _resident(env, 1002, "en")
    await report.file(env, who, who.tg_id, Report("The street lamp outside Huize building 5 is broken"), NOW)
    ack = next(r for r in await _outbox(env) if r.purpose == "ack")
    assert ack.text.startswith("Got it") and "Huize Estate" in ack.text


async def test_a_photo_sent_alone_joins_the_fresh_ticket(env: Env) -> None:
    who = await _resident(env)
    n = await report.file(env, who, who.tg_id, Report("惠泽小区5号楼门口垃圾没人清"), NOW)
    await report.attach(env, who, who.tg_id, Report("", photo="photo-1"), NOW)
    async with env.db.read() as conn:
        assert await repo.photo_of(conn, n) == "photo-1"


async def test_a_building_named_without_an_estate_takes_the_estate_from_home(env: Env) -> None:
    who = await _resident(env)
    home = Place("万泉佳苑", 5, 2, "301")
    async with env.db.write() as conn:
        await people.set_home(conn, who.id, home)
    who = User(who.id, who.tg_id, who.name, who.lang, home)
    n = await report.file(env, who, who.tg_id, Report("12号楼楼道灯坏了"), NOW)
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).place == Place("万泉佳苑", 12)


async def test_the_answer_naming_only_the_estate_keeps_the_building_from_the_report(env: Env) -> None:
    who = await _resident(env)
    n = await report.file(env, who, who.tg_id, Report("12号楼楼道灯坏了"), NOW)
    assert await report.answer_place(env, who, who.tg_id, n, "惠泽小区", NOW)
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).place == Place("惠泽小区", 12)


async def test_a_report_that_never_gets_a_place_reaches_the_committee_once_and_still_waits(env: Env) -> None:
    who = await _resident(env)
    n = await report.file(env, who, who.tg_id, Report("楼道灯坏了好几天了"), NOW)  # no estate, no home on file
    later = NOW + timedelta(days=2)
    assert (await sweep.run(env, NOW)).looked_at == 0  # the claim clock has not run out yet
    await sweep.run(env, later)
    await sweep.run(env, later + timedelta(minutes=1))  # told once, not on every pass
    texts = [(r.chat_id, r.text) for r in await _outbox(env)]
    committee = [x for c, x in texts if c == 7000000001 and f"#{n}" in x]
    assert len(committee) == 1 and "地点不明" in committee[0] and "楼道灯坏了" in committee[0]
    assert sum(c == who.tg_id and "还在等您说地点" in x for c, x in texts) == 1
    assert await report.answer_place(env, who, who.tg_id, n, "惠泽小区12号楼", later)  # still routed by the answer
    async with env.db.read() as conn:
        assert (await repo.get(conn, n)).status == Status.ASSIGNED


async def test_an_urgent_report_without_a_place_reaches_the_committee_at_once(env: Env) -> None:
    who = await _resident(env)
    n = await report.file(env, who, who.tg_id, Report("屋里好大煤气味，快来人"), NOW)
    rows = await _outbox(env)
    assert any(r.chat_id == 7000000001 and f"#{n}" in r.text and r.priority == 0 for r in rows)
