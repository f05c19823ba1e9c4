"""Updates in, nothing lost: stored in the inbox before Telegram hears they arrived, handled from there.

Polling asks for the next offset (which tells Telegram the earlier updates arrived) only after the
batch is committed; a webhook answers 200 only after the same. Handling runs each stored update in
one database unit together with its inbox stamp, so a process killed at any moment handles what it
had accepted exactly once after a restart, and a redelivered update_id is ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application

from app.sender import retry_seconds
from domain.outgoing import Outgoing
from domain.people import lang_of
from domain.texts import t
from storage import inbox, outbox
from storage.db import Database
from storage.inbox import Received

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
MAX_ATTEMPTS = 3  # an update whose handling keeps failing is set aside, and its sender told
IDLE_WAIT = 1.0


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
    """Stores updates (`accept`) and hands them one at a time to the PTB Application (`run`)."""

    def __init__(self, app: Application, db: Database, clock: Callable[[], datetime],  # type: ignore[type-arg]
                 on_handled: Callable[[], None] = lambda: None) -> None:
        self.app, self.db, self.clock, self.on_handled = app, db, clock, on_handled
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def accept(self, updates: Iterable[dict[str, Any]]) -> None:
        """Commit updates to the inbox; only then may the caller tell Telegram they arrived."""
        batch = [received(u) for u in updates]
        async with self.db.write() as conn:
            await inbox.accept(conn, batch, self.clock())
        self._wake.set()

    def start(self, poll_timeout: int | None = None) -> None:
        """Handle stored updates; with `poll_timeout`, also long-poll Telegram for new ones."""
        self._tasks.append(asyncio.create_task(self._handle_forever(), name="inbox"))
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
                got = await self.app.bot.get_updates(offset=offset, timeout=timeout, read_timeout=timeout + 10,
                                                     allowed_updates=ALLOWED_UPDATES)
                if got:
                    await self.accept(u.to_dict() for u in got)
                    offset = got[-1].update_id + 1  # asked for only now: Telegram may forget them
                backoff = 0.0
            except RetryAfter as e:
                await asyncio.sleep(retry_seconds(e))
            except (InvalidToken, Forbidden):
                log.critical("Telegram refused the bot token; polling stops")
                raise
            except (NetworkError, OSError) as e:  # Telegram or the network away: wait and ask again
                backoff = min(30.0, backoff * 2 or 0.5)
                log.warning("getUpdates failed (%s); again in %.1f s", e, backoff)
                await asyncio.sleep(backoff)
            except Exception:  # the database away: keep polling from the same offset
                backoff = min(30.0, backoff * 2 or 0.5)
                log.exception("storing updates failed; again in %.1f s", backoff)
                await asyncio.sleep(backoff)

    async def _handle_forever(self) -> None:
        while True:
            try:
                handled = await self.handle_next()
            except Exception:
                log.exception("inbox pass failed")
                handled = False
                await asyncio.sleep(0.5)
            if handled:
                continue
            self._idle.set()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), IDLE_WAIT)

    async def handle_next(self) -> bool:
        """Handle the oldest open update in one unit with its stamp; False when there is none."""
        item = None
        try:
            async with self.db.unit() as conn:
                item = await inbox.next_open(conn)
                if item is None:
                    return False
                raw = json.loads(item.body)
                if item.attempts >= MAX_ATTEMPTS:
                    await self._give_up(conn, item.update_id, raw)
                else:
                    await self.app.process_update(Update.de_json(raw, self.app.bot))
                    await inbox.done(conn, item.update_id, self.clock())
        except Exception as e:  # rolled back: counted, and tried again on a later pass
            if item is None:
                raise
            log.exception("update %s failed", item.update_id)
            async with self.db.write() as conn:
                await inbox.failed(conn, item.update_id, repr(e)[:500])
            return True
        self.on_handled()  # committed: what the handling queued may leave now
        return True

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
