"""Category by a weighted cue scorer: each category sums the weights of its cues in the text.

Cues come from seeds/lexicon.yaml (Chinese `zh`, English `en`, and `not` cues that subtract).
Cues of one category never overlap (the strongest counts), so 暖气片 is weighed as itself,
not as 暖气 + 暖气片, and a `not` cue such as 单元门口 (0) silences 单元门 inside it.
Earlier cues weigh a little more because residents state the main problem first, and cues in a
clause marked as the main request (先把…, 主要是…) or as an aside (还有…) weigh more or less
(domain/focus.py). A cue right after a denial (也不是打人, 不是暖气的事) is not the topic and
does not count. Confidence comes from the margin between the top two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from domain.focus import Focus, factor_at
from domain.keywords import META, CueHolder, Hit
from domain.normalize import normalize

EARLY_BONUS = 0.2  # a cue's factor runs from 1 + bonus (first character) to 1 - bonus (last)
CLAUSE_END = frozenset(",.!?;:。、…~\n ")
DISAGREE = 0.45  # confidence when the learned model overturned the cues' choice


class CategoryScorer(CueHolder):
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
                    entries += [(form, (code, sign * abs(float(weight))))
                                for form in _spellings(normalize(str(cue)), section == "en")]
        self.entries = entries
        # literal positive cues: only these silence another category's shorter cue inside them
        self.literal = {(cue, code) for cue, (code, weight) in entries
                        if weight > 0 and not any(ch in META for ch in cue)}
        self.rank_of = {code: i for i, code in enumerate(self.codes)}
        self.focus = Focus(spec.get("focus"))
        denial = spec.get("denial") or {}
        words = [normalize(str(w)) for w in denial.get("words") or ()]
        self.denial = re.compile("|".join(words)) if words else None
        self.denial_gap = int(denial.get("window", 2))  # characters allowed between denial and cue

    def scores(self, text: str, hits: Iterable[Hit] | None = None) -> dict[str, float]:
        """Sum of cue weights per category, each cue once.

        `not` cues subtract and silence the cues inside them; of overlapping positive cues of
        one category only the strongest counts (one cue per character per category).
        `hits` (from a shared scan) saves a second pass over the text.
        """
        found = self.cues.finditer(text) if hits is None else list(hits)
        n = max(len(text), 1)
        denied = self._denied(text)
        marked = self.focus.spans(text)
        seen: set[tuple[str, str]] = set()
        silenced: dict[str, list[tuple[int, int]]] = {}
        totals: dict[str, float] = {}
        for start, end, cue, (code, weight) in found:
            if weight <= 0 and (cue, code) not in seen:
                seen.add((cue, code))
                silenced.setdefault(code, []).append((start, end))
                totals[code] = totals.get(code, 0.0) + weight
        inner = _nested(found, self.literal)
        taken: dict[str, int] = {}  # per category, a bit per character already covered by a cue
        # strongest first; in a marked message a cue repeated in the main clause counts from there
        order = (lambda hit: -hit[3][1] * factor_at(marked, hit[0])) if marked else (lambda hit: -hit[3][1])
        for start, end, cue, (code, weight) in sorted(found, key=order):
            if weight <= 0:
                break
            span, covered = (1 << end) - (1 << start), taken.get(code, 0)
            if (cue, code) in seen or covered & span or (start, end, code) in inner or start in denied:
                continue
            if code in silenced and any(s <= start and end <= e for s, e in silenced[code]):
                continue
            seen.add((cue, code))
            taken[code] = covered | span
            factor = 1 + EARLY_BONUS - 2 * EARLY_BONUS * start / n
            if marked:
                factor *= factor_at(marked, start)
            totals[code] = totals.get(code, 0.0) + weight * factor
        return totals

    def _denied(self, text: str) -> set[int]:
        """Positions where a cue would start just after a denial (不是, 并非) in the same clause."""
        if self.denial is None:
            return set()
        out: set[int] = set()
        for m in self.denial.finditer(text):
            for i in range(m.end(), min(m.end() + self.denial_gap + 1, len(text))):
                out.add(i)
                if text[i] in CLAUSE_END:
                    break
        return out

    @staticmethod
    def settled(totals: Mapping[str, float], margin: float) -> bool:
        """True when the best total leads the second by more than `margin` points."""
        best = second = 0.0
        for v in totals.values():
            if v > best:
                best, second = v, best
            elif v > second:
                second = v
        return best - second > margin

    def decide(self, totals: Mapping[str, float], learned: Mapping[str, float] | None = None,
               weight: float = 0.0) -> tuple[str, float, tuple[str, ...]]:
        """(best code, confidence 0..1, best three codes).

        `learned` (probabilities from domain/learned.py) adds `weight` x probability to each
        cue total, so the model decides where cues are silent or tied and cues keep the last
        word where they are strong. Confidence comes from the cues' own margin, and stays below
        0.5 when the model overturned the cues' choice: then the bot should ask.
        """
        ranked = self._ranked(totals)
        if learned and weight:
            blended = {c: totals.get(c, 0.0) + weight * p for c, p in learned.items()}
            chosen = self._ranked(blended)
        else:
            chosen = ranked
        if not chosen:
            return self.fallback, 0.2, self.fallback_top[:3]
        confidence = 0.2
        if ranked:
            best = totals[ranked[0]]
            second = totals[ranked[1]] if len(ranked) > 1 else 0.0
            confidence = best / (best + 2.0) * (0.4 + 0.6 * (best - second) / best)
            if ranked[0] != chosen[0]:
                confidence = min(confidence, DISAGREE)
        top = chosen[:3] + [c for c in self.fallback_top if c not in chosen[:3]]
        return chosen[0], round(confidence, 3), tuple(top[:3])

    def _ranked(self, totals: Mapping[str, float]) -> list[str]:
        """Codes with a positive total, best first (ties: lexicon order)."""
        rank_of = self.rank_of
        return sorted((c for c, v in totals.items() if v > 0 and c in rank_of),
                      key=lambda c: (-totals[c], rank_of[c]))


ENGLISH_WORDS = re.compile(r"^[a-z']+( [a-z']+)+$")


def _spellings(cue: str, english: bool) -> list[str]:
    """An English cue of several plain words also matches hyphenated (ping pong → ping-pong)."""
    if english and ENGLISH_WORDS.match(cue):
        return [cue, cue.replace(" ", "-")]
    return [cue]


def _nested(found: list[Hit], literal: set[tuple[str, str]]) -> set[tuple[int, int, str]]:
    """(start, end, code) of cues lying strictly inside a longer literal cue of another category:
    a word is read as its longest reading, so 厕所 in 公共厕所 is no water cue and 车 in 消防车 no
    parking cue (the `not` cues of one category do this by hand; this does it across categories).
    `found` is in text order, longest first at each position, so only the few hits that start
    before a cue ends are looked at."""
    out: set[tuple[int, int, str]] = set()
    size = len(found)
    for i, (start, end, cue, (code, weight)) in enumerate(found):
        if weight <= 0 or (cue, code) not in literal:
            continue
        j = i + 1
        while j < size and found[j][0] < end:
            s, e, _, (other, w) = found[j]
            if other != code and w > 0 and e <= end and e - s < end - start:
                out.add((s, e, other))
            j += 1
    return out
