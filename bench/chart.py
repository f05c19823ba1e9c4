"""Render time and size of the digest chart, and a sample PNG to look at.

    python bench/chart.py [--out /tmp/digest_sample.png] [--runs 10] [--lang zh]

First render includes importing matplotlib and loading the 16 MB CJK font; steady renders are what a
daily digest for several supervisors costs. Sample data: the demo district's grids, 14 realistic days.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.chart import DayCount, GridRates, render_digest_chart

NEW = [12, 9, 15, 11, 8, 6, 14, 17, 13, 10, 9, 7, 16, 12]
RESOLVED = [10, 11, 12, 9, 10, 7, 9, 13, 15, 11, 8, 9, 11, 13]
GRIDS = [
    GridRates("惠泽一网格", 0.96, 0.88, 0.92),
    GridRates("惠泽二网格", 0.91, 0.79, 0.85),
    GridRates("惠泽三网格", 0.83, 0.71, None),
    GridRates("民馨一网格", 1.0, 0.94, 0.97),
    GridRates("民馨二网格", 0.88, 0.65, 0.74),
    GridRates("民馨三网格", None, None, None),
]


def sample_days(last: date = date(2026, 11, 22)) -> list[DayCount]:
    """Fourteen days ending at `last`, busier on Mondays as real intake is."""
    first = last - timedelta(days=len(NEW) - 1)
    return [DayCount(first + timedelta(days=i), n, r) for i, (n, r) in enumerate(zip(NEW, RESOLVED, strict=True))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/digest_sample.png")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    title = "惠泽社区 每日简报 11月22日" if args.lang == "zh" else "Huize community: daily digest, 22 Nov"
    start = time.perf_counter()
    png = render_digest_chart(title, sample_days(), GRIDS, lang=args.lang)
    first = time.perf_counter() - start
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        render_digest_chart(title, sample_days(), GRIDS, lang=args.lang)
        times.append(time.perf_counter() - start)
    Path(args.out).write_bytes(png)
    print(f"first render (import + font): {first * 1000:.0f} ms")
    print(f"steady render: median {statistics.median(times) * 1000:.0f} ms over {args.runs} runs")
    print(f"PNG: {len(png):,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
