"""Delivers the outbox to Telegram, in priority order, and records each message id.

Retries what Telegram asks us to retry (429 after retry_after, network errors with
backoff) and gives up at once on what will never succeed (blocked, chat not found).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from domain.outgoing import MEDIA
from storage import outbox
from storage.db import Database

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
IDLE_WAIT = 1.0


def markup(raw: str | None) -> InlineKeyboardMarkup | None:
    rows = outbox.buttons(raw)
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in r] for r in rows])


def retry_seconds(e: RetryAfter) -> float:
    """Telegram's retry_after in seconds: a timedelta with PTB_TIMEDELTA on (bot.py opts in), else int."""
    wait = e.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class Sender:
    def __init__(self, db: Database, bot: Bot, clock: Callable[[], datetime]) -> None:
        self.db, self.bot, self.clock = db, bot, clock
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def kick(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until the outbox holds nothing due (for the demo and tests)."""
        self.kick()
        self._idle.clear()
        await asyncio.wait_for(self._idle.wait(), timeout)

    async def _run(self) -> None:
        backoff = 0.0
        while True:
            try:
                progressed = await self.drain_once()
                backoff = 0.0
            except Exception:  # a database hiccup must not kill delivery for good
                log.exception("outbox pass failed")
                progressed, backoff = False, min(30.0, backoff * 2 or 0.5)
            if progressed:
                continue
            self._idle.set()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), backoff or IDLE_WAIT)

    async def drain_once(self) -> bool:
        """Send one batch; True when something was sent or settled."""
        async with self.db.read() as conn:
            rows = await outbox.due(conn, self.clock())
        progressed = False
        for r in rows:
            progressed |= await self._deliver(r)
        return progressed

    async def _deliver(self, r: Any) -> bool:
        try:
            message_id = await self._call(r)
        except _Wait:
            return False
        except RetryAfter as e:
            await asyncio.sleep(retry_seconds(e))
            return True
        except BadRequest as e:
            if "not modified" in e.message:
                message_id = None
            else:
                return await self._settle(r.id, e.message, final=True)
        except Forbidden as e:
            return await self._settle(r.id, e.message, final=True)
        except NetworkError as e:
            await asyncio.sleep(min(10.0, 0.5 * 2 ** r.attempts))
            return await self._settle(r.id, str(e), final=r.attempts + 1 >= MAX_ATTEMPTS)
        async with self.db.write() as conn:
            await outbox.sent(conn, r.id, message_id, self.clock())
        return True

    async def _settle(self, row_id: int, error: str, final: bool) -> bool:
        log.warning("outbox row %s: %s%s", row_id, error, " (gave up)" if final else "")
        async with self.db.write() as conn:
            await outbox.failed(conn, row_id, error, final)
        return True

    async def _call(self, r: Any) -> int | None:
        kb = markup(r.markup)
        if r.op == "edit":
            async with self.db.read() as conn:
                ref = await outbox.row(conn, r.ref_id)
            if ref is None or ref.status == "failed":
                raise BadRequest("the message to edit was never delivered")
            if ref.status != "sent":
                raise _Wait()
            await self.bot.edit_message_text(r.text, chat_id=ref.chat_id,
                                             message_id=ref.message_id, reply_markup=kb)
            return ref.message_id
        if r.op == "photo" and r.photo:
            msg = await self.bot.send_photo(r.chat_id, await self._photo(r.photo),
                                            caption=r.text[:1024], reply_markup=kb)
            if r.photo.startswith(MEDIA) and msg.photo:
                async with self.db.write() as conn:
                    await outbox.uploaded(conn, int(r.photo.removeprefix(MEDIA)), msg.photo[-1].file_id)
        else:
            msg = await self.bot.send_message(r.chat_id, r.text, reply_markup=kb)
        return msg.message_id

    async def _photo(self, ref: str) -> str | bytes:
        """A Telegram file id as is; our stored image by its id once uploaded, else its bytes."""
        if not ref.startswith(MEDIA):
            return ref
        async with self.db.read() as conn:
            item = await outbox.get_media(conn, int(ref.removeprefix(MEDIA)))
        if item is None:
            raise BadRequest("the image to send is gone")
        return item.file_id or bytes(item.data)


class _Wait(Exception):
    """An edit whose card is not delivered yet: try again on a later pass."""
