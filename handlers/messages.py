"""Plain messages: a report from a resident, or the answer to a question the bot asked."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from domain.people import User
from handlers.common import Context, current_user, reply_in_private
from services import follow, report, resident, work
from services.env import Env
from services.report import Report
from storage import people


async def on_text(update: Update, context: Context) -> None:
    msg = update.effective_message
    assert msg is not None and msg.text is not None
    await _handle(update, context, Report(msg.text))


async def on_photo(update: Update, context: Context) -> None:
    msg = update.effective_message
    assert msg is not None and msg.photo
    await _handle(update, context, Report(msg.caption or "", photo=msg.photo[-1].file_id))


async def on_location(update: Update, context: Context) -> None:
    msg = update.effective_message
    assert msg is not None and msg.location is not None
    loc = (msg.location.latitude, msg.location.longitude)
    await _handle(update, context, Report("", location=loc))


async def on_other(update: Update, context: Context) -> None:
    """Voice, stickers, files…: say kindly what works instead of staying silent."""
    await reply_in_private(update, context, "need_text")


async def _handle(update: Update, context: Context, rep: Report) -> None:
    env, who, now = await current_user(update, context)
    chat = update.effective_chat
    assert chat is not None
    async with env.db.read() as conn:
        asked = await people.question(conn, who.id, chat.id)
    if asked is not None and await _answer(env, who, chat.id, asked, rep, now):
        return
    if chat.type != "private":
        return  # group talk is not addressed to the bot unless it asked a question
    if rep.text.strip():
        if asked is not None and asked[0] == "home":  # not an address after all: a report
            async with env.db.write() as conn:
                await people.forget(conn, who.id, chat.id)
        if asked is not None and asked[0] == "dup":
            await follow.release(env, who, chat.id, asked[2], now)
        if asked is not None and asked[0] in ("photo", "location"):
            rep = report.with_waiting(rep, asked[0], asked[2])
            async with env.db.write() as conn:
                await people.forget(conn, who.id, chat.id)
        await report.file(env, who, chat.id, rep, now)
    else:
        await report.attach(env, who, chat.id, rep, now)


async def _answer(env: Env, who: User, chat_id: int, asked: tuple[str, int | None, str],
                  rep: Report, now: datetime) -> bool:
    """Route an answer to the question the bot asked; False when this message is not an answer."""
    kind, ticket_id, _ = asked
    text = rep.text.strip()
    if kind == "resolve" and ticket_id and (text or rep.photo):
        await work.resolve(env, who, chat_id, ticket_id, text or "📷", rep.photo, now)
    elif kind == "escalate" and ticket_id and text:
        await work.escalate(env, who, chat_id, ticket_id, text, now)
    elif kind == "unsatisfied" and ticket_id and text:
        await resident.explain(env, who, chat_id, ticket_id, text, now)
    elif kind == "place" and ticket_id and text:
        await report.answer_place(env, who, chat_id, ticket_id, text, now)
    elif kind == "home" and text and env.parser.parse_place(text).known:
        await resident.set_home(env, who, chat_id, text, now)
    else:
        return False
    return True
