"""A fast multi-keyword finder: every cue occurrence in one pass over the text.

The cues' literal triggers go into an Aho-Corasick automaton (pyahocorasick, C), so a message
costs one pass over its characters whatever the number of cues (there are thousands). A cue may
be a small regex (`单元门(?!口)`, `天没(见|人应)`): its literal prefix is the trigger and the
regex is only tried where the trigger occurs, so regex cues cost almost nothing.
English cues match whole words (`bin` is not in `binhe`); a regex cue sets its own end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from operator import add
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")
Hit = tuple[int, int, str, tuple[str, float]]  # start, end, cue, (category or hazard, weight)
_Entry = tuple[tuple[bool, int], "re.Pattern[str] | None", V, bool]  # rank at a tie, regex or None, value, ends a word
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
        by_prefix: dict[str, list[_Entry[V]]] = {}
        self._size = 0
        for cue, value in ((c, v) for entry, v in entries for c in expand(entry)):
            prefix = literal_prefix(cue)
            if not prefix:
                raise ValueError(f"cue {cue!r} must start with literal text")
            pattern = re.compile(cue) if any(ch in META for ch in cue) else None
            rank = (len(prefix) == 1, self._size)  # at a tie: longer triggers first, then as written
            by_prefix.setdefault(prefix, []).append((rank, pattern, value, _word_char(prefix[-1])))
            self._size += 1
        # Aho-Corasick finds every trigger in one pass in C; the value is what each trigger starts
        self._triggers = ahocorasick.Automaton()
        for prefix, found in by_prefix.items():
            self._triggers.add_word(prefix, (prefix, tuple(found)))
        self._triggers.make_automaton()

    def __len__(self) -> int:
        return self._size

    def finditer(self, text: str) -> list[tuple[int, int, str, V]]:
        """All (start, end, cue, value), left to right; at one start the longest match first."""
        if not self._size:
            return []
        hits: list[tuple[int, int, tuple[bool, int], str, V]] = []  # start, -end, rank, cue, value
        size = len(text)
        for last, (prefix, found) in self._triggers.iter(text):
            i = last - len(prefix) + 1
            if i and text[i] < "\x80" and _word_char(text[i - 1]):
                continue  # English cues start at a word boundary
            for rank, pattern, value, word_end in found:
                if pattern is None:
                    end = last + 1
                    if not (word_end and end < size and _word_char(text[end])):
                        hits.append((i, -end, rank, prefix, value))
                else:
                    m = pattern.match(text, i)
                    if m:
                        hits.append((i, -m.end(), rank, m.group(), value))
        hits.sort()  # ranks are unique, so cue and value are never compared
        return [(i, -back, cue, value) for i, back, _rank, cue, value in hits]


class CueHolder:
    """A scorer or detector with cues of its own (`entries`), indexed only when it scans by itself:
    the parser scans once with one index over everyone's cues, and compiling the ~1,300 regex cues
    a second and third time was a third of its start-up."""

    entries: list[tuple[str, tuple[str, float]]]

    @cached_property
    def cues(self) -> Cues[tuple[str, float]]:
        return Cues(self.entries)
