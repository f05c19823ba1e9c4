"""When to try a message again, when to give up, and what the admins are told about give-ups.

A message that cannot be delivered must neither block the queue nor be retried forever: what
Telegram refuses for good (blocked, chat not found) is given up at once, what may pass later
(5xx, a broken network) is retried with a growing pause, up to `RetryPolicy.max_attempts`.
Every give-up ends up in a summary to the admins, at most one per `ReportPolicy.every`, so a
digest to a thousand people who blocked the bot makes one message, not a thousand.

Pure: no I/O, times passed in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from domain.texts import t


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for a message whose send failed for a reason that may pass.

    With the defaults a message is tried 8 times over about two minutes (0.5 s, 1 s, 2 s ... 32 s
    apart) before it is given up. While sends keep failing the whole sender also pauses (`pause`),
    so an outage is probed a few times a minute instead of by every queued message in turn.
    """

    max_attempts: int = 8
    base: float = 0.5  # seconds before the first retry
    cap: float = 60.0  # longest wait between two tries of one message
    pause_cap: float = 30.0  # longest pause of the whole sender while everything fails

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed try of one message."""
        return min(self.cap, self.base * 2 ** max(0, attempts - 1))

    def gives_up(self, attempts: int) -> bool:
        """True once a message has failed `attempts` times: it is marked failed, never tried again."""
        return attempts >= self.max_attempts

    def pause(self, failures_in_a_row: int) -> float:
        """Seconds every send waits after this many failures in a row, whichever messages they hit."""
        return min(self.pause_cap, self.base * 2 ** max(0, failures_in_a_row - 1))


@dataclass(frozen=True)
class ReportPolicy:
    """Give-ups are told to the admins `delay` seconds after the first one (so the rest of a
    broadcast's failures join the same summary), and at most once every `every` seconds."""

    delay: float = 60.0
    every: float = 600.0


@dataclass(frozen=True)
class Failure:
    """A message given up: to whom (a name when we know one) and Telegram's words for why."""

    chat_id: int
    name: str | None
    purpose: str
    error: str


# Telegram's descriptions, in words an admin acts on.
_REASONS = {
    "blocked by the user": "why_blocked",
    "can't initiate conversation": "why_not_started",
    "chat not found": "why_no_chat",
    "user is deactivated": "why_deactivated",
    "kicked from the": "why_kicked",
    "not a member": "why_kicked",
}
SHOWN_PER_REASON = 5


def reason(error: str, lang: str) -> str:
    """The admin-facing reason for Telegram's `error` (its own words when we have none better)."""
    for needle, key in _REASONS.items():
        if needle in error:
            return t(lang, key)
    return error or "?"


def summary(failures: list[Failure], lang: str) -> str:
    """One message for the admins: how many were given up, grouped by reason, with a few names."""
    by_reason: dict[str, list[Failure]] = defaultdict(list)
    for f in failures:
        by_reason[reason(f.error, lang)].append(f)
    lines = []
    for why, group in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        who = list(dict.fromkeys(f.name or str(f.chat_id) for f in group))
        shown = ("、" if lang != "en" else ", ").join(who[:SHOWN_PER_REASON])
        if len(who) > SHOWN_PER_REASON:
            shown += t(lang, "delivery_more", n=len(who) - SHOWN_PER_REASON)
        kinds = Counter(f.purpose for f in group)
        what = ", ".join(f"{p} {n}" for p, n in kinds.most_common())
        lines.append(t(lang, "delivery_line", why=why, n=len(group), who=shown, what=what))
    return t(lang, "delivery_failed", n=len(failures), lines="\n".join(lines))
