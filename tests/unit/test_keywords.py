"""The cue finder: every occurrence, left to right, longest first, English on word boundaries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.keywords import Cues, expand, literal_prefix, pairs_of

CUES = [("漏水", "water"), ("漏", "water"), ("水管漏水", "water"), ("天没(见|人应)", "help"),
        ("(煤气|天然气)味", "gas"), ("(?<!暖气)漏气", "gas"), ("bin", "sanitation"), ("gas leak", "gas"),
        ("单元门(?!口)", "property"), ("门", "property")]


def found(text: str, cues: list[tuple[str, str]] = CUES) -> list[tuple[int, int, str, str]]:
    return Cues(cues).finditer(text)


def test_every_occurrence_left_to_right_longest_first_at_one_start() -> None:
    assert found("水管漏水了 又漏") == [(0, 4, "水管漏水", "water"), (2, 4, "漏水", "water"),
                                      (2, 3, "漏", "water"), (7, 8, "漏", "water")]


def test_a_regex_cue_sets_its_own_end_and_is_tried_where_its_trigger_is() -> None:
    assert found("三天没人应") == [(1, 5, "天没人应", "help")]
    assert found("单元门口") == [(2, 3, "门", "property")]  # the look-ahead rules 单元门 out
    assert found("单元门坏了") == [(0, 3, "单元门", "property"), (2, 3, "门", "property")]


def test_a_leading_choice_is_one_cue_per_option_and_a_look_behind_is_not_the_trigger() -> None:
    assert expand("(煤气|天然气)味") == ["煤气味", "天然气味"]
    assert literal_prefix("(?<!暖气)漏气") == "漏气"
    assert [h[2] for h in found("天然气味 暖气漏气 又漏气")] == ["天然气味", "漏", "漏气", "漏"]


def test_english_cues_match_whole_words_only() -> None:
    assert found("binhe") == []
    assert found("a bin, full") == [(2, 5, "bin", "sanitation")]
    assert found("cabin") == []
    assert found("gas leak!") == [(0, 8, "gas leak", "gas")]


def test_at_a_tie_a_longer_trigger_comes_before_a_one_character_one_then_as_written() -> None:
    cues = [("门(坏|破)", "a"), ("门坏", "b"), ("门坏", "c")]
    assert found("门坏", cues) == [(0, 2, "门坏", "b"), (0, 2, "门坏", "c"), (0, 2, "门坏", "a")]


def test_no_cues_find_nothing_and_a_cue_must_start_with_text() -> None:
    assert Cues([]).finditer("漏水") == []
    with pytest.raises(ValueError):
        Cues([("(?:漏)", "water")])


def test_pairs_are_each_character_with_the_next() -> None:
    assert pairs_of("漏水了") == ["漏水", "水了", "了 "]


def _brute_force(text: str, cues: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """Every cue tried at every position: slow, obviously right."""
    out = []
    for i in range(len(text)):
        if i and text[i].isascii() and text[i - 1].isascii() and text[i - 1].isalnum():
            continue
        here = []
        for rank, (cue, value) in enumerate(c for entry in cues for c in [(x, entry[1]) for x in expand(entry[0])]):
            m = re.compile(cue).match(text, i)
            if not m:
                continue
            end = m.end()
            if not any(ch in "()|?" for ch in cue) and end < len(text) and cue[-1].isascii() \
                    and cue[-1].isalnum() and text[end].isascii() and text[end].isalnum():
                continue
            here.append((-end, len(literal_prefix(cue)) == 1, rank, (i, end, m.group(), value)))
        out += [h[3] for h in sorted(here)]
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="漏水管天没见人应煤气味暖门单元口 binhegas leak,", max_size=40))
def test_the_finder_agrees_with_trying_every_cue_everywhere(text: str) -> None:
    assert found(text) == _brute_force(text, CUES)
