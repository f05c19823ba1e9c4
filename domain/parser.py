"""The intake parser: a resident's free text → category, urgency, hazard and place.

Pure domain code over data from seeds/lexicon.yaml, the written examples and the district. One
message costs one `str.translate` (Traditional → Simplified, full-width, lower case), one pass of
the cue index for category and hazard cues, a naive-Bayes sum when the cues leave the category
open (domain/learned.py) and a few anchored regexes for the place; no per-message pinyin and no
word segmentation (measured not to help: bench/intake_segment.py). See shared/spec/intake.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.category import CategoryScorer
from domain.keywords import Cues, pairs_of
from domain.learned import Margin, NaiveBayes, english_terms, is_english
from domain.normalize import char_table
from domain.org import District, Place
from domain.place import PlaceFinder
from domain.urgency import UrgencyDetector


@dataclass(frozen=True)
class Parsed:
    """What the bot needs to file a report; see shared/spec/intake.md §1."""

    category: str  # one of the 17 codes
    urgent: bool
    hazard: str | None  # fire|gas|medical|trapped|shock|flood|violence when urgent, else None
    place: Place  # validated against the district; unknown parts None
    confidence: float  # 0..1; below ~0.5 the bot offers the top three categories as buttons
    top: tuple[str, ...]  # best three category codes, best first


class Parser:
    """Built once at start-up (tables and indexes); `parse` is then cheap and never raises."""

    def __init__(self, district: District, lexicon: Mapping[str, Any]) -> None:
        self.district = district
        self.table = char_table()
        self.scorer = CategoryScorer(lexicon)
        learned = lexicon.get("learned") or {}
        self.model = NaiveBayes(self.scorer.codes,
                                ((code, text.translate(self.table)) for code, text in lexicon.get("examples") or ()),
                                alpha=float(learned.get("alpha", 0.1)))
        self.blend = float(learned.get("weight", 0.0)) if self.model.trained else 0.0
        self.temperature = float(learned.get("temperature", 1.0))
        # a model all but undecided (its best share under `min_share`) says nothing: gibberish and
        # "嗯嗯" fall back to `other` rather than to whichever category leads by a hair
        self.min_share = float(learned.get("min_share", 0.0))
        self.urgency = UrgencyDetector(lexicon["urgency"])
        self.places = PlaceFinder(district, lexicon.get("place") or {})
        self.cues = Cues([*self.scorer.entries, *self.urgency.entries])  # one scan for both
        self.hazards = frozenset(self.urgency.order)
        hints = lexicon["urgency"].get("hints") or {}
        self.hints: dict[str, dict[str, float]] = {h: dict(bonus) for h, bonus in hints.items()}
        # a hazard that one category owns decides the category (a gas smell is power_gas)
        self.owner: dict[str, str] = dict(lexicon["urgency"].get("owner") or {})
        # the learned alarm: danger said in words no cue foresaw (seeds/urgency_examples.txt)
        alarm = lexicon["urgency"].get("learned") or {}
        examples = [(label, text.translate(self.table)) for label, text in lexicon.get("urgency_examples") or ()]
        self.alarm = Margin(("urgent", "calm"), examples, alpha=float(alarm.get("alpha", 0.1)))
        self.alarm_at = float(alarm.get("log_odds", math.inf))
        # …and where the rules set every cue aside, a higher bar (see lexicon.yaml)
        self.overrule_at = float(alarm.get("overrule_log_odds", math.inf))
        # English has its own, over words and word pairs: character pairs say little in English
        english = [(label, norm) for label, norm in examples if is_english(norm)]
        self.english_alarm = Margin(("urgent", "calm"), english, alpha=float(alarm.get("alpha", 0.1)),
                                    featurize=lambda text: set(english_terms(text)))
        self.english_at = float(alarm.get("english_log_odds", math.inf))

    def parse(self, text: str) -> Parsed:
        """One message: a single scan finds category and hazard cues; a known hazard nudges
        the category toward the one that deals with it, or decides it when only one does (a gas
        smell is power_gas however much the message says about the parent it is relayed for). The learned model
        is asked only when its at most `blend` points could change the winner."""
        norm = (text or "").translate(self.table)
        hits = self.cues.finditer(norm)
        hazards = self.hazards
        hazard_hits = [h for h in hits if h[3][0] in hazards]
        hazard = self.urgency.hazard(norm, hazard_hits)
        totals = self.scorer.scores(norm, [h for h in hits if h[3][0] not in hazards])
        for code, bonus in self.hints.get(hazard or "", {}).items():
            totals[code] = totals.get(code, 0.0) + bonus
        learned, pairs = None, None
        if self.blend and not self.scorer.settled(totals, self.blend):
            pairs = pairs_of(norm)  # shared by the model and the alarm
            learned = self.model.posterior(norm, self.temperature, pairs)
            if learned and max(learned.values()) < self.min_share:
                learned = None
        category, confidence, top = self.scorer.decide(totals, learned, self.blend)
        owner = self.owner.get(hazard or "")
        if owner and category != owner:
            category, top = owner, (owner, *(c for c in top if c != owner))[:3]
        # the alarm speaks where no cue did, and, surer still, where the rules set every cue aside
        # (negated, over, ruled out, somewhere else): their reading of a new wording can be wrong
        urgent = hazard is not None or self._alarmed(pairs or pairs_of(norm),
                                                     self.overrule_at if hazard_hits else self.alarm_at)
        if not urgent and not hazard_hits and self.english_at < math.inf and is_english(norm):
            urgent = self.english_alarm.trained and self.english_alarm.log_odds(english_terms(norm)) >= self.english_at
        return Parsed(category, urgent, hazard, self.places.find(norm), confidence, top)

    def _alarmed(self, pairs: list[str], bar: float) -> bool:
        """The learned alarm, asked when no hazard was found: urgent only when it is all but sure (`bar`
        nats, lexicon.yaml; the hazard stays unknown, so the resident is given every emergency number)."""
        return bar < math.inf and self.alarm.trained and self.alarm.log_odds(pairs) >= bar

    def parse_place(self, text: str) -> Place:
        """A reply to "哪个小区几号楼?": '惠泽12号楼3单元', '12栋' (community None), '惠泽 12'."""
        return self.places.find((text or "").translate(self.table), answer=True)


def contract_json(parsed: Parsed) -> dict[str, Any]:
    """The `bot.py parse` line for one message (shared/spec/intake.md §3) plus extras."""
    p = parsed.place
    return {"category": parsed.category, "urgent": parsed.urgent, "community": p.community,
            "building": p.building, "unit": p.unit, "room": p.room, "hazard": parsed.hazard,
            "confidence": parsed.confidence, "top": list(parsed.top)}
