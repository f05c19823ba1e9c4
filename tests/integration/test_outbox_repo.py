"""The outbox on real SQLite: priority order, sent and failed bookkeeping, a ticket's cards."""

from __future__ import annotations

from datetime import timedelta

from domain.outgoing import LOW, NORMAL, URGENT, Outgoing
from storage import outbox
from storage.db import Database
from tests.conftest import NOW


async def test_due_messages_come_urgent_first_then_in_order(db: Database) -> None:
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(1, "digest", priority=LOW),
                                Outgoing(2, "update", priority=NORMAL),
                                Outgoing(3, "fire!", priority=URGENT)], NOW)
    async with db.read() as conn:
        assert [r.text for r in await outbox.due(conn, NOW)] == ["fire!", "update", "digest"]


async def test_sent_and_failed_rows_leave_the_queue(db: Database) -> None:
    async with db.write() as conn:
        a, b, c = await outbox.put(conn, [Outgoing(1, "a"), Outgoing(2, "b"), Outgoing(3, "c")], NOW)
        await outbox.sent(conn, a, 555, NOW)
        await outbox.failed(conn, b, "Forbidden: bot was blocked by the user", final=True)
        await outbox.failed(conn, c, "timed out", final=False)
    async with db.read() as conn:
        assert [r.id for r in await outbox.due(conn, NOW)] == [c]
        assert (await outbox.row(conn, a)).message_id == 555
        assert (await outbox.row(conn, c)).attempts == 1


async def test_buttons_round_trip_and_cards_are_found_per_ticket(db: Database) -> None:
    card = Outgoing(7, "#1", ((("领取", "claim:1"),),), ticket_id=1, purpose="card")
    async with db.write() as conn:
        (cid,) = await outbox.put(conn, [card], NOW)
        await outbox.put(conn, [Outgoing(7, "edit", op="edit", ref_id=cid, ticket_id=1,
                                         purpose="card")], NOW)
        stored = await outbox.row(conn, cid)
        assert outbox.buttons(stored.markup) == [[("领取", "claim:1")]]
        assert [(r.id, r.chat_id) for r in await outbox.cards(conn, 1)] == [(cid, 7)]


async def test_a_message_held_for_quiet_hours_waits_until_its_time(db: Database) -> None:
    later = NOW + timedelta(hours=9)
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(1, "morning news", not_before=later), Outgoing(2, "now")], NOW)
    async with db.read() as conn:
        assert [r.text for r in await outbox.due(conn, NOW)] == ["now"]
        assert [r.text for r in await outbox.due(conn, later)] == ["morning news", "now"]


async def test_a_stored_image_keeps_its_telegram_id_once_uploaded(db: Database) -> None:
    async with db.write() as conn:
        mid = await outbox.add_media(conn, b"\x89PNG", NOW)
        assert (await outbox.get_media(conn, mid)).file_id is None
        await outbox.uploaded(conn, mid, "AgAD-file")
        item = await outbox.get_media(conn, mid)
    assert (bytes(item.data), item.file_id) == (b"\x89PNG", "AgAD-file")
