"""The organisation tree (committee → branches → communities → grids → buildings) as plain data.

Built from seeds by `District.from_dict`; every lookup the bot needs about "who is
above whom" lives here so that no handler ever writes `if community == ...`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Place:
    """Where a problem is; every part may be unknown (None)."""

    community: str | None = None
    building: int | None = None
    unit: int | None = None
    room: str | None = None

    @property
    def known(self) -> bool:
        return self.community is not None

    def completed_by(self, other: Place) -> Place:
        """Fill a missing community from another place (home, or the answer to "which estate?").

        A building named in the message beats the other place's building; a message that
        names nothing takes the other place whole.
        """
        if self.known:
            return self
        if self.building is None:
            return other
        return Place(other.community, self.building, self.unit, self.room)

    def label(self, english_name: str | None = None) -> str:
        """惠泽小区12号楼3单元501室, or with an English estate name "Huize Estate, building 12, …"."""
        if english_name is None:
            forms, joiner, head = ("{}号楼", "{}单元", "{}室"), "", self.community or ""
        else:
            forms, joiner, head = ("building {}", "unit {}", "room {}"), ", ", english_name
        parts = [form.format(v) for form, v in zip(forms, (self.building, self.unit, self.room), strict=True)
                 if v is not None]
        return joiner.join([head, *parts])


@dataclass(frozen=True)
class Grid:
    name: str
    en: str
    community: str
    first: int
    last: int

    def holds(self, building: int) -> bool:
        return self.first <= building <= self.last


@dataclass(frozen=True)
class Community:
    name: str
    en: str
    branch: str
    buildings: int
    aliases: tuple[str, ...] = ()
    grids: tuple[Grid, ...] = ()

    def has_building(self, building: int) -> bool:
        return 1 <= building <= self.buildings


@dataclass(frozen=True)
class Branch:
    name: str
    en: str
    communities: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    code: str
    zh: str
    en: str
    triage: str  # simple | joint | major
    outdoor: bool = False  # one thing outside, seen by many: duplicates match by community

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class District:
    """The whole demo district; immutable after loading."""

    committee: str
    committee_en: str
    branches: dict[str, Branch] = field(default_factory=dict)
    communities: dict[str, Community] = field(default_factory=dict)
    grids: dict[str, Grid] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> District:
        district = cls(committee=data["committee"]["name"], committee_en=data["committee"]["en"])
        for b in data["branches"]:
            names = []
            for c in b["communities"]:
                grids = tuple(
                    Grid(g["name"], g["en"], c["name"], g["buildings"][0], g["buildings"][1])
                    for g in c["grids"]
                )
                district.communities[c["name"]] = Community(
                    c["name"], c["en"], b["name"], int(c["buildings"]),
                    tuple(c.get("aliases", ())), grids,
                )
                district.grids.update({g.name: g for g in grids})
                names.append(c["name"])
            district.branches[b["name"]] = Branch(b["name"], b["en"], tuple(names))
        return district

    def grid_for(self, community: str | None, building: int | None) -> Grid | None:
        """The grid that serves a building, or None when the place is too vague."""
        c = self.communities.get(community or "")
        if c is None or building is None:
            return None
        return next((g for g in c.grids if g.holds(building)), None)

    def branch_for(self, community: str | None) -> str | None:
        c = self.communities.get(community or "")
        return c.branch if c else None

    def validate(self, place: Place) -> Place:
        """Drop the parts of a place that do not exist in this district."""
        c = self.communities.get(place.community or "")
        if c is None:
            return Place()
        if place.building is None or not c.has_building(place.building):
            return Place(c.name)
        return place


def load_categories(data: dict[str, Any]) -> dict[str, Category]:
    """Categories keyed by code, in seed order."""
    return {
        c["code"]: Category(c["code"], c["zh"], c["en"], c["triage"], bool(c.get("outdoor", False)))
        for c in data["categories"]
    }
