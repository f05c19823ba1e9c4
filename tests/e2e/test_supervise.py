"""催办 and 申请延期 through Telegram: only an upper tier may nudge or decide; the resident is told."""

from __future__ import annotations

from app.offline import Offline
from storage import tickets as repo
from tests.e2e.conftest import LIU_SHUJI, WANG_AYI, XIAO_LI, XIAO_ZHAO, ZHANG, report


async def _claimed(bot: Offline) -> int:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, f"#{n}"), "领取")
    return n


async def _kinds(bot: Offline, n: int) -> list[str]:
    async with bot.env.db.read() as conn:
        return [e.kind for e in await repo.history(conn, n)]


async def test_a_branch_secretary_nudges_from_tasks_and_everyone_hears(bot: Offline) -> None:
    n = await _claimed(bot)
    await bot.say(LIU_SHUJI, "/tasks")
    assert await bot.press(LIU_SHUJI, bot.last(LIU_SHUJI), f"催办 #{n}") == f"已催办 #{n}，已告诉处理人。"
    assert "刘书记 催办" in bot.last(XIAO_LI).body
    assert "上级已催办" in bot.last(ZHANG).body
    assert "nudged" in await _kinds(bot, n)


async def test_a_peer_or_a_building_lead_cannot_nudge(bot: Offline) -> None:
    n = await _claimed(bot)
    card = bot.find(XIAO_ZHAO, f"#{n}")
    assert await bot.press_data(XIAO_ZHAO, card, f"nudge:{n}") == "这件不在您负责的范围内 🙏"
    assert await bot.press_data(WANG_AYI, card, f"nudge:{n}") == "这件不在您负责的范围内 🙏"
    assert "nudged" not in await _kinds(bot, n)


async def test_more_time_is_asked_of_the_tier_above_and_granted_once(bot: Offline) -> None:
    n = await _claimed(bot)
    async with bot.env.db.read() as conn:
        due_before = (await repo.get(conn, n)).resolve_due
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "申请延期")
    await bot.say(XIAO_LI, "要等物业周五来清运大件")
    request = bot.find(LIU_SHUJI, "申请")
    assert "要等物业周五来清运大件" in request.body
    assert await bot.press_data(XIAO_ZHAO, request, f"extok:{n}") == "这件不在您负责的范围内 🙏"
    assert await bot.press(LIU_SHUJI, request, "批准") == f"已处理 #{n} 的延期申请。"
    assert await bot.press(LIU_SHUJI, request, "不批准") == "这个延期申请已经处理过了 🙏"
    async with bot.env.db.read() as conn:
        assert (await repo.get(conn, n)).resolve_due > due_before
    assert "延期已批准" in bot.last(XIAO_LI).body
    assert "需要多一些时间" in bot.last(ZHANG).body
    assert (await _kinds(bot, n))[-2:] == ["extension_requested", "extension_granted"]
