"""The outbox sender against the Bot API stand-in: order, pace, ids, retries, give-ups, edits, images.

No timings are asserted: the order things arrive in, what the stand-in counted (429s, 502s, 403s)
and what the database recorded. Limits are Telegram's shape at a faster pace where a test would
otherwise wait seconds per message; the stand-in enforces the same shape with its own bursts.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from app.sender import IN_FLIGHT, Sender, markup
from domain.access import Role
from domain.delivery import ReportPolicy, RetryPolicy
from domain.outgoing import LOW, NORMAL, URGENT, Outgoing, media_ref
from domain.pace import TELEGRAM, Rate, SendLimits
from standin import BotApiStandIn
from standin.flood import FloodRules, Limit
from storage import outbox, people
from storage.db import Database
from storage.schema import outbox as outbox_table
from tests.conftest import NOW

TOKEN = "777:SENDER-TEST"
GROUP = -1007770001
ADMIN = 900
# Telegram's shape ten times faster: bursts as the sender's and the stand-in's real ones.
QUICK = SendLimits(Rate(300, 100), Rate(10, 2), Rate(200 / 60, 3))
QUICK_RULES = FloodRules(Limit(300, 300), Limit(10, 3), Limit(200 / 60, 5))
FAST_RETRY = RetryPolicy(max_attempts=50, base=0.01, cap=0.05, pause_cap=0.05)
LATER = ReportPolicy(delay=3600, every=600)  # reports only when a test asks


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(token=TOKEN) as stand_in:
        for uid in (1, 2, 3, ADMIN):
            await stand_in.user(uid, f"user{uid}")
        await stand_in.group(GROUP, "惠泽一网格群")
        yield stand_in


@pytest.fixture
async def bot(api: BotApiStandIn) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as b:
        yield b


@pytest.fixture
def make(db: Database, bot: Bot) -> Callable[..., Sender]:
    def build(limits: SendLimits = TELEGRAM, retry: RetryPolicy = FAST_RETRY, report: ReportPolicy = LATER,
              clock: Callable[[], datetime] = lambda: NOW, **options: object) -> Sender:
        return Sender(db, bot, clock, limits, retry=retry, report=report, **options)  # type: ignore[arg-type]
    return build


@pytest.fixture
def sender(make: Callable[..., Sender]) -> Sender:
    return make()


async def rows(db: Database) -> dict[int, object]:
    async with db.read() as conn:
        return {r.id: r for r in await conn.execute(select(outbox_table).order_by(outbox_table.c.id))}


async def drain(sender: Sender) -> None:
    """Run the sender until nothing due is left, then stop it."""
    sender.start()
    try:
        await sender.idle(timeout=30)
    finally:
        await sender.stop()


async def queue(db: Database, messages: list[Outgoing]) -> list[int]:
    async with db.write() as conn:
        return await outbox.put(conn, messages, NOW)


def bodies(api: BotApiStandIn, chat_id: int | None = None) -> list[str]:
    return [m.body for m in api.messages(chat_id)]


async def test_urgent_leaves_first_and_message_ids_are_recorded(db: Database, sender: Sender,
                                                                api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(1, "digest", priority=LOW), Outgoing(1, "fire!", priority=URGENT)])
    await drain(sender)
    assert bodies(api, 1) == ["fire!", "digest"]
    assert {r.status for r in (await rows(db)).values()} == {"sent"}
    assert sorted(r.message_id for r in (await rows(db)).values()) == [m.message_id for m in api.messages(1)]


async def test_across_chats_urgent_then_ticket_updates_then_digests(db: Database, make: Callable[..., Sender],
                                                                    api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(1, "digest 1", priority=LOW), Outgoing(2, "update 2"),
                     Outgoing(3, "fire 3", priority=URGENT), Outgoing(2, "digest 2", priority=LOW),
                     Outgoing(1, "update 1", priority=NORMAL)])
    await drain(make(in_flight=1))  # one at a time: the order they left in is the order they arrived in
    assert bodies(api) == ["fire 3", "update 2", "update 1", "digest 1", "digest 2"]


async def test_each_chat_keeps_its_order(db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(chat, f"{chat}:{n}") for n in range(6) for chat in (1, 2, 3, GROUP)])
    await drain(make(QUICK))
    for chat in (1, 2, 3, GROUP):
        assert bodies(api, chat) == [f"{chat}:{n}" for n in range(6)]


async def test_an_acknowledgement_does_not_wait_for_a_slot_that_cards_hold(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    """Every request slot taken by cards Telegram is slow to answer: the resident's acknowledgement
    still leaves (it has slots of its own), and another card waits for a slot."""
    await api.user(4, "user4")
    release = [api.hold("sendMessage", chat) for chat in (1, 2)]
    await queue(db, [Outgoing(1, "card 1"), Outgoing(2, "card 2")])
    sender = make(QUICK, in_flight=2)
    sender.start()
    try:
        await wait_until(lambda: api.stats["sendMessage"].total() == 0 and len(sender._flying) == 2)
        await queue(db, [Outgoing(3, "已收到 #7", purpose="ack"), Outgoing(4, "card 4")])
        sender.kick()
        await wait_until(lambda: bodies(api, 3) == ["已收到 #7"])
        assert bodies(api, 4) == []  # cards still wait for one of theirs
        for event in release:
            event.set()
        await sender.idle(timeout=30)
    finally:
        await sender.stop()
    assert bodies(api, 1) == ["card 1"] and bodies(api, 4) == ["card 4"]


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)
    await asyncio.wait_for(poll(), timeout)


async def test_an_urgent_message_overtakes_a_broadcast_that_saturates_the_outbox(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    readers = list(range(10_000, 10_300))
    for uid in readers:
        await api.user(uid, f"组长{uid}")
    api.enforce_limits(QUICK_RULES)
    await queue(db, [Outgoing(uid, f"digest {uid}", purpose="digest", priority=LOW) for uid in readers])
    sender = make(QUICK)
    sender.start()
    try:
        await api.wait_for_message(readers[40], timeout=30)  # the broadcast is under way
        before = len(api.messages())
        await queue(db, [Outgoing(3, "🚨 gas leak", priority=URGENT)])
        sender.kick()  # as every service does after writing to the outbox
        await sender.idle(timeout=30)
    finally:
        await sender.stop()
    order = bodies(api)
    assert len(order) == len(readers) + 1 and api.too_many_requests == 0
    at = order.index("🚨 gas leak")
    assert at <= before + 2 * IN_FLIGHT  # only what was already in flight or about to go got ahead
    assert len(order) - at > 150  # the rest of the broadcast waited


async def test_private_and_group_limits_are_kept_so_telegram_never_says_429(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    api.enforce_limits(QUICK_RULES)
    await queue(db, [Outgoing(chat, f"{chat}:{n}") for n in range(12) for chat in (1, 2, GROUP)])
    await drain(make(QUICK))
    assert api.too_many_requests == 0 and api.flood is not None and sum(api.flood.refused.values()) == 0
    assert all(bodies(api, chat) == [f"{chat}:{n}" for n in range(12)] for chat in (1, 2, GROUP))


async def test_a_stand_in_stricter_than_the_sender_is_obeyed_and_nothing_is_lost_or_doubled(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    api.enforce_limits(FloodRules(Limit(300, 300), Limit(10, 2), Limit(10, 2)))
    await queue(db, [Outgoing(chat, f"{chat}:{n}") for n in range(5) for chat in (1, GROUP)])
    await drain(make(SendLimits(Rate(300, 100), Rate(300, 10), Rate(300, 10))))  # far too eager
    assert api.too_many_requests > 0  # it was refused, waited retry_after, and tried again
    assert all(bodies(api, chat) == [f"{chat}:{n}" for n in range(5)] for chat in (1, GROUP))
    assert {r.status for r in (await rows(db)).values()} == {"sent"}


async def test_a_429_is_waited_out_and_the_message_sent_once(db: Database, sender: Sender,
                                                             api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", retry_after=1)
    await queue(db, [Outgoing(1, "after a pause")])
    await drain(sender)
    assert bodies(api, 1) == ["after a pause"]
    assert api.stats["sendMessage"][429] == 1 and api.stats["sendMessage"][200] == 1
    assert [r.attempts for r in (await rows(db)).values()] == [1]  # a 429 is pacing, not a failed attempt


async def test_a_bad_gateway_is_retried_and_the_message_sent_once(db: Database, sender: Sender,
                                                                  api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", status=502, count=2)
    await queue(db, [Outgoing(1, "third time lucky")])
    await drain(sender)
    assert bodies(api, 1) == ["third time lucky"] and api.stats["sendMessage"][502] == 2
    (row,) = (await rows(db)).values()
    assert (row.status, row.attempts) == ("sent", 3)


async def test_while_telegram_is_down_nothing_is_lost_and_after_it_is_back_each_message_goes_once(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(chat, f"{chat}:{n}") for n in range(3) for chat in (1, 2, 3, GROUP)])
    api.down()
    sender = make(QUICK)
    sender.start()
    try:
        # the sender keeps trying while it is down (after its first failure a message is in doubt, so
        # each try asks first with an edit: a 5xx may come after Telegram acted)
        since = len(api.requests)
        await _until(lambda: sum(c.status == 502 and c.method in ("sendMessage", "editMessageText")
                                 for c in api.requests[since:]) >= 6)
        api.up()
        await sender.idle(timeout=30)
    finally:
        await sender.stop()
    for chat in (1, 2, 3, GROUP):
        assert bodies(api, chat) == [f"{chat}:{n}" for n in range(3)]
    assert {r.status for r in (await rows(db)).values()} == {"sent"}


async def test_a_message_that_keeps_failing_is_given_up_after_its_last_attempt(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", status=500, count=100)
    await queue(db, [Outgoing(1, "never")])
    await drain(make(retry=RetryPolicy(max_attempts=3, base=0.01, cap=0.02, pause_cap=0.02)))
    (row,) = (await rows(db)).values()
    assert (row.status, row.attempts) == ("failed", 3) and "after 3 attempts" in row.error
    assert api.stats["sendMessage"][500] == 3 and bodies(api, 1) == []


async def test_a_blocked_user_is_given_up_at_once_and_others_still_get_theirs(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    await api.block(2)
    await queue(db, [Outgoing(2, "hello"), Outgoing(2, "again"), Outgoing(3, "hi")])
    await drain(sender)
    by_id = await rows(db)
    assert [(r.chat_id, r.status) for r in by_id.values()] == [(2, "failed"), (2, "failed"), (3, "sent")]
    assert all("blocked" in r.error for r in by_id.values() if r.chat_id == 2)
    assert api.stats["sendMessage"][403] == 2  # once each, never again


async def test_give_ups_reach_the_admins_once_in_one_summary(db: Database, sender: Sender,
                                                            api: BotApiStandIn) -> None:
    async with db.write() as conn:
        admin = await people.ensure(conn, ADMIN, "周主任", "zh", NOW)
        await people.grant(conn, admin.id, Role("admin", "admin"), "seed", NOW)
        for uid in (1, 2):
            await people.ensure(conn, uid, f"居民{uid}", "zh", NOW)
    for uid in (1, 2):
        await api.block(uid)
    await queue(db, [Outgoing(uid, "digest", purpose="digest", priority=LOW) for uid in (1, 2)])
    await drain(sender)
    assert await sender.report_failures() == 0
    assert await sender.report_failures() > 0  # too soon for another: nothing queued
    await drain(sender)
    assert api.stats["sendMessage"][403] == 2
    (told,) = api.messages(ADMIN)
    assert "有 2 条消息发不出去" in told.body and "居民1、居民2" in told.body and "对方已屏蔽机器人" in told.body


async def test_an_edit_waits_for_its_card_and_an_unchanged_edit_counts_as_done(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    (card,) = await queue(db, [Outgoing(1, "#1 card", ((("领取", "claim:1"),),), purpose="card", priority=LOW)])
    await queue(db, [Outgoing(1, "#1 claimed", op="edit", ref_id=card, priority=URGENT),
                     Outgoing(1, "#1 claimed", op="edit", ref_id=card)])
    await drain(sender)
    (message,) = api.messages(1)
    assert message.body == "#1 claimed" and message.buttons == []
    assert {r.status for r in (await rows(db)).values()} == {"sent"}


async def test_an_edit_of_a_card_that_was_never_delivered_is_given_up_without_asking_telegram(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    await api.block(2)
    (card,) = await queue(db, [Outgoing(2, "#2 card", purpose="card")])
    await queue(db, [Outgoing(2, "#2 claimed", op="edit", ref_id=card)])
    await drain(sender)
    assert [r.status for r in (await rows(db)).values()] == ["failed", "failed"]
    assert "editMessageText" not in api.stats


async def test_a_stored_chart_is_uploaded_once_then_reused(db: Database, sender: Sender,
                                                           api: BotApiStandIn) -> None:
    async with db.write() as conn:
        mid = await outbox.add_media(conn, b"\x89PNG\r\n\x1a\nchart", NOW)
    await queue(db, [Outgoing(u, "digest", op="photo", photo=media_ref(mid), priority=LOW) for u in (1, 2, 3)])
    await drain(sender)
    uploads = [c for c in api.requests if c.method == "sendPhoto" and c.files]
    assert len(uploads) == 1 and all(api.messages(u)[0].photo for u in (1, 2, 3))
    async with db.read() as conn:
        assert (await outbox.get_media(conn, mid)).file_id


async def test_quiet_hours_hold_a_message_until_its_time(db: Database, sender: Sender,
                                                         api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(1, "good morning", not_before=NOW + timedelta(hours=8))])
    await drain(sender)
    assert api.messages(1) == []


async def test_a_restarted_sender_sends_what_is_left_and_nothing_twice(db: Database, make: Callable[..., Sender],
                                                                      api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(chat, f"{chat}:{n}") for n in range(4) for chat in (1, 2, 3)])
    first = make(QUICK)
    first.start()
    await api.wait_for_message(2, timeout=10)
    await first.stop()  # waits for what is in flight to be answered and recorded
    await drain(make(QUICK))
    for chat in (1, 2, 3):
        assert bodies(api, chat) == [f"{chat}:{n}" for n in range(4)]


async def _until(done: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not done():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


# --- a message in doubt after a crash (Telegram may have it; app/sender.py, "Sent once") ----------

async def _crashed_while_sending(db: Database, api: BotApiStandIn, bot: Bot, sender: Sender,
                                 delivered: bool) -> tuple[int, int]:
    """One message sent and recorded; the next one marked as being sent, the resident writes meanwhile,
    and (if `delivered`) Telegram got it before the process died. Returns (row id, its message id)."""
    await queue(db, [Outgoing(1, "已收到 #1")])
    await drain(sender)
    (first,) = (await rows(db)).values()
    (row_id,) = await queue(db, [Outgoing(1, "工单 #1 已由 小李 领取", buttons=((("评价", "rate:1"),),))])
    async with db.write() as conn:
        await outbox.trying(conn, [(row_id, first.message_id)])
    await api.send_text(1, "好的 谢谢")  # the resident's message takes the next id
    got = None
    if delivered:
        buttons = markup(json.dumps([[["评价", "rate:1"]]]))
        got = await bot.send_message(1, "工单 #1 已由 小李 领取", reply_markup=buttons)
    return row_id, got.message_id if got else 0


async def test_a_message_telegram_got_before_the_crash_is_found_not_sent_again(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn, bot: Bot) -> None:
    row_id, message_id = await _crashed_while_sending(db, api, bot, make(), delivered=True)
    await drain(make())  # the next process
    assert bodies(api, 1) == ["已收到 #1", "工单 #1 已由 小李 领取"]  # once
    row = (await rows(db))[row_id]
    assert (row.status, row.message_id) == ("sent", message_id)
    assert api.stats["editMessageText"][400] == 2  # the resident's message (can't be edited), then it


async def test_a_message_that_never_reached_telegram_is_sent_once_after_asking(
        db: Database, make: Callable[..., Sender], api: BotApiStandIn, bot: Bot) -> None:
    row_id, _ = await _crashed_while_sending(db, api, bot, make(), delivered=False)
    await drain(make())
    assert bodies(api, 1) == ["已收到 #1", "工单 #1 已由 小李 领取"]
    row = (await rows(db))[row_id]
    assert row.status == "sent" and row.message_id == api.messages(1)[-1].message_id
    assert api.stats["editMessageText"][400] == 2  # the resident's message, then nothing there yet


async def test_a_message_in_doubt_after_a_5xx_is_asked_about_before_it_is_sent_again(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", status=502)
    await queue(db, [Outgoing(1, "once")])
    await drain(sender)
    assert bodies(api, 1) == ["once"]
    assert api.stats["editMessageText"][400] == 1  # "not found": Telegram had not got it


async def test_every_send_is_marked_with_the_chats_last_message_before_it_goes(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    await queue(db, [Outgoing(1, "a"), Outgoing(1, "b"), Outgoing(2, "c")])
    await drain(sender)
    marks = {r.text: r.probe_from for r in (await rows(db)).values()}
    first_in_chat_1 = api.messages(1)[0].message_id
    assert marks == {"a": 0, "b": first_in_chat_1, "c": 0}


async def test_a_message_in_doubt_holds_its_chat_even_against_an_urgent_one(
        db: Database, sender: Sender, api: BotApiStandIn, bot: Bot) -> None:
    """Were the urgent one sent first, its mark would lie below the doubtful one's id; a later look for
    it could meet the doubtful message, ours with other words. So the doubt is settled first."""
    (doubtful,) = await queue(db, [Outgoing(1, "工单 #3 已派给网格员")])
    async with db.write() as conn:
        await outbox.trying(conn, [(doubtful, 0)])
    delivered = await bot.send_message(1, "工单 #3 已派给网格员")  # Telegram got it before the crash
    (urgent,) = await queue(db, [Outgoing(1, "🔥 紧急", priority=URGENT)])
    await drain(sender)
    assert bodies(api, 1) == ["工单 #3 已派给网格员", "🔥 紧急"]
    settled = await rows(db)
    assert settled[doubtful].message_id == delivered.message_id
    assert settled[urgent].probe_from == delivered.message_id  # marked above the message found
