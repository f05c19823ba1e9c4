"""The last line of defence: log the fault, tell the person kindly, never show a traceback."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError

from domain.people import lang_of
from domain.texts import t
from handlers.common import Context, say, state

log = logging.getLogger("gridbot")


async def on_error(update: object, context: Context) -> None:
    log.error("while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    lang = lang_of(update.effective_user.language_code if update.effective_user else None)
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang, "error"), show_alert=True)
        elif update.effective_chat is not None and update.effective_chat.type == "private":
            env, now = state(context)
            try:  # through the outbox when the database still answers; straight to Telegram if not
                await say(env, update.effective_chat.id, t(lang, "error"), now)
            except Exception:
                await context.bot.send_message(update.effective_chat.id, t(lang, "error"))
