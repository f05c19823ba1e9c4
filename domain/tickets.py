"""A ticket's life as a pure state machine; every change yields an event for the append-only log.

submitted → assigned → claimed → resolved → closed, plus reopened, withdrawn, merged and
rejected. The escalation tier moves separately, up the district's ladder (building lead → grid →
branch → committee, or some of them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import IntEnum, StrEnum

from domain.org import Place


class Status(StrEnum):
    SUBMITTED = "submitted"
    ASSIGNED = "assigned"
    CLAIMED = "claimed"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    REJECTED = "rejected"


class Tier(IntEnum):
    """Escalation tiers, lowest first: 楼栋长上报、网格员处理、党小组调度、大党委兜底."""

    BUILDING_LEAD = 0
    GRID = 1
    BRANCH = 2
    COMMITTEE = 3


LADDER: tuple[Tier, ...] = tuple(Tier)  # every tier; a district's policy may leave some out


def above(tier: Tier, ladder: tuple[Tier, ...] = LADDER) -> Tier | None:
    """The next rung up this ladder (a district may skip tiers), None at its top."""
    return next((t for t in ladder if t > tier), None)


class Rating(StrEnum):
    SATISFIED = "satisfied"
    MOSTLY = "mostly"
    UNSATISFIED = "unsatisfied"


OPEN = frozenset({Status.SUBMITTED, Status.ASSIGNED, Status.CLAIMED, Status.REOPENED})
FINAL = frozenset({Status.CLOSED, Status.WITHDRAWN, Status.MERGED, Status.REJECTED})


class TransitionError(Exception):
    """An action that the ticket's current state does not allow."""

    def __init__(self, action: str, status: Status) -> None:
        super().__init__(f"cannot {action} a ticket that is {status}")
        self.action = action
        self.status = status


@dataclass(frozen=True)
class Ticket:
    id: int | None
    resident_id: int
    text: str
    category: str
    triage: str
    urgent: bool
    place: Place
    status: Status = Status.SUBMITTED
    tier: Tier = Tier.BUILDING_LEAD
    grid: str | None = None
    branch: str | None = None
    holder_id: int | None = None
    rating: Rating | None = None
    affected: int = 1  # residents who reported it: the reporter plus followers
    created_at: datetime | None = None
    updated_at: datetime | None = None
    claimed_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    rated_at: datetime | None = None
    claim_due: datetime | None = None  # 限时办结: when the current tier must have claimed it
    response_due: datetime | None = None  # the first claim deadline, kept for 响应率 when clocks restart
    resolve_due: datetime | None = None  # when the holder must have resolved it
    contact_due: datetime | None = None  # when the holder must have contacted the resident
    contacted_at: datetime | None = None
    warned_at: datetime | None = None  # the holder was warned of the coming deadline
    check_at: datetime | None = None  # when the sweep must look at it next (indexed)
    care_id: int | None = None  # a 走访 (care visit) task rather than a resident's report

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class Event:
    """One line of the append-only log: who did what to which ticket, when, and why."""

    ticket_id: int | None
    actor_id: int | None
    kind: str
    at: datetime
    note: str = ""


# action -> statuses it may start from
ALLOWED: dict[str, frozenset[Status]] = {
    "assign": frozenset({Status.SUBMITTED}),
    "claim": frozenset({Status.ASSIGNED, Status.REOPENED}),
    "transfer": frozenset({Status.CLAIMED, Status.REOPENED}),
    "escalate": frozenset({Status.ASSIGNED, Status.CLAIMED, Status.REOPENED}),
    "resolve": frozenset({Status.CLAIMED, Status.REOPENED}),
    "rate": frozenset({Status.RESOLVED}),
    "withdraw": frozenset({Status.SUBMITTED, Status.ASSIGNED, Status.CLAIMED, Status.REOPENED}),
    "merge": frozenset({Status.SUBMITTED, Status.ASSIGNED}),
    "reject": frozenset({Status.SUBMITTED, Status.ASSIGNED, Status.CLAIMED, Status.REOPENED}),
    "recategorize": frozenset({Status.SUBMITTED, Status.ASSIGNED}),
    "close": frozenset({Status.RESOLVED}),
    "follow": frozenset({Status.SUBMITTED, Status.ASSIGNED, Status.CLAIMED, Status.REOPENED}),
    "recur": frozenset({Status.CLOSED}),
}


def _check(ticket: Ticket, action: str) -> None:
    if ticket.status not in ALLOWED[action]:
        raise TransitionError(action, ticket.status)


def _event(ticket: Ticket, actor: int | None, kind: str, now: datetime, note: str = "") -> Event:
    return Event(ticket.id, actor, kind, now, note)


