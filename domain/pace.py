"""How fast the bot may talk to Telegram: token buckets for the bot as a whole and for each chat.

Telegram documents its limits loosely: about 30 messages a second overall, no more than one a
second in a private chat (short bursts are tolerated), and 20 a minute in a group. Past them it
answers 429 with `retry_after`, and a bot that keeps hitting them gets longer waits. So the sender
paces itself *below* them instead of learning them from 429s: every send takes a token from the
overall bucket and from its chat's bucket, and waits until both have one.

A bucket holds up to `burst` tokens and refills at `rate` a second. The burst is kept smaller than
what Telegram (and the stand-in, standin/flood.py) tolerates, so requests that arrive bunched up
(network jitter, several in flight at once) still fit under its limit.

Pure: time is a float of seconds on any monotonic clock, passed in; nothing sleeps here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rate:
    """`per_second` sustained, up to `burst` at once after a quiet spell."""

    per_second: float
    burst: float = 1.0

    def __post_init__(self) -> None:
        if self.per_second <= 0 or self.burst < 1:
            raise ValueError(f"a rate needs per_second > 0 and burst >= 1, got {self}")


@dataclass(frozen=True)
class SendLimits:
    """The sender's own pace: the whole bot, one private chat, one group (negative chat ids)."""

    overall: Rate
    private: Rate
    group: Rate

    @classmethod
    def telegram(cls, overall: float = 30.0, private: float = 1.0, group_per_minute: float = 20.0) -> SendLimits:
        """Telegram's limits with bursts a margin below what it tolerates (see the module doc):
        a tenth of a second of the overall rate (so no second ever sees more than ~33 at 30/s),
        two messages in a private chat, three in a group."""
        return cls(Rate(overall, max(1.0, overall / 10)), Rate(private, 2.0), Rate(group_per_minute / 60, 3.0))


TELEGRAM = SendLimits.telegram()


@dataclass
class Bucket:
    """A token bucket; `stamp` is when `tokens` was last brought up to date."""

    rate: Rate
    tokens: float
    stamp: float
    held_until: float = 0.0  # a 429's retry_after: nothing before this, whatever the tokens say

    @classmethod
    def full(cls, rate: Rate, now: float) -> Bucket:
        return cls(rate, rate.burst, now)

    def _refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.rate.burst, self.tokens + (now - self.stamp) * self.rate.per_second)
            self.stamp = now

    def ready_at(self, now: float) -> float:
        """The earliest time a token is there (`now` or earlier when one is there already)."""
        self._refill(now)
        at = now if self.tokens >= 1 else now + (1 - self.tokens) / self.rate.per_second
        return max(at, self.held_until)

    def take(self, now: float) -> None:
        """Spend a token (the caller checked `ready_at`; a debt is repaid by waiting longer)."""
        self._refill(now)
        self.tokens -= 1

    def hold(self, until: float) -> None:
        self.held_until = max(self.held_until, until)

    def idle(self, now: float) -> bool:
        """Full and not held: forgetting it changes nothing (a fresh bucket starts full)."""
        self._refill(now)
        return self.tokens >= self.rate.burst and self.held_until <= now


@dataclass
class Pace:
    """The overall bucket plus one bucket per chat, created when first used, dropped when full again."""

    limits: SendLimits
    overall: Bucket | None = None
    chats: dict[int, Bucket] = field(default_factory=dict)
    _since_prune: int = 0

    def _overall(self, now: float) -> Bucket:
        if self.overall is None:
            self.overall = Bucket.full(self.limits.overall, now)
        return self.overall

    def _chat(self, chat_id: int, now: float) -> Bucket:
        bucket = self.chats.get(chat_id)
        if bucket is None:
            bucket = self.chats[chat_id] = Bucket.full(
                self.limits.group if chat_id < 0 else self.limits.private, now)
        return bucket

    def overall_ready_at(self, now: float) -> float:
        return self._overall(now).ready_at(now)

    def chat_ready_at(self, chat_id: int, now: float) -> float:
        """When this chat may take its next message, ignoring the overall bucket."""
        bucket = self.chats.get(chat_id)
        return now if bucket is None else bucket.ready_at(now)

    def ready_at(self, chat_id: int, now: float) -> float:
        """When a message to this chat may start: both its chat's bucket and the overall one agree."""
        return max(self.overall_ready_at(now), self.chat_ready_at(chat_id, now))

    def take(self, chat_id: int, now: float) -> None:
        """Count one message to this chat, sent `now`."""
        self._overall(now).take(now)
        self._chat(chat_id, now).take(now)
        self._since_prune += 1
        if self._since_prune >= 1000:
            self.prune(now)

    def hold(self, chat_id: int, until: float, now: float) -> None:
        """Telegram said 429 for this chat: nothing to it before `until`."""
        self._chat(chat_id, now).hold(until)

    def hold_all(self, until: float, now: float) -> None:
        """Nothing to anyone before `until` (a 429 for the bot as a whole, or Telegram is unwell)."""
        self._overall(now).hold(until)

    def prune(self, now: float) -> None:
        """Forget chats whose buckets are full again, so a broadcast to thousands leaves no trace."""
        self._since_prune = 0
        for chat_id in [c for c, b in self.chats.items() if b.idle(now)]:
            del self.chats[chat_id]
