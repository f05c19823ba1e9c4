"""The sender's pace (domain/pace.py) on a clock the test moves: no sleeping, no timings."""

from __future__ import annotations

from itertools import pairwise

import pytest

from domain.pace import TELEGRAM, Pace, Rate, SendLimits

ALICE, BOB, GROUP = 1, 2, -100


def sent_within(pace: Pace, chat_id: int, start: float, end: float, step: float = 0.001) -> list[float]:
    """Send to `chat_id` whenever the pace allows, from `start` to `end`; when each went."""
    out, now = [], start
    while now < end:
        at = pace.ready_at(chat_id, now)
        if at <= now:
            pace.take(chat_id, now)
            out.append(now)
        now = max(now + step, min(at, end)) if at > now else now
    return out


def test_telegrams_limits_with_bursts_below_what_it_tolerates() -> None:
    assert TELEGRAM.overall == Rate(30.0, 3.0)
    assert TELEGRAM.private == Rate(1.0, 2.0)
    assert TELEGRAM.group.per_second == pytest.approx(20 / 60) and TELEGRAM.group.burst == 3.0


def test_a_private_chat_gets_its_burst_then_one_a_second() -> None:
    pace = Pace(TELEGRAM)
    times = sent_within(pace, ALICE, 0.0, 10.0)
    assert times[:2] == [0.0, 0.0]
    assert len(times) == 2 + 9  # the burst, then one per second for the 9 seconds after the first
    assert all(b - a == pytest.approx(1.0, abs=0.002) for a, b in pairwise(times[2:]))


def test_a_group_gets_twenty_a_minute() -> None:
    pace = Pace(TELEGRAM)
    times = sent_within(pace, GROUP, 0.0, 60.0, step=0.01)
    assert len(times) == 3 + 19  # three at once, then one every 3 s


def test_many_chats_together_are_held_to_the_overall_rate() -> None:
    pace = Pace(TELEGRAM)
    now, sent, chat = 0.0, 0, 1000
    while now < 10.0:
        if pace.ready_at(chat, now) <= now:
            pace.take(chat, now)
            sent, chat = sent + 1, chat + 1
        else:
            now = pace.ready_at(chat, now)
    assert sent == pytest.approx(3 + 30 * 10, abs=1)


def test_one_full_chat_does_not_hold_another() -> None:
    pace = Pace(TELEGRAM)
    for _ in range(2):
        pace.take(ALICE, 0.0)
    assert pace.ready_at(ALICE, 0.0) == pytest.approx(1.0)
    assert pace.ready_at(BOB, 0.0) == 0.0


def test_a_429_holds_its_chat_and_hold_all_holds_everyone() -> None:
    pace = Pace(TELEGRAM)
    pace.hold(ALICE, 5.0, now=0.0)
    assert pace.ready_at(ALICE, 1.0) == 5.0 and pace.ready_at(BOB, 1.0) == 1.0
    pace.hold_all(7.0, now=1.0)
    assert pace.ready_at(BOB, 1.0) == 7.0 and pace.ready_at(ALICE, 8.0) == 8.0


def test_chats_whose_buckets_are_full_again_are_forgotten() -> None:
    pace = Pace(SendLimits(Rate(1000, 1000), Rate(1, 2), Rate(1, 2)))
    for chat in range(1, 501):
        pace.take(chat, 0.0)
    assert len(pace.chats) == 500
    pace.prune(now=0.5)
    assert len(pace.chats) == 500  # half a token back: not full yet
    pace.prune(now=1.0)
    assert pace.chats == {}


def test_a_rate_needs_a_positive_pace_and_room_for_one() -> None:
    with pytest.raises(ValueError, match="per_second"):
        Rate(0)
    with pytest.raises(ValueError, match="burst"):
        Rate(1, 0.5)
