"""Intake parser figures on a labelled set: accuracy, urgency, confusions, misses, speed.

    python bench/intake_eval.py [path/to/labelled.jsonl] [--quiet]
    python bench/intake_eval.py --all      # one line per set: dev and tests/unit/data/*.jsonl

Prints category accuracy, whole-place accuracy, urgent recall and precision, the confused
category pairs, every miss, and messages per second parsed in-process.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.parse_cli import build_parser  # noqa: E402
from domain.parser import Parser, contract_json  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "intake_dev.jsonl"
HELD_OUT = ROOT / "tests" / "unit" / "data"
PLACE = ("community", "building", "unit", "room")


@dataclass
class Report:
    """Counts over one labelled set."""

    total: int = 0
    category: int = 0
    place: int = 0
    urgent_true: int = 0
    urgent_pred: int = 0
    urgent_hit: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.urgent_hit / self.urgent_true if self.urgent_true else 1.0

    @property
    def precision(self) -> float:
        return self.urgent_hit / self.urgent_pred if self.urgent_pred else 1.0


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(parser: Parser, rows: list[dict]) -> Report:
    """Compare the parser's contract output with each labelled row."""
    r = Report()
    for row in rows:
        got = contract_json(parser.parse(row["text"]))
        r.total += 1
        wrong = []
        if got["category"] == row["category"]:
            r.category += 1
        else:
            r.confusions[(row["category"], got["category"])] += 1
            wrong.append(f"category {row['category']}→{got['category']}")
        if all(got[k] == row.get(k) for k in PLACE):
            r.place += 1
        else:
            wrong.append("place " + " ".join(f"{k}:{row.get(k)}→{got[k]}" for k in PLACE
                                             if got[k] != row.get(k)))
        r.urgent_true += bool(row["urgent"])
        r.urgent_pred += bool(got["urgent"])
        r.urgent_hit += bool(row["urgent"] and got["urgent"])
        if got["urgent"] != row["urgent"]:
            wrong.append(f"urgent {row['urgent']}→{got['urgent']} ({got['hazard']})")
        if wrong:
            r.misses.append(f"{row['text']}\n      " + "; ".join(wrong))
    return r


def speed(parser: Parser, texts: list[str], seconds: float = 1.0) -> float:
    """Messages per second, steady state, in this process."""
    for t in texts:
        parser.parse(t)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            parser.parse(t)
        n += len(texts)
    return n / (time.perf_counter() - start)


def summary(parser: Parser, paths: list[Path]) -> None:
    """One line per labelled set, for comparing sets (and before/after a change) at a glance."""
    print(f"{'set':22s} {'n':>4s} {'category':>9s} {'place':>7s} {'recall':>7s} {'precision':>9s}")
    for path in paths:
        r = evaluate(parser, load(path))
        print(f"{path.name:22s} {r.total:4d} {100 * r.category / r.total:8.1f}% {100 * r.place / r.total:6.1f}% "
              f"{100 * r.recall:6.1f}% {100 * r.precision:8.1f}%")


def main(argv: list[str]) -> int:
    if "--all" in argv:
        held_out = sorted(HELD_OUT.glob("*.jsonl"), key=lambda p: (len(p.stem), p.stem))  # 2 before 10
        summary(build_parser(), [p for p in (DEV, *held_out) if p.exists()])
        return 0
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEV
    start = time.perf_counter()
    parser = build_parser()
    built = time.perf_counter() - start
    rows = load(path)
    r = evaluate(parser, rows)
    if "--quiet" not in argv:
        for miss in r.misses:
            print("  -", miss)
        print("confusions (expected→got):")
        for (want, got), n in r.confusions.most_common():
            print(f"  {want}→{got}: {n}")
    print(f"messages            {r.total}  ({path.name})")
    print(f"category accuracy   {100 * r.category / r.total:.1f}%")
    print(f"place accuracy      {100 * r.place / r.total:.1f}%")
    print(f"urgent recall       {100 * r.recall:.1f}%  ({r.urgent_hit}/{r.urgent_true})")
    print(f"urgent precision    {100 * r.precision:.1f}%  ({r.urgent_hit}/{r.urgent_pred})")
    print(f"parser build        {1000 * built:.0f} ms")
    print(f"speed               {speed(parser, [row['text'] for row in rows]):,.0f} msgs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
