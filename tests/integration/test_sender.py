"""The outbox sender against the Bot API stand-in: order, ids, retries, give-ups, edits, images."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from app.sender import Sender
from domain.outgoing import LOW, URGENT, Outgoing, media_ref
from standin import BotApiStandIn
from storage import outbox
from storage.db import Database
from storage.schema import outbox as outbox_table
from tests.conftest import NOW

TOKEN = "777:SENDER-TEST"


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(token=TOKEN) as stand_in:
        for uid in (1, 2, 3):
            await stand_in.user(uid, f"user{uid}")
        yield stand_in


@pytest.fixture
async def sender(db: Database, api: BotApiStandIn) -> AsyncIterator[Sender]:
    bot = Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    async with bot:
        yield Sender(db, bot, lambda: NOW)


async def rows(db: Database) -> dict[int, object]:
    async with db.read() as conn:
        return {r.id: r for r in await conn.execute(select(outbox_table))}


async def drain(sender: Sender) -> None:
    while await sender.drain_once():
        pass


async def test_urgent_leaves_first_and_message_ids_are_recorded(db: Database, sender: Sender,
                                                                 api: BotApiStandIn) -> None:
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(1, "digest", priority=LOW), Outgoing(1, "fire!", priority=URGENT)],
                         NOW)
    await drain(sender)
    assert [m.body for m in api.messages(1)] == ["fire!", "digest"]
    assert {r.status for r in (await rows(db)).values()} == {"sent"}
    assert sorted(r.message_id for r in (await rows(db)).values()) == [m.message_id for m in api.messages(1)]


async def test_a_blocked_user_is_given_up_at_once_and_others_still_get_theirs(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    await api.block(2)
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(2, "hello"), Outgoing(3, "hi")], NOW)
    await drain(sender)
    by_chat = {r.chat_id: r for r in (await rows(db)).values()}
    assert by_chat[2].status == "failed" and "blocked" in by_chat[2].error
    assert by_chat[3].status == "sent"


async def test_a_429_is_waited_out_and_the_message_sent_once(db: Database, sender: Sender,
                                                             api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", retry_after=1)
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(1, "after a pause")], NOW)
    await drain(sender)
    assert [m.body for m in api.messages(1)] == ["after a pause"]
    assert api.stats["sendMessage"][429] == 1


async def test_an_edit_waits_for_its_card_and_an_unchanged_edit_counts_as_done(
        db: Database, sender: Sender, api: BotApiStandIn) -> None:
    async with db.write() as conn:
        (card,) = await outbox.put(conn, [Outgoing(1, "#1 card", ((("领取", "claim:1"),),), purpose="card")], NOW)
        await outbox.put(conn, [Outgoing(1, "#1 claimed", op="edit", ref_id=card),
                                Outgoing(1, "#1 claimed", op="edit", ref_id=card)], NOW)
    await drain(sender)
    (message,) = api.messages(1)
    assert message.body == "#1 claimed" and message.buttons == []
    assert {r.status for r in (await rows(db)).values()} == {"sent"}


async def test_a_stored_chart_is_uploaded_once_then_reused(db: Database, sender: Sender,
                                                           api: BotApiStandIn) -> None:
    async with db.write() as conn:
        mid = await outbox.add_media(conn, b"\x89PNG\r\n\x1a\nchart", NOW)
        await outbox.put(conn, [Outgoing(u, "digest", op="photo", photo=media_ref(mid), priority=LOW)
                                for u in (1, 2)], NOW)
    await drain(sender)
    uploads = [c for c in api.requests if c.method == "sendPhoto" and c.files]
    assert len(uploads) == 1 and api.messages(2)[0].photo
    async with db.read() as conn:
        assert (await outbox.get_media(conn, mid)).file_id


async def test_quiet_hours_hold_a_message_until_its_time(db: Database, sender: Sender,
                                                         api: BotApiStandIn) -> None:
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(1, "good morning", not_before=NOW + timedelta(hours=8))], NOW)
    await drain(sender)
    assert api.messages(1) == []
