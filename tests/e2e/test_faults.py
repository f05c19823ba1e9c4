"""Faults the bot must survive without losing or doubling anyone's report (issue 5).

`python bot.py run` runs as a child process against the Bot API stand-in in this process, on a real
database, and is killed, starved of Telegram, rate-limited and locked out of its SQLite file. The tests
count what came out: tickets in the database, messages the stand-in received. No timings are asserted.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.exc
from sqlalchemy import select
from telegram import Update
from telegram.ext import TypeHandler

import storage.db
from app.offline import SHANGHAI, SteppingClock, offline_bot
from app.parse_cli import build_parser
from domain.texts import t
from standin import BotApiStandIn
from storage.db import Database, sqlite_url, transient
from storage.schema import inbox, outbox, tickets
from tests.e2e.crowd import (
    FIRST_RESIDENT,
    PHRASES,
    TOKEN,
    BotProcess,
    all_pairs,
    audit,
    bot_environment,
    distinct_reports,
    drained,
    feed,
    register,
    summary,
)

REPORTS = 1000
KILLS = 8
SEED = 20261124


def test_the_crowds_reports_are_filed_where_and_as_they_say() -> None:
    """Every pair the crowd may use parses to its own place and category, never urgent: so 1,000
    reports make 1,000 tickets, none held as a duplicate of another."""
    parser = build_parser()
    wrong = []
    for community, building, category in all_pairs():
        for phrase in PHRASES[category]:
            got = parser.parse(f"{community}{building}号楼{phrase}")
            if (got.category, got.urgent, got.place.community, got.place.building) != (
                    category, False, community, building):
                wrong.append((community, building, phrase, got.category, got.urgent, got.place))
    assert wrong == []
    assert len(all_pairs()) >= REPORTS


async def test_kill_9_at_random_moments_files_every_report_once_and_loses_no_message(
        tmp_path: Path, database_url: str) -> None:
    """1,000 residents report while the bot is SIGKILLed 8 times at seeded random moments and restarted
    at once: exactly one ticket each, each acknowledged, every queued message delivered.

    Telegram has no idempotency key, so a kill after Telegram accepted a message but before the
    sender recorded it would repeat that message after the restart (16 repeats over these 8 kills
    before app/sender.py asked Telegram first): each send is marked before it goes, and a marked one
    found pending after a restart is looked for among the chat's newer messages before it is sent.
    """
    rng = random.Random(SEED)
    reports = distinct_reports(REPORTS, rng)
    async with BotApiStandIn(token=TOKEN) as api:
        await register(api, reports)
        bot = BotProcess(api, tmp_path, bot_environment(api, database_url))
        slices = [reports[i * REPORTS // (KILLS + 1):(i + 1) * REPORTS // (KILLS + 1)] for i in range(KILLS + 1)]
        db = Database(database_url)
        try:
            await bot.start()
            await bot.live()
            for part in slices[:KILLS]:
                # residents write while the bot works; it dies at a random moment among them,
                # comes back at once, and the rest of the slice arrives while it starts
                cut = rng.randrange(len(part) // 3, len(part))
                await feed(api, part[:cut], seconds=rng.uniform(0.3, 2.0))
                await bot.kill()
                await bot.start()
                await feed(api, part[cut:], seconds=0.2)
                await bot.live()
            await feed(api, slices[-1], seconds=1.0)
            await drained(db, api, REPORTS, bot=bot)
            found = await audit(db, api, reports)
        finally:
            code = await bot.stop() if bot.running else 0
            await db.dispose()
    print(f"\nkill -9 x{bot.kills} over {REPORTS} reports ({database_url.split(':')[0]}): {summary(found, bot.kills)}")
    assert code == 0, bot.log_tail()
    assert found.tickets == REPORTS
    assert found.residents_with_a_ticket == REPORTS
    assert set(found.tickets_per_resident.values()) == {1}  # no resident has two tickets
    assert len(found.acknowledged) == REPORTS
    assert found.unsent == {} and found.inbox_errors == 0
    assert found.missing == {}, found.missing  # nothing the outbox holds as sent was lost
    assert found.strangers == {}  # nothing reached Telegram that was never queued
    assert found.duplicates == 0, found.repeated  # each notification delivered once


class FileLock:
    """An exclusive write lock on a SQLite file, held by a connection of its own (as another process's
    would be): the bot's writes wait out its busy timeout and fail with "database is locked"."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.held = False

    async def take(self) -> None:  # in a thread: the bot's own writes must go on meanwhile
        await asyncio.to_thread(self.conn.execute, "BEGIN EXCLUSIVE")
        self.held = True

    async def release(self) -> None:
        if self.held:
            await asyncio.to_thread(self.conn.execute, "ROLLBACK")
            self.held = False

    def close(self) -> None:
        self.conn.close()


