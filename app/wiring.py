"""Putting the parts together: database, seeds, services' Env, and the PTB Application."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import Application, ApplicationBuilder, ContextTypes

import handlers
from app import jobs, policy, seeds
from app.chart import render_digest_chart
from app.inbox import ALLOWED_UPDATES, Inbox
from app.leader import Leadership
from app.parse_cli import build_parser
from app.sender import Sender
from app.settings import Settings
from app.webhook import WebhookServer
from domain.pace import SendLimits
from handlers.common import AppState, utc_now
from handlers.menu import set_default_menu
from services import admin, care
from services.env import Env
from storage import leader as leader_repo
from storage.db import Database

log = logging.getLogger("gridbot")


async def open_env(database_url: str, clock: Callable[[], datetime] = utc_now,
                   seed_roster: bool = True, tz: tzinfo | None = None) -> Env:
    """Migrate the database, build the Env, and seed the roster (idempotent)."""
    db = Database(database_url)
    tz = tz or ZoneInfo("Asia/Shanghai")
    rules = policy.load(categories=seeds.categories())
    policy.check_grids(rules, seeds.district().grids)
    env = Env(db=db, district=seeds.district(), categories=seeds.categories(),
              parser=build_parser(), emergency=seeds.emergency(),
              tz=tz, chart=render_digest_chart, policy=rules,
              calendar=policy.build_calendar(rules, tz))
    async with leader_repo.starting(database_url):  # several processes starting at once: one at a time
        await db.migrate()
        added = await admin.seed(env, seeds.people(), clock()) if seed_roster else 0
        if seed_roster:
            await care.seed(env, seeds.care_list(), clock())
    if added:
        log.info("seeded %d roles from seeds/people.yaml", added)
    return env


def build_application(settings: Settings, env: Env, token: str,
                      clock: Callable[[], datetime] = utc_now) -> Application:  # type: ignore[type-arg]
    """The real PTB Application: typed bot_data and the outbox sender, which paces every message
    itself (Telegram's limits overall, per private chat and per group: app/sender.py), so PTB's own
    rate limiter is left out rather than stacked on top of it."""
    builder = (ApplicationBuilder().token(token).updater(None)  # updates come in through app.inbox
               .context_types(ContextTypes(bot_data=AppState))
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    app = builder.build()
    app.bot_data.env = env
    app.bot_data.clock = clock
    app.bot_data.leader = Leadership(env.db.url, every=settings.leader_every)
    limits = SendLimits.telegram(settings.send_rate, settings.chat_rate, settings.group_rate)
    app.bot_data.sender = Sender(env.db, app.bot, clock, limits,  # started while this process leads (`_leading`)
                                 in_flight=settings.send_concurrency)
    handlers.register(app)
    return app


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    assert st.env is not None
    st.env.bot_username = app.bot.username
    st.env.on_outbox.append(st.sender.kick)
    st.inbox = Inbox(app, st.env.db, st.clock, on_handled=st.sender.kick)
    await set_default_menu(app.bot)
    jobs.schedule(app)


async def _post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    if st.sender is not None:
        await st.sender.stop()
    if st.env is not None:
        await st.env.db.dispose()


async def _start(app: Application) -> None:  # type: ignore[type-arg]
    """The app, its jobs, and leadership (the sender runs while this process leads); the inbox's
    handling is started by the caller, once updates can come in."""
    st: AppState = app.bot_data
    try:
        st.leader.claim_file()  # a second process on one SQLite file is refused before anything starts
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        st.leader.on_change(lambda leading: _leading(app, leading))
        await st.leader.start()
    except BaseException:
        await stop(app)
        raise


async def _leading(app: Application, leading: bool) -> None:  # type: ignore[type-arg]
    """Elected: send, and catch up a digest whose leader died mid-tick. Deposed: stop sending."""
    st: AppState = app.bot_data
    if leading:
        st.sender.kick()  # its first pass reads the outbox afresh: another leader may have sent meanwhile
        st.sender.start()
        jobs.catch_up(app)
    else:
        await st.sender.stop()


async def start_polling(app: Application, poll_timeout: int = 10) -> None:  # type: ignore[type-arg]
    """Start inside a running loop: the app, its jobs and sender, and the inbox long-polling Telegram."""
    await _start(app)
    st: AppState = app.bot_data
    await app.bot.delete_webhook(drop_pending_updates=False)  # polling and a webhook exclude each other
    st.inbox.start(poll_timeout=poll_timeout)


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts (`url`, public) and where this process listens (`host`, `port`)."""

    url: str
    host: str
    port: int
    secret: str


async def start_webhook(app: Application, hook: Webhook) -> WebhookServer:  # type: ignore[type-arg]
    """Start inside a running loop: the app, its jobs, the webhook server, then tell Telegram the URL.

    Every process behind one URL calls setWebhook with the same URL and secret, which changes nothing.
    """
    await _start(app)
    st: AppState = app.bot_data
    try:
        st.webhook = WebhookServer(st.inbox.accept, hook.secret, hook.host, hook.port, lambda: _health(app))
        await st.webhook.start()
        st.inbox.start()
        await app.bot.set_webhook(hook.url, secret_token=hook.secret, allowed_updates=ALLOWED_UPDATES,
                                  drop_pending_updates=False)
    except BaseException:
        await stop(app)
        raise
    log.info("serving Telegram through the webhook %s", hook.url)
    return st.webhook  # type: ignore[no-any-return]


HEALTH_TIMEOUT = 2.0


async def _health(app: Application) -> tuple[int, dict[str, Any]]:  # type: ignore[type-arg]
    """200 while the database answers (every process can take updates then); 503 when it does not."""
    st: AppState = app.bot_data
    assert st.env is not None
    body: dict[str, Any] = {"ok": True, "leader": bool(st.leader and st.leader.is_leader)}
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), st.env.db.read() as conn:
            await leader_repo.ping(conn)
    except Exception as e:
        log.warning("health check: the database did not answer (%s)", type(e).__name__)
        return 503, body | {"ok": False, "error": "database"}
    return 200, body


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    """Stop taking updates, finish handling, stop the jobs, step down, and close; safe after a failed start."""
    st: AppState = app.bot_data
    try:
        if st.webhook is not None:
            await st.webhook.stop()
            st.webhook = None
        if st.inbox is not None:
            await st.inbox.stop()
        if app.running:
            await app.stop()
    finally:
        try:
            if st.leader is not None:
                await st.leader.stop()
        finally:
            await app.shutdown()
            if app.post_shutdown:
                await app.post_shutdown(app)


stop_polling = stop  # the name the offline harness and the demo use
