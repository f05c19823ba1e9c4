"""Speed of `python bot.py parse` as whole processes: cold start and steady messages per second.

    python bench/intake_speed.py [--lines 50000] [--runs 5] [--python /path/to/python]

Cold start is the wall time of a process given one line (median of several runs); steady speed
is N / (time for N lines - time for 1 line), so start-up is not counted twice, from the median and
from the best of the large runs (on a shared 2-core machine other work only ever adds time; the
load average is printed so a noisy figure shows). Input goes in and output comes out through
pipes, as a harness driving `bot.py parse` would use them. Lines are the dev set and the held-out
sets repeated, so the mix of lengths is what residents write.
The built parser is cached between start-ups (app/parse_cli.py): the first start after an install
or a change of seeds builds and stores it and is printed apart. A long input is parsed by one
forked worker per core; the same input through one process (GRIDBOT_PARSE_WORKERS=1) is printed
beside it.
Targets (shared/spec/intake.md and issue 3): start-up <= 1.0 s, steady >= 10,000 msgs/s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "intake_dev.jsonl"
SETS = [DEV, *sorted((ROOT / "tests" / "unit" / "data").glob("*.jsonl"))]


def texts() -> list[str]:
    """Every labelled message we have, one per line (newlines inside a text become spaces)."""
    out: list[str] = []
    for path in SETS:
        if path.exists():
            with open(path, encoding="utf-8") as f:
                out += [json.loads(line)["text"].replace("\n", " ") for line in f if line.strip()]
    return out or ["惠泽小区12号楼3单元501 暖气不热"]


def run(python: str, payload: bytes, workers: str | None = None) -> float:
    """Wall time of one `bot.py parse` process fed `payload` (with `workers` as
    GRIDBOT_PARSE_WORKERS, else its default: every core); fails loudly on a bad exit."""
    env = dict(os.environ)
    env.pop("GRIDBOT_PARSE_WORKERS", None)
    if workers is not None:
        env["GRIDBOT_PARSE_WORKERS"] = workers
    start = time.perf_counter()
    done = subprocess.run([python, str(ROOT / "bot.py"), "parse"], input=payload, cwd=ROOT,
                          capture_output=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    expected, got = payload.count(b"\n"), done.stdout.count(b"\n")
    if got != expected:
        raise SystemExit(f"expected {expected} output lines, got {got}")
    return elapsed


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args(argv)
    pool = texts()
    one = (pool[0] + "\n").encode("utf-8")
    many = "".join(pool[i % len(pool)] + "\n" for i in range(args.lines)).encode("utf-8")
    cache = Path(tempfile.mkdtemp(prefix="gridbot-bench-cache-"))
    os.environ["GRIDBOT_CACHE_DIR"] = str(cache)  # the runs' own parser cache, emptied where it matters
    run(args.python, one)  # warm the file cache and byte-code once
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    firsts = []
    for _ in range(3):  # the first start after an install or a change of seeds: builds and stores the parser
        shutil.rmtree(cache, ignore_errors=True)
        firsts.append(run(args.python, one))
    colds = [run(args.python, one) for _ in range(args.runs)]
    cold = statistics.median(colds)
    bigs = [run(args.python, many) for _ in range(max(3, args.runs // 2))]
    median_steady = args.lines / max(statistics.median(bigs) - cold, 1e-9)
    best_steady = args.lines / max(min(bigs) - cold, 1e-9)
    singles = [run(args.python, many, "1") for _ in range(max(3, args.runs // 2))]
    single = args.lines / max(statistics.median(singles) - cold, 1e-9)
    print(f"first start         {statistics.median(firsts):.3f} s  (no parser cache yet: built and stored; "
          + " ".join(f"{c:.2f}" for c in firsts) + ")")
    print(f"cold start          {cold:.3f} s  (median of {len(colds)}, the parser loaded from its cache: "
          + " ".join(f"{c:.2f}" for c in colds) + ")")
    print(f"{args.lines} lines      " + " ".join(f"{b:.2f}" for b in bigs) + " s")
    print(f"steady              {median_steady:,.0f} msgs/s (median run), {best_steady:,.0f} msgs/s (best run);"
          f" {os.cpu_count()} worker processes")
    print(f"one process         {single:,.0f} msgs/s (median run; GRIDBOT_PARSE_WORKERS=1)")
    print(f"load average        {load:.2f} before the runs (2 cores; above ~0.5 the figures are noisy)")
    print(f"targets             cold <= 1.0 s: {'ok' if cold <= 1.0 else 'MISSED'}; "
          f"steady >= 10,000 msgs/s: {'ok' if median_steady >= 10_000 else 'MISSED'} (median run)")
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
