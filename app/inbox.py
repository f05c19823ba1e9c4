"""Updates in, nothing lost: stored in the inbox before Telegram hears they arrived, handled from there.

Polling asks for the next offset (which tells Telegram the earlier updates arrived) only after the
batch is committed; a webhook answers 200 only after the same. Handling runs each stored update (or a
batch of them, when several wait) in one database unit together with its inbox stamp, so a process
killed at any moment handles what it had accepted exactly once after a restart, and a redelivered
update_id is ignored.

A database that fails for the moment (`storage.db.transient`: SQLite locked by another process past
its busy timeout, a lost PostgreSQL connection, a serialization conflict) is nobody's fault: the whole
unit is rolled back and tried again with backoff, never counted against the update and never told to
the person who sent it. Only failures of the work itself count, and after `MAX_ATTEMPTS` the update is
set aside with an apology, so one bad message never blocks its chat.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationHandlerStop

from app.sender import retry_seconds
from app.waiting import woken
from domain.outgoing import Outgoing
from domain.people import lang_of
from domain.texts import t
from storage import inbox, outbox
from storage.db import Database, transient
from storage.inbox import Received, Stored

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
MAX_ATTEMPTS = 3  # an update whose handling keeps failing is set aside, and its sender told
IDLE_WAIT = 1.0
RETRY_FIRST, RETRY_MAX = 0.05, 5.0  # backoff (s) while the database fails for the moment
POLL_BACKOFF_MAX = 5.0  # Telegram or the database away: ask again at least this often (one cheap request)
# Updates handled at once on PostgreSQL, each in a unit (and connection) of its own: while one unit
# waits for its commit to reach the disk, another computes. A chat's updates still go one at a time,
# in order (storage/inbox.py). SQLite has one writer, so one handler.
HANDLERS = 4
# Updates handled in one unit (and one commit) when several are waiting: `Inbox.handle_next` says why.
# Each waits for those before it in the batch, ~3 ms each on SQLite in bench/e2e.py.
BATCH = 8

# The database errors PTB caught while handling the current update (it hands handler errors to the
# error handlers instead of raising them): `handle_next` rolls the unit back when there is one.
_interrupted: ContextVar[list[BaseException] | None] = ContextVar("gridbot_inbox_interrupted", default=None)


class DatabaseBusy(Exception):
    """A handler met a transient database failure: roll back the whole unit and try it again later."""


def received(raw: dict[str, Any]) -> Received:
    """What the inbox keeps of one update: its id, its chat (for ordering), and the JSON itself."""
    chat = _chat_of(raw)
    return Received(int(raw["update_id"]), chat, json.dumps(raw, ensure_ascii=False, separators=(",", ":")))


def _chat_of(raw: dict[str, Any]) -> int | None:
    for key in ("message", "edited_message", "channel_post", "my_chat_member", "chat_member"):
        if isinstance(raw.get(key), dict) and isinstance(raw[key].get("chat"), dict):
            return int(raw[key]["chat"]["id"])
    query = raw.get("callback_query")
    if isinstance(query, dict):
        if isinstance(query.get("message"), dict) and isinstance(query["message"].get("chat"), dict):
            return int(query["message"]["chat"]["id"])
        if isinstance(query.get("from"), dict):
            return int(query["from"]["id"])
    return None


class Inbox:
    """Stores updates (`accept`) and hands them to the PTB Application (`start`): one at a time on
    SQLite, up to `HANDLERS` at once on PostgreSQL (never two of one chat)."""

    def __init__(self, app: Application, db: Database, clock: Callable[[], datetime],  # type: ignore[type-arg]
                 on_handled: Callable[[], None] = lambda: None) -> None:
        self.app, self.db, self.clock, self.on_handled = app, db, clock, on_handled
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._working = 0  # handlers inside `handle_next` now
        self._suspects: set[int] = set()  # update_ids of batches that failed: each is handled alone next
        # First among the error handlers: a transient database failure stops there, so the generic
        # handler never tells the person "something went wrong" about work that will simply be redone.
        others = dict(app.error_handlers)
        app.error_handlers.clear()
        app.error_handlers[self._database_busy] = True
        app.error_handlers.update(others)

    async def accept(self, updates: Iterable[dict[str, Any]]) -> None:
        """Commit updates to the inbox; only then may the caller tell Telegram they arrived."""
        batch = [received(u) for u in updates]
        async with self.db.write() as conn:
            await inbox.accept(conn, batch, self.clock())
        self._wake.set()

    def start(self, poll_timeout: int | None = None) -> None:
        """Handle stored updates; with `poll_timeout`, also long-poll Telegram for new ones."""
        for i in range(1 if self.db.is_sqlite else HANDLERS):
            self._tasks.append(asyncio.create_task(self._handle_forever(), name=f"inbox-{i}"))
        if poll_timeout is not None:
            self._tasks.append(asyncio.create_task(self._poll_forever(poll_timeout), name="getUpdates"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for outcome in await asyncio.gather(*self._tasks, return_exceptions=True):
            if not isinstance(outcome, asyncio.CancelledError | None):
                log.error("an inbox task had stopped: %r", outcome)
        self._tasks.clear()

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until every stored update is handled (the demo and the tests)."""
        self._idle.clear()
        self._wake.set()
        await asyncio.wait_for(self._idle.wait(), timeout)

    async def _poll_forever(self, timeout: int) -> None:
        async with self.db.read() as conn:
            newest = await inbox.newest_id(conn)
        offset = None if newest is None else newest + 1
        backoff = 0.0
        while True:
            try:
                got = await self._get_updates(offset, timeout)
                if got:
                    await self.accept(got)
                    offset = int(got[-1]["update_id"]) + 1  # asked for only now: Telegram may forget them
                backoff = 0.0
            except RetryAfter as e:
                await asyncio.sleep(retry_seconds(e))
            except (InvalidToken, Forbidden):
                log.critical("Telegram refused the bot token; polling stops")
                raise
            except (NetworkError, OSError) as e:  # Telegram or the network away: wait and ask again
                backoff = min(POLL_BACKOFF_MAX, backoff * 2 or 0.5)
                log.warning("getUpdates failed (%s); again in %.1f s", e, backoff)
                await asyncio.sleep(backoff)
            except Exception as e:  # not stored: the offset stays, so Telegram sends the same updates again
                backoff = min(POLL_BACKOFF_MAX, backoff * 2 or 0.5)
                if transient(e):
                    log.warning("storing updates failed (%s); again in %.1f s", _first_line(e), backoff)
                else:
                    log.exception("storing updates failed; again in %.1f s", backoff)
                await asyncio.sleep(backoff)

    async def _get_updates(self, offset: int | None, timeout: int) -> list[dict[str, Any]]:
        """getUpdates as Telegram's JSON: stored as it came, parsed once when handled (PTB's
        `get_updates` would build Update objects here only for the inbox to turn them back into JSON)."""
        kwargs: dict[str, Any] = {"timeout": timeout, "allowed_updates": ALLOWED_UPDATES}
        if offset is not None:
            kwargs["offset"] = offset
        # Bot API method names are case-insensitive; in lower case PTB does not warn that `get_updates`
        # exists (it is the parsing we want to skip)
        got = await self.app.bot.do_api_request("getupdates", api_kwargs=kwargs, read_timeout=timeout + 10)
        return list(got) if isinstance(got, list) else []

    async def _handle_forever(self) -> None:
        pause = 0.0
        while True:
            self._wake.clear()  # before looking: an update stored while we look wakes us again at once
            self._working += 1
            try:
                handled = await self.handle_next()
                pause = 0.0
            except Exception as e:
                if transient(e):  # the same update again, after a pause that grows while it lasts
                    pause = min(RETRY_MAX, pause * 2 or RETRY_FIRST)
                    log.warning("database busy (%s); handling again in %.2f s", _first_line(e), pause)
                else:
                    pause = 0.5
                    log.exception("inbox pass failed")
                await asyncio.sleep(pause)
                continue
            finally:
                self._working -= 1
            if handled:
                continue
            if self._working == 0:
                self._idle.set()
            await woken(self._wake, IDLE_WAIT)

    async def handle_next(self) -> bool:
        """Handle the oldest open updates, up to `BATCH` of different chats, in one unit with their stamps;
        False when there is none.

        Why several in one unit: a commit is a tenth of a report's CPU on SQLite, and BEGIN, COMMIT and the
        look for work are three of a report's ~17 round trips on PostgreSQL; while only one waits, nothing
        waits for a batch. All of a batch commits, or none of it. When a batch fails for a reason other than
        the database's moment, its updates become suspects, and each is next handled alone, where its own
        failure is counted against it (and after `MAX_ATTEMPTS` it is set aside): one bad update never
        holds up the others.
        """
        items: list[Stored] = []
        try:
            async with self.db.unit() as conn:
                items = await inbox.open_batch(conn, BATCH)
                if not items:
                    return False
                suspect = next((item for item in items if item.update_id in self._suspects), None)
                if suspect is not None:
                    items = [suspect]
                handled = [item.update_id for item in items if await self._handle(conn, item)]
                await inbox.done_many(conn, handled, self.clock())  # in the same unit as their work
        except Exception as e:  # rolled back: counted, and tried again on a later pass
            if not items or transient(e):  # not an update's fault: not counted (the caller waits)
                raise
            if len(items) > 1:
                log.warning("a batch of %d updates failed (%s); each is handled alone next", len(items),
                            _first_line(e))
                self._suspects.update(item.update_id for item in items)
                return True
            self._suspects.discard(items[0].update_id)
            log.exception("update %s failed", items[0].update_id)
            async with self.db.write() as conn:
                await inbox.failed(conn, items[0].update_id, repr(e)[:500])
            return True
        self._suspects.difference_update(item.update_id for item in items)
        self.on_handled()  # committed: what the handling queued may leave now
        return True

    async def _handle(self, conn: Any, item: Stored) -> bool:
        """One update: True when handled (the caller stamps it done in the same unit), False when it was
        set aside with an apology after its last try (stamped so here)."""
        raw = json.loads(item.body)
        if item.attempts >= MAX_ATTEMPTS:
            await self._give_up(conn, item.update_id, raw)
            return False
        await self._process(raw)
        return True

    async def _process(self, raw: dict[str, Any]) -> None:
        """Run the handlers; raise `DatabaseBusy` when one of them met a transient database failure."""
        interrupted: list[BaseException] = []
        token = _interrupted.set(interrupted)
        try:
            await self.app.process_update(Update.de_json(raw, self.app.bot))
        finally:
            _interrupted.reset(token)
        if interrupted:
            raise DatabaseBusy(_first_line(interrupted[0])) from interrupted[0]

    async def _database_busy(self, _update: object, context: Any) -> None:
        """PTB's first error handler: swallow a transient database failure met while handling an
        update from the inbox, so `_process` can roll the whole unit back and the person hears nothing."""
        error, interrupted = context.error, _interrupted.get()
        if interrupted is not None and error is not None and transient(error):
            interrupted.append(error)
            raise ApplicationHandlerStop

    async def _give_up(self, conn: Any, update_id: int, raw: dict[str, Any]) -> None:
        """Set a failing update aside and say sorry, so one bad message never blocks its chat."""
        await inbox.done(conn, update_id, self.clock(), error="gave up")
        chat, sender = _chat_of(raw), _sender_of(raw)
        if chat is not None and chat > 0:
            lang = lang_of(sender.get("language_code") if sender else None)
            await outbox.put(conn, [Outgoing(chat, t(lang, "error"), purpose="reply")], self.clock())


def _sender_of(raw: dict[str, Any]) -> dict[str, Any] | None:
    for key in ("message", "callback_query", "edited_message"):
        if isinstance(raw.get(key), dict) and isinstance(raw[key].get("from"), dict):
            return raw[key]["from"]  # type: ignore[no-any-return]
    return None


def _first_line(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}".splitlines()[0][:200]