HOLD = 1.5  # seconds a lock is held: 15 of the shortened busy timeouts below


def _busy_lines(caplog: pytest.LogCaptureFixture) -> int:
    """Log records of the bot meeting the lock (in the message, or in the exception logged with it)."""
    return sum("database is locked" in r.getMessage() + (repr(r.exc_info[1]) if r.exc_info else "")
               for r in caplog.records)


async def test_a_locked_sqlite_file_is_waited_out_and_never_told_to_anyone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Another connection holds the write lock longer than the busy timeout while an update is stored,
    while one is handled and while a sent message is recorded: each is retried until the lock goes,
    the update is not counted as failed, nobody is told of an error, and nothing is lost or doubled."""
    monkeypatch.setattr(storage.db, "BUSY_TIMEOUT_MS", 100)  # 10 s in production; the same path, sooner
    clock = SteppingClock(datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI))
    caplog.set_level(logging.WARNING)
    async with offline_bot(tmp_path, clock) as bot:
        lock = FileLock(tmp_path / "gridbot.db")
        try:
            residents = [await bot.person(FIRST_RESIDENT + i, f"居民{i}") for i in range(3)]
            texts = ["惠泽小区3号楼电梯坏了好几天了，一直停运", "万泉佳苑5号楼暖气不热，屋里才十五度",
                     "瑞兴小区2号楼下水道堵了，污水往外冒"]

            # 1. storing: the update reaches the bot while the file is locked
            await lock.take()
            polls = len([c for c in bot.api.requests if c.method == "getUpdates"])
            await bot.api.send_text(residents[0], texts[0])
            await bot.api.wait_for_call("getUpdates", since=polls + 2, timeout=30)  # fetched, not stored, again
            assert len(bot.api.pending_updates) == 1  # the offset did not move past what was not stored
            await _hold_until_busy(caplog, 2)
            await lock.release()
            bot.queued += 1
            await bot.settle()

            # 2. handling: the file is locked by another connection once handling has begun
            tries = 0

            async def lock_once(_update: Update, _context: object) -> None:
                nonlocal tries
                tries += 1
                if tries == 1:
                    await lock.take()
                    asyncio.get_running_loop().call_later(HOLD, lambda: asyncio.ensure_future(lock.release()))

            bot.app.add_handler(TypeHandler(Update, lock_once), group=-1)
            await bot.say(residents[1], texts[1])
            bot.app.remove_handler(bot.app.handlers[-1][0], group=-1)
            assert tries > 1  # handled again after the lock went, not given up

            # 3. recording a sent message: the lock is taken while Telegram answers the send
            answered = bot.api.handle_bot
            locked_once = False

            async def lock_on_send(token: str, method: str, *args: Any) -> tuple[int, dict[str, Any]]:
                nonlocal locked_once
                reply = await answered(token, method, *args)
                if method == "sendMessage" and not locked_once:
                    locked_once = True
                    await lock.take()
                    asyncio.get_running_loop().call_later(HOLD, lambda: asyncio.ensure_future(lock.release()))
                return reply

            monkeypatch.setattr(bot.api, "handle_bot", lock_on_send)
            busy = _busy_lines(caplog)
            await bot.say(residents[2], texts[2])
            assert locked_once and _busy_lines(caplog) > busy
            monkeypatch.setattr(bot.api, "handle_bot", answered)

            inbox_tasks = bot.app.bot_data.inbox._tasks
            assert inbox_tasks and not any(task.done() for task in inbox_tasks)  # nothing crashed
            async with bot.env.db.read() as conn:
                filed = (await conn.execute(select(tickets.c.text).where(tickets.c.care_id.is_(None)))).scalars().all()
                stamps = (await conn.execute(select(inbox.c.attempts, inbox.c.error))).all()
                rows = (await conn.execute(select(outbox.c.chat_id, outbox.c.text, outbox.c.status))).all()
        finally:
            await lock.release()
            lock.close()
    assert sorted(filed) == sorted(texts)  # each report filed once
    assert {(a, e) for a, e in stamps} == {(0, None)}  # no update was counted as failed
    assert {r.status for r in rows} == {"sent"}
    error = t("zh", "error")
    told = [m for m in bot.api.messages() if m.body == error]
    assert told == []  # nobody heard "something went wrong"
    seen = Counter((m.chat_id, m.body) for m in bot.api.messages())
    assert seen == Counter((r.chat_id, r.text) for r in rows)  # every message once: none lost, none doubled
    for who in residents:
        assert sum("已收到" in m.body for m in bot.api.messages(who)) == 1


async def _hold_until_busy(caplog: pytest.LogCaptureFixture, times: int, timeout: float = 30.0) -> None:
    """Keep the lock until the bot has met it `times` times (its log says so)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while _busy_lines(caplog) < times:
        assert loop.time() < deadline, "the bot never met the lock"
        await asyncio.sleep(0.05)


