"""The real bot against the local Bot API stand-in, on a SQLite file: for the demo and e2e tests.

Nothing is mocked: PTB polls the stand-in over HTTP, handlers write to SQLite, the
outbox sender delivers through PTB. `settle()` waits until every update the people sent
has been handled and every message it caused has been delivered.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, TypeHandler

from app import seeds
from app.settings import Settings
from app.wiring import build_application, open_env, start_polling, stop_polling
from handlers.common import utc_now
from services.env import Env
from standin import BotApiStandIn, MessageRecord
from storage.db import sqlite_url
from storage.schema import outbox

TOKEN = "123456:OFFLINE-DEMO-TOKEN"
SETTLE_TIMEOUT = 15.0
FAST = 10_000.0  # messages per second per chat when the harness does not play Telegram's pacing
SHANGHAI = ZoneInfo("Asia/Shanghai")


class SteppingClock:
    """Real seconds pass from a chosen moment, and `jump` moves time on: deadlines without waiting."""

    def __init__(self, start: datetime) -> None:
        self.start, self.t0, self.offset = start, time.monotonic(), timedelta()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.t0) + self.offset

    def jump(self, delta: timedelta) -> None:
        self.offset += delta


@dataclass
class Offline:
    api: BotApiStandIn
    app: Application  # type: ignore[type-arg]
    env: Env
    names: dict[int, str] = field(default_factory=dict)
    queued: int = 0
    handled: int = 0
    _progress: asyncio.Event = field(default_factory=asyncio.Event)

    async def person(self, tg_id: int, name: str, lang: str = "zh-hans") -> int:
        await self.api.user(tg_id, name, language_code=lang)
        self.names[tg_id] = name
        return tg_id

    async def group(self, chat_id: int, title: str) -> int:
        await self.api.group(chat_id, title)
        self.names[chat_id] = title
        return chat_id

    async def say(self, tg_id: int, text: str, chat_id: int | None = None) -> None:
        self.queued += 1
        await self.api.send_text(tg_id, text, chat_id=chat_id)
        await self.settle()

    async def photo(self, tg_id: int, data: bytes, caption: str | None = None,
                    chat_id: int | None = None) -> None:
        self.queued += 1
        await self.api.send_photo(tg_id, data, caption=caption, chat_id=chat_id)
        await self.settle()

    async def press(self, tg_id: int, message: MessageRecord, label: str) -> str | None:
        """Press a visible button; returns the bot's answer text (the little pop-up)."""
        self.queued += 1
        query = await self.api.press_button(tg_id, message, label)
        await self.settle()
        return (await self.api.wait_for_answer(query)).text

    async def press_data(self, tg_id: int, message: MessageRecord, data: str) -> str | None:
        """Press with raw callback data, as a stale or forged client could."""
        self.queued += 1
        query = await self.api.press(tg_id, message.message_id, message.chat_id, data)
        await self.settle()
        return (await self.api.wait_for_answer(query)).text

    def last(self, chat_id: int) -> MessageRecord:
        return self.api.messages(chat_id)[-1]

    def find(self, chat_id: int, needle: str) -> MessageRecord:
        """The latest bot message in a chat whose text contains `needle`."""
        for record in reversed(self.api.messages(chat_id)):
            if needle in record.body:
                return record
        raise LookupError(f"no message with {needle!r} in chat {chat_id}")

    async def _handled(self, _update: object, _context: object) -> None:
        self.handled += 1
        self._progress.set()

    async def settle(self, timeout: float = SETTLE_TIMEOUT) -> None:
        """Until every update sent so far is handled and the outbox holds nothing pending."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.handled < self.queued:
            self._progress.clear()
            await asyncio.wait_for(self._progress.wait(), max(0.001, deadline - loop.time()))
        await self.app.bot_data.inbox.idle(timeout=max(0.001, deadline - loop.time()))  # and committed
        while await self._pending() and loop.time() < deadline:
            await self.app.bot_data.sender.idle(timeout=max(0.001, deadline - loop.time()))
        if await self._pending():
            raise TimeoutError("the outbox did not drain")
        await self.api.wait_idle(quiet=0.02, timeout=max(0.1, deadline - loop.time()))

    async def _pending(self) -> int:
        async with self.env.db.read() as conn:
            q = select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
            return int((await conn.execute(q)).scalar_one())


@asynccontextmanager
async def offline_bot(workdir: Path, clock: Callable[[], datetime] = utc_now, database_url: str | None = None,
                      real_limits: bool = False, **api_options: Any) -> AsyncIterator[Offline]:
    """The whole bot against the stand-in, on `database_url` (default: a SQLite file in `workdir`).

    The sender paces itself at 30 messages a second overall as in production, but per chat and per
    group only with `real_limits` (Telegram's 1/s and 20/min would make every story wait seconds
    between two replies to one person; the sender's own tests and bench/outbox.py cover that pacing).
    """
    api = BotApiStandIn(token=TOKEN, **api_options)
    await api.start()
    url = database_url or sqlite_url(str(workdir / "gridbot.db"))
    env = await open_env(url, clock)
    settings = Settings(TOKEN, api.base_url, api.base_file_url, url, ZoneInfo("Asia/Shanghai"))
    if not real_limits:
        settings = replace(settings, chat_rate=FAST, group_rate=FAST * 60)
    app = build_application(settings, env, TOKEN, clock)
    off = Offline(api, app, env)
    app.add_handler(TypeHandler(Update, off._handled), group=99)
    for p in seeds.people():  # the seeded staff have opened the bot, as real staff would
        await off.person(int(p["tg_id"]), p["name"])
    try:
        await start_polling(app, poll_timeout=1)
        yield off
    finally:
        await stop_polling(app)
        await api.stop()
