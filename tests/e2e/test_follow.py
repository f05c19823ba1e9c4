"""A second report of the same problem: follow the first ticket, or file a new one."""

from __future__ import annotations

from app.offline import Offline
from domain.access import Role
from domain.tickets import Status
from storage import people
from storage import tickets as repo
from tests.e2e.conftest import LI_DAYE, LIU_SHUJI, XIAO_LI, ZHANG, report

FIRST = "惠泽小区12号楼3单元楼道里堆满了纸箱子 走不过去"
SECOND = "惠泽小区12号楼楼道堆着好多纸箱子 老人下楼都费劲"


async def test_following_a_same_problem_counts_the_resident_and_keeps_them_posted(bot: Offline) -> None:
    n = await report(bot, ZHANG, FIRST)
    await bot.say(LI_DAYE, SECOND)
    offer = bot.last(LI_DAYE)
    assert f"已有人反映：#{n}" in offer.body
    assert [b["text"] for b in offer.buttons] == [f"关注 #{n}", "仍然新建"]
    assert await bot.press(LI_DAYE, offer, f"关注 #{n}") == f"已关注 #{n} 🙏 有进展会告诉您。"
    async with bot.env.db.read() as conn:
        tk = await repo.get(conn, n)
        assert tk.affected == 2 and await repo.follower_ids(conn, n)
        assert [e.note for e in await repo.history(conn, n) if e.kind == "followed"] == [SECOND]
    card = bot.api.message(XIAO_LI, bot.find(XIAO_LI, f"#{n}").message_id)
    assert "👥 2 位居民反映" in card.body and card.buttons[0]["text"] == "领取"
    await bot.say(LIU_SHUJI, "/digest")
    assert f"多人反映：#{n} 消防安全 ×2" in bot.find(LIU_SHUJI, "📊").body

    await bot.press(XIAO_LI, card, "领取")
    assert "小李 已接单" in bot.last(LI_DAYE).body
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "办结")
    await bot.say(XIAO_LI, "纸箱已清走")
    done = bot.last(LI_DAYE)
    assert "您关注的" in done.body and done.buttons == []  # rating belongs to the reporter
    assert all("张大姐" not in m.body and "3单元" not in m.body for m in bot.api.messages(LI_DAYE))
    assert bot.find(ZHANG, "请您评价").buttons


async def test_file_anyway_makes_a_ticket_of_its_own(bot: Offline) -> None:
    n = await report(bot, ZHANG, FIRST)
    await bot.say(LI_DAYE, SECOND)
    await bot.press(LI_DAYE, bot.last(LI_DAYE), "仍然新建")
    ack = bot.last(LI_DAYE)
    assert "已收到，编号" in ack.body and f"#{n + 1}" in ack.body


async def test_moving_on_without_choosing_files_the_held_report(bot: Offline) -> None:
    await report(bot, ZHANG, FIRST)
    await bot.say(LI_DAYE, SECOND)
    await bot.say(LI_DAYE, "还有 惠泽小区12号楼的电梯也坏了")
    async with bot.env.db.read() as conn:
        mine = await repo.of_resident(conn, (await people.by_tg(conn, LI_DAYE)).id)
    assert {t.category for t in mine} == {"fire_safety", "elevator"}


async def test_an_urgent_report_is_never_held_back(bot: Offline) -> None:
    await report(bot, ZHANG, "滨河第一城5号楼楼道一股煤气味")
    await bot.say(LI_DAYE, "滨河第一城5号楼楼道煤气味很大")
    assert "119" in bot.api.messages(LI_DAYE)[0].body
    async with bot.env.db.read() as conn:
        tickets = await repo.open_in_scope(conn, [Role("committee", "committee")])
    assert [t.status for t in tickets] == [Status.ASSIGNED, Status.ASSIGNED]
