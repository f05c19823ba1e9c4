"""Which part of a message is its main request, and which an aside.

Residents often report two things at once: "又停水了 … 还有楼下垃圾也没人收 先把水的事解决了吧".
Words like 先把 / 主要是 / 最要紧 mark the clause that matters most; 还有 / 另外 / 顺便 mark one
that matters less. Cues inside a marked clause are weighed by the marker's factor (seeds), so the
main request wins without a cue written for each pair of topics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from domain.normalize import normalize

CJK_CLAUSE_END = re.compile(r"[,.!?;:。、…~\n ]")
ASCII_CLAUSE_END = re.compile(r"[,.!?;:\n]")

Span = tuple[int, int, float]  # start, end, factor
MAX_MARKERS = 8  # a message marks a handful of clauses; more is noise, and costs quadratic time
MAX_CLAUSE = 80  # characters a marked clause may run without a break


class Focus:
    """Finds marked clauses in a normalised message; `factor` says how much a cue there weighs."""

    def __init__(self, spec: Mapping[str, Any] | None) -> None:
        self.factor_of: dict[str, float] = {}
        for block in (spec or {}).values():
            for word in block.get("words") or ():
                self.factor_of[normalize(str(word))] = float(block["factor"])
        words = sorted(self.factor_of, key=len, reverse=True)
        self.pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w)
                                           for w in words)) if words else None

    def spans(self, text: str) -> list[Span]:
        """(start, end, factor) of every marked clause: from the marker to the end of its clause."""
        if self.pattern is None:
            return []
        out: list[Span] = []
        for m in self.pattern.finditer(text):
            ends = ASCII_CLAUSE_END if m[0].isascii() else CJK_CLAUSE_END
            limit = min(len(text), m.end() + MAX_CLAUSE)
            end = ends.search(text, m.end(), limit)
            out.append((m.start(), end.start() if end else limit, self.factor_of[m[0]]))
            if len(out) == MAX_MARKERS:
                break
        return out


def factor_at(spans: list[Span], pos: int) -> float:
    """The factor of the marked clause holding `pos` (the last marker wins), else 1."""
    factor = 1.0
    for start, end, f in spans:
        if start <= pos < end:
            factor = f
    return factor
