"""The three rates supervisors are judged on: 响应率, 解决率, 满意率. None when nothing counts yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Tally:
    """Counts for one area and one period (a day, a week)."""

    new: int = 0
    claimed: int = 0
    resolved: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0  # open and past the resolution deadline now
    due_claim: int = 0  # claim deadlines that fell in the period
    claimed_in_time: int = 0
    rated: int = 0
    pleased: int = 0  # 满意 + 基本满意
    unsatisfied: int = 0

    @property
    def response(self) -> float | None:
        """Claimed in time ÷ due to be claimed."""
        return _ratio(self.claimed_in_time, self.due_claim)

    @property
    def resolution(self) -> float | None:
        """Resolved ÷ (resolved + open past deadline)."""
        return _ratio(self.resolved, self.resolved + self.overdue)

    @property
    def satisfaction(self) -> float | None:
        """(满意 + 基本满意) ÷ rated."""
        return _ratio(self.pleased, self.rated)

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


@dataclass(frozen=True)
class DayCount:
    """Tickets opened and resolved on one calendar day."""

    day: date
    new: int
    resolved: int


@dataclass(frozen=True)
class GridRates:
    """A grid's three rates as fractions 0..1; None when there was nothing to rate."""

    grid: str
    response: float | None
    resolution: float | None
    satisfaction: float | None


def _fields(t: Tally) -> tuple[int, ...]:
    return tuple(getattr(t, f) for f in Tally.__dataclass_fields__)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def change(now: float | None, before: float | None) -> str:
    """A rate's move since the previous period, in points: ↑5 / ↓3 / →0 (blank when unknown)."""
    if now is None or before is None:
        return ""
    points = round((now - before) * 100)
    return f"↑{points}" if points > 0 else f"↓{-points}" if points < 0 else "→0"
