"""The SLA clock (限时办结) and the escalation ladder, from the policy in seeds/policy.yaml.

Durations are written `90s`, `30m`, `4h`, `2d`, `3wd`. On an ordinary ticket s/m/h count working
time and `wd` counts working days (one working day = the length of the working hours); an urgent
ticket runs on the wall clock, 24/7, so there `4h` is four hours and `1wd` is 24 hours. `d` is
always calendar days. A sweep asks `policy.next_step(ticket, now, calendar)`: warn, escalate, or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from domain.calendar import WALL_CLOCK, CalendarSpec, Clock, QuietHours, Recurrence, WorkingCalendar
from domain.tickets import Ticket, Tier, above

_DURATION = re.compile(r"\s*(\d+)\s*(wd|s|m|h|d)\s*", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # s | m | h | d | wd

    @classmethod
    def parse(cls, text: object) -> Duration:
        m = _DURATION.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            raise ValueError(f"bad duration {text!r}: write a whole number and a unit: 90s, 30m, 4h, 2d or 3wd")
        return cls(int(m[1]), m[2].lower())

    def span(self, clock: Clock) -> tuple[timedelta, bool]:
        """The length, and whether it counts on the ticket's clock (True) or on the wall (False, for `d`)."""
        if self.unit == "d":
            return timedelta(days=self.amount), False
        if self.unit == "wd":
            return self.amount * clock.day_length, True
        return timedelta(seconds=self.amount * _SECONDS[self.unit]), True

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def _aware(t: datetime) -> datetime:
    if t.utcoffset() is None:
        raise ValueError(f"{t} has no time zone: the SLA clock takes aware datetimes only")
    return t


def shift(t: datetime, delta: timedelta, on_clock: bool, clock: Clock) -> datetime:
    """Move `t` by `delta` on the clock or on the wall; the result is in `t`'s zone."""
    moved = clock.add(_aware(t), delta) if on_clock else t + delta
    return moved.astimezone(t.tzinfo)


def due_at(start: datetime, duration: Duration, clock: Clock) -> datetime:
    """When a clock of `duration` started at `start` runs out; a start out of hours waits for the next opening."""
    delta, on_clock = duration.span(clock)
    return shift(start, delta, on_clock, clock)


def is_overdue(due: datetime | None, now: datetime) -> bool:
    """At the deadline itself time is up; a clock that is not running is never overdue."""
    return due is not None and _aware(now) >= due


def clock_for(urgent: bool, calendar: WorkingCalendar) -> Clock:
    return WALL_CLOCK if urgent else calendar


@dataclass(frozen=True)
class Deadlines:
    claim_due: datetime
    contact_due: datetime | None  # None: this class has no separate first-contact clock
    resolve_due: datetime


class Action(StrEnum):
    NOTHING = "nothing"
    WARN = "warn"
    ESCALATE = "escalate"


@dataclass(frozen=True)
class Step:
    """What a sweep should do now, about which clock, telling which tier (the holder's, or the next one up)."""

    action: Action
    clock: str | None = None
    tier: Tier | None = None


NOTHING = Step(Action.NOTHING)


@dataclass(frozen=True)
class Rung:
    """One clock's rule on the ladder: warn this long before it runs out, then do `on_miss`."""

    warn_before: float | Duration  # a share of the clock's own duration (0.25), or a fixed lead time
    on_miss: Action = Action.ESCALATE


@dataclass(frozen=True)
class Schedule:
    """When digests go out, when residents may be messaged, when grids meet, how often care visits recur."""

    daily_digest: Recurrence
    weekly_digest: Recurrence
    quiet_hours: QuietHours
    meeting_day: Recurrence
    care_visit_every: Duration
    meeting_days: Mapping[str, Recurrence] = field(default_factory=dict)  # a grid's own 议事日 (grid name → rule)
    meeting_notice_at: time = time(9, 0)  # the day before, from this local time on

    def next_care_visit(self, last: datetime, calendar: WorkingCalendar) -> datetime:
        return due_at(last, self.care_visit_every, calendar)

    def meeting_of(self, grid: str) -> Recurrence:
        return self.meeting_days.get(grid, self.meeting_day)

    def meetings_to_announce(self, grids: list[str], local_now: datetime) -> list[tuple[str, date, Recurrence]]:
        """Grids meeting tomorrow, once the notice hour has come today; the caller sends each once.

        Asked on every reminder pass, so a bot that was down at the notice hour still tells the
        grid later the same day, and never on the meeting day itself (too late to plan for).
        """
        if local_now.time() < self.meeting_notice_at:
            return []
        tomorrow = local_now.date() + timedelta(days=1)
        return [(g, tomorrow, self.meeting_of(g)) for g in grids if self.meeting_of(g).matches(tomorrow)]


