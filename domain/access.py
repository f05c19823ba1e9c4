"""Who may do what to which ticket: checked on the server for every command and button press.

Roles come only from seeds or single-use invites; a role is (name, scope) where scope is
`building:<community>:<n>`, `grid:<name>`, `branch:<name>`, `committee` or `admin`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.org import District
from domain.routing import building_scope
from domain.tickets import Status, Ticket

STAFF_ROLES = ("building_lead", "grid_worker", "branch", "committee")
ROLES = (*STAFF_ROLES, "admin", "group")


@dataclass(frozen=True)
class Role:
    name: str
    scope: str


def covers(role: Role, ticket: Ticket) -> bool:
    """Does this role's area include the ticket's place?"""
    if role.name == "committee":
        return True
    if role.name == "branch":
        return role.scope == f"branch:{ticket.branch}"
    if role.name == "grid_worker":
        return ticket.grid is not None and role.scope == f"grid:{ticket.grid}"
    if role.name == "building_lead":
        p = ticket.place
        return p.building is not None and role.scope == building_scope(p.community, p.building)
    return False


def is_staff_for(roles: Iterable[Role], ticket: Ticket) -> bool:
    return any(covers(r, ticket) for r in roles)


def can_claim(roles: Iterable[Role], ticket: Ticket) -> bool:
    return ticket.status in (Status.ASSIGNED, Status.REOPENED) and is_staff_for(roles, ticket)


def can_work_on(user_id: int, ticket: Ticket) -> bool:
    """Resolve, transfer and escalate belong to the holder alone."""
    return ticket.holder_id == user_id and ticket.status in (Status.CLAIMED, Status.REOPENED)


def is_resident_of(user_id: int, ticket: Ticket) -> bool:
    return ticket.resident_id == user_id


def digest_scope(roles: Iterable[Role]) -> Role | None:
    """The widest supervising role a user holds, for /digest; None when they supervise nothing."""
    order = {"committee": 0, "admin": 1, "branch": 2, "grid_worker": 3}
    best = sorted((r for r in roles if r.name in order), key=lambda r: order[r.name])
    return best[0] if best else None


def parse_scope(role: str, text: str, district: District) -> str | None:
    """Turn the CLI's human scope ('惠泽小区 12', '惠泽一网格', '惠泽社区党委') into a scope key."""
    text = " ".join(text.split())
    if role in ("committee", "admin"):
        return role if text in ("", role, district.committee) else None
    if role == "building_lead":
        name, _, num = text.rpartition(" ")
        c = district.communities.get(name)
        if c and num.isdigit() and c.has_building(int(num)):
            return building_scope(c.name, int(num))
        return None
    if role in ("grid_worker", "group"):
        return f"grid:{text}" if text in district.grids else None
    if role == "branch":
        return f"branch:{text}" if text in district.branches else None
    return None


RANK = {"building_lead": 0, "grid_worker": 1, "branch": 2, "committee": 3}


def rank_for(roles: Iterable[Role], ticket: Ticket) -> int | None:
    """How high this person stands over this ticket (None when it is outside their area)."""
    ranks = [RANK[r.name] for r in roles if r.name in RANK and covers(r, ticket)]
    return max(ranks, default=None)


def is_above(mine: Iterable[Role], holders: Iterable[Role], ticket: Ticket) -> bool:
    """催办 and approving 延期 belong to someone standing above the ticket's holder."""
    me, them = rank_for(mine, ticket), rank_for(holders, ticket)
    return me is not None and me > (them if them is not None else -1)
