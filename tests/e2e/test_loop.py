"""The whole loop through Telegram plumbing: report → route → claim → resolve → rate."""

from __future__ import annotations

from app.offline import Offline
from domain.tickets import Rating, Status, Ticket
from storage import tickets as repo
from tests.e2e.conftest import (
    COMMITTEE,
    LI_DAYE,
    LIU_SHUJI,
    WANG_AYI,
    XIAO_LI,
    XIAO_ZHAO,
    ZHANG,
    report,
)


async def ticket(bot: Offline, n: int) -> Ticket:
    async with bot.env.db.read() as conn:
        return await repo.get(conn, n)


async def test_the_full_story_closes_the_loop(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼3单元楼道里堆满了纸箱子和旧家具")
    ack = bot.find(ZHANG, f"#{n}")
    assert "消防安全" in ack.body and "惠泽小区12号楼3单元" in ack.body
    assert [b["text"] for b in ack.buttons] == ["改分类", "撤回"]
    ptb = ack.to_ptb()  # the stand-in's JSON is what PTB itself parses
    assert ptb.reply_markup.inline_keyboard[0][1].callback_data == f"wd:{n}"

    cards = {who: bot.find(who, f"#{n}") for who in (WANG_AYI, XIAO_LI, XIAO_ZHAO)}
    assert all(c.buttons[0]["text"] == "领取" for c in cards.values())
    assert "堆满了纸箱子" in cards[XIAO_LI].body  # the resident's own words reach the worker

    assert await bot.press(XIAO_LI, cards[XIAO_LI], "领取") == "领取成功，辛苦了！"
    assert "已由 小李 领取" in bot.api.message(XIAO_ZHAO, cards[XIAO_ZHAO].message_id).body
    assert bot.api.message(XIAO_ZHAO, cards[XIAO_ZHAO].message_id).buttons == []
    mine = bot.api.message(XIAO_LI, cards[XIAO_LI].message_id)
    assert [b["text"] for b in mine.buttons] == ["办结", "转交", "上报", "申请延期", "已联系"]
    assert "小李 已接单" in bot.last(ZHANG).body

    await bot.press(XIAO_LI, mine, "办结")
    assert "办结说明" in bot.last(XIAO_LI).body
    await bot.say(XIAO_LI, "已和住户沟通，杂物清走了")
    rate = bot.find(ZHANG, "请您评价")
    assert "杂物清走了" in rate.body
    assert [b["text"] for b in rate.buttons] == ["满意", "基本满意", "不满意"]

    await bot.press(ZHANG, rate, "基本满意")
    tk = await ticket(bot, n)
    assert (tk.status, tk.rating) == (Status.CLOSED, Rating.MOSTLY)
    async with bot.env.db.read() as conn:
        kinds = [e.kind for e in await repo.history(conn, n)]
    assert kinds == ["submitted", "assigned", "claimed", "resolved", "rated_mostly"]


async def test_a_gas_smell_gets_the_emergency_numbers_first_and_alerts_every_tier(bot: Offline) -> None:
    await bot.say(LI_DAYE, "滨河第一城5号楼楼道里一股煤气味 好像哪家漏气了")
    first = bot.api.messages(LI_DAYE)[0].body
    assert "119" in first and "燃气抢修" in first and "不要" in first
    assert "#" in bot.api.messages(LI_DAYE)[1].body
    assert "🚨" in bot.last(COMMITTEE).body
    assert bot.api.messages(7000000012)  # the branch of 滨河第一城 (民馨社区党委)


async def test_unsatisfied_reopens_to_the_same_worker_with_the_reason(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼门口的垃圾三天没人收了")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, f"#{n}"), "领取")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "办结")
    await bot.say(XIAO_LI, "已通知保洁清运")
    await bot.press(ZHANG, bot.find(ZHANG, "请您评价"), "不满意")
    assert (await ticket(bot, n)).status == Status.REOPENED
    assert "哪里还不行" in bot.last(ZHANG).body
    reopened = bot.find(XIAO_LI, "群众不满意")
    assert [b["text"] for b in reopened.buttons] == ["办结", "转交", "上报", "申请延期", "已联系"]
    await bot.say(ZHANG, "垃圾桶旁边还是一地的垃圾")
    assert "一地的垃圾" in bot.last(XIAO_LI).body
    await bot.press(XIAO_LI, reopened, "办结")
    await bot.say(XIAO_LI, "地面也清扫干净了")
    await bot.press(ZHANG, bot.find(ZHANG, "地面也清扫干净了"), "满意")
    assert (await ticket(bot, n)).status == Status.CLOSED


async def test_a_report_without_a_place_asks_once_and_remembers_home(bot: Offline) -> None:
    n = await report(bot, ZHANG, "楼道的声控灯坏了 晚上黑得看不见")
    assert "哪个小区" in bot.last(ZHANG).body
    await bot.say(ZHANG, "惠泽小区7号楼2单元")
    assert "惠泽小区7号楼2单元" in bot.last(ZHANG).body and f"#{n}" in bot.last(ZHANG).body
    assert bot.find(XIAO_LI, f"#{n}")
    m = await report(bot, ZHANG, "电梯又坏了 卡在三楼不动")
    assert "家庭住址" in bot.find(ZHANG, f"#{m}").body
    await bot.say(ZHANG, "/mine")
    assert f"#{n}" in bot.last(ZHANG).body and f"#{m}" in bot.last(ZHANG).body


async def test_a_branch_secretary_gets_a_digest_and_a_resident_does_not(bot: Offline) -> None:
    await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.say(LIU_SHUJI, "/digest")
    digest = bot.find(LIU_SHUJI, "📊").body
    assert "惠泽社区党委" in digest and "新诉求 1" in digest and "响应率" in digest
    chart = bot.last(LIU_SHUJI)
    assert chart.photo and chart.body == "惠泽社区党委 近14天"
    await bot.say(ZHANG, "/digest")
    assert "汇总只给" in bot.last(ZHANG).body


async def test_tasks_lists_open_work_with_claim_buttons(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.say(XIAO_ZHAO, "/tasks")
    tasks = bot.last(XIAO_ZHAO)
    assert f"#{n}" in tasks.body
    await bot.press(XIAO_ZHAO, tasks, f"领取 #{n}")
    assert (await ticket(bot, n)).status == Status.CLAIMED
    await bot.say(ZHANG, "/tasks")
    assert "网格员和楼栋长" in bot.last(ZHANG).body


async def test_transfer_hands_the_ticket_to_another_worker_of_the_grid(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, f"#{n}"), "领取")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "转交")
    assert await bot.press(XIAO_LI, bot.find(XIAO_LI, "转交给谁"), "小赵") == f"#{n} 已转交给 小赵。"
    assert (await ticket(bot, n)).holder_id is not None
    assert "小李 转交给您" in bot.last(XIAO_ZHAO).body
    assert "已交给 小赵" in bot.last(ZHANG).body


async def test_escalation_by_hand_reaches_the_next_tier(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, f"#{n}"), "领取")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "上报")
    await bot.say(XIAO_LI, "住户不肯清 需要社区出面")
    assert bot.find(XIAO_LI, "已上报至网格")  # his answer leaves before the new tier's cards (REPLY first)
    assert "已报到网格" in bot.last(ZHANG).body
    new_card = bot.last(XIAO_ZHAO)
    assert f"#{n}" in new_card.body and new_card.buttons[0]["text"] == "领取"


