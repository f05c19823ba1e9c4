"""Injected failures, Telegram's flood limits on demand, and per-method status counts.

A sender that retries, backs off or gives up can only be tested against a server that
misbehaves on cue; the counts let a test assert it never tripped Telegram's flood limit, and
`enforce_limits` makes the stand-in refuse a bot that sends too fast, as Telegram does.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import messaging
from .errors import ApiError, default_description
from .flood import TELEGRAM, Flood, FloodRules
from .state import World


@dataclass
class _Fault:
    status: int
    description: str
    retry_after: int | None
    remaining: int


class Faults:
    """Queued one-shot failures per method, a whole-API outage switch, and status counts.

    Mixed into `BotApiStandIn`, so tests call `api.fail_next(...)` and read `api.stats`.
    """

    world: World

    def __init__(self) -> None:
        self.flood: Flood | None = None
        self._queued: dict[str, list[_Fault]] = defaultdict(list)
        self._outage: ApiError | None = None
        self.stats: defaultdict[str, Counter[int]] = defaultdict(Counter)  # e.g. stats["sendMessage"][429]
        self._held: dict[tuple[str, int], asyncio.Event] = {}

    def fail_next(
        self,
        method: str,
        status: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """Make the next `count` calls of `method` fail (429 by default when retry_after)."""
        code = status if status is not None else (429 if retry_after is not None else 500)
        if code == 429 and retry_after is None:
            retry_after = 1
        text = description or default_description(code, retry_after)
        self._queued[method.lower()].append(_Fault(code, text, retry_after, count))

    def down(self, status: int = 502, description: str | None = None) -> None:
        """From now on every bot-side call answers `status`, until `up()`."""
        self._outage = ApiError(description or default_description(status), status)

    def up(self) -> None:
        self._outage = None

    def enforce_limits(self, rules: FloodRules | None = TELEGRAM) -> Flood | None:
        """From now on answer 429 to a bot over Telegram's limits (standin/flood.py); None: stop.

        Returns the `Flood`, whose `refused` counts the 429s it gave per limit.
        """
        self.flood = Flood(rules, self.world.clock) if rules is not None else None
        messaging.police(self.world, self.flood)
        return self.flood

    def hold(self, method: str, chat_id: int) -> asyncio.Event:
        """Calls of `method` to `chat_id` wait, unanswered, until the returned event is set: a request
        that is slow to come back, for as long as a test needs."""
        release = self._held[(method.lower(), chat_id)] = asyncio.Event()
        return release

    async def held(self, method: str, chat_id: object) -> None:
        """Wait while a test holds this call (`hold`)."""
        if not self._held:
            return
        try:
            key = (method.lower(), int(str(chat_id)))
        except ValueError:  # "@channel", or none: never held
            return
        if (release := self._held.get(key)) is not None:
            await release.wait()

    def outage_error(self) -> ApiError | None:
        return self._outage

    def fault_for(self, method: str) -> ApiError | None:
        """The failure queued for this call, if any, consuming one use of it."""
        queue = self._queued.get(method.lower())
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            queue.pop(0)
        return ApiError(fault.description, fault.status, fault.retry_after)

    def count_status(self, method: str, status: int) -> None:
        self.stats[method][status] += 1
