"""Command menus per role (set_my_commands with scopes): residents see four, staff six."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

RESIDENT = [("start", "开始使用", "Start"), ("mine", "我的诉求", "My requests"),
            ("home", "家庭住址", "Home address"), ("help", "帮助", "Help")]
STAFF = [("tasks", "我的待办", "Open work"), ("digest", "区域汇总", "Summary"), ("care", "走访名单", "Care list")]


def commands(lang: str, staff: bool) -> list[BotCommand]:
    rows = RESIDENT + (STAFF if staff else [])
    return [BotCommand(cmd, en if lang == "en" else zh) for cmd, zh, en in rows]


async def set_default_menu(bot: Bot) -> None:
    await bot.set_my_commands(commands("zh", False), scope=BotCommandScopeDefault())
    await bot.set_my_commands(commands("en", False), scope=BotCommandScopeDefault(),
                              language_code="en")


async def set_menu_for(bot: Bot, chat_id: int | None, lang: str, staff: bool) -> None:
    """A staff member's private chat gets the staff menu, in their language."""
    if chat_id is None or chat_id < 0:
        return
    await bot.set_my_commands(commands(lang, staff), scope=BotCommandScopeChat(chat_id))
