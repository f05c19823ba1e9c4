"""Reading seed files (the only place that opens seeds/*.yaml); returns plain domain objects."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from domain.org import Category, District, load_categories

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@cache
def read_yaml(name: str, seeds_dir: Path = SEEDS_DIR) -> dict[str, Any]:
    """One seed file as a dict; cached because seeds do not change while the bot runs."""
    with open(seeds_dir / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def district(seeds_dir: Path = SEEDS_DIR) -> District:
    return District.from_dict(read_yaml("district.yaml", seeds_dir))


def categories(seeds_dir: Path = SEEDS_DIR) -> dict[str, Category]:
    return load_categories(read_yaml("categories.yaml", seeds_dir))


def emergency(seeds_dir: Path = SEEDS_DIR) -> dict[str, Any]:
    return read_yaml("emergency.yaml", seeds_dir)


def people(seeds_dir: Path = SEEDS_DIR) -> list[dict[str, Any]]:
    return read_yaml("people.yaml", seeds_dir).get("people") or []


def care_list(seeds_dir: Path = SEEDS_DIR) -> list[dict[str, Any]]:
    return read_yaml("care.yaml", seeds_dir).get("care") or []
