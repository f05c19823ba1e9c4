"""Who may do what: scopes, claims, the holder's work, supervisors' digests."""

from __future__ import annotations

from dataclasses import replace

from app import seeds
from domain.access import Role, can_claim, can_work_on, covers, digest_scope, parse_scope
from domain.org import Place
from domain.tickets import Status, Ticket

DISTRICT = seeds.district()
TK = Ticket(1, 100, "楼道堆物", "fire_safety", "simple", False, Place("惠泽小区", 12),
            status=Status.ASSIGNED, grid="惠泽一网格", branch="惠泽社区党委")


def test_roles_cover_their_own_area_only() -> None:
    assert covers(Role("building_lead", "building:惠泽小区:12"), TK)
    assert not covers(Role("building_lead", "building:惠泽小区:13"), TK)
    assert covers(Role("grid_worker", "grid:惠泽一网格"), TK)
    assert not covers(Role("grid_worker", "grid:惠泽二网格"), TK)
    assert covers(Role("branch", "branch:惠泽社区党委"), TK)
    assert not covers(Role("branch", "branch:富民社区党委"), TK)
    assert covers(Role("committee", "committee"), TK)
    assert not covers(Role("admin", "admin"), TK)


def test_only_staff_of_the_area_may_claim_an_open_ticket() -> None:
    worker = [Role("grid_worker", "grid:惠泽一网格")]
    assert can_claim(worker, TK)
    assert not can_claim([], TK)
    assert not can_claim([Role("grid_worker", "grid:滨河一网格")], TK)
    assert not can_claim(worker, replace(TK, status=Status.CLOSED))


def test_only_the_holder_works_on_a_claimed_ticket() -> None:
    claimed = replace(TK, status=Status.CLAIMED, holder_id=5)
    assert can_work_on(5, claimed) and not can_work_on(6, claimed)
    assert not can_work_on(5, replace(claimed, status=Status.RESOLVED))


def test_the_widest_supervising_role_is_used_for_the_digest() -> None:
    roles = [Role("grid_worker", "grid:惠泽一网格"), Role("branch", "branch:惠泽社区党委")]
    assert digest_scope(roles) == Role("branch", "branch:惠泽社区党委")
    assert digest_scope([Role("building_lead", "building:惠泽小区:12")]) is None


def test_invite_scopes_are_read_from_plain_words() -> None:
    assert parse_scope("building_lead", "惠泽小区 12", DISTRICT) == "building:惠泽小区:12"
    assert parse_scope("building_lead", "惠泽小区 38", DISTRICT) is None
    assert parse_scope("grid_worker", "惠泽一网格", DISTRICT) == "grid:惠泽一网格"
    assert parse_scope("branch", "富民社区党委", DISTRICT) == "branch:富民社区党委"
    assert parse_scope("committee", "民馨路街道党工委", DISTRICT) == "committee"
    assert parse_scope("grid_worker", "月球网格", DISTRICT) is None


def test_only_someone_above_the_holder_may_nudge_or_decide() -> None:
    from domain.access import is_above, rank_for

    lead, worker = [Role("building_lead", "building:惠泽小区:12")], [Role("grid_worker", "grid:惠泽一网格")]
    branch, outsider = [Role("branch", "branch:惠泽社区党委")], [Role("branch", "branch:富民社区党委")]
    assert (rank_for(lead, TK), rank_for(worker, TK), rank_for(outsider, TK)) == (0, 1, None)
    assert is_above(worker, lead, TK) and is_above(branch, worker, TK)
    assert not is_above(worker, worker, TK) and not is_above(lead, worker, TK)
    assert not is_above(outsider, worker, TK)
