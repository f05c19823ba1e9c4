"""The control side: people typing, sending photos and pressing buttons.

Each act builds the Update Telegram would deliver and queues it for getUpdates. Presses are
deliberately unchecked so tests can forge stale or hostile callback data.
"""

from __future__ import annotations

from typing import Any

from .formatting import command_entities
from .media import photo_sizes
from .records import MessageRecord
from .state import World


def _chat_for(world: World, user_id: int, chat_id: int | None) -> tuple[dict, dict]:
    user = world.user(user_id)
    key = user_id if chat_id is None else chat_id
    if key not in world.chats:
        raise LookupError(f"chat {key} is not registered; call group() first")
    if chat_id is None:
        # writing to a bot (or pressing Restart) starts it and lifts a block
        world.blocked.discard(user_id)
        world.not_started.discard(user_id)
    return user, world.chats[key]


def _deliver(world: World, user: dict, chat: dict, body: dict[str, Any]) -> dict[str, Any]:
    data = world.new_message(chat, user) | body
    record = world.store(data, from_bot=False)
    world.queue("message", record.snapshot())
    world.mark(chat["id"])
    return record.snapshot()


def text(
    world: World,
    user_id: int,
    text: str,
    chat_id: int | None = None,
    reply_to_message_id: int | None = None,
) -> dict[str, Any]:
    user, chat = _chat_for(world, user_id, chat_id)
    body: dict[str, Any] = {"text": text}
    if entities := command_entities(text):
        body["entities"] = entities
    if reply_to_message_id is not None:
        replied = world.find(chat["id"], reply_to_message_id)
        if replied is None:
            raise LookupError(f"no message {reply_to_message_id} in chat {chat['id']}")
        body["reply_to_message"] = {k: v for k, v in replied.snapshot().items() if k != "reply_to_message"}
    return _deliver(world, user, chat, body)


def photo(world: World, user_id: int, data: bytes, caption: str | None, chat_id: int | None) -> dict[str, Any]:
    user, chat = _chat_for(world, user_id, chat_id)
    stored = world.add_file(data, "photos", "jpg")
    body: dict[str, Any] = {"photo": photo_sizes(stored)}
    if caption:
        body["caption"] = caption
        if entities := command_entities(caption):
            body["caption_entities"] = entities
    return _deliver(world, user, chat, body)


def location(world: World, user_id: int, latitude: float, longitude: float, chat_id: int | None) -> dict[str, Any]:
    user, chat = _chat_for(world, user_id, chat_id)
    return _deliver(world, user, chat, {"location": {"latitude": latitude, "longitude": longitude}})


def callback_query(
    world: World, user_id: int, message_id: int, chat_id: int, data: str, inaccessible: bool
) -> dict[str, Any]:
    """A CallbackQuery; a deleted/unknown message arrives as an InaccessibleMessage (date 0)."""
    user = world.user(user_id)
    chat = world.chats.get(chat_id)
    if chat is None:
        raise LookupError(f"chat {chat_id} is not registered")
    record = world.find(chat_id, message_id)
    if record is None or inaccessible:
        message = {"chat": dict(chat), "message_id": message_id, "date": 0}
    else:
        message = record.snapshot()
    query_id = f"{world.bot_id}{len(world.queries) + 1:010d}"
    world.queries[query_id] = False
    chat_instance = str(abs(chat_id) * 7919 + world.bot_id)
    return {"id": query_id, "from": dict(user), "message": message, "chat_instance": chat_instance, "data": data}


def current(world: World, message: MessageRecord | dict[str, Any]) -> MessageRecord:
    """The stored record behind a record or a Message dict, in its latest state."""
    data = message.data if isinstance(message, MessageRecord) else message
    record = world.find_any(int(data["chat"]["id"]), int(data["message_id"]))
    if record is None:
        raise LookupError(f"message {data['message_id']} of chat {data['chat']['id']} unknown")
    return record
