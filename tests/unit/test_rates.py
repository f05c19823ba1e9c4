"""The three rates and their arithmetic."""

from __future__ import annotations

from domain.rates import Tally, change, percent


def test_rates_follow_their_definitions() -> None:
    t = Tally(resolved=8, overdue=2, due_claim=10, claimed_in_time=9, rated=5, pleased=4)
    assert (t.response, t.resolution, t.satisfaction) == (0.9, 0.8, 0.8)


def test_a_rate_with_nothing_to_count_is_unknown_not_zero() -> None:
    assert Tally().response is None and percent(Tally().satisfaction) == "—"


def test_tallies_add_up_field_by_field() -> None:
    assert Tally(new=1, rated=2) + Tally(new=3, pleased=1) == Tally(new=4, rated=2, pleased=1)


def test_change_is_shown_in_points() -> None:
    assert (change(0.9, 0.85), change(0.8, 0.9), change(0.5, 0.5), change(None, 0.5)) == ("↑5", "↓10", "→0", "")