OUTAGE = 60.0  # seconds Telegram is away: half answering 502, half refusing connections
BURST = 5  # 429s in a row
SLACK = 0.05  # seconds: a retry_after counted from sending the request rather than from the answer


async def test_telegram_away_for_a_minute_then_a_burst_of_429s_loses_nothing(tmp_path: Path) -> None:
    """Telegram goes away in the middle of a drain (502 for 30 s, then connections refused for 30 s) while
    residents keep writing; then it answers a burst of 429s. The bot keeps running, delivers every
    message once when Telegram is back, files every report once, and waits out each `retry_after`."""
    rng = random.Random(SEED + 1)
    reports = distinct_reports(90, rng)
    before, during, after = reports[:30], reports[30:60], reports[60:]
    url = sqlite_url(str(tmp_path / "outage.db"))
    loop = asyncio.get_running_loop()
    async with BotApiStandIn(token=TOKEN) as api:
        await register(api, reports)
        bot = BotProcess(api, tmp_path, bot_environment(api, url))
        db = Database(url)
        answer = api.handle_bot
        calls: list[tuple[float, str, str, int]] = []  # (when answered, method, chat, status)
        retry_after: dict[str, float] = {}  # chat -> when a 429 told it to wait until
        early: list[tuple[str, float]] = []  # sends to a chat before its retry_after was up

        async def observed(token: str, method: str, raw: dict[str, Any], *rest: Any) -> tuple[int, dict[str, Any]]:
            chat = str(raw.get("chat_id"))
            if method == "sendMessage":
                if sum(c[1] == "sendMessage" for c in calls) == 10:
                    api.down(502)  # Telegram goes away with the first reports' messages still queued
                if chat in retry_after and loop.time() < retry_after[chat] - SLACK:
                    early.append((chat, retry_after[chat] - loop.time()))
            status, body = await answer(token, method, raw, *rest)
            calls.append((loop.time(), method, chat, status))
            if status == 429:
                retry_after[chat] = loop.time() + float(body["parameters"]["retry_after"])
            return status, body

        api.handle_bot = observed  # type: ignore[method-assign]
        try:
            await bot.start()
            await bot.live()
            await feed(api, before, seconds=0.5)
            await api.world.changes.until(lambda: True if api.outage_error() else None, 60, "the outage")
            await feed(api, during, seconds=1.0)  # residents keep writing: Telegram holds the updates
            await asyncio.sleep(OUTAGE / 2)
            await api.stop()  # and now nothing even answers
            await asyncio.sleep(OUTAGE / 2)
            assert bot.running  # no crash
            api.up()
            await api.start()
            await drained(db, api, len(before) + len(during), bot=bot)
            bad_gateway = sum(c[3] == 502 for c in calls)

            api.fail_next("sendMessage", retry_after=1, count=BURST)
            await feed(api, after, seconds=0.5)
            await drained(db, api, len(reports), bot=bot)
            found = await audit(db, api, reports)
        finally:
            code = await bot.stop() if bot.running else None
            await db.dispose()
    print(f"\nTelegram away {OUTAGE:.0f} s: {bad_gateway} calls answered 502; then {BURST} x 429; "
          f"{summary(found, 0)}")
    assert code == 0, bot.log_tail()
    assert bad_gateway > 0  # the outage was met, not slept through
    assert found.tickets == len(reports) and len(found.acknowledged) == len(reports)
    assert set(found.tickets_per_resident.values()) == {1}
    assert found.unsent == {} and found.inbox_errors == 0  # nothing given up
    assert found.missing == {} and found.strangers == {}
    assert found.duplicates == 0, found.repeated  # a refused call changed nothing at Telegram: nothing to repeat
    assert api.stats["sendMessage"][429] == BURST  # the burst, and not one 429 more
    assert early == []  # every refused chat waited out its retry_after


def test_transient_tells_a_passing_database_failure_from_the_works_own() -> None:
    """What the inbox and the sender retry without blame, and what they count against the work."""
    locked = sqlalchemy.exc.OperationalError("UPDATE inbox …", {}, sqlite3.OperationalError("database is locked"))
    assert transient(locked)
    assert transient(RuntimeError("handling failed")) is False
    wrapped = RuntimeError("a handler failed")
    wrapped.__cause__ = locked
    assert transient(wrapped)  # however deep it was raised
    # a resident may write anything: the words of a failed statement's parameters are not read
    quoted = sqlalchemy.exc.IntegrityError("INSERT …", {"text": "database is locked"}, sqlite3.IntegrityError("UNIQUE"))
    assert transient(quoted) is False
