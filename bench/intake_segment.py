"""Does word segmentation earn its place in the intake parser? The measurement behind "no".

    python bench/intake_segment.py        # needs rjieba or jieba installed (not a dependency)

Builds the user dictionary issue 3 asks for (community names and aliases, and every literal
cue of seeds/lexicon.yaml: 污水井, 声控灯, 飞线充电, 暖气片…) and measures, on the dev set and the
held-out sets:
  1. load time and cost per message of the segmenter;
  2. naive Bayes alone with and without segmented words as extra features;
  3. the cue scorer alone with and without a word-boundary rule (a cue may sit inside a word
     but may not straddle two: 打架 in 打|架子鼓, 尿 in 糖尿病).
Last run (dev + held-out sets, 1,016 messages): rjieba loads in 0.1-0.3 s and costs 4-6 µs a
message (jieba 0.8 s and 115 µs); words as extra features 97.0% -> 96.9%; the boundary rule
97.6% -> 96.9%: colloquial text is segmented wrongly often enough (路面积水 -> 路/面积/水) to
reject more good cues than bad ones. So the parser does not segment.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import domain.learned as learned  # noqa: E402
from app import seeds  # noqa: E402
from app.lexicon import lexicon  # noqa: E402
from domain.keywords import META  # noqa: E402
from domain.parser import Parser  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "intake_dev.jsonl"
SETS = [DEV, *sorted((ROOT / "tests" / "unit" / "data").glob("*.jsonl"))]


def load(paths: list[Path]) -> list[dict]:
    rows: list[dict] = []
    for path in paths:
        if path.exists():
            with open(path, encoding="utf-8") as f:
                rows += [json.loads(line) for line in f if line.strip()]
    return rows


def segmenter(words: set[str]) -> tuple[str, Callable[[str], list[str]], float]:
    """(name, cut, seconds to load and add the user words) for rjieba, else jieba."""
    start = time.perf_counter()
    try:
        import rjieba

        engine = rjieba.Jieba()
        for w in words:
            engine.add_word(w, None, None)
        return "rjieba", engine.cut, time.perf_counter() - start
    except ImportError:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        for w in words:
            jieba.add_word(w)
        return "jieba", jieba.lcut, time.perf_counter() - start


def boundaries(cut: Callable[[str], list[str]], text: str) -> set[int]:
    out, i = {0}, 0
    for word in cut(text):
        i += len(word)
        out.add(i)
    return out


def keeps(start: int, end: int, cue: str, bounds: set[int]) -> bool:
    """A literal Chinese cue may lie inside one word but not straddle two."""
    if cue.isascii() or any(ch in META for ch in cue):
        return True
    if any(k in bounds for k in range(start + 1, end)):
        return start in bounds and end in bounds
    return start in bounds or end in bounds


def main() -> int:
    lex = lexicon()
    parser = Parser(seeds.district(), lex)
    words = {n for c in parser.district.communities.values() for n in (c.name, *c.aliases) if not n.isascii()}
    words |= {c for c, _ in parser.scorer.entries if len(c) > 1 and not c.isascii() and not META & set(c)}
    name, cut, loaded = segmenter(words)
    rows = load(SETS)
    texts = [r["text"].translate(parser.table) for r in rows]
    start = time.perf_counter()
    for t in texts:
        cut(t)
    per = (time.perf_counter() - start) / len(texts)
    print(f"{name}: {len(words)} user words, load {loaded:.2f} s, {per * 1e6:.1f} µs per message")

    def nb_accuracy(with_words: bool) -> float:
        plain = learned.features
        if with_words:
            learned.features = lambda text, pairs=None: plain(text, pairs) | {"w:" + w for w in cut(text) if len(w) > 1}
        try:
            model = Parser(seeds.district(), lex).model
            hits = [(p := model.posterior(t)) and max(p, key=p.get) == r["category"]
                    for t, r in zip(texts, rows, strict=True)]
        finally:
            learned.features = plain
        return 100 * sum(hits) / len(hits)

    print(f"naive Bayes alone: characters {nb_accuracy(False):.1f}%, + words {nb_accuracy(True):.1f}%"
          " (held-out sets 1-3 are among its training examples: read the difference, not the level)")
    right = {False: 0, True: 0}
    for t, r in zip(texts, rows, strict=True):
        hits = [h for h in parser.cues.finditer(t) if h[3][0] not in parser.hazards]
        bounds = boundaries(cut, t)
        for rule in (False, True):
            kept = [h for h in hits if not rule or keeps(h[0], h[1], h[2], bounds)]
            totals = parser.scorer.scores(t, kept)
            best = max(totals, key=totals.get) if totals and max(totals.values()) > 0 else "other"
            right[rule] += best == r["category"]
    print(f"cue scorer alone: {100 * right[False] / len(rows):.1f}%, with the word-boundary rule "
          f"{100 * right[True] / len(rows):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
