"""The naive-Bayes half of the category score: what it learns, and that packing loses nothing."""

from __future__ import annotations

import math

import pytest

from app.lexicon import examples
from domain.learned import SCALE, NaiveBayes, english_terms, features, is_english, learnable

CODES = ("heating", "water", "noise")
EXAMPLES = [
    ("heating", "暖气不热 屋里冰凉"),
    ("heating", "暖气片冰凉 热力公司不管"),
    ("water", "停水了 水龙头没水"),
    ("water", "水管漏水 地上全是水"),
    ("noise", "楼上装修 电钻吵死了"),
    ("noise", "广场舞音响太吵"),
]


@pytest.fixture(scope="module")
def model() -> NaiveBayes:
    return NaiveBayes(CODES, EXAMPLES)


def test_features_are_characters_pairs_and_english_words() -> None:
    assert features("暖气 hot water") >= {"暖", "气", "暖气", "hot", "water"}


def test_a_message_goes_to_the_category_whose_words_it_shares(model: NaiveBayes) -> None:
    p = model.posterior("屋里暖气冰凉")
    assert max(p, key=p.get) == "heating"
    assert sum(p.values()) == pytest.approx(1.0)


def test_english_is_learned_by_words_not_letters() -> None:
    model = NaiveBayes(CODES, [*EXAMPLES, ("heating", "the radiator is cold"), ("water", "no water")])
    assert not any(f in model.packed for f in ("t", "th", "he", " "))
    assert "radiator" in model.packed


def test_a_text_the_model_has_never_seen_gets_no_opinion(model: NaiveBayes) -> None:
    assert model.posterior("嗯嗯") == {}
    assert model.posterior("") == {}


def test_a_higher_temperature_is_less_sure(model: NaiveBayes) -> None:
    sharp, flat = model.posterior("暖气冰凉", 1.0), model.posterior("暖气冰凉", 3.0)
    assert sharp["heating"] > flat["heating"] > 1 / 3


def test_packed_scores_equal_the_plain_naive_bayes_sum(model: NaiveBayes) -> None:
    alpha, text = 0.1, "暖气漏水 吵"
    learned = [(c, {f for f in features(t) if learnable(f)}) for c, t in EXAMPLES]
    vocab = set().union(*(d for _, d in learned))
    plain = []
    for code in CODES:
        docs = [d for c, d in learned if c == code]
        total = sum(len(d) for d in docs)
        plain.append(sum(math.log((sum(f in d for d in docs) + alpha) / (total + alpha * len(vocab)))
                         for f in features(text) if f in vocab))
    packed, known = model.log_scores(text)
    assert known == len(features(text) & vocab)
    # the packed sums agree up to one rounding step per feature, shifted by one shared constant
    shift = packed[0] - plain[0]
    for p, q in zip(packed, plain, strict=True):
        assert p - shift == pytest.approx(q, abs=known / SCALE)


def test_a_very_long_message_does_not_overflow_a_lane(model: NaiveBayes) -> None:
    p = model.posterior("暖气冰凉" * 2500 + "".join(chr(c) for c in range(0x4E00, 0x4E00 + 5000)))
    assert max(p, key=p.get) == "heating"


def test_unknown_categories_in_the_examples_are_ignored() -> None:
    model = NaiveBayes(CODES, [*EXAMPLES, ("martian", "暖气")])
    assert set(model.posterior("暖气")) == set(CODES)


def test_the_seed_examples_cover_every_category_with_clean_lines() -> None:
    rows = examples()
    counts: dict[str, int] = {}
    for code, text in rows:
        counts[code] = counts.get(code, 0) + 1
        assert text.strip() == text and text, (code, text)
    assert len(counts) == 17 and min(counts.values()) >= 60


def test_english_terms_are_words_and_word_pairs() -> None:
    assert english_terms("lift wont open") == ["lift", "wont", "open", "lift wont", "wont open"]
    assert english_terms("电梯") == []


def test_english_is_a_few_words_of_it_and_almost_no_chinese() -> None:
    assert is_english("the lift is stuck again")
    assert not is_english("电梯又 down 了 能不能 follow up 一下")
    assert not is_english("ok 123")
