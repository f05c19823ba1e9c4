"""Is a new report the same problem as an open ticket? Same place, same category, similar words, 72 h.

Same building is required, or the same community for outdoor categories (one street
lamp is seen from many buildings). Words are compared by shared character pairs, which
suits Chinese without segmentation and tolerates the different ways people say a thing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

from domain.org import Place
from domain.tickets import Ticket

WINDOW = timedelta(hours=72)
MIN_SIMILARITY = 0.2


def bigrams(text: str) -> set[str]:
    chars = [c for c in text.lower() if c.isalnum()]
    return {a + b for a, b in pairwise(chars)}


def similarity(a: str, b: str) -> float:
    """Share of character pairs the shorter text has in common with the other (0..1)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def same_place(new: Place, old: Place, outdoor: bool) -> bool:
    if new.community is None or new.community != old.community:
        return False
    if outdoor:
        return True
    return new.building is not None and new.building == old.building


def matches(text: str, place: Place, category: str, outdoor: bool, old: Ticket,
            now: datetime) -> bool:
    return (old.is_open and old.category == category
            and old.created_at is not None and now - old.created_at <= WINDOW
            and same_place(place, old.place, outdoor)
            and similarity(text, old.text) >= MIN_SIMILARITY)


def best_match(text: str, place: Place, category: str, outdoor: bool, candidates: list[Ticket],
               now: datetime) -> Ticket | None:
    """The most similar open ticket that is the same problem, if any."""
    found = [t for t in candidates if matches(text, place, category, outdoor, t, now)]
    return max(found, key=lambda t: similarity(text, t.text), default=None)