@dataclass(frozen=True)
class Policy:
    """The whole SLA policy as plain values; `app.policy` builds it from seeds/policy.yaml."""

    clocks: Mapping[str, Mapping[str, Duration | None]]  # triage class (and "urgent") → clock → duration
    categories: Mapping[str, Mapping[str, Duration | None]]  # category code → the clocks it overrides
    ladder: tuple[Tier, ...]
    rungs: Mapping[str, Rung]  # clock → its rung
    calendar: CalendarSpec
    schedule: Schedule

    def duration(self, clock: str, category: str, triage: str, urgent: bool) -> Duration | None:
        """Urgent beats everything; otherwise a category override beats its triage class."""
        if urgent:
            return self.clocks["urgent"][clock]
        override = self.categories.get(category, {})
        return override[clock] if clock in override else self.clocks[triage].get(clock)

    def deadlines(self, start: datetime, category: str, triage: str, urgent: bool,
                  calendar: WorkingCalendar) -> Deadlines:
        """All three clocks from `start`: the report's time, or `now` when a new tier takes the ticket over."""
        def due(name: str) -> datetime | None:
            d = self.duration(name, category, triage, urgent)
            return None if d is None else due_at(start, d, clock_for(urgent, calendar))
        claim, resolve = due("claim"), due("resolve")
        assert claim is not None and resolve is not None  # app.policy.parse requires both
        return Deadlines(claim, due("contact"), resolve)

    def warn_at(self, due: datetime, duration: Duration, rung: Rung, clock: Clock) -> datetime:
        """A share is taken of the clock's own duration: 25% of 3wd is 5¼ working hours before it runs out."""
        if isinstance(rung.warn_before, Duration):
            lead, on_clock = rung.warn_before.span(clock)
        else:
            span, on_clock = duration.span(clock)
            lead = span * rung.warn_before
        return shift(due, -lead, on_clock, clock)

    def above(self, tier: Tier) -> Tier | None:
        return above(tier, self.ladder)

    def live_clocks(self, ticket: Ticket) -> list[tuple[str, datetime]]:
        """The clocks running now: claim while unclaimed; then first contact (until made) and resolve."""
        if not ticket.is_open:
            return []
        if ticket.holder_id is None:
            clocks = [("claim", ticket.claim_due)]
        else:
            contact = [("contact", ticket.contact_due)] if ticket.contacted_at is None else []
            clocks = [*contact, ("resolve", ticket.resolve_due)]
        return [(name, due) for name, due in clocks
                if due is not None and self.duration(name, ticket.category, ticket.triage, ticket.urgent)]

    def _warn_time(self, ticket: Ticket, name: str, due: datetime, calendar: WorkingCalendar) -> datetime:
        duration = self.duration(name, ticket.category, ticket.triage, ticket.urgent)
        assert duration is not None
        return self.warn_at(due, duration, self.rungs[name], clock_for(ticket.urgent, calendar))

    def next_step(self, ticket: Ticket, now: datetime, calendar: WorkingCalendar) -> Step:
        """The first running clock that asks for something: escalate when missed, else warn once.

        A warning is due once per clock: `warned_at` older than this clock's warning time does not count.
        """
        for name, due in self.live_clocks(ticket):
            rung = self.rungs[name]
            if is_overdue(due, now):
                up = self.above(ticket.tier)
                if rung.on_miss is Action.ESCALATE and up:
                    return Step(Action.ESCALATE, name, up)
                continue  # a missed clock that only warns: the next clock still runs
            warn = self._warn_time(ticket, name, due, calendar)
            if now >= warn and (ticket.warned_at is None or ticket.warned_at < warn):
                return Step(Action.WARN, name, ticket.tier)
        return NOTHING


def check_at(policy: Policy, ticket: Ticket, calendar: WorkingCalendar) -> datetime | None:
    """When `next_step` can next change its answer: a clock's warning time, then its deadline.

    Stored on the ticket and indexed, so a sweep reads only the tickets whose moment has come.
    """
    moments = []
    for name, due in policy.live_clocks(ticket):
        warn = policy._warn_time(ticket, name, due, calendar)
        if ticket.warned_at is None or ticket.warned_at < warn:
            moments.append(warn)
        elif policy.rungs[name].on_miss is Action.ESCALATE and policy.above(ticket.tier) is not None:
            moments.append(due)
    return min(moments, default=None)


def restart(policy: Policy, ticket: Ticket, start: datetime, calendar: WorkingCalendar) -> Ticket:
    """Fresh clocks from `start`: on filing, when a new tier takes over, when a ticket is reopened."""
    d = policy.deadlines(start, ticket.category, ticket.triage, ticket.urgent, calendar)
    return replace(ticket, claim_due=d.claim_due, contact_due=d.contact_due, resolve_due=d.resolve_due,
                   warned_at=None, response_due=ticket.response_due or d.claim_due)
