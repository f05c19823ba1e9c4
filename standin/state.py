"""The Telegram world the bot talks to: users, chats, messages, files and pending updates.

Kept free of HTTP so the bot-side methods and the control side share one source of truth,
and every change fires `changes` so waiting tests and long polls wake at once.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from typing import Any

from . import errors
from .records import CallbackAnswer, Changes, MessageRecord, StoredFile


def _chat_type(chat_id: int) -> str:
    return "supergroup" if str(chat_id).startswith("-100") else "group"


class World:
    """All state; methods are synchronous and fire `changes` after each mutation."""

    def __init__(self, token: str, username: str, first_name: str, clock: Callable[[], float]):
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 1
        self.bot = {
            "id": self.bot_id, "is_bot": True, "first_name": first_name, "username": username,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False, "can_connect_to_business": False,
            "has_main_web_app": False,
        }  # fmt: skip
        self.clock = clock
        self.changes = Changes()
        self.seq = 0
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self.blocked: set[int] = set()
        self.not_started: set[int] = set()
        self.records: list[MessageRecord] = []
        self._by_key: dict[tuple[int, int], MessageRecord] = {}
        self._last_id: dict[int, int] = {}
        self.marks: dict[int, int] = {}
        self.updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self.files: dict[str, StoredFile] = {}
        self._file_numbers = itertools.count(1)
        self.queries: dict[str, bool] = {}  # query id -> answered
        self.answers: list[CallbackAnswer] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.webhook: dict[str, Any] | None = None  # set by setWebhook: updates are POSTed, not polled
        self.webhook_error: tuple[int, str] | None = None  # (unix time, message) of the last failed delivery

    def touch(self) -> None:
        """Note a change and wake every waiter."""
        self.seq += 1
        self.changes.fire()

    def now(self) -> int:
        return int(self.clock())

    # chats -------------------------------------------------------------------------------

    def add_user(self, user: dict[str, Any], started: bool) -> None:
        self.users[user["id"]] = user
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        chat |= {k: user[k] for k in ("last_name", "username") if k in user}
        self.chats[user["id"]] = chat
        (self.not_started.discard if started else self.not_started.add)(user["id"])
        self.touch()

    def add_group(self, chat_id: int, title: str) -> dict[str, Any]:
        if chat_id >= 0:
            raise ValueError(f"group chat ids are negative, got {chat_id}")
        self.chats[chat_id] = {"id": chat_id, "type": _chat_type(chat_id), "title": title}
        self.touch()
        return self.chats[chat_id]

    def chat(self, value: Any) -> dict[str, Any]:
        """Resolve a chat_id parameter (number or @username) or fail as Telegram does."""
        if isinstance(value, str) and value.startswith("@"):
            found = [c for c in self.chats.values() if c.get("username") == value[1:]]
            if found:
                return found[0]
            raise errors.bad(errors.CHAT_NOT_FOUND)
        try:
            chat = self.chats.get(int(value)) if value is not None else None
        except ValueError:
            chat = None
        if chat is None:
            raise errors.bad(errors.CHAT_NOT_FOUND)
        return chat

    def writable_chat(self, value: Any) -> dict[str, Any]:
        """A chat the bot may post to: private chats need a user who started and didn't block."""
        chat = self.chat(value)
        if chat["id"] in self.blocked:
            raise errors.ApiError(errors.BLOCKED, 403)
        if chat["id"] in self.not_started:
            raise errors.ApiError(errors.NOT_STARTED, 403)
        return chat

    def user(self, user_id: int) -> dict[str, Any]:
        if user_id not in self.users:
            raise LookupError(f"user {user_id} is not registered; call user() first")
        return self.users[user_id]

    # messages ----------------------------------------------------------------------------

    def new_message(self, chat: dict[str, Any], sender: dict[str, Any]) -> dict[str, Any]:
        """The common head of a new message, taking the chat's next message_id."""
        message_id = self._last_id.get(chat["id"], 0) + 1
        self._last_id[chat["id"]] = message_id
        return {
            "message_id": message_id,
            "from": copy.deepcopy(sender),
            "chat": copy.deepcopy(chat),
            "date": self.now(),
        }

    def store(self, data: dict[str, Any], from_bot: bool, **extra: Any) -> MessageRecord:
        record = MessageRecord(data=data, from_bot=from_bot, seq=self.seq + 1, **extra)
        self.records.append(record)
        self._by_key[(record.chat_id, record.message_id)] = record
        self.touch()
        return record

    def find(self, chat_id: int, message_id: int | None) -> MessageRecord | None:
        record = self._by_key.get((chat_id, message_id or 0))
        return None if record is None or record.deleted else record

    def find_any(self, chat_id: int, message_id: int) -> MessageRecord | None:
        """Including deleted messages, for stale presses."""
        return self._by_key.get((chat_id, message_id))

    def edit(self, record: MessageRecord, changes: dict[str, Any]) -> None:
        record.history.append(record.snapshot())
        for key, value in changes.items():
            if value is None:
                record.data.pop(key, None)
            else:
                record.data[key] = value
        record.data["edit_date"] = self.now()
        record.edited_seq = self.seq + 1
        self.touch()

    def mark(self, chat_id: int) -> None:
        """Remember 'now' for this chat: default waits look only at what comes after."""
        self.marks[chat_id] = self.seq

    # updates -----------------------------------------------------------------------------

    def queue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.touch()
        return update

    def confirm(self, offset: int) -> None:
        """getUpdates' offset: forget every update below it (negative: keep the last -offset)."""
        before = len(self.updates)
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if len(self.updates) != before:
            self.touch()

    # files -------------------------------------------------------------------------------

    def add_file(self, data: bytes, folder: str, extension: str) -> StoredFile:
        number = next(self._file_numbers)
        prefix = "AgAC" if folder == "photos" else "BQAC"
        stored = StoredFile(
            file_id=f"{prefix}AgIAAxkBAAI{number:06d}{self.bot_id:x}",
            file_unique_id=f"AQAD{number:06d}",
            file_path=f"{folder}/file_{number}.{extension}",
            data=data,
        )
        self.files[stored.file_id] = stored
        return stored

    def file(self, file_id: str | None) -> StoredFile:
        if not file_id or file_id not in self.files:
            raise errors.bad(errors.WRONG_FILE)
        return self.files[file_id]

    def file_at(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)
