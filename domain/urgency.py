"""Is life or property in danger right now, and of which kind (to pick the emergency number)?

A hazard cue (着火, 煤气味, 被困, trapped…) counts unless its context says it is not
happening now: a negation just before it in the same clause (没有闻到煤气味), a hypothesis
(万一着火; 一着火全完: 一 just before it and a consequence just after it), a past event
(上次着火的地方; a "now" word after it cancels that: 昨天着了 现在还冒烟) or a simile /
all-clear after it (跟杀人似的, 还好没事).
Gated cues count only when the message also names their setting anywhere: "在里面出不来" is
someone trapped only in a message about a lift, "好几天没动静" an emergency only about a person
(not about a repair request or a parcel); a gate may need two settings at once (`also`):
"满地都是" is a flood only in a message about water *and* about a home.
A hazard may be scoped (`not_where`): flooding is urgent inside a home, so a flood cue in a message
that places it only outdoors (绿化带, 马路上, 柏油路) and names no room of a home does not count.
A hazard may be dismissed by the message itself (`dismissed`), wherever the cue is: a rotten-egg
smell that "is not gas (不是煤气), it is the drain" is no gas leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from domain.keywords import CueHolder, Hit
from domain.normalize import normalize

CLAUSE_BREAK = re.compile(r"[,.!?;:。、…~\n]|\s")
ENGLISH_SCALE = 3
# how far an English sentence reaches either side of a cue, for a past time said in it: longer than any
# English sentence in the labelled sets (218 characters at most), and a bound, so that a 10,000-character
# text without a full stop stays linear (issue 3: no input may take 50 ms; unbounded, 0.5 s)
SENTENCE_REACH = 250


def _words(words: Any) -> re.Pattern[str]:
    """One pattern for a list of words (regexes allowed); an empty list matches nothing."""
    return re.compile("|".join(normalize(str(w)) for w in words) or "(?!)")


def _blockers(spec: dict[str, Any], key: str) -> tuple[re.Pattern[str] | None, int]:
    block = spec.get(key) or {}
    words = [normalize(str(w)) for w in block.get("words") or ()]
    pattern = re.compile("|".join(words)) if words else None
    return pattern, int(block.get("window", 6))


class UrgencyDetector(CueHolder):
    """Finds the most serious current hazard in a normalised message, or None."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.order: tuple[str, ...] = tuple(spec["order"])
        # an entry's value is (hazard, gate): gate 0 = always, k = needs self.gates[k - 1]
        self.entries = [(normalize(str(cue)), (hazard, 0.0))
                        for hazard in self.order for cue in spec["cues"].get(hazard) or ()]
        self.gates: list[tuple[re.Pattern[str], ...]] = []
        for group in spec.get("gated") or ():
            self.gates.append(tuple(_words(words) for words in (group["when"], *(group.get("also") or ()))))
            self.entries += [(normalize(str(cue)), (group["hazard"], float(len(self.gates))))
                             for cue in group["cues"]]
        self.negation = _blockers(spec, "negation")
        self.hypothetical = _blockers(spec, "hypothetical")
        self.past = _blockers(spec, "past")
        # a past-time word is cancelled by a "now" word between it and the cue (昨天着了 现在还在冒烟)
        self.now = _words((spec.get("past") or {}).get("now") or ())
        self.after = _blockers(spec, "after")
        cond = spec.get("conditional") or {}
        self.conditional = ((re.compile(normalize(str(cond["before"]))), re.compile(normalize(str(cond["then"]))))
                            if cond.get("before") and cond.get("then") else None)
        self.subjects = {hazard: _blockers({hazard: block}, hazard)
                         for hazard, block in (spec.get("not_by") or {}).items()}
        # how far back a clause matters at most (the widest same-clause window): a clause break further
        # back changes nothing, so it is not looked for (a long text with many cues set aside stays linear)
        self.clause_reach = ENGLISH_SCALE * max(self.negation[1], self.hypothetical[1],
                                                *(window for _p, window in self.subjects.values()))
        self.all_clear = {hazard: _blockers({hazard: block}, hazard)
                          for hazard, block in (spec.get("not_after") or {}).items()}
        # per hazard: (words placing it where it is no emergency, words that keep it one)
        self.scope = {hazard: (_words(block["words"]), _words(block.get("unless") or ()))
                      for hazard, block in (spec.get("not_where") or {}).items()}
        # per hazard: words anywhere in the message that say it is not that hazard at all
        self.dismissed = {hazard: _words(words) for hazard, words in (spec.get("dismissed") or {}).items()}

    def hazard(self, text: str, hits: Iterable[Hit] | None = None) -> str | None:
        """The first hazard in `order` with an unblocked cue. `hits` saves a second scan."""
        found: set[str] = set()
        gate_ok: dict[float, bool] = {}  # each gate is looked up once per message
        for start, end, _cue, (hazard, gate) in self.cues.finditer(text) if hits is None else hits:
            if hazard in found:
                continue
            if gate:
                if gate not in gate_ok:
                    gate_ok[gate] = all(g.search(text) for g in self.gates[int(gate) - 1])
                if not gate_ok[gate]:
                    continue
            if not self.blocked(text, start, end, hazard):
                found.add(hazard)
        for hazard in found & self.dismissed.keys():
            if self.dismissed[hazard].search(text):
                found.discard(hazard)
        for hazard in found & self.scope.keys():
            elsewhere, unless = self.scope[hazard]
            if elsewhere.search(text) and not unless.search(text):
                found.discard(hazard)
        return next((h for h in self.order if h in found), None)

    def blocked(self, text: str, start: int, end: int, hazard: str = "") -> bool:
        """True when the words around a cue say it is negated, hypothetical, over, or that
        the cue has another subject (`not_by`: cats fighting are no violence) or was checked
        and is fine (`not_after`: 报警器响 … 测过了没漏气)."""
        clause_start = _clause_start(text, start, max(start - self.clause_reach, 0))
        # windows count characters: an English word is several, a Chinese one one or two
        scale = ENGLISH_SCALE if text[max(start - 8, 0):start].isascii() and text[start:end].isascii() else 1
        for (pattern, window), same_clause in ((self.negation, True),
                                               (self.hypothetical, True),
                                               (self.past, False),
                                               (self.subjects.get(hazard, (None, 0)), True)):
            lo = max(start - window * scale, clause_start if same_clause else 0)
            if pattern is self.past[0] and scale > 1:  # "Last winter the pipe burst and flooded…": its sentence
                lo = min(lo, _sentence_start(text, start))
            if pattern is None or pattern.search(text, lo, start) is None:
                continue
            if pattern is self.past[0]:  # the past word nearest the cue, unless "now" follows it
                m = list(pattern.finditer(text, lo, start))[-1]
                if self.now.search(text, m.end(), start):
                    continue
            return True
        if scale > 1 and self.past[0] is not None:  # "Got trapped in the lift … last Tuesday": its sentence
            stop = _sentence_end(text, end)
            if self.past[0].search(text, end, stop) and not self.now.search(text, end, stop):
                return True
        if self.conditional and start and self.conditional[0].search(text, max(start - 4, 0), start) \
                and self.conditional[1].match(text, end):
            return True  # 一着火全完: whenever it happens, not now
        for pattern, window in (self.after, self.all_clear.get(hazard, (None, 0))):
            if pattern is not None and pattern.search(text, end, end + window * scale) is not None:
                return True
        return False


def _ends_sentence(text: str, i: int) -> bool:
    """A full stop, question or exclamation mark at `i` (not a decimal point)."""
    return text[i] in "!?\n" or (text[i] == "." and not (i < len(text) - 1 and text[i + 1].isdigit()))


def _sentence_start(text: str, pos: int) -> int:
    """Index just after the last sentence break before `pos`, at most SENTENCE_REACH back."""
    floor = max(pos - SENTENCE_REACH, 0)
    return next((i + 1 for i in range(pos - 1, floor - 1, -1) if _ends_sentence(text, i)), floor)


def _sentence_end(text: str, pos: int) -> int:
    """Index of the first sentence break from `pos` on, at most SENTENCE_REACH ahead."""
    ceiling = min(pos + SENTENCE_REACH, len(text))
    return next((i for i in range(pos, ceiling) if _ends_sentence(text, i)), ceiling)


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Index just after the last clause break before `pos` (not a space between English words), or
    `floor` when there is none from there on."""
    for i in range(pos - 1, floor - 1, -1):
        ch = text[i]
        if ch == " " and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i + 1].isascii():
            continue
        if CLAUSE_BREAK.match(ch):
            return i + 1
    return floor
