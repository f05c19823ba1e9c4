"""What the stand-in remembers: messages with their versions, answers, files, bot calls.

Tests assert on these, so each keeps the exact Bot API JSON and offers a PTB view of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import telegram

from .errors import ButtonNotFound, WaitTimeout

T = TypeVar("T")


@dataclass
class MessageRecord:
    """One message in a chat: `data` is its current Bot API JSON, `history` older versions."""

    data: dict[str, Any]
    from_bot: bool
    seq: int
    history: list[dict[str, Any]] = field(default_factory=list)
    edited_seq: int = 0
    deleted: bool = False
    parse_mode: str | None = None
    keyboard: dict[str, Any] | None = None  # reply/remove/force-reply markup, never echoed

    @property
    def chat_id(self) -> int:
        return int(self.data["chat"]["id"])

    @property
    def message_id(self) -> int:
        return int(self.data["message_id"])

    @property
    def text(self) -> str | None:
        return self.data.get("text")

    @property
    def caption(self) -> str | None:
        return self.data.get("caption")

    @property
    def photo(self) -> list[dict[str, Any]] | None:
        return self.data.get("photo")

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        return self.data.get("reply_markup")

    @property
    def body(self) -> str:
        """Text or caption, whichever the message has; handy in predicates."""
        return self.text or self.caption or ""

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Inline buttons of the current keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, text_or_prefix: str) -> dict[str, Any]:
        """The button with this visible text, else the only one starting with it."""
        exact = [b for b in self.buttons if b.get("text") == text_or_prefix]
        found = exact or [b for b in self.buttons if b.get("text", "").startswith(text_or_prefix)]
        if len(found) == 1 or exact:
            return found[0]
        labels = [b.get("text") for b in self.buttons]
        problem = "is ambiguous" if found else "not found"
        raise ButtonNotFound(
            f"button {text_or_prefix!r} {problem} in message {self.message_id} of chat "
            f"{self.chat_id}; its keyboard has {labels}"
        )

    def snapshot(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    def to_ptb(self, bot: telegram.Bot | None = None) -> telegram.Message:
        """This message parsed by PTB's own class, as the bot would see it."""
        return telegram.Message.de_json(self.snapshot(), bot)

    def describe(self) -> dict[str, Any]:
        """JSON view for the HTTP control side."""
        return {
            "message": self.snapshot(),
            "history": copy.deepcopy(self.history),
            "deleted": self.deleted,
            "from_bot": self.from_bot,
        }


@dataclass(frozen=True)
class CallbackAnswer:
    """One answerCallbackQuery the bot made."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None = None


@dataclass
class ApiCall:
    """One bot-side request: method, decoded params, uploaded file names, answer status."""

    method: str
    params: dict[str, Any]
    files: dict[str, int] = field(default_factory=dict)  # part name -> size in bytes
    status: int = 0


@dataclass(frozen=True)
class StoredFile:
    """Bytes known to the stand-in, as getFile describes them."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


class Changes:
    """A broadcast edge sync code can fire and coroutines can await, so waits never poll."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.count = 0

    def fire(self) -> None:
        self.count += 1
        self._event.set()
        self._event = asyncio.Event()

    async def until(self, probe: Callable[[], T | None], timeout: float, what: str | Callable[[], str]) -> T:
        """The first non-None result of `probe`, re-checked after each change."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = probe()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                about = what() if callable(what) else what
                raise WaitTimeout(f"timed out after {timeout}s waiting for {about}")
            event = self._event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
