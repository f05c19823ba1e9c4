"""The working calendar (工作日历): which days are worked, in which hours, and how to add working time.
Also the other "when" of the policy: recurring rules (digests, meeting days) and residents' quiet hours.

Shaped like FixMyStreet's WorkingDays: a small pure object with the days passed in. The official
holidays and adjusted working weekends (调休) come from the caller (the app asks chinese-calendar),
the local extra days from seeds. For a year with no official data it falls back to weekends plus
the seeds' fixed-date holidays and records the year, so the app can tell the admins once.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Protocol

_MAX_DAYS = 3660  # a calendar with no working time within ten years is a broken calendar
_DAY = timedelta(days=1)


class Clock(Protocol):
    """What the SLA clock needs from a calendar: how long a working day is, and how to add working time."""

    @property
    def day_length(self) -> timedelta: ...

    def add(self, start: datetime, delta: timedelta) -> datetime: ...


class WallClock:
    """Urgent tickets run 24/7: every moment is working time and a working day lasts 24 hours."""

    day_length = _DAY

    def add(self, start: datetime, delta: timedelta) -> datetime:
        return start + delta


WALL_CLOCK = WallClock()


def parse_time(text: str) -> time:
    """"08:30" → 08:30; a clear ValueError for anything else."""
    try:
        hour, minute = str(text).strip().split(":")
        return time(int(hour), int(minute))
    except ValueError:
        raise ValueError(f"bad time of day {text!r}: write HH:MM, e.g. 08:30") from None


def parse_window(text: str) -> tuple[time, time]:
    """"22:00-07:00" → (22:00, 07:00); the window may cross midnight."""
    start, sep, end = str(text).partition("-")
    if not sep:
        raise ValueError(f"bad time window {text!r}: write HH:MM-HH:MM, e.g. 08:30-12:00")
    return parse_time(start), parse_time(end)


@dataclass(frozen=True)
class CalendarSpec:
    """The seeds' part of the calendar: working hours, local extra days, and the fallback holidays."""

    hours: tuple[tuple[time, time], ...] = ((time(8, 30), time(12)), (time(14), time(17, 30)))
    local_holidays: frozenset[date] = frozenset()
    local_workdays: frozenset[date] = frozenset()
    fallback_holidays: frozenset[tuple[int, int]] = frozenset()  # (month, day), for unknown years only

    def __post_init__(self) -> None:
        if not self.hours:
            raise ValueError("working hours are empty: list at least one window such as 08:30-12:00")
        ends = [t for window in self.hours for t in window]
        if ends != sorted(ends) or any(a == b for a, b in self.hours):
            raise ValueError("working hours must be non-empty windows in order, on one day, not overlapping")
        if clash := self.local_holidays & self.local_workdays:
            raise ValueError(f"{min(clash)} is both a local holiday and a local working day")


