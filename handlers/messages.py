"""Plain messages: a report from a resident, or the answer to a question the bot asked."""

from __future__ import annotations

from telegram import Update

from handlers.common import Context, current_user, reply_in_private
from services import conversation
from services.report import Report


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
    await conversation.on_message(env, who, chat.id, chat.type == "private", rep, now)
