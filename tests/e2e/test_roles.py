"""Roles come from seeds or single-use invites; a grid's group chat works like a private one."""

from __future__ import annotations

from datetime import UTC, datetime

from app.offline import Offline
from domain.tickets import Status
from services import admin
from storage import people
from storage import tickets as repo
from tests.e2e.conftest import LI_DAYE, XIAO_LI, ZHANG, report

NEWBIE, GROUP = 2001, -1001234


async def test_an_invite_binds_a_role_once(bot: Offline) -> None:
    await bot.person(NEWBIE, "新楼长")
    code = await admin.invite(bot.env, "building_lead", "惠泽小区 30", datetime.now(UTC))
    await bot.say(NEWBIE, f"/start {code}")
    assert "楼栋长" in bot.last(NEWBIE).body and "惠泽小区30号楼" in bot.last(NEWBIE).body
    assert any(c["command"] == "tasks" for c in bot.api.commands({"type": "chat", "chat_id": NEWBIE}))
    await bot.say(LI_DAYE, f"/start {code}")
    assert "无效" in bot.last(LI_DAYE).body
    n = await report(bot, ZHANG, "惠泽小区30号楼的楼道灯不亮了")
    assert bot.find(NEWBIE, f"#{n}").buttons[0]["text"] == "领取"


async def test_a_resident_start_shows_the_resident_help_and_menu(bot: Offline) -> None:
    await bot.say(ZHANG, "/start")
    assert "直接发文字告诉我" in bot.last(ZHANG).body
    assert [c["command"] for c in bot.api.commands(None)] == ["start", "mine", "home", "help"]
    await bot.say(XIAO_LI, "/start")
    assert "网格员" in bot.last(XIAO_LI).body


async def test_a_grid_group_gets_cards_and_workers_act_there(bot: Offline) -> None:
    await bot.group(GROUP, "惠泽一网格工作群")
    code = await admin.invite(bot.env, "group", "惠泽一网格", datetime.now(UTC))
    await bot.say(XIAO_LI, f"/start {code}", chat_id=GROUP)
    assert "已绑定到惠泽一网格" in bot.last(GROUP).body
    n = await report(bot, ZHANG, "惠泽小区3号楼2单元502门口的井盖松了 一踩就响")
    card = bot.find(GROUP, f"#{n}")
    assert "📍 惠泽小区3号楼2单元\n" in card.body  # no room in a group
    assert "📍 惠泽小区3号楼2单元502室" in bot.find(XIAO_LI, f"#{n}").body
    await bot.press(XIAO_LI, card, "领取")
    card = bot.api.message(GROUP, card.message_id)
    assert "已由 小李 领取" in card.body and card.buttons[0]["text"] == "办结"
    await bot.press(XIAO_LI, card, "办结")
    assert "办结说明" in bot.last(GROUP).body
    await bot.say(ZHANG, "随便聊两句", chat_id=None)
    await bot.say(XIAO_LI, "井盖已经固定好了", chat_id=GROUP)
    async with bot.env.db.read() as conn:
        assert (await repo.get(conn, n)).status == Status.RESOLVED
    await bot.say(LI_DAYE, "大家好", chat_id=GROUP)  # group chatter is not a report
    async with bot.env.db.read() as conn:
        assert await repo.of_resident(conn, (await people.by_tg(conn, LI_DAYE)).id) == []


async def test_a_group_invite_used_in_a_private_chat_is_not_spent(bot: Offline) -> None:
    await bot.group(GROUP, "惠泽一网格工作群")
    code = await admin.invite(bot.env, "group", "惠泽一网格", datetime.now(UTC))
    await bot.say(XIAO_LI, f"/start {code}")
    assert "群里使用" in bot.last(XIAO_LI).body
    await bot.say(XIAO_LI, f"/start {code}", chat_id=GROUP)
    assert "已绑定" in bot.last(GROUP).body
