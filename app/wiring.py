"""Putting the parts together: database, seeds, services' Env, and the PTB Application."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes

import handlers
from app import jobs, policy, seeds
from app.chart import render_digest_chart
from app.inbox import Inbox
from app.parse_cli import build_parser
from app.sender import Sender
from app.settings import Settings
from handlers.common import AppState, utc_now
from handlers.menu import set_default_menu
from services import admin, care
from services.env import Env
from storage.db import Database

log = logging.getLogger("gridbot")


async def open_env(database_url: str, clock: Callable[[], datetime] = utc_now,
                   seed_roster: bool = True, tz: tzinfo | None = None) -> Env:
    """Migrate the database, build the Env, and seed the roster (idempotent)."""
    db = Database(database_url)
    await db.migrate()
    tz = tz or ZoneInfo("Asia/Shanghai")
    rules = policy.load(categories=seeds.categories())
    policy.check_grids(rules, seeds.district().grids)
    env = Env(db=db, district=seeds.district(), categories=seeds.categories(),
              parser=build_parser(), emergency=seeds.emergency(),
              tz=tz, chart=render_digest_chart, policy=rules,
              calendar=policy.build_calendar(rules, tz))
    added = await admin.seed(env, seeds.people(), clock()) if seed_roster else 0
    if seed_roster:
        await care.seed(env, seeds.care_list(), clock())
    if added:
        log.info("seeded %d roles from seeds/people.yaml", added)
    return env


def build_application(settings: Settings, env: Env, token: str,
                      clock: Callable[[], datetime] = utc_now) -> Application:  # type: ignore[type-arg]
    """The real PTB Application: rate-limited sends, typed bot_data, the outbox sender."""
    builder = (ApplicationBuilder().token(token).updater(None)  # updates come in through app.inbox
               .context_types(ContextTypes(bot_data=AppState))
               .rate_limiter(AIORateLimiter(overall_max_rate=settings.send_rate, max_retries=0))
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    app = builder.build()
    app.bot_data.env = env
    app.bot_data.clock = clock
    handlers.register(app)
    return app


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    assert st.env is not None
    st.env.bot_username = app.bot.username
    st.sender = Sender(st.env.db, app.bot, st.clock)
    st.env.on_outbox.append(st.sender.kick)
    st.sender.start()
    st.inbox = Inbox(app, st.env.db, st.clock, on_handled=st.sender.kick)
    await set_default_menu(app.bot)
    jobs.schedule(app)


async def _post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    if st.sender is not None:
        await st.sender.stop()
    if st.env is not None:
        await st.env.db.dispose()


async def start_polling(app: Application, poll_timeout: int = 10) -> None:  # type: ignore[type-arg]
    """Start inside a running loop: the app, its jobs and sender, and the inbox long-polling Telegram."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    st: AppState = app.bot_data
    await app.bot.delete_webhook(drop_pending_updates=False)  # polling and a webhook exclude each other
    st.inbox.start(poll_timeout=poll_timeout)


async def stop_polling(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    if st.inbox is not None:
        await st.inbox.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