async def test_an_english_speaker_is_served_in_english(bot: Offline) -> None:
    from tests.e2e.conftest import ALICE

    await bot.say(ALICE, "/start")
    assert bot.last(ALICE).body.startswith("Hello")
    await bot.say(ALICE, "The street light outside Huize building 12 has been broken for a week")
    ack = bot.last(ALICE)
    assert ack.body.startswith("Got it") and [b["text"] for b in ack.buttons] == [
        "Change category", "Withdraw"]


async def test_a_worker_can_resolve_with_a_photo_and_the_resident_sees_it(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了杂物")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, f"#{n}"), "领取")
    await bot.press(XIAO_LI, bot.find(XIAO_LI, "您已领取"), "办结")
    await bot.photo(XIAO_LI, b"\x89PNG after", caption="清理后的楼道")
    rate = bot.find(ZHANG, "请您评价")
    assert rate.photo and "清理后的楼道" in rate.body
    assert (await ticket(bot, n)).status == Status.RESOLVED


async def test_a_vague_report_offers_the_likeliest_categories_as_buttons(bot: Offline) -> None:
    n = await report(bot, ZHANG, "惠泽小区12号楼 那个事还没人管")
    ack = bot.find(ZHANG, f"#{n}")
    assert "点一下最接近的" in ack.body
    labels = [b["text"] for b in ack.buttons]
    assert labels[-2:] == ["改分类", "撤回"] and len(labels) == 5
    await bot.press(ZHANG, ack, labels[1])
    assert (await ticket(bot, n)).category != "other"
