"""The verbs of bot.py other than parse; each returns a process exit code."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import signal
import sys
from collections.abc import Callable

from app import seeds
from app import settings as settings_mod
from app.wiring import Webhook, build_application, open_env, start_polling, start_webhook, stop
from handlers.common import utc_now
from services import admin


def run(args: argparse.Namespace) -> int:
    """Serve real users until Ctrl-C or SIGTERM: long-polling, or with `--webhook URL` (or
    TELEGRAM_WEBHOOK_URL) a webhook server on `--listen HOST:PORT`; both through the durable inbox."""
    settings = settings_mod.load()
    if getattr(args, "webhook", None):
        settings = dataclasses.replace(settings, webhook_url=settings_mod.check_webhook_url(args.webhook))
    if getattr(args, "listen", None):
        if not settings.webhook_url:
            raise settings_mod.SettingsError("--listen is where the webhook server binds: give --webhook URL too")
        settings = dataclasses.replace(settings, listen=settings_mod.parse_listen(args.listen))
    token = settings.require_token()
    asyncio.run(_serve(settings, token))
    return 0


async def _serve(settings: settings_mod.Settings, token: str) -> None:
    env = await open_env(settings.database_url, tz=settings.tz)
    app = build_application(settings, env, token)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    if settings.webhook_url:  # a failed start has stopped what it began: nothing left to close here
        host, port = settings.listen
        await start_webhook(app, Webhook(settings.webhook_url, host, port, settings.secret_for(token)))
    else:
        await start_polling(app)
    try:
        await stopping.wait()
    finally:
        await stop(app)


def seed(_args: argparse.Namespace) -> int:
    async def go() -> int:
        env = await open_env(settings_mod.load().database_url, seed_roster=False)
        try:
            return await admin.seed(env, seeds.people(), utc_now())
        finally:
            await env.db.dispose()

    added = asyncio.run(go())
    print(f"seeded: {added} new roles (running it again adds none)")
    return 0


def invite(args: argparse.Namespace) -> int:
    async def go() -> tuple[str, str]:
        env = await open_env(settings_mod.load().database_url)
        try:
            code = await admin.invite(env, args.role, " ".join(args.scope), utc_now())
        finally:
            await env.db.dispose()
        return code, await _bot_username()

    try:
        code, username = asyncio.run(go())
    except admin.ScopeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    start = "startgroup" if args.role == "group" else "start"
    print(f"https://t.me/{username}?{start}={code}")
    print(code)
    return 0


async def _bot_username() -> str:
    """The bot's @username from getMe when a token is set; a placeholder otherwise."""
    settings = settings_mod.load()
    if not settings.token:
        return "your_bot"
    from telegram import Bot

    bot = Bot(settings.token, base_url=settings.base_url or "https://api.telegram.org/bot")
    try:
        async with bot:
            return bot.username
    except Exception:
        return "your_bot"


def users(_args: argparse.Namespace) -> int:
    async def go() -> list[str]:
        env = await open_env(settings_mod.load().database_url)
        try:
            rows = await admin.roster(env)
        finally:
            await env.db.dispose()
        return [f"{u.tg_id or '-':>12}  {u.name:<8}  {r.name:<14} {r.scope}  ({src})"
                for u, r, src in rows]

    print("\n".join(asyncio.run(go())))
    return 0


def demo(_args: argparse.Namespace) -> int:
    from app.demo import play

    return asyncio.run(play())


VERBS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": run, "seed": seed, "invite": invite, "users": users, "demo": demo,
}
