"""Telegram's flood limits, enforced: 429 with `retry_after` for a bot that sends too fast.

Telegram's documented limits are loose ("about 30 messages per second", "avoid more than one
message per second" in a chat, "no more than 20 messages per minute" in a group) and it tolerates
short bursts. The stand-in plays them as token buckets, which is what "a rate, with bursts" means:

- overall: 30 a second sustained, up to 30 at once after a quiet second;
- a private chat: 1 a second sustained, up to 3 at once (a reply, a card and a follow-up);
- a group (negative chat id): 20 a minute sustained, up to 5 at once.

Every message-producing method (send*, edit*) takes one token from the overall bucket and one from
its chat's; a request finding either empty is refused whole with 429 and `retry_after` = the
seconds until both have one, rounded up, as Telegram does, and takes nothing. Refusals are counted
per limit in `refused`, admitted messages are time-stamped in `admitted` (for a bench's figures).

Off unless a test or bench turns it on (`api.enforce_limits()`): most tests want speed, not pacing.
Kept apart from the bot's own pacing (domain/pace.py) on purpose: a referee shares no code with
the player it referees.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ApiError, default_description


@dataclass(frozen=True)
class Limit:
    per_second: float
    burst: float


@dataclass(frozen=True)
class FloodRules:
    overall: Limit = Limit(30.0, 30.0)
    private: Limit = Limit(1.0, 3.0)
    group: Limit = Limit(20.0 / 60, 5.0)


TELEGRAM = FloodRules()


@dataclass
class _Bucket:
    limit: Limit
    tokens: float
    stamp: float

    def wait(self, now: float) -> float:
        """Seconds until a token is there, after refilling to `now`."""
        self.tokens = min(self.limit.burst, self.tokens + max(0.0, now - self.stamp) * self.limit.per_second)
        self.stamp = max(self.stamp, now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.limit.per_second


@dataclass
class Flood:
    """The buckets of one bot, refusals per limit, and when each admitted message came."""

    rules: FloodRules
    clock: Callable[[], float]
    refused: Counter[str] = field(default_factory=Counter)  # "overall" | "private" | "group"
    admitted: list[float] = field(default_factory=list)
    _overall: _Bucket | None = None
    _chats: dict[int, _Bucket] = field(default_factory=dict)

    def admit(self, chat_id: int) -> None:
        """Count one message to `chat_id`, or raise the 429 Telegram would answer."""
        now = self.clock()
        if self._overall is None:
            self._overall = _Bucket(self.rules.overall, self.rules.overall.burst, now)
        kind = "group" if chat_id < 0 else "private"
        chat = self._chats.get(chat_id)
        if chat is None:
            limit = self.rules.group if chat_id < 0 else self.rules.private
            chat = self._chats[chat_id] = _Bucket(limit, limit.burst, now)
        waits = {"overall": self._overall.wait(now), kind: chat.wait(now)}
        worst = max(waits, key=lambda k: waits[k])
        if waits[worst] > 0:
            self.refused[worst] += 1
            retry_after = max(1, math.ceil(waits[worst]))
            raise ApiError(default_description(429, retry_after), 429, retry_after)
        self._overall.tokens -= 1
        chat.tokens -= 1
        self.admitted.append(now)

    def peak(self, window: float = 1.0) -> int:
        """The most messages admitted within any `window` seconds."""
        best, start = 0, 0
        for end, at in enumerate(self.admitted):
            while at - self.admitted[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best
