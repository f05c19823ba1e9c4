"""Routing and triage: who is responsible first, and who hears about a ticket."""

from __future__ import annotations

import pytest

from app import seeds
from domain.org import Place
from domain.routing import route, scopes_for
from domain.tickets import Tier

DISTRICT = seeds.district()


@pytest.mark.parametrize(("triage", "tier"), [
    ("simple", Tier.BUILDING_LEAD), ("joint", Tier.GRID), ("major", Tier.BRANCH)])
def test_triage_sets_the_first_tier(triage: str, tier: Tier) -> None:
    r = route(DISTRICT, Place("惠泽小区", 12), triage, urgent=False)
    assert r.tier == tier
    assert (r.grid, r.branch) == ("惠泽一网格", "惠泽社区党委")


def test_a_building_leads_ticket_also_reaches_the_grid_workers() -> None:
    r = route(DISTRICT, Place("惠泽小区", 12), "simple", urgent=False)
    assert r.notify == (Tier.BUILDING_LEAD, Tier.GRID)


@pytest.mark.parametrize(("community", "building", "grid"), [
    ("惠泽小区", 13, "惠泽二网格"), ("惠泽小区", 37, "惠泽三网格"), ("滨河第一城", 9, "滨河一网格"),
    ("瑞兴小区", 1, "富民二网格"), ("东阳物流小区", 8, "富民一网格")])
def test_a_building_goes_to_its_grid(community: str, building: int, grid: str) -> None:
    assert route(DISTRICT, Place(community, building), "joint", False).grid == grid


def test_a_community_without_a_building_goes_to_its_branch() -> None:
    r = route(DISTRICT, Place("万泉佳苑"), "simple", urgent=False)
    assert (r.tier, r.grid, r.branch, r.notify) == (Tier.BRANCH, None, "万泉佳苑社区党委", (Tier.BRANCH,))


def test_no_place_at_all_goes_to_the_committee() -> None:
    assert route(DISTRICT, Place(), "simple", urgent=False).tier == Tier.COMMITTEE


def test_urgent_tickets_reach_every_tier_at_once() -> None:
    r = route(DISTRICT, Place("滨河第一城", 9), "joint", urgent=True)
    assert r.notify == tuple(Tier)


def test_scopes_name_the_building_lead_grid_branch_and_committee() -> None:
    pairs = scopes_for(tuple(Tier), Place("惠泽小区", 12), "惠泽一网格", "惠泽社区党委")
    assert pairs == [("building_lead", "building:惠泽小区:12"), ("grid_worker", "grid:惠泽一网格"),
                     ("branch", "branch:惠泽社区党委"), ("committee", "committee")]


def test_every_category_has_a_known_triage() -> None:
    cats = seeds.categories()
    assert len(cats) == 17
    assert {c.triage for c in cats.values()} <= {"simple", "joint", "major"}


@pytest.mark.parametrize(("ladder", "triage", "tier"), [
    ((Tier.GRID, Tier.BRANCH, Tier.COMMITTEE), "simple", Tier.GRID),  # no building leads in this district
    ((Tier.GRID, Tier.COMMITTEE), "major", Tier.COMMITTEE),  # no branch rung: a 督办 starts at the committee
    ((Tier.BUILDING_LEAD, Tier.GRID), "major", Tier.GRID),  # nothing above the grid: the top rung holds it
])
def test_a_ticket_starts_on_a_rung_of_the_districts_ladder(ladder: tuple[Tier, ...], triage: str,
                                                            tier: Tier) -> None:
    assert route(DISTRICT, Place("惠泽小区", 12), triage, urgent=False, ladder=ladder).tier == tier
