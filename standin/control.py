"""Control-side acts as async methods, mixed into `BotApiStandIn`.

Async although they finish at once: the HTTP control endpoints and any future
out-of-process harness call the same verbs, and callers should not care which they hold.
"""

from __future__ import annotations

from typing import Any

from . import users
from .errors import ButtonNotFound
from .records import MessageRecord
from .state import World


class UserSide:
    """People and chats: register them, make them type, send photos, press buttons."""

    world: World

    async def user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "zh-hans",
        username: str | None = None,
        last_name: str | None = None,
        started: bool = True,
    ) -> dict[str, Any]:
        """Register a person; `started=False` means they never opened the bot (403 on send)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        optional = {"last_name": last_name, "username": username, "language_code": language_code}
        user |= {k: v for k, v in optional.items() if v is not None}
        self.world.add_user(user, started)
        return dict(user)

    async def group(self, chat_id: int, title: str) -> dict[str, Any]:
        """Register a group (-100… ids become supergroups)."""
        return dict(self.world.add_group(chat_id, title))

    async def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to them answer 403 until they write again."""
        self.world.user(user_id)
        self.world.blocked.add(user_id)
        self.world.touch()

    async def unblock(self, user_id: int) -> None:
        self.world.blocked.discard(user_id)
        self.world.touch()

    async def send_text(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """The user types `text` (private chat unless chat_id); returns the Message dict."""
        return users.text(self.world, user_id, text, chat_id, reply_to_message_id)

    async def send_photo(
        self, user_id: int, data: bytes, caption: str | None = None, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The user sends a photo; its bytes become downloadable through getFile."""
        return users.photo(self.world, user_id, data, caption, chat_id)

    async def send_location(
        self, user_id: int, latitude: float, longitude: float, chat_id: int | None = None
    ) -> dict[str, Any]:
        return users.location(self.world, user_id, latitude, longitude, chat_id)

    async def press(
        self,
        user_id: int,
        message_id: int,
        chat_id: int,
        callback_data: str,
        inaccessible: bool = False,
    ) -> str:
        """Queue a button press with raw callback_data (unchecked); returns the query id."""
        query = users.callback_query(self.world, user_id, message_id, chat_id, callback_data, inaccessible)
        self.world.queue("callback_query", query)
        self.world.mark(chat_id)
        return str(query["id"])

    async def press_button(self, user_id: int, message: MessageRecord | dict[str, Any], text_or_prefix: str) -> str:
        """Press the button showing this text in the message's current keyboard."""
        record = users.current(self.world, message)
        button = record.button(text_or_prefix)
        if "callback_data" not in button:
            raise ButtonNotFound(f"button {button.get('text')!r} has no callback_data: {button}")
        return await self.press(user_id, record.message_id, record.chat_id, button["callback_data"])
