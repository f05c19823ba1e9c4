"""Reading what the bot did, and waiting for it without sleeping, mixed into `BotApiStandIn`.

Waits default to "after the user's latest act in that chat" (the chat's mark), which is
what a test means by "the reply", and wake on each change instead of polling.
"""

from __future__ import annotations

import asyncio
import copy
from collections import Counter
from collections.abc import Callable
from typing import Any

import telegram

from .errors import WaitTimeout
from .housekeeping import scope_key
from .records import ApiCall, CallbackAnswer, MessageRecord
from .state import World

Predicate = Callable[[MessageRecord], bool]


class Observing:
    """Bot messages, answers, commands, requests and status counts; waits on them."""

    world: World
    requests: list[ApiCall]
    busy: int
    stats: dict[str, Counter[int]]

    @property
    def too_many_requests(self) -> int:
        """Every 429 the bot was answered, whether injected (`fail_next`) or for breaking the
        flood limits (`enforce_limits`): a well-paced bot shows zero."""
        return sum(counts[429] for counts in self.stats.values())

    def messages(self, chat_id: int | None = None) -> list[MessageRecord]:
        """Bot messages in sending order (deleted ones included, flagged)."""
        return [r for r in self.world.records if r.from_bot and chat_id in (None, r.chat_id)]

    def message(self, chat_id: int, message_id: int) -> MessageRecord:
        record = self.world.find_any(chat_id, message_id)
        if record is None:
            raise LookupError(f"no message {message_id} in chat {chat_id}")
        return record

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued but not yet confirmed by a getUpdates offset."""
        return list(self.world.updates)

    @property
    def answers(self) -> list[CallbackAnswer]:
        return list(self.world.answers)

    def commands(self, scope: Any = None, language_code: str = "") -> list[dict[str, Any]]:
        """The command list set for a scope (dict, type name, PTB scope or None)."""
        if isinstance(scope, telegram.BotCommandScope):
            scope = scope.to_dict()
        return list(self.world.commands.get((scope_key(scope), language_code), []))

    def as_ptb(self, message: MessageRecord | dict[str, Any], bot: telegram.Bot) -> telegram.Message:
        """A stored message parsed by PTB's `Message.de_json`."""
        data = message.snapshot() if isinstance(message, MessageRecord) else copy.deepcopy(message)
        return telegram.Message.de_json(data, bot)

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        timeout: float = 5.0,
        after: int | MessageRecord | None = None,
    ) -> MessageRecord:
        """First bot message in the chat newer than `after` (a message_id) that matches."""
        if isinstance(after, MessageRecord):
            after = after.message_id
        mark = self.world.marks.get(chat_id, 0)

        def probe() -> MessageRecord | None:
            for r in self.messages(chat_id):
                new = r.message_id > after if after is not None else r.seq > mark
                if new and (predicate is None or predicate(r)):
                    return r
            return None

        return await self.world.changes.until(probe, timeout, lambda: self._what("a message", chat_id))

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        predicate: Predicate | None = None,
        timeout: float = 5.0,
    ) -> MessageRecord:
        """The message once edited after the user's latest act in the chat, and matching."""
        record = self.message(chat_id, message_id)
        mark = self.world.marks.get(chat_id, 0)

        def probe() -> MessageRecord | None:
            edited = record.edited_seq > mark
            return record if edited and (predicate is None or predicate(record)) else None

        return await self.world.changes.until(probe, timeout, lambda: self._what("an edit", chat_id))

    async def wait_for_deletion(self, chat_id: int, message_id: int, timeout: float = 5.0) -> None:
        record = self.message(chat_id, message_id)
        await self.world.changes.until(lambda: True if record.deleted else None, timeout, f"deletion of {message_id}")

    async def wait_for_answer(self, query_id: str, timeout: float = 5.0) -> CallbackAnswer:
        def probe() -> CallbackAnswer | None:
            return next((a for a in self.world.answers if a.query_id == query_id), None)

        return await self.world.changes.until(probe, timeout, f"an answer to query {query_id}")

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,
        since: int = 0,
        finished: bool = True,
    ) -> ApiCall:
        """First bot request of `method` at index >= since in `requests` (answered, unless
        `finished=False`, which also catches a long poll still waiting)."""

        def probe() -> ApiCall | None:
            return next(
                (
                    c
                    for c in self.requests[since:]
                    if c.method == method and (c.status or not finished) and (predicate is None or predicate(c))
                ),
                None,
            )

        return await self.world.changes.until(probe, timeout, f"a {method} call")

    async def wait_idle(self, quiet: float = 0.05, timeout: float = 5.0) -> None:
        """Until no update is pending and no bot request happened for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            seen = self.world.changes.count
            idle = not self.world.updates and self.busy == 0
            window = quiet if idle else deadline - loop.time()
            if window <= 0:
                raise WaitTimeout(f"the bot was still busy after {timeout}s")
            try:
                await self.world.changes.until(
                    lambda seen=seen: True if self.world.changes.count != seen else None,
                    min(window, max(deadline - loop.time(), 0.001)),
                    "activity",
                )
            except WaitTimeout:
                if idle:
                    return

    def _what(self, thing: str, chat_id: int) -> str:
        recent = [(r.message_id, r.body[:60]) for r in self.messages(chat_id)[-5:]]
        return f"{thing} from the bot in chat {chat_id}; its latest messages: {recent}"
