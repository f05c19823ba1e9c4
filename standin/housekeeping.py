"""Bot-side methods that don't post messages: identity, commands, files, callback answers.

Small on purpose: enough for PTB's start-up calls and for what Gridbot uses. The webhook methods
(setWebhook, deleteWebhook, getWebhookInfo) live with the delivery loop in webhook.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from . import errors
from .errors import bad
from .params import Params
from .records import CallbackAnswer
from .state import World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


def scope_key(scope: Any) -> str:
    """Canonical form of a BotCommandScope: a dict, a bare type name, or None for default."""
    if scope is None:
        scope = {"type": "default"}
    elif isinstance(scope, str):
        scope = {"type": scope}
    return json.dumps(scope, sort_keys=True)


def get_me(world: World, p: Params) -> dict[str, Any]:
    return dict(world.bot)


def answer_callback_query(world: World, p: Params) -> bool:
    query_id = p.string("callback_query_id") or ""
    if world.queries.get(query_id, True):  # unknown or already answered
        raise bad(errors.QUERY_INVALID)
    world.queries[query_id] = True
    answer = CallbackAnswer(query_id, p.string("text"), p.flag("show_alert"), p.string("url"))
    world.answers.append(answer)
    world.touch()
    return True


def set_my_commands(world: World, p: Params) -> bool:
    commands = p.obj("commands")
    if not isinstance(commands, list):
        raise bad("Bad Request: can't parse commands JSON object")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad(errors.COMMAND_INVALID)
    key = (scope_key(p.obj("scope")), p.string("language_code", "") or "")
    world.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
    world.touch()
    return True


def get_my_commands(world: World, p: Params) -> list[dict[str, Any]]:
    key = (scope_key(p.obj("scope")), p.string("language_code", "") or "")
    return list(world.commands.get(key, []))


def delete_my_commands(world: World, p: Params) -> bool:
    world.commands.pop((scope_key(p.obj("scope")), p.string("language_code", "") or ""), None)
    world.touch()
    return True


def get_file(world: World, p: Params) -> dict[str, Any]:
    return world.file(p.string("file_id")).as_json()


def send_chat_action(world: World, p: Params) -> bool:
    world.writable_chat(p.values.get("chat_id"))
    return True


def get_chat(world: World, p: Params) -> dict[str, Any]:
    chat = world.chat(p.values.get("chat_id"))
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
    return {
        **chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys((*gifts, "gifts_from_channels"), False),
    }


def set_chat_menu_button(world: World, p: Params) -> bool:
    world.menu_buttons[p.integer("chat_id")] = p.obj("menu_button") or {"type": "default"}
    return True


def get_chat_menu_button(world: World, p: Params) -> dict[str, Any]:
    chat_id = p.integer("chat_id")
    return world.menu_buttons.get(chat_id, world.menu_buttons.get(None, {"type": "commands"}))


def accepted(world: World, p: Params) -> bool:
    """Profile settings the stand-in takes and ignores (name, descriptions, rights)."""
    return True


METHODS: dict[str, Callable[[World, Params], Any]] = {
    "getMe": get_me,
    "answerCallbackQuery": answer_callback_query,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getFile": get_file,
    "sendChatAction": send_chat_action,
    "getChat": get_chat,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "setMyName": accepted,
    "setMyDescription": accepted,
    "setMyShortDescription": accepted,
    "setMyDefaultAdministratorRights": accepted,
}
