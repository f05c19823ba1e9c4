"""Loading seeds/lexicon.yaml, the parser's vocabulary (beside app/seeds.py, same seeds dir)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from app.seeds import SEEDS_DIR


@cache
def lexicon(seeds_dir: Path = SEEDS_DIR) -> dict[str, Any]:
    """The lexicon as a dict; libyaml's loader when present (the file is large, start-up counts)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(seeds_dir / "lexicon.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)
