"""/start (with or without an invite code) and /help."""

from __future__ import annotations

from telegram import Update

from domain import access
from domain.texts import label, t
from handlers.common import Context, current_user, say
from handlers.menu import set_menu_for
from services import admin
from storage import people


async def start(update: Update, context: Context) -> None:
    """Explain what the bot does for this person's role; `/start CODE` redeems an invite."""
    env, who, now = await current_user(update, context)
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    if context.args:
        role = await admin.redeem(env, who, chat.id, chat.title or "", context.args[0], now)
        if role is not None and role.name != "group":
            await env.db.after_commit(lambda: set_menu_for(context.bot, who.tg_id, who.lang, staff=True))
        return
    async with env.db.read() as conn:
        roles = [r for r in await people.roles_of(conn, who.id) if r.name != "group"]
    if roles:
        names = "、".join(dict.fromkeys(label(who.lang, f"role_{r.name}") for r in roles))
        await say(env, chat.id, t(who.lang, "start_staff", name=who.name, roles=names), now)
        if chat.type == "private":
            staff = any(r.name in access.STAFF_ROLES for r in roles)
            await env.db.after_commit(lambda: set_menu_for(context.bot, chat.id, who.lang, staff=staff))
    else:
        await say(env, chat.id, t(who.lang, "start_resident"), now)


async def help_(update: Update, context: Context) -> None:
    env, who, now = await current_user(update, context)
    assert update.effective_chat is not None
    await say(env, update.effective_chat.id, t(who.lang, "help"), now)
