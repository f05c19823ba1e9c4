"""The real Application serving a webhook: the stand-in posts updates as Telegram does, and the bot
answers 200 only once an update is stored (each backend)."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import TypeHandler

import storage.inbox
from app import seeds
from app.inbox import ALLOWED_UPDATES
from app.offline import SHANGHAI, TOKEN, Offline, SteppingClock
from app.settings import Settings, derive_secret
from app.webhook import SECRET_HEADER
from app.wiring import Webhook, build_application, open_env, start_webhook, stop
from standin import BotApiStandIn
from storage.schema import inbox, tickets
from tests.e2e.conftest import ZHANG

REPORT = "惠泽小区12号楼楼道里堆满了纸箱子"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def meet_the_staff(api: BotApiStandIn) -> None:
    """The seeded staff and the resident have opened the bot, as real people would."""
    for p in seeds.people():
        await api.user(int(p["tg_id"]), p["name"])
    await api.user(ZHANG, "张大姐")


@asynccontextmanager
async def webhook_bot(api: BotApiStandIn, database_url: str, clock: SteppingClock,
                      leader_every: float = 3.0) -> AsyncIterator[tuple[Offline, Webhook]]:
    """One Gridbot process serving a webhook on a free loopback port, as `bot.py run --webhook` does."""
    env = await open_env(database_url, clock)
    settings = Settings(TOKEN, api.base_url, api.base_file_url, database_url, SHANGHAI, leader_every=leader_every)
    app = build_application(settings, env, TOKEN, clock)
    off = Offline(api, app, env)
    app.add_handler(TypeHandler(Update, off._handled), group=99)
    port = free_port()
    hook = Webhook(f"http://127.0.0.1:{port}/telegram", "127.0.0.1", port, settings.secret_for(TOKEN))
    await start_webhook(app, hook)
    try:
        yield off, hook
    finally:
        await stop(app)


@pytest.fixture
async def hooked(tmp_path: Path, database_url: str) -> AsyncIterator[tuple[Offline, Webhook]]:
    clock = SteppingClock(datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI))
    async with BotApiStandIn(token=TOKEN) as api:
        await meet_the_staff(api)
        async with webhook_bot(api, database_url, clock) as both:
            yield both


def _update(update_id: int, text: str) -> dict[str, Any]:
    user = {"id": ZHANG, "is_bot": False, "first_name": "张大姐", "language_code": "zh-hans"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 1795000000, "text": text,
                                                "chat": {"id": ZHANG, "type": "private"}, "from": user}}


async def _count(bot: Offline, table: Any) -> int:
    async with bot.env.db.read() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


async def _post(hook: Webhook, body: bytes | dict[str, Any], secret: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"} | ({SECRET_HEADER: secret} if secret is not None else {})
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with httpx.AsyncClient() as http:
        return await http.post(hook.url, content=content, headers=headers)


async def test_a_report_through_the_webhook_is_filed_and_acknowledged(hooked: tuple[Offline, Webhook]) -> None:
    bot, hook = hooked
    assert bot.api.webhook == {"url": hook.url, "secret_token": derive_secret(TOKEN),
                               "allowed_updates": ALLOWED_UPDATES, "max_connections": 40}
    await bot.say(ZHANG, REPORT)
    assert "#1" in bot.find(ZHANG, "#1").body and await _count(bot, tickets) == 1
    assert [d.status for d in bot.api.deliveries] == [200]
    assert "getUpdates" not in bot.api.stats  # a webhook bot never polls
    async with httpx.AsyncClient() as http:
        health = await http.get(hook.url.replace("/telegram", "/healthz"))
    assert (health.status_code, health.json()) == (200, {"ok": True, "leader": True})


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_stored(
        hooked: tuple[Offline, Webhook], caplog: pytest.LogCaptureFixture) -> None:
    bot, hook = hooked
    assert (await _post(hook, _update(700001, REPORT), "not-the-secret")).status_code == 403
    assert (await _post(hook, _update(700002, REPORT), None)).status_code == 403
    assert (await _post(hook, _update(700003, REPORT), hook.secret[:-1])).status_code == 403
    with caplog.at_level(logging.WARNING):
        for junk in (b"{not json", b"[1, 2]", b'{"update_id": "x"}', b'{"message": {}}', "扫码".encode()):
            assert (await _post(hook, junk, hook.secret)).status_code == 400
    assert await _count(bot, inbox) == 0 and await _count(bot, tickets) == 0
    assert not [r for r in caplog.records if r.exc_info], "bad requests are logged in one line, no traceback"
    assert sum("not a Telegram update" in r.getMessage() for r in caplog.records) == 5


async def test_a_redelivered_update_is_handled_once(hooked: tuple[Offline, Webhook]) -> None:
    bot, hook = hooked
    for _ in range(2):  # Telegram did not hear the first 200 and sends the update again
        assert (await _post(hook, _update(700010, REPORT), hook.secret)).status_code == 200
    bot.queued += 1
    await bot.settle()
    assert await _count(bot, tickets) == 1 and await _count(bot, inbox) == 1
    assert sum("#1" in m.body for m in bot.api.messages(ZHANG)) == 1


async def test_a_storage_failure_answers_500_and_the_update_comes_again(
        hooked: tuple[Offline, Webhook], monkeypatch: pytest.MonkeyPatch) -> None:
    bot, _hook = hooked
    real, failures = storage.inbox.accept, []

    async def flaky(conn: Any, updates: Any, now: datetime) -> None:
        if not failures:
            failures.append(updates)
            raise OSError("disk I/O error")
        await real(conn, updates, now)

    monkeypatch.setattr(storage.inbox, "accept", flaky)
    await bot.say(ZHANG, REPORT)
    assert [d.status for d in bot.api.deliveries] == [500, 200]
    assert len({d.update_id for d in bot.api.deliveries}) == 1
    assert await _count(bot, tickets) == 1
    assert sum("#1" in m.body for m in bot.api.messages(ZHANG)) == 1
