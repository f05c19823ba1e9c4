"""Who is responsible for a ticket first, and who hears about it.

Triage sets the first tier (领办 → building lead, 联办 → grid, 督办 → branch); a place too
vague for a grid starts at the branch (or the committee without a community); urgent
tickets reach every tier at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.org import District, Place
from domain.tickets import Tier

TRIAGE_TIER = {"simple": Tier.BUILDING_LEAD, "joint": Tier.GRID, "major": Tier.BRANCH}


@dataclass(frozen=True)
class Route:
    tier: Tier
    grid: str | None
    branch: str | None
    notify: tuple[Tier, ...]


def route(district: District, place: Place, triage: str, urgent: bool,
          ladder: tuple[Tier, ...] = tuple(Tier)) -> Route:
    """`ladder` is the district's (seeds/policy.yaml): a tier it leaves out never holds a ticket, so
    a first tier below its lowest rung, or between rungs, starts at the next rung up."""
    grid = district.grid_for(place.community, place.building)
    branch = district.branch_for(place.community)
    floor = Tier.BUILDING_LEAD if grid else Tier.BRANCH if branch else Tier.COMMITTEE
    wanted = max(TRIAGE_TIER.get(triage, Tier.GRID), floor)
    tier = next((rung for rung in sorted(ladder) if rung >= wanted), max(ladder, default=wanted))
    notify = tuple(Tier) if urgent else audience_tiers(tier)
    if grid is None:
        notify = tuple(t for t in notify if t >= Tier.BRANCH)
    return Route(tier, grid.name if grid else None, branch, notify)


def audience_tiers(tier: Tier) -> tuple[Tier, ...]:
    """The building lead's tickets also go to the grid's workers: they handle what leads report."""
    return (Tier.BUILDING_LEAD, Tier.GRID) if tier == Tier.BUILDING_LEAD else (tier,)


def scopes_for(tiers: tuple[Tier, ...], place: Place, grid: str | None,
               branch: str | None) -> list[tuple[str, str]]:
    """(role, scope) pairs whose holders form the audience of these tiers."""
    out: list[tuple[str, str]] = []
    for tier in tiers:
        if tier == Tier.BUILDING_LEAD and place.building is not None:
            out.append(("building_lead", building_scope(place.community, place.building)))
        elif tier == Tier.GRID and grid:
            out.append(("grid_worker", f"grid:{grid}"))
        elif tier == Tier.BRANCH and branch:
            out.append(("branch", f"branch:{branch}"))
        elif tier == Tier.COMMITTEE:
            out.append(("committee", "committee"))
    return out


def building_scope(community: str | None, building: int) -> str:
    return f"building:{community}:{building}"
