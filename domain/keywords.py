"""A fast multi-keyword finder: every cue occurrence in one pass over the text.

Cues are bucketed by their first two characters, so a message costs one dict lookup per
character instead of one substring search per cue (there are thousands). A cue may be a
small regex (`单元门(?!口)`, `天没(见|人应)`): its literal prefix is the trigger and the
regex is only tried where the trigger occurs, so regex cues cost almost nothing.
English cues match whole words (`bin` is not in `binhe`); a regex cue sets its own end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import add
from typing import Generic, TypeVar

V = TypeVar("V")
Hit = tuple[int, int, str, tuple[str, float]]  # start, end, cue, (category or hazard, weight)
Entry = tuple[str, "re.Pattern[str] | None", V, bool]  # trigger, regex or None, value, ends a word
META = set(".^$*+?{}[]\\|()")


def literal_prefix(cue: str) -> str:
    """The part of a cue every match starts with (the trigger looked up in the index).

    Leading look-behinds such as `(?<!暖气)漏气` are skipped: they test text before the trigger.
    """
    while cue.startswith("(?<"):
        cue = cue[cue.index(")") + 1:]
    for i, ch in enumerate(cue):
        if ch in META:
            return cue[: i - 1] if ch in "?*{" else cue[:i]
    return cue


LEADING_CHOICE = re.compile(r"^\(([^()?]+)\)(.*)$")


def expand(cue: str) -> list[str]:
    """`(煤气|天然气)管漏` → `煤气管漏`, `天然气管漏`: a leading choice becomes one cue per option."""
    m = LEADING_CHOICE.match(cue)
    return [option + m[2] for option in m[1].split("|")] if m else [cue]


def pairs_of(text: str) -> list[str]:
    """Each character with the next (the last with a space): the index keys, and model features."""
    return list(map(add, text, text[1:] + " "))


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Cues(Generic[V]):
    """Find (start, end, cue, value) for every cue in a text, left to right, longest first."""

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        self._two: dict[str, list[Entry[V]]] = {}
        self._one: dict[str, list[Entry[V]]] = {}
        self._size = 0
        for cue, value in ((c, v) for entry, v in entries for c in expand(entry)):
            prefix = literal_prefix(cue)
            if not prefix:
                raise ValueError(f"cue {cue!r} must start with literal text")
            pattern = re.compile(cue) if any(ch in META for ch in cue) else None
            bucket = self._one if len(prefix) == 1 else self._two
            bucket.setdefault(prefix[:2], []).append((prefix, pattern, value, _word_char(prefix[-1])))
            self._size += 1
        # single-character triggers are found by one C-speed character-class scan
        self._one_re = re.compile("[" + re.escape("".join(self._one)) + "]") if self._one else None

    def __len__(self) -> int:
        return self._size

    def finditer(self, text: str, pairs: list[str] | None = None) -> list[tuple[int, int, str, V]]:
        """All (start, end, cue, value), left to right; every bigram is looked up at C speed.

        `pairs` (character pairs of `text`, from `pairs_of`) saves building them twice.
        """
        where = {i: bucket for i, bucket in enumerate(map(self._two.get, pairs or pairs_of(text))) if bucket}
        if self._one_re is not None:
            for m in self._one_re.finditer(text):
                where[m.start()] = where.get(m.start(), []) + self._one[m.group()]
        found: list[tuple[int, int, str, V]] = []
        size = len(text)
        for i in sorted(where):
            if i and text[i] < "\x80" and _word_char(text[i - 1]):
                continue  # English cues start at a word boundary
            here: list[tuple[int, int, str, V]] = []
            for prefix, pattern, value, word_end in where[i]:
                if not text.startswith(prefix, i):
                    continue
                if pattern is None:
                    end = i + len(prefix)
                    if not (word_end and end < size and _word_char(text[end])):
                        here.append((i, end, prefix, value))
                else:
                    m = pattern.match(text, i)
                    if m:
                        here.append((i, m.end(), m.group(), value))
            if len(here) > 1:
                here.sort(key=lambda hit: -hit[1])  # longest match first at each position
            found += here
        return found
