"""Telegram only: read an Update, call one service, render the result."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import buttons, commands, errors, messages, start


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("start", start.start))
    app.add_handler(CommandHandler("help", start.help_))
    app.add_handler(CommandHandler("mine", commands.mine))
    app.add_handler(CommandHandler("home", commands.home))
    app.add_handler(CommandHandler("tasks", commands.tasks))
    app.add_handler(CommandHandler("digest", commands.digest))
    app.add_handler(CommandHandler("care", commands.care_list))
    app.add_handler(MessageHandler(filters.COMMAND, commands.unknown))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, messages.on_text))
    app.add_handler(MessageHandler(filters.PHOTO, messages.on_photo))
    app.add_handler(MessageHandler(filters.LOCATION, messages.on_location))
    app.add_handler(MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, messages.on_other))
    app.add_handler(CallbackQueryHandler(buttons.on_button))
    app.add_error_handler(errors.on_error)
