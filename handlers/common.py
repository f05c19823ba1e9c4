"""What every handler needs: the app's state, the current user, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram import Update
from telegram.ext import CallbackContext, ExtBot

from domain.outgoing import Outgoing
from domain.people import User, lang_of
from domain.texts import t
from services.env import Env
from storage import outbox, people


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppState:
    """Typed bot_data (PTB builds it with no arguments; bot.py fills it before start)."""

    env: Env | None = None
    sender: Any = None
    inbox: Any = None
    clock: Callable[[], datetime] = field(default=utc_now)
    leader: Any = None  # app.leader.Leadership: does this process run the jobs and the sender?
    webhook: Any = None  # app.webhook.WebhookServer, when serving a webhook


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppState]


def state(context: Context) -> tuple[Env, datetime]:
    st = context.bot_data
    assert st.env is not None, "AppState.env is set before the application starts"
    return st.env, st.clock()


async def reply_in_private(update: Update, context: Context, key: str) -> None:
    """A kind hint in a private chat; in groups the bot only speaks when spoken to."""
    if update.effective_chat is None or update.effective_chat.type != "private":
        return
    env, who, now = await current_user(update, context)
    await say(env, update.effective_chat.id, t(who.lang, key), now)


async def say(env: Env, chat_id: int, text: str, now: datetime) -> None:
    """A reply, through the outbox like everything else: sent once, after the handling commits."""
    async with env.db.write() as conn:
        await outbox.put(conn, [Outgoing(chat_id, text, purpose="reply")], now)
    env.wake_sender()


async def current_user(update: Update, context: Context) -> tuple[Env, User, datetime]:
    """The sender as our User, created on first contact, with a fresh name and language."""
    env, now = state(context)
    tg = update.effective_user
    assert tg is not None
    # no savepoint of its own: `ensure` writes at most one row and never fails on a row written meanwhile,
    # and on a first message the savepoint cost two of a report's round trips on PostgreSQL
    async with env.db.write(savepoint=False) as conn:
        user = await people.ensure(conn, tg.id, tg.full_name[:128], lang_of(tg.language_code), now)
    return env, user, now
