"""Slash commands other than /start: /mine, /home, /tasks, /digest, and unknown ones."""

from __future__ import annotations

from telegram import Update

from handlers.common import Context, current_user, reply_in_private
from services import care, resident, staff


def _chat_id(update: Update) -> int:
    assert update.effective_chat is not None
    return update.effective_chat.id


async def mine(update: Update, context: Context) -> None:
    """The resident's own tickets and where each stands."""
    env, who, now = await current_user(update, context)
    await resident.mine(env, who, _chat_id(update), now)


async def home(update: Update, context: Context) -> None:
    """/home shows the saved address; /home <address> changes it."""
    env, who, now = await current_user(update, context)
    if context.args:
        await resident.set_home(env, who, _chat_id(update), " ".join(context.args), now)
    else:
        await resident.show_home(env, who, _chat_id(update), now)


async def tasks(update: Update, context: Context) -> None:
    env, who, now = await current_user(update, context)
    await staff.tasks(env, who, _chat_id(update), now)


async def digest(update: Update, context: Context) -> None:
    env, who, now = await current_user(update, context)
    await staff.digest(env, who, _chat_id(update), now)


async def care_list(update: Update, context: Context) -> None:
    """/care ADDRESS NAME NEED: put a resident who needs care on the visit list."""
    env, who, now = await current_user(update, context)
    await care.add(env, who, _chat_id(update), list(context.args or []), now)


async def unknown(update: Update, context: Context) -> None:
    """A command we do not have: say so instead of staying silent."""
    await reply_in_private(update, context, "unknown_command")