@dataclass
class WorkingCalendar:
    """Working days and hours in one time zone; `add` walks working time forwards or backwards."""

    tz: tzinfo
    spec: CalendarSpec = field(default_factory=CalendarSpec)
    holidays: frozenset[date] = frozenset()  # official days off (weekends inside a holiday too)
    workdays: frozenset[date] = frozenset()  # official adjusted working weekends (调休)
    known_years: frozenset[int] = frozenset()  # years the official data covers
    _fell_back: set[int] = field(default_factory=set, repr=False, compare=False)

    @property
    def day_length(self) -> timedelta:
        return sum((datetime.combine(date.min, b) - datetime.combine(date.min, a) for a, b in self.spec.hours),
                   timedelta())

    @property
    def unknown_years(self) -> frozenset[int]:
        """Years asked about that the official data does not cover: tell the admins, upgrade the package."""
        return frozenset(self._fell_back)

    def is_workday(self, day: date) -> bool:
        """Local seeds win, then the official table; an unknown year gets weekends and fixed-date holidays."""
        if day in self.spec.local_workdays:
            return True
        if day in self.spec.local_holidays:
            return False
        if day.year in self.known_years:
            return day in self.workdays or (day.weekday() < 5 and day not in self.holidays)
        self._fell_back.add(day.year)
        return day.weekday() < 5 and (day.month, day.day) not in self.spec.fallback_holidays

    def add(self, start: datetime, delta: timedelta) -> datetime:
        """`start` plus `delta` of working time (minus, when negative), in the calendar's zone."""
        forward, left = delta >= timedelta(), abs(delta)
        if not left:
            return start.astimezone(self.tz)
        for a, b in self._segments(start.astimezone(self.tz), forward):
            if left <= b - a:
                return a + left if forward else b - left
            left -= b - a
        raise AssertionError("unreachable: _segments raises when it runs out")

    def _segments(self, t: datetime, forward: bool) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals after `t` in time order (or before it, latest first), clipped at `t`."""
        day, step = t.date(), _DAY if forward else -_DAY
        for _ in range(_MAX_DAYS):
            if self.is_workday(day):
                for open_, close in self.spec.hours if forward else reversed(self.spec.hours):
                    a = datetime.combine(day, open_, self.tz)
                    b = datetime.combine(day, close, self.tz)
                    a, b = (max(a, t), b) if forward else (a, min(b, t))
                    if a < b:
                        yield a, b
            day += step
        raise ValueError("no working time within ten years: check the working hours and local holidays")


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": -1}
_RULE_HELP = "write 'daily 08:30', 'weekly mon 08:30', 'monthly 4 19:00' or 'monthly 2nd wed 19:00'"


@dataclass(frozen=True)
class Recurrence:
    """A cron-like rule that reads like the office says it: daily, weekly on a day, monthly on a date or
    on the nth weekday. A monthly date past the month's end falls on its last day (31 → 30 April)."""

    at: time
    weekday: int | None = None  # 0 = Monday
    day: int | None = None  # day of month
    nth: int | None = None  # with weekday: 1..4, or -1 for the last one

    @classmethod
    def parse(cls, text: str) -> Recurrence:
        try:
            kind, *rest, at_text = str(text).lower().split()
            at = parse_time(at_text)
            if kind == "daily" and not rest:
                return cls(at)
            if kind == "weekly" and len(rest) == 1:
                return cls(at, WEEKDAYS.index(rest[0]))
            if kind == "monthly" and len(rest) == 1 and 1 <= int(rest[0]) <= 31:
                return cls(at, day=int(rest[0]))
            if kind == "monthly" and len(rest) == 2 and rest[0] in ORDINALS:
                return cls(at, WEEKDAYS.index(rest[1]), nth=ORDINALS[rest[0]])
        except ValueError:
            pass
        raise ValueError(f"bad rule {text!r}: {_RULE_HELP}")

    def matches(self, day: date) -> bool:
        if self.day is not None:
            return day.day == min(self.day, monthrange(day.year, day.month)[1])
        if self.weekday is not None and day.weekday() != self.weekday:
            return False
        if self.nth == -1:
            return (day + timedelta(days=7)).month != day.month
        return self.nth is None or (day.day - 1) // 7 + 1 == self.nth

    def next_after(self, after: datetime, tz: tzinfo) -> datetime:
        """The first occurrence strictly after `after`, in `after`'s zone; the rule is read in `tz`."""
        local = after.astimezone(tz)
        day = local.date()
        while True:  # every rule matches within 62 days
            at = datetime.combine(day, self.at, tz)
            if at > local and self.matches(day):
                return at.astimezone(after.tzinfo)
            day += _DAY


@dataclass(frozen=True)
class QuietHours:
    """Residents are not messaged at night unless it is urgent; start == end means no quiet hours."""

    start: time = time(22)
    end: time = time(7)

    def release_time(self, now: datetime, urgent: bool, tz: tzinfo) -> datetime:
        """When a message produced at `now` may go out: now, or the end of the quiet window."""
        local = now.astimezone(tz)
        t, today = local.time(), local.date()
        if urgent or self.start == self.end:
            return now
        if self.start < self.end:
            quiet, day = self.start <= t < self.end, today
        else:  # crosses midnight
            quiet, day = t >= self.start or t < self.end, today + _DAY if t >= self.start else today
        return datetime.combine(day, self.end, tz).astimezone(now.tzinfo) if quiet else now
