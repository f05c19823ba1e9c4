"""The org tree from seeds, and how places are validated and completed."""

from __future__ import annotations

from app import seeds
from domain.org import Place

DISTRICT = seeds.district()


def test_the_demo_district_has_its_communities_grids_and_branches() -> None:
    assert len(DISTRICT.communities) == 6 and len(DISTRICT.grids) == 11
    assert len(DISTRICT.branches) == 4
    assert DISTRICT.branch_for("瑞兴小区") == "富民社区党委"


def test_a_building_outside_the_community_is_not_that_building() -> None:
    assert DISTRICT.validate(Place("瑞兴小区", 11, 2)) == Place("瑞兴小区")
    assert DISTRICT.validate(Place("瑞兴小区", 10, 2)) == Place("瑞兴小区", 10, 2)
    assert DISTRICT.validate(Place("火星小区", 1)) == Place()


def test_a_message_place_is_completed_by_home_only_where_it_is_silent() -> None:
    home = Place("万泉佳苑", 5, 2, "301")
    assert Place().completed_by(home) == home
    assert Place(None, 12).completed_by(home) == Place("万泉佳苑", 12)
    assert Place("惠泽小区").completed_by(home) == Place("惠泽小区")


def test_labels_read_naturally() -> None:
    assert Place("惠泽小区", 12, 3, "501").label() == "惠泽小区12号楼3单元501室"
    assert Place("惠泽小区", 12, None, "501").label("Huize Estate") == "Huize Estate, building 12, room 501"
