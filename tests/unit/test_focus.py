"""Main request and asides: the clause a resident marks as what matters decides the category."""

from __future__ import annotations

import pytest

from app.lexicon import lexicon
from app.parse_cli import build_parser
from domain.focus import Focus, factor_at
from domain.parser import Parser


@pytest.fixture(scope="module")
def parser() -> Parser:
    return build_parser()


def test_a_marker_covers_its_clause_up_to_the_next_break() -> None:
    focus = Focus({"main": {"factor": 2.0, "words": ["先把"]}, "aside": {"factor": 0.5, "words": ["还有"]}})
    text = "停水了 还有垃圾没人收 先把水的事解决了"
    spans = focus.spans(text)
    assert [(text[s:e], f) for s, e, f in spans] == [("还有垃圾没人收", 0.5), ("先把水的事解决了", 2.0)]
    assert factor_at(spans, text.index("垃圾")) == 0.5
    assert factor_at(spans, text.index("停水")) == 1.0


def test_english_markers_are_whole_words_and_end_at_punctuation() -> None:
    focus = Focus({"aside": {"factor": 0.5, "words": ["also"]}})
    text = "the lift also stops, and the lights"
    assert focus.spans(text) == [(text.index("also"), text.index(","), 0.5)]
    assert focus.spans("alsoran") == []


def test_no_markers_configured_means_no_spans() -> None:
    assert Focus(None).spans("先把水的事解决了") == []


@pytest.mark.parametrize(("text", "category"), [
    ("又停水了 也不提前通知一声 还有楼下垃圾也没人收 先把水的事解决了吧", "water"),
    ("楼下垃圾好几天没人收了 还有 停水了 先把垃圾的事解决了", "sanitation"),
    ("楼道灯坏了好几天 另外电梯也老坏 主要是电梯 老人下不了楼", "elevator"),
    ("Garbage everywhere. Also the lift is broken, but mainly the garbage.", "sanitation"),
])
def test_the_main_request_wins_over_an_aside(parser: Parser, text: str, category: str) -> None:
    assert parser.parse(text).category == category


def test_the_seed_markers_load() -> None:
    assert Focus(lexicon()["focus"]).pattern is not None
