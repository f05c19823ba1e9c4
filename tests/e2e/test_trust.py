"""Every press is re-checked on the server: races, stale and forged buttons, wrong people."""

from __future__ import annotations

import asyncio

from app.offline import Offline
from domain.tickets import Status
from storage import tickets as repo
from tests.e2e.conftest import LI_DAYE, OTHER_GRID_WORKER, XIAO_LI, XIAO_ZHAO, ZHANG, report


async def status(bot: Offline, n: int) -> Status:
    async with bot.env.db.read() as conn:
        return (await repo.get(conn, n)).status


async def test_two_workers_pressing_claim_together_one_wins(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    li, zhao = bot.find(XIAO_LI, f"#{n}"), bot.find(XIAO_ZHAO, f"#{n}")
    bot.queued += 2
    q1, q2 = await asyncio.gather(bot.api.press_button(XIAO_LI, li, "领取"),
                                  bot.api.press_button(XIAO_ZHAO, zhao, "领取"))
    await bot.settle()
    answers = [(await bot.api.wait_for_answer(q)) for q in (q1, q2)]
    won = [a for a in answers if a.text == "领取成功，辛苦了！"]
    lost = [a for a in answers if a.text and a.text.startswith("已经被")]
    assert len(won) == 1 and len(lost) == 1 and lost[0].show_alert
    assert await status(bot, n) == Status.CLAIMED


async def test_a_resident_cannot_claim(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    ack = bot.find(ZHANG, f"#{n}")
    assert await bot.press_data(ZHANG, ack, f"claim:{n}") == "这件不在您负责的范围内 🙏"
    assert await status(bot, n) == Status.ASSIGNED


async def test_a_worker_from_another_grid_cannot_claim(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    card = bot.find(XIAO_LI, f"#{n}")
    assert await bot.press_data(OTHER_GRID_WORKER, card, f"claim:{n}") == "这件不在您负责的范围内 🙏"
    assert await status(bot, n) == Status.ASSIGNED


async def test_another_resident_cannot_withdraw_or_rate_my_ticket(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    ack = bot.find(ZHANG, f"#{n}")
    assert await bot.press_data(LI_DAYE, ack, f"wd:{n}") == "这个操作不是给您的 🙏"
    assert await bot.press_data(LI_DAYE, ack, f"rate:{n}:s") == "这个操作不是给您的 🙏"
    assert await status(bot, n) == Status.ASSIGNED
    assert all("张大姐" not in m.body for m in bot.api.messages(LI_DAYE))


async def test_a_stale_button_changes_nothing(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    card = bot.find(XIAO_LI, f"#{n}")
    await bot.press(XIAO_LI, card, "领取")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "办结")
    await bot.say(XIAO_LI, "已清理")
    rate = bot.find(ZHANG, "请您评价")
    await bot.press(ZHANG, rate, "满意")
    assert await bot.press_data(ZHANG, rate, f"rate:{n}:u") == "这个按钮已经过期了，不用再按 🙏"
    assert await bot.press_data(ZHANG, bot.find(ZHANG, f"#{n} 🙏"), f"wd:{n}") == (
        "这个按钮已经过期了，不用再按 🙏")
    assert await status(bot, n) == Status.CLOSED


async def test_forged_or_malformed_data_is_refused_politely(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    card = bot.find(XIAO_LI, f"#{n}")
    for data in ("claim:abc", "drop table", "claim:99999", f"rate:{n}:z", f"xfer:{n}:x", ""):
        answer = await bot.press_data(XIAO_LI, card, data)
        assert answer is not None and "🙏" in answer, data
    assert await status(bot, n) == Status.ASSIGNED


async def test_a_withdrawn_ticket_can_no_longer_be_claimed(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(ZHANG, bot.find(ZHANG, f"#{n}"), "撤回")
    assert "已撤回" in bot.last(ZHANG).body
    card = bot.api.message(XIAO_LI, bot.find(XIAO_LI, f"#{n}").message_id)
    assert "已撤回" in card.body and card.buttons == []
    assert await bot.press_data(XIAO_LI, card, f"claim:{n}") == "这个按钮已经过期了，不用再按 🙏"
    assert await status(bot, n) == Status.WITHDRAWN


async def test_only_the_holder_may_resolve(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, f"#{n}"), "领取")
    card = bot.find(XIAO_ZHAO, f"#{n}")
    assert await bot.press_data(XIAO_ZHAO, card, f"done:{n}") == "这个操作不是给您的 🙏"
    assert await status(bot, n) == Status.CLAIMED


async def test_the_resident_can_correct_the_category(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(ZHANG, bot.find(ZHANG, f"#{n}"), "改分类")
    picker = bot.find(ZHANG, "请选择")
    assert len(picker.buttons) == 17
    assert await bot.press(ZHANG, picker, "环境卫生") == f"#{n} 已改为「环境卫生」✅"
    assert "环境卫生" in bot.api.message(XIAO_LI, bot.find(XIAO_LI, f"#{n}").message_id).body
