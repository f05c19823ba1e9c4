"""A small learned category model: naive Bayes over characters and character pairs.

Why: the cue lexicon knows the words someone thought of; residents use others. Naive Bayes
counted at start-up from ~2,000 written examples (seeds/intake_examples.txt, never the dev set)
knows the rest of a sentence's vocabulary. Added to the cue totals it lifted fresh held-out sets
from 89.7-92.2% to 94.6-97.5% before any lexicon tuning (bench/intake_eval.py). Segmented words
as extra features were measured and add nothing over character pairs (bench/intake_segment.py),
so the model needs no segmenter.

Speed: each feature's 17 per-category weights are packed into one Python int (fixed-point, one
32-bit lane per category), so scoring a message is one C-level `sum()` over its features plus
one struct unpack; and the parser asks the model only when its vote could change the winner.
"""

from __future__ import annotations

import math
import re
import struct
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise, repeat

from domain.keywords import pairs_of

WORDS = re.compile(r"[a-z]+")
LETTERS = re.compile("[a-z]")
CHINESE = re.compile("[\u4e00-\u9fff]")
LANE = 32  # bits per category (struct 'I'); a 10,000-character message cannot overflow a lane
SCALE = 64  # fixed-point steps per nat


def features(text: str, pairs: list[str] | None = None) -> set[str]:
    """Every character, every adjacent pair and every English word of a normalised text.

    Pairs across spaces and punctuation are kept: cheaper than splitting into runs, and they
    were measured to do no harm (the model weighs what it has seen, the rest is not looked up).
    ASCII letters and pairs ("th", "on") are not learned, so in English only words count.
    """
    out = set(text)
    out.update(pairs if pairs is not None else pairs_of(text))
    out.update(WORDS.findall(text))
    return out


def english_terms(text: str) -> list[str]:
    """An English message's words and word pairs, what the English alarm weighs: a pair ("wont open",
    "nobody picks") says more than either word, and English has no character pairs worth counting."""
    words = WORDS.findall(text)
    return [*words, *(f"{a} {b}" for a, b in pairwise(words))]


def is_english(text: str) -> bool:
    """Written in English: a few words of it and (almost) no Chinese. Asked of most messages (those no
    hazard cue marks), so both counts are one C-level scan each."""
    return len(LETTERS.findall(text)) >= 12 and len(CHINESE.findall(text)) <= 2


def learnable(feature: str) -> bool:
    """Single ASCII characters and pairs are noise (English is learned by whole words)."""
    return not (feature.isascii() and len(feature) < 3)


class NaiveBayes:
    """Bernoulli-style naive Bayes (each feature once per message) with uniform class priors."""

    def __init__(self, codes: Sequence[str], examples: Iterable[tuple[str, str]],
                 alpha: float = 0.1, featurize: Callable[[str], Iterable[str]] = features) -> None:
        self.codes = tuple(codes)
        index = {code: i for i, code in enumerate(self.codes)}
        counts: list[Counter[str]] = [Counter() for _ in self.codes]  # per category: examples holding each feature
        for code, text in examples:
            i = index.get(code)
            if i is not None:  # Counter.update counts in C: start-up time matters (bench/intake_speed.py)
                counts[i].update(f for f in featurize(text) if not (f.isascii() and len(f) < 3))  # learnable()
        totals = [sum(c.values()) for c in counts]
        size = len(set().union(*counts))
        # log P(f|c) = log(alpha / denom_c) + log((n + alpha) / alpha); the first part is the
        # same for every feature of a category, so only the second, never negative, is packed.
        self.unseen = [math.log(alpha / (t + alpha * size)) if t else -50.0 for t in totals]
        self.packed: dict[str, int] = {}
        steps = {}  # n -> its packed step: counts repeat, logs need not
        for i, c in enumerate(counts):
            shift = LANE * i
            for f, n in c.items():
                step = steps.get(n)
                if step is None:
                    step = steps[n] = round(SCALE * math.log((n + alpha) / alpha))
                self.packed[f] = self.packed.get(f, 0) + (step << shift)
        self.trained = bool(self.packed)
        self.lanes = struct.Struct(f"<{len(self.codes)}I")  # one unpack for all categories

    def __getstate__(self) -> dict[str, object]:
        """Picklable (the counted model is cached between start-ups, app/parse_cli.py): a Struct is not."""
        return {k: v for k, v in self.__dict__.items() if k != "lanes"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.lanes = struct.Struct(f"<{len(self.codes)}I")

    def log_scores(self, text: str, pairs: list[str] | None = None) -> tuple[list[float], int]:
        """(log likelihood per category up to a shared constant, number of known features)."""
        hits = list(filter(None, map(self.packed.get, features(text, pairs))))
        n = len(hits)
        lanes = self.lanes.unpack(sum(hits).to_bytes(self.lanes.size, "little"))
        return [lane / SCALE + n * u for lane, u in zip(lanes, self.unseen, strict=True)], n

    def posterior(self, text: str, temperature: float = 1.0,
                  pairs: list[str] | None = None) -> dict[str, float]:
        """P(category | text), flattened by `temperature` (> 1 is less sure); {} when the text
        has nothing the model has seen, so gibberish falls back instead of landing anywhere."""
        scores, known = self.log_scores(text, pairs)
        if not known:
            return {}
        top = max(scores)
        weights = [math.exp((s - top) / temperature) for s in scores]
        z = sum(weights)
        return {code: w / z for code, w in zip(self.codes, weights, strict=True)}


class Margin:
    """A two-class model over character pairs alone, as one sum of floats: its first class's log-odds
    over the second. What the parser's alarm asks of nearly every message, so it is the cheapest score
    that kept the alarm's catch (bench/intake_speed.py; pairs alone: ~4 µs a message, all features ~10)."""

    def __init__(self, codes: Sequence[str], examples: Iterable[tuple[str, str]], alpha: float = 0.1,
                 featurize: Callable[[str], Iterable[str]] | None = None) -> None:
        model = NaiveBayes(codes, examples, alpha, featurize=featurize or (lambda text: set(pairs_of(text))))
        assert len(model.codes) == 2
        mask = (1 << LANE) - 1
        self.trained = model.trained
        # each known pair adds (its first lane − its second lane) and the two classes' unseen difference
        base = model.unseen[0] - model.unseen[1]
        self.weights = {f: ((v & mask) - (v >> LANE)) / SCALE + base for f, v in model.packed.items()}

    def log_odds(self, pairs: list[str]) -> float:
        """Over a text's character pairs (`keywords.pairs_of`), or whatever `featurize` made of the
        examples (`english_terms`); a feature said twice counts twice."""
        return sum(map(self.weights.get, pairs, repeat(0.0)))