def assign(t: Ticket, tier: Tier, grid: str | None, branch: str | None, now: datetime,
           place: Place | None = None) -> tuple[Ticket, Event]:
    """Routing has found who is responsible: the ticket waits for a claim."""
    _check(t, "assign")
    new = replace(t, status=Status.ASSIGNED, tier=tier, grid=grid, branch=branch,
                  place=place or t.place, updated_at=now)
    return new, _event(new, None, "assigned", now, f"tier={tier.name.lower()}")


def claim(t: Ticket, actor: int, now: datetime) -> tuple[Ticket, Event]:
    _check(t, "claim")
    new = replace(t, status=Status.CLAIMED, holder_id=actor, claimed_at=now, updated_at=now)
    return new, _event(new, actor, "claimed", now)


def transfer(t: Ticket, actor: int, to: int, now: datetime, note: str = "") -> tuple[Ticket, Event]:
    _check(t, "transfer")
    if to == t.holder_id:
        raise TransitionError("transfer to the holder", t.status)
    new = replace(t, status=Status.CLAIMED, holder_id=to, updated_at=now)
    return new, _event(new, actor, "transferred", now, note or f"to={to}")


def escalate(t: Ticket, actor: int | None, now: datetime, reason: str,
             ladder: tuple[Tier, ...] = LADDER) -> tuple[Ticket, Event]:
    """One rung up the district's ladder (so a skipped tier is never asked); the ticket is unclaimed
    again so the new tier can dispatch it."""
    _check(t, "escalate")
    up = above(t.tier, ladder)
    if up is None:
        raise TransitionError("escalate above the top of the ladder", t.status)
    new = replace(t, status=Status.ASSIGNED, tier=up, holder_id=None, updated_at=now)
    return new, _event(new, actor, "escalated", now, reason)


def resolve(t: Ticket, actor: int, now: datetime, note: str) -> tuple[Ticket, Event]:
    _check(t, "resolve")
    new = replace(t, status=Status.RESOLVED, resolved_at=now, updated_at=now)
    return new, _event(new, actor, "resolved", now, note)


def rate(t: Ticket, actor: int, rating: Rating, now: datetime, note: str = "") -> tuple[Ticket, Event]:
    """满意/基本满意 close the ticket; 不满意 reopens it to the same worker."""
    _check(t, "rate")
    if rating is Rating.UNSATISFIED:
        new = replace(t, status=Status.REOPENED, rating=rating, rated_at=now, resolved_at=None,
                      updated_at=now)
    else:
        new = replace(t, status=Status.CLOSED, rating=rating, rated_at=now, closed_at=now,
                      updated_at=now)
    return new, _event(new, actor, f"rated_{rating.value}", now, note)


def withdraw(t: Ticket, actor: int, now: datetime) -> tuple[Ticket, Event]:
    _check(t, "withdraw")
    new = replace(t, status=Status.WITHDRAWN, closed_at=now, updated_at=now)
    return new, _event(new, actor, "withdrawn", now)


def merge(t: Ticket, actor: int | None, into: int, now: datetime) -> tuple[Ticket, Event]:
    _check(t, "merge")
    if into == t.id:
        raise TransitionError("merge into itself", t.status)
    new = replace(t, status=Status.MERGED, closed_at=now, updated_at=now)
    return new, _event(new, actor, "merged", now, f"into=#{into}")


def reject(t: Ticket, actor: int, now: datetime, reason: str) -> tuple[Ticket, Event]:
    _check(t, "reject")
    new = replace(t, status=Status.REJECTED, closed_at=now, updated_at=now)
    return new, _event(new, actor, "rejected", now, reason)


def recategorize(t: Ticket, actor: int, category: str, triage: str,
                 now: datetime) -> tuple[Ticket, Event]:
    """The resident corrects the category before anyone has claimed the ticket."""
    _check(t, "recategorize")
    new = replace(t, category=category, triage=triage, updated_at=now)
    return new, _event(new, actor, "recategorized", now, f"{t.category}->{category}")


def close(t: Ticket, now: datetime) -> tuple[Ticket, Event]:
    """Closed without a rating (the resident never answered)."""
    _check(t, "close")
    new = replace(t, status=Status.CLOSED, closed_at=now, updated_at=now)
    return new, _event(new, None, "closed", now)


def follow(t: Ticket, actor: int, now: datetime, words: str) -> tuple[Ticket, Event]:
    """Another resident reports the same problem: one more affected, their words kept."""
    _check(t, "follow")
    new = replace(t, affected=t.affected + 1, updated_at=now)
    return new, _event(new, actor, "followed", now, words)


def recur(t: Ticket, actor: int, now: datetime) -> tuple[Ticket, Event]:
    """"问题还在吗？" — "还在": the closed ticket goes back to the worker who closed it."""
    _check(t, "recur")
    new = replace(t, status=Status.REOPENED, closed_at=None, resolved_at=None, updated_at=now)
    return new, _event(new, actor, "recurred", now)
