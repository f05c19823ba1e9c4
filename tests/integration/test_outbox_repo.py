"""The outbox on real SQLite: priority order, sent and failed bookkeeping, a ticket's cards."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from domain.outgoing import LOW, NORMAL, URGENT, Outgoing
from storage import outbox, people
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


async def test_sends_that_finished_together_are_stored_by_one_statement(db: Database) -> None:
    later = NOW + timedelta(seconds=1)
    statements: list[str] = []
    event.listen(db.work_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    async with db.write() as conn:
        a, b, c = await outbox.put(conn, [Outgoing(1, "a"), Outgoing(2, "b"), Outgoing(3, "c")], NOW)
        statements.clear()
        await outbox.sent_many(conn, [(a, 11, NOW), (b, 12, later)])
    assert len([s for s in statements if s.startswith("UPDATE outbox")]) == 1
    async with db.read() as conn:
        assert [r.id for r in await outbox.due(conn, NOW)] == [c]
        stored = {i: (r.status, r.message_id, r.attempts) for i, r in (await outbox.refs(conn, [a, b])).items()}
        assert stored == {a: ("sent", 11, 1), b: ("sent", 12, 1)}
        assert (await outbox.row(conn, b)).sent_at.replace(tzinfo=None) == later.replace(tzinfo=None)


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


async def test_heads_give_each_chats_next_messages_so_one_busy_chat_hides_no_other(db: Database) -> None:
    async with db.write() as conn:
        await outbox.put(conn, [Outgoing(-100, f"group {n}") for n in range(5)], NOW)
        await outbox.put(conn, [Outgoing(1, "digest", priority=LOW), Outgoing(2, "fire!", priority=URGENT),
                                Outgoing(1, "update")], NOW)
    async with db.read() as conn:
        assert [(r.chat_id, r.text) for r in await outbox.heads(conn, NOW, per_chat=2)] == [
            (2, "fire!"), (-100, "group 0"), (-100, "group 1"), (1, "update"), (1, "digest")]
        assert [r.text for r in await outbox.heads(conn, NOW, per_chat=1, limit=2)] == ["fire!", "group 0"]


async def test_heads_leave_out_what_is_sent_failed_or_held(db: Database) -> None:
    async with db.write() as conn:
        a, b, _c, _d = await outbox.put(conn, [Outgoing(1, "a"), Outgoing(1, "b"), Outgoing(1, "c"),
                                               Outgoing(1, "d", not_before=NOW + timedelta(hours=1))], NOW)
        await outbox.sent(conn, a, 10, NOW)
        await outbox.given_up(conn, b, "Forbidden: bot was blocked by the user", NOW)
    async with db.read() as conn:
        assert [r.text for r in await outbox.heads(conn, NOW, per_chat=5)] == ["c"]
        assert {i: r.status for i, r in (await outbox.refs(conn, [a, b, 999])).items()} == {a: "sent", b: "failed"}


async def test_give_ups_since_the_last_summary_with_names_and_never_the_summaries(db: Database) -> None:
    later = NOW + timedelta(minutes=20)
    async with db.write() as conn:
        await people.ensure(conn, 1, "王奶奶", "zh", NOW)
        ids = await outbox.put(conn, [Outgoing(1, "a", purpose="digest"), Outgoing(2, "b"),
                                      Outgoing(3, "summary", purpose=outbox.FAILURES)], NOW)
        for i in ids:
            await outbox.given_up(conn, i, "Forbidden: bot was blocked by the user", NOW)
        assert await outbox.last_report(conn) == NOW  # the summary row above
        assert await outbox.failures_since(conn, NOW, later) == []
        found = await outbox.failures_since(conn, None, later)
        assert [(r.chat_id, r.name, r.purpose) for r in found] == [(1, "王奶奶", "digest"), (2, None, "update")]
        (late,) = await outbox.put(conn, [Outgoing(1, "c")], later)
        await outbox.given_up(conn, late, "Bad Request: chat not found", later)
        assert [r.id for r in await outbox.failures_since(conn, NOW, later)] == [late]
