"""Bad or odd input gets a clear, polite answer; nothing accepted is lost."""

from __future__ import annotations

from app.offline import Offline
from storage import people
from storage import tickets as repo
from tests.e2e.conftest import ZHANG, report


async def test_an_unknown_command_is_answered(bot: Offline) -> None:
    await bot.say(ZHANG, "/frobnicate")
    assert "没有这个命令" in bot.last(ZHANG).body


async def test_a_photo_without_words_waits_for_them_and_joins_the_report(bot: Offline) -> None:
    await bot.photo(ZHANG, b"\x89PNG fake bytes")
    assert "请用文字说说" in bot.last(ZHANG).body
    n = await report(bot, ZHANG, "惠泽小区8号楼门口这堆建筑垃圾好几天了")
    async with bot.env.db.read() as conn:
        assert await repo.photo_of(conn, n)


async def test_a_photo_with_a_caption_is_a_report(bot: Offline) -> None:
    await bot.photo(ZHANG, b"\x89PNG fake bytes", caption="惠泽小区9号楼前面路灯不亮")
    ack = bot.last(ZHANG)
    n = int(ack.body.split("#")[1].split()[0])
    async with bot.env.db.read() as conn:
        assert await repo.photo_of(conn, n)


async def test_a_very_long_message_is_kept_whole(bot: Offline) -> None:
    text = "惠泽小区12号楼楼道里堆满了杂物。" + "真的很危险，" * 600
    n = await report(bot, ZHANG, text[:4000])
    async with bot.env.db.read() as conn:
        assert (await repo.get(conn, n)).text == text[:4000]


async def test_home_can_be_set_and_shown(bot: Offline) -> None:
    await bot.say(ZHANG, "/home")
    assert "请发您家的地址" in bot.last(ZHANG).body
    await bot.say(ZHANG, "惠泽小区12号楼3单元501")
    assert "家庭住址已记下" in bot.last(ZHANG).body
    await bot.say(ZHANG, "/home")
    assert "惠泽小区12号楼3单元501室" in bot.last(ZHANG).body
    await bot.say(ZHANG, "/home 火星")
    assert "请发您家的地址" in bot.last(ZHANG).body
    async with bot.env.db.read() as conn:
        assert (await people.by_tg(conn, ZHANG)).home.building == 12


async def test_a_report_sent_instead_of_an_address_is_still_filed(bot: Offline) -> None:
    await bot.say(ZHANG, "/home")
    await bot.say(ZHANG, "楼下的狗天天半夜叫 吵得睡不着")
    assert "哪个小区" in bot.last(ZHANG).body  # filed as a report; the place is asked next


async def test_a_location_alone_asks_for_words(bot: Offline) -> None:
    bot.queued += 1
    await bot.api.send_location(ZHANG, 40.81, 111.65)
    await bot.settle()
    assert "请用文字说说" in bot.last(ZHANG).body
