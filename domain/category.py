"""Category by a weighted cue scorer: each category sums the weights of its cues in the text.

Cues come from seeds/lexicon.yaml (Chinese `zh`, English `en`, and `not` cues that subtract).
Cues of one category never overlap (the strongest counts), so 暖气片 is weighed as itself,
not as 暖气 + 暖气片, and a `not` cue such as 单元门口 (0) silences 单元门 inside it.
Earlier cues weigh a little more because residents state the main problem first.
Confidence comes from the margin between the top two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.keywords import Cues, Hit
from domain.normalize import normalize

EARLY_BONUS = 0.2  # a cue's factor runs from 1 + bonus (first character) to 1 - bonus (last)


class CategoryScorer:
    """Scores all categories for a normalised message and picks the best."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        categories: Mapping[str, Any] = spec["categories"]
        self.codes: tuple[str, ...] = tuple(categories)
        self.fallback: str = spec.get("fallback", "other")
        self.fallback_top: tuple[str, ...] = tuple(spec.get("fallback_top") or (self.fallback,))
        entries: list[tuple[str, tuple[str, float]]] = []
        for code, block in categories.items():
            for section, sign in (("zh", 1.0), ("en", 1.0), ("not", -1.0)):
                for cue, weight in ((block or {}).get(section) or {}).items():
                    entries.append((normalize(str(cue)), (code, sign * abs(float(weight)))))
        self.entries = entries
        self.cues: Cues[tuple[str, float]] = Cues(entries)
        self.rank_of = {code: i for i, code in enumerate(self.codes)}

    def scores(self, text: str, hits: Iterable[Hit] | None = None) -> dict[str, float]:
        """Sum of cue weights per category, each cue once.

        `not` cues subtract and silence the cues inside them; of overlapping positive cues of
        one category only the strongest counts (one cue per character per category).
        `hits` (from a shared scan) saves a second pass over the text.
        """
        found = self.cues.finditer(text) if hits is None else list(hits)
        n = max(len(text), 1)
        seen: set[tuple[str, str]] = set()
        silenced: dict[str, list[tuple[int, int]]] = {}
        totals: dict[str, float] = {}
        for start, end, cue, (code, weight) in found:
            if weight <= 0 and (cue, code) not in seen:
                seen.add((cue, code))
                silenced.setdefault(code, []).append((start, end))
                totals[code] = totals.get(code, 0.0) + weight
        taken: dict[str, list[tuple[int, int]]] = {}
        for start, end, cue, (code, weight) in sorted(found, key=lambda hit: -hit[3][1]):
            if weight <= 0:
                break
            spans = taken.setdefault(code, [])
            if (cue, code) in seen or any(start < e and s < end for s, e in spans) or any(
                    s <= start and end <= e for s, e in silenced.get(code, ())):
                continue
            seen.add((cue, code))
            spans.append((start, end))
            factor = 1 + EARLY_BONUS - 2 * EARLY_BONUS * start / n
            totals[code] = totals.get(code, 0.0) + weight * factor
        return totals

    def decide(self, totals: Mapping[str, float]) -> tuple[str, float, tuple[str, ...]]:
        """(best code, confidence 0..1, best three codes)."""
        rank_of = self.rank_of
        ranked = sorted((c for c, v in totals.items() if v > 0),
                        key=lambda c: (-totals[c], rank_of[c]))
        if not ranked:
            return self.fallback, 0.2, self.fallback_top[:3]
        best = totals[ranked[0]]
        second = totals[ranked[1]] if len(ranked) > 1 else 0.0
        confidence = best / (best + 2.0) * (0.4 + 0.6 * (best - second) / best)
        top = ranked[:3] + [c for c in self.fallback_top if c not in ranked[:3]]
        return ranked[0], round(confidence, 3), tuple(top[:3])
