"""The ticket state machine: every allowed transition works, every other one is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain import tickets as sm
from domain.org import Place
from domain.tickets import ALLOWED, Rating, Status, Ticket, Tier, TransitionError

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def ticket(status: Status = Status.SUBMITTED, **kw: object) -> Ticket:
    base = Ticket(7, 1, "楼道堆物", "fire_safety", "simple", False, Place("惠泽小区", 12),
                  created_at=NOW, updated_at=NOW)
    return replace(base, status=status, **kw)


ACTIONS = {
    "assign": lambda t: sm.assign(t, Tier.GRID, "惠泽一网格", "惠泽社区党委", NOW),
    "claim": lambda t: sm.claim(t, 5, NOW),
    "transfer": lambda t: sm.transfer(t, 5, 6, NOW),
    "escalate": lambda t: sm.escalate(t, 5, NOW, "需要物业配合"),
    "resolve": lambda t: sm.resolve(t, 5, NOW, "已清理"),
    "rate": lambda t: sm.rate(t, 1, Rating.SATISFIED, NOW),
    "withdraw": lambda t: sm.withdraw(t, 1, NOW),
    "merge": lambda t: sm.merge(t, None, 3, NOW),
    "reject": lambda t: sm.reject(t, 5, NOW, "不属于社区职责"),
    "recategorize": lambda t: sm.recategorize(t, 1, "sanitation", "joint", NOW),
    "close": lambda t: sm.close(t, NOW),
    "follow": lambda t: sm.follow(t, 2, NOW, "我家这边也是"),
    "recur": lambda t: sm.recur(t, 1, NOW),
}

EXPECTED_TARGET = {
    "assign": Status.ASSIGNED, "claim": Status.CLAIMED, "transfer": Status.CLAIMED,
    "escalate": Status.ASSIGNED, "resolve": Status.RESOLVED, "rate": Status.CLOSED,
    "withdraw": Status.WITHDRAWN, "merge": Status.MERGED, "reject": Status.REJECTED,
    "close": Status.CLOSED, "recur": Status.REOPENED,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("status", list(Status))
def test_each_action_is_allowed_exactly_from_its_listed_statuses(action: str, status: Status) -> None:
    t = ticket(status, holder_id=5)
    if status in ALLOWED[action]:
        new, event = ACTIONS[action](t)
        assert new.status == EXPECTED_TARGET.get(action, status)
        assert event.ticket_id == 7 and event.at == NOW
    else:
        with pytest.raises(TransitionError):
            ACTIONS[action](t)


def test_every_action_in_the_table_has_a_test() -> None:
    assert set(ACTIONS) == set(ALLOWED)


def test_claim_records_the_holder_and_time() -> None:
    new, event = sm.claim(ticket(Status.ASSIGNED), 5, NOW)
    assert (new.holder_id, new.claimed_at, event.kind, event.actor_id) == (5, NOW, "claimed", 5)


def test_escalation_climbs_one_tier_and_frees_the_ticket() -> None:
    new, event = sm.escalate(ticket(Status.CLAIMED, holder_id=5, tier=Tier.GRID), 5, NOW, "物业不配合")
    assert new.tier == Tier.BRANCH and new.holder_id is None and new.status == Status.ASSIGNED
    assert event.note == "物业不配合"


def test_the_committee_is_the_last_tier() -> None:
    with pytest.raises(TransitionError):
        sm.escalate(ticket(Status.ASSIGNED, tier=Tier.COMMITTEE), None, NOW, "超时")


def test_escalation_skips_the_tiers_a_districts_ladder_leaves_out() -> None:
    new, _ = sm.escalate(ticket(Status.ASSIGNED, tier=Tier.GRID), None, NOW, "超时", (Tier.GRID, Tier.COMMITTEE))
    assert new.tier == Tier.COMMITTEE


def test_a_tier_missing_from_the_ladder_climbs_to_the_next_rung_above_it() -> None:
    ladder = (Tier.GRID, Tier.COMMITTEE)
    assert sm.above(Tier.BUILDING_LEAD, ladder) is Tier.GRID and sm.above(Tier.BRANCH, ladder) is Tier.COMMITTEE
    new, _ = sm.escalate(ticket(Status.CLAIMED, holder_id=5, tier=Tier.BRANCH), 5, NOW, "需要街道协调", ladder)
    assert new.tier == Tier.COMMITTEE


def test_a_ladder_without_the_committee_ends_at_its_own_top() -> None:
    with pytest.raises(TransitionError):
        sm.escalate(ticket(Status.ASSIGNED, tier=Tier.BRANCH), None, NOW, "超时",
                    (Tier.BUILDING_LEAD, Tier.GRID, Tier.BRANCH))


def test_without_a_ladder_every_tier_is_a_rung() -> None:
    assert [sm.above(t) for t in Tier] == [Tier.GRID, Tier.BRANCH, Tier.COMMITTEE, None]


def test_unsatisfied_reopens_to_the_same_worker() -> None:
    t = ticket(Status.RESOLVED, holder_id=5, resolved_at=NOW)
    new, event = sm.rate(t, 1, Rating.UNSATISFIED, NOW, "还是堆着")
    assert new.status == Status.REOPENED and new.holder_id == 5 and new.rating == Rating.UNSATISFIED
    assert event.kind == "rated_unsatisfied"


def test_mostly_satisfied_closes() -> None:
    new, _ = sm.rate(ticket(Status.RESOLVED, holder_id=5), 1, Rating.MOSTLY, NOW)
    assert new.status == Status.CLOSED and new.closed_at == NOW


def test_a_ticket_cannot_be_handed_to_its_own_holder() -> None:
    with pytest.raises(TransitionError):
        sm.transfer(ticket(Status.CLAIMED, holder_id=5), 5, 5, NOW)


def test_a_ticket_cannot_be_merged_into_itself() -> None:
    with pytest.raises(TransitionError):
        sm.merge(ticket(Status.ASSIGNED), None, 7, NOW)


def test_following_counts_one_more_affected_resident_and_keeps_their_words() -> None:
    new, event = sm.follow(ticket(Status.CLAIMED, holder_id=5), 2, NOW, "我家门口也堆着")
    assert new.affected == 2 and new.status == Status.CLAIMED
    assert (event.kind, event.actor_id, event.note) == ("followed", 2, "我家门口也堆着")


def test_open_and_final_statuses_do_not_overlap() -> None:
    assert not (sm.OPEN & sm.FINAL)
    assert ticket(Status.REOPENED).is_open and not ticket(Status.CLOSED).is_open
