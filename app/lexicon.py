"""Loading the parser's vocabulary: seeds/lexicon.yaml plus the written examples it learns from."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from app.seeds import SEEDS_DIR


@cache
def lexicon(seeds_dir: Path = SEEDS_DIR) -> dict[str, Any]:
    """The lexicon as a dict, with `examples` (category, text) from seeds/intake_examples.txt and
    `urgency_examples` (urgent|calm, text) from seeds/urgency_examples.txt.

    libyaml's loader when present: the file is large and start-up counts.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(seeds_dir / "lexicon.yaml", encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.load(f, Loader=loader)
    return {**spec, "examples": examples(seeds_dir),
            "urgency_examples": examples(seeds_dir, "urgency_examples.txt")}


def examples(seeds_dir: Path = SEEDS_DIR, name: str = "intake_examples.txt") -> list[tuple[str, str]]:
    """`label|text` lines; blank lines and `#` comments skipped. Missing file: no examples."""
    path = seeds_dir / name
    if not path.exists():
        return []
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            code, bar, text = line.strip().partition("|")
            if bar and code and not code.startswith("#"):
                out.append((code, text))
    return out
