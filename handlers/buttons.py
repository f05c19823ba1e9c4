"""Every button press: parse `verb:ticket[:arg]`, let the service re-check who may do it, answer."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from domain.people import User
from domain.texts import t
from handlers.common import Context, current_user
from services import follow, reminders, resident, supervise, work
from services.env import Answer, Env


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    env, who, now = await current_user(update, context)
    chat_id = query.message.chat.id if query.message else who.tg_id or 0
    answer = await dispatch(env, who, chat_id, query.data or "", now)
    # The little pop-up tells what happened: it waits until that is committed (see app/inbox.py).
    await env.db.after_commit(lambda: query.answer(answer.text or None, show_alert=answer.alert))


async def dispatch(env: Env, who: User, chat_id: int, data: str, now: datetime) -> Answer:
    """Forged, malformed or stale data all end in a polite refusal that changes nothing."""
    verb, _, rest = data.partition(":")
    ticket_text, _, arg = rest.partition(":")
    if not ticket_text.isdigit() or len(data) > 64:
        return Answer(t(who.lang, "stale"), alert=True)
    ticket_id = int(ticket_text)
    match verb, arg:
        case "claim", "":
            return await work.claim(env, who, ticket_id, now)
        case "done", "":
            return await work.ask(env, who, chat_id, ticket_id, "resolve", now)
        case "up", "":
            return await work.ask(env, who, chat_id, ticket_id, "escalate", now)
        case "contact", "":
            return await work.contacted(env, who, ticket_id, now)
        case "ext", "":
            return await work.ask(env, who, chat_id, ticket_id, "extend", now)
        case "extok", "":
            return await supervise.decide(env, who, chat_id, ticket_id, True, now)
        case "extno", "":
            return await supervise.decide(env, who, chat_id, ticket_id, False, now)
        case "still", "":
            return await reminders.still_there(env, who, chat_id, ticket_id, True, now)
        case "gone", "":
            return await reminders.still_there(env, who, chat_id, ticket_id, False, now)
        case "nudge", "":
            return await supervise.nudge(env, who, chat_id, ticket_id, now)
        case "xfer", "":
            return await work.offer_transfer(env, who, chat_id, ticket_id, now)
        case "xfer", to if to.isdigit():
            return await work.transfer(env, who, ticket_id, int(to), now)
        case "rate", code:
            return await resident.rate(env, who, chat_id, ticket_id, code, now)
        case "wd", "":
            return await resident.withdraw(env, who, chat_id, ticket_id, now)
        case "cat", "":
            return await resident.offer_categories(env, who, chat_id, ticket_id, now)
        case "dupf", "":
            return await follow.follow(env, who, chat_id, ticket_id, now)
        case "dupn", "":
            return await follow.file_anyway(env, who, chat_id, ticket_id, now)
        case "setcat", code if code:
            return await resident.recategorize(env, who, chat_id, ticket_id, code, now)
    return Answer(t(who.lang, "stale"), alert=True)
