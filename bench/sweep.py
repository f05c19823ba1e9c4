"""The deadline sweep over a large backlog: 100,000 open tickets in SQLite (issue 4: one sweep ≤ 100 ms).

    python bench/sweep.py [--tickets 100000] [--due 0.005] [--steady 20] [--seed 7] [--db PATH]

Builds a SQLite file through `open_env` (real schema, roster, policy and working calendar), fills
it with open tickets from bench/_data.py (clocks and `check_at` as the app stores them), then runs
`services.sweep.run` the way the 30-second job does:
  1. the first sweep at NOW, when ~0.5% are due (as after a short outage): warnings and escalations;
  2. steady sweeps every 30 s after it, each handling what came due in those 30 s;
  3. sweeps with nothing due, the common case every 30 s outside busy hours.
It prints timings, what each sweep did, and EXPLAIN QUERY PLAN of the `to_check` query.
NOW is Tuesday 2026-11-24 10:00 in Shanghai, inside working hours, so working-time clocks run.
Nothing is asserted: the target line says PASS or MISS.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import World, bench_env, capture, chunked, insert_tickets, machine, ms, query_plan, ts
from sqlalchemy import func, select

from services import care, sweep, work
from services.env import Env
from storage import tickets as repo
from storage.schema import outbox, tickets

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TARGET = 0.100
TICK = timedelta(seconds=30)


class Costs:
    """Time and statements spent in the sweep's per-ticket steps (the module attributes it calls, wrapped)."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self.spent: dict[str, list[float]] = {"warn": [], "escalate": []}
        self.statements: dict[str, int] = {"warn": 0, "escalate": 0}
        self.saved = (sweep._warn, work.escalate)

    def __enter__(self) -> Costs:
        warn, escalate = self.saved

        def wrap(name: str, fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
            async def timed(*args: Any, **kwargs: Any) -> Any:
                with capture(self.env.db) as seen:
                    start = time.perf_counter()
                    result = await fn(*args, **kwargs)
                    self.spent[name].append(time.perf_counter() - start)
                self.statements[name] += len(seen.statements)
                return result
            return timed

        sweep._warn = wrap("warn", warn)  # type: ignore[assignment]
        work.escalate = wrap("escalate", escalate)  # type: ignore[assignment]
        return self

    def __exit__(self, *_exc: object) -> None:
        sweep._warn, work.escalate = self.saved  # type: ignore[assignment]

    def __str__(self) -> str:
        parts = []
        for name, times in self.spent.items():
            if times:
                parts.append(f"{name} {ms(statistics.mean(times))} and {self.statements[name] / len(times):.1f} "
                             f"statements each (×{len(times)})")
        return "; ".join(parts)


async def baseline(env: Env) -> str:
    """What an empty write transaction and one SELECT by id cost through the app's async engine."""
    empty, one = [], []
    for _ in range(200):
        start = time.perf_counter()
        async with env.db.write():
            pass
        empty.append(time.perf_counter() - start)
        start = time.perf_counter()
        async with env.db.read() as conn:
            await repo.get(conn, 1)
        one.append(time.perf_counter() - start)
    return (f"reference: an empty write transaction {ms(statistics.median(empty))}, "
            f"a read of one ticket by id {ms(statistics.median(one))} (median of 200)")


async def timed_sweep(env: Env, now: datetime) -> tuple[float, sweep.Swept]:
    start = time.perf_counter()
    swept = await sweep.run(env, now)
    return time.perf_counter() - start, swept


def line(label: str, times: list[float], swept: list[sweep.Swept]) -> str:
    looked = [s.looked_at for s in swept]
    return (f"{label}: p50 {ms(statistics.median(times))}, max {ms(max(times))} over {len(times)} sweeps; "
            f"looked at {sum(looked)} (per sweep {min(looked)}–{max(looked)}), "
            f"warned {sum(s.warned for s in swept)}, escalated {sum(s.escalated for s in swept)}")


def verdict(seconds: float) -> str:
    return "PASS" if seconds <= TARGET else "MISS"


async def run(args: argparse.Namespace, path: Path) -> None:
    print(f"machine: {machine()}")
    start = time.perf_counter()
    env = await bench_env(path, NOW)
    world = await World.load(env, seed=args.seed, now=NOW)
    rows = world.open_tickets(args.tickets, NOW, due_share=args.due)
    generated = time.perf_counter() - start
    stats = await insert_tickets(env.db, chunked(rows, 50_000))
    print(f"database: {path}")
    print(f"generated {len(rows):,} open tickets in {generated:.1f} s (with env, roster, {len(world.residents):,} "
          f"residents); inserted {stats}")
    now_s = ts(NOW)
    checks = [r["check_at"] for r in rows]
    ahead = sorted(c - now_s for c in checks if c is not None and c > now_s)
    by_status: dict[str, int] = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    print(f"backlog: {', '.join(f'{k} {v:,}' for k, v in sorted(by_status.items()))}; "
          f"check_at due now {sum(1 for c in checks if c is not None and c <= now_s):,}, "
          f"NULL (at the committee, past every clock) {checks.count(None):,}, "
          f"due within the next 30 s {sum(1 for d in ahead if d <= 30):,}, within 10 min "
          f"{sum(1 for d in ahead if d <= 600):,}; median time to check_at {statistics.median(ahead) / 3600:.1f} h")

    with capture(env.db) as seen:
        async with env.db.read() as conn:
            await repo.to_check(conn, NOW, sweep.BATCH)
    _label, statement, params = seen.statements[-1]
    print("\nto_check query:\n  " + " ".join(statement.split()).replace(", tickets.", ",").replace("tickets.", ""))
    for step in await query_plan(env.db, statement, params):
        print(f"  EXPLAIN QUERY PLAN: {step}")

    with Costs(env) as costs:
        first_time, first = await timed_sweep(env, NOW)
    print(f"\n1. first sweep at NOW (the due batch): {ms(first_time)}; looked at {first.looked_at}, "
          f"warned {first.warned}, escalated {first.escalated}; "
          f"{ms(first_time / max(first.looked_at, 1))} per ticket looked at")
    print(f"   per ticket: {costs}")
    async with env.db.read() as conn:
        left = (await conn.execute(select(func.count()).where(tickets.c.check_at <= NOW))).scalar_one()
        queued = (await conn.execute(select(func.count()).select_from(outbox))).scalar_one()
    print(f"   afterwards: {left} still due at NOW, {queued:,} messages queued in the outbox")

    steady_times: list[float] = []
    steady: list[sweep.Swept] = []
    at = NOW
    for _ in range(args.steady):
        at += TICK
        took, swept = await timed_sweep(env, at)
        steady_times.append(took)
        steady.append(swept)
    print("2. " + line(f"steady sweeps every 30 s (NOW+30 s … NOW+{args.steady * 30} s)", steady_times, steady))

    idle_times: list[float] = []
    idle: list[sweep.Swept] = []
    for _ in range(args.steady):
        took, swept = await timed_sweep(env, at)  # the same moment again: everything due is handled
        idle_times.append(took)
        idle.append(swept)
    print("3. " + line("nothing due (the same moment swept again)", idle_times, idle))
    query_times = []
    for _ in range(args.steady):
        start = time.perf_counter()
        async with env.db.read() as conn:
            await repo.to_check(conn, at, sweep.BATCH)
        query_times.append(time.perf_counter() - start)
    await care.run(env, at)  # the job files due care visits first; the seeded ones are filed once here
    tick_times = []
    for _ in range(args.steady):
        start = time.perf_counter()
        await care.run(env, at)
        await sweep.run(env, at)
        tick_times.append(time.perf_counter() - start)
    print(f"   to_check query alone: p50 {ms(statistics.median(query_times))}; the whole 30-s job "
          f"(care.run + sweep.run), nothing due: p50 {ms(statistics.median(tick_times))}")

    print("   " + await baseline(env))

    common, busy = statistics.median(idle_times), statistics.median(steady_times)
    print(f"\ntarget: one sweep over {args.tickets:,} open tickets ≤ {TARGET * 1000:.0f} ms")
    print(f"  nothing due (the common case)          {ms(common):>10}  {verdict(common)}")
    print(f"  steady, ~{statistics.mean(s.looked_at for s in steady):.0f} due per 30 s (p50)         "
          f"{ms(busy):>10}  {verdict(busy)}   (max {ms(max(steady_times))} {verdict(max(steady_times))})")
    print(f"  first sweep, {first.looked_at} due at once           {ms(first_time):>10}  {verdict(first_time)}"
          f"   ({ms(first_time / max(first.looked_at, 1))} per due ticket)")
    await env.db.dispose()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=100_000)
    ap.add_argument("--due", type=float, default=0.005, help="share of tickets due at NOW (default 0.5%%)")
    ap.add_argument("--steady", type=int, default=20, help="sweeps per phase (default 20)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, help="build the SQLite file here (must not exist) and keep it")
    args = ap.parse_args(argv)
    if args.db is not None:
        if args.db.exists():
            raise SystemExit(f"{args.db} exists: the sweep changes the data, so give a new path")
        asyncio.run(run(args, args.db))
        return 0
    with tempfile.TemporaryDirectory(prefix="gridbot-sweep-") as tmp:
        asyncio.run(run(args, Path(tmp) / "sweep.db"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
