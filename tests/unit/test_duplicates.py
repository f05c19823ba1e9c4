"""Telling a second report of the same problem from a new problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.duplicates import best_match, matches, similarity
from domain.org import Place
from domain.tickets import Status, Ticket

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
OPEN = Ticket(5, 1, "惠泽小区12号楼楼道里堆满了纸箱子", "fire_safety", "simple", False,
              Place("惠泽小区", 12, 3), status=Status.ASSIGNED, created_at=NOW - timedelta(hours=5))
LAMP = Ticket(6, 1, "惠泽小区3号楼门口的路灯不亮了", "lighting", "simple", False,
              Place("惠泽小区", 3), status=Status.ASSIGNED, created_at=NOW - timedelta(hours=1))


def test_similar_words_score_higher_than_unrelated_ones() -> None:
    assert similarity("楼道里堆满了纸箱子", "12号楼楼道堆着好多纸箱子") > 0.3
    assert similarity("楼道里堆满了纸箱子", "暖气不热") == 0.0
    assert similarity("", "anything") == 0.0


def test_the_same_problem_in_the_same_building_matches() -> None:
    assert matches("12号楼楼道堆着好多纸箱子 没人管", Place("惠泽小区", 12), "fire_safety", False, OPEN, NOW)


def test_another_building_is_another_problem_indoors() -> None:
    assert not matches("楼道里堆满了纸箱子", Place("惠泽小区", 13), "fire_safety", False, OPEN, NOW)


def test_outdoors_the_same_community_is_enough() -> None:
    assert matches("小区路灯不亮了 晚上黑", Place("惠泽小区", 20), "lighting", True, LAMP, NOW)
    assert not matches("小区路灯不亮了", Place("瑞兴小区"), "lighting", True, LAMP, NOW)


def test_another_category_closed_tickets_and_old_ones_do_not_match() -> None:
    text, place = "楼道里堆满了纸箱子", Place("惠泽小区", 12)
    assert not matches(text, place, "sanitation", False, OPEN, NOW)
    assert not matches(text, place, "fire_safety", False, replace(OPEN, status=Status.CLOSED), NOW)
    assert not matches(text, place, "fire_safety", False, OPEN, NOW + timedelta(hours=70))


def test_the_most_similar_candidate_wins() -> None:
    other = replace(OPEN, id=9, text="惠泽小区12号楼楼道有人放了辆自行车")
    found = best_match("楼道里堆满纸箱子了", Place("惠泽小区", 12), "fire_safety", False, [other, OPEN], NOW)
    assert found is not None and found.id == 5
