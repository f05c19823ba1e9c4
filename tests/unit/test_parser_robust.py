"""No input makes the parser raise or stall: any unicode, empty, up to 10,000 characters.

The issue's bound is 50 ms a message. Time is the CPU time of this thread (time.thread_time),
not the wall clock, so other processes on a busy 2-core machine cannot fail it; after one warm-up
parse of the same text, best of three (a garbage-collection pause can land in any one run; a slow
input is slow every time). Only this file asserts a time, as the issue asks, and the bound is
generous: the worst 10,000-character message we found takes about 20 ms of CPU here.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.parse_cli import build_parser
from domain.org import Place
from domain.parser import Parsed, Parser

LIMIT = 0.050  # seconds, from issue 3
# characters the parser reacts to, so random text reaches its regexes and not only its fast path
TRIGGERS = ("惠泽瑞兴万泉民馨滨河物流小区家园佳苑一城社区12345678900-#_.单元室号楼栋幢门层"
            "十二三四五六七八九零两着火煤气味电梯里面困被电淹摔倒打人天没见老人先把还有主要是"
            "fire gas lift building unit room trapped huize 暖氣樓 　１２ａ\t\r\n()[]{}*+?\\|^$")

any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
trigger_text = st.text(alphabet=TRIGGERS, max_size=2_000)
long_text = st.builds(lambda unit, n: (unit * n)[:10_000],
                      st.text(alphabet=TRIGGERS, min_size=1, max_size=40), st.integers(1, 10_000))
inputs = st.one_of(st.just(""), any_text, trigger_text, long_text)


@pytest.fixture(scope="module")
def parser() -> Parser:
    return build_parser()


def best_of_three(call: Callable[[], object]) -> float:
    """CPU seconds for the fastest of three calls, after a warm-up call."""
    call()
    times = []
    for _ in range(3):
        start = time.thread_time()
        call()
        times.append(time.thread_time() - start)
    return min(times)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=inputs)
def test_no_input_raises_or_takes_more_than_50_ms(parser: Parser, text: str) -> None:
    parsed = parser.parse(text)
    place = parser.parse_place(text)
    assert isinstance(parsed, Parsed) and isinstance(place, Place)
    assert parsed.category in parser.scorer.codes
    assert 0.0 <= parsed.confidence <= 1.0 and len(parsed.top) == 3
    assert best_of_three(lambda: parser.parse(text)) < LIMIT
    assert best_of_three(lambda: parser.parse_place(text)) < LIMIT


def test_the_longest_inputs_we_can_think_of_stay_inside_the_bound(parser: Parser) -> None:
    worst = ["楼" * 10_000, "电梯在里面" * 2_000, "煤气" * 5_000, "小区家园佳苑一城社区花园" * 800,
             "先把还有主要是另外" * 1_100, "慧泽瑞星万全民心宾河东洋" * 800, "12-3-501 " * 1_111,
             "\ud800" * 10_000, "😀" * 10_000, "",
             # a cue set aside again and again with no clause or sentence break in sight: each look back
             # for the break is bounded (unbounded it was 0.8 s and 0.5 s)
             "g兴园}没物还零打人" * 1_000, "last week fire " * 667, "fire happened last week " * 420]
    for text in worst:
        assert best_of_three(lambda t=text: parser.parse(t)) < LIMIT, text[:20]
