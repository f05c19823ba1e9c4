"""The deadline sweep over a large backlog: 100,000 open tickets in SQLite (issue 4: one sweep ≤ 100 ms).

    python bench/sweep.py [--tickets 100000] [--due 0.005] [--steady 20] [--batch N] [--seed 7] [--db PATH]

Builds a SQLite file through `open_env` (real schema, roster, policy and working calendar), fills
it with open tickets from bench/_data.py (clocks and `check_at` as the app stores them), then runs
`services.sweep.run` the way the 30-second job does:
  1. a burst: ~0.5% due at NOW (as after a short outage), swept every 30 s from NOW until every
     ticket due at NOW has been handled: a pass takes at most `sweep.BATCH` (oldest first), so a
     burst larger than that drains over several passes; each pass also takes what came due meanwhile;
  2. steady passes, ticks every 30 s after it, each handling what came due in those 30 s;
  3. sweeps with nothing due, the common case every 30 s outside busy hours.
It prints timings (wall time, and the process's CPU time, since other processes may be sharing the
cores), what each sweep did, how many statements a pass sends, and EXPLAIN QUERY PLAN of the `to_check`
query. NOW is Tuesday 2026-11-24 10:00 in Shanghai, inside working hours, so working-time clocks run.
Nothing is asserted: the target lines say PASS or MISS.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import World, bench_env, capture, chunked, insert_tickets, machine, ms, query_plan, ts
from sqlalchemy import func, select

from services import care, sweep
from services.env import Env
from storage import tickets as repo
from storage.schema import outbox, tickets

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TARGET = 0.100
TICK = timedelta(seconds=30)


class Taken:
    """The ids each pass re-reads under the write lock (the module attribute the sweep calls, wrapped)."""

    def __init__(self) -> None:
        self.ids: Counter[int] = Counter()
        self.saved = repo.get_many

    def __enter__(self) -> Taken:
        async def recorded(conn: Any, ids: list[int], **kwargs: Any) -> Any:
            self.ids.update(ids)
            return await self.saved(conn, ids, **kwargs)
        repo.get_many = recorded  # type: ignore[assignment]
        return self

    def __exit__(self, *_exc: object) -> None:
        repo.get_many = self.saved  # type: ignore[assignment]


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


async def cpu_timed_sweep(env: Env, now: datetime) -> tuple[float, float, sweep.Swept]:
    """Wall time and this process's CPU time (both threads): a wall time well above the CPU time
    means other processes had the cores."""
    cpu = time.process_time()
    took, swept = await timed_sweep(env, now)
    return took, time.process_time() - cpu, swept


def line(label: str, times: list[float], swept: list[sweep.Swept], cpu: list[float] | None = None) -> str:
    looked = [s.looked_at for s in swept]
    spent = f" (CPU p50 {ms(statistics.median(cpu))}, max {ms(max(cpu))})" if cpu else ""
    return (f"{label}: p50 {ms(statistics.median(times))}, max {ms(max(times))}{spent} over {len(times)} sweeps; "
            f"looked at {sum(looked)} (per sweep {min(looked)}–{max(looked)}), "
            f"warned {sum(s.warned for s in swept)}, escalated {sum(s.escalated for s in swept)}")


FULL_COLLECTIONS = [0]


def _count_full_collections(phase: str, info: dict[str, Any]) -> None:
    if phase == "start" and info.get("generation") == 2:
        FULL_COLLECTIONS[0] += 1


def verdict(seconds: float) -> str:
    return "PASS" if seconds <= TARGET else "MISS"


async def still_due(env: Env, at: datetime) -> int:
    async with env.db.read() as conn:
        return (await conn.execute(select(func.count()).where(tickets.c.check_at <= at))).scalar_one()


async def burst(env: Env) -> tuple[list[float], list[float], list[sweep.Swept], datetime]:
    """Passes as the 30-s job runs them (services.sweep.run_until_done): back to back while they come
    back full, at most MAX_PASSES a tick, then the next tick; prints each pass and the drain."""
    async with env.db.read() as conn:
        backlog = set(await repo.to_check(conn, NOW, 10**9))
    times: list[float] = []
    cpus: list[float] = []
    swept: list[sweep.Swept] = []
    at = NOW
    with Taken() as taken, capture(env.db) as seen:
        while True:
            before = len(seen.statements)
            took, cpu, done = await cpu_timed_sweep(env, at)
            times.append(took)
            cpus.append(cpu)
            swept.append(done)
            print(f"   pass {len(times)} at NOW+{(at - NOW).seconds:>3} s: {ms(took):>9} (CPU {ms(cpu)}); looked at "
                  f"{done.looked_at}, warned {done.warned}, escalated {done.escalated}; "
                  f"{len(seen.statements) - before} statements")
            if not await still_due(env, NOW) or len(times) > 100:
                break
            if done.looked_at < sweep.BATCH or len(times) % sweep.MAX_PASSES == 0:
                at += TICK  # the tick is over: the next one comes 30 s later
    twice = sum(1 for n in taken.ids.values() if n > 1)
    print(f"   drained: the {len(backlog)} due at NOW all handled by pass {len(times)} "
          f"(the last {(at - NOW).seconds} s after the first); {sum(taken.ids.values())} taken by the passes, "
          f"{len(taken.ids)} distinct, {twice} taken twice, {len(backlog - set(taken.ids))} of the burst never taken")
    return times, cpus, swept, at


async def run(args: argparse.Namespace, path: Path) -> None:
    if args.batch:
        sweep.BATCH = args.batch
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
    print(f"batch: at most {sweep.BATCH} tickets per pass (services.sweep.BATCH; --batch to try another)")
    del world, rows, checks, ahead  # the generator's 100,000 row dicts are not the app's: no GC walks them
    gc.collect()
    gc.callbacks.append(_count_full_collections)

    with capture(env.db) as seen:
        async with env.db.read() as conn:
            await repo.to_check(conn, NOW, sweep.BATCH)
    _label, statement, params = seen.statements[-1]
    print("\nto_check query:\n  " + " ".join(statement.split()).replace(", tickets.", ",").replace("tickets.", ""))
    for step in await query_plan(env.db, statement, params):
        print(f"  EXPLAIN QUERY PLAN: {step}")

    print(f"\n1. a burst of {await still_due(env, NOW)} due at NOW (as after a short outage), "
          "swept as the 30-s job does:")
    burst_times, burst_cpu, bursts, at = await burst(env)
    burst_end = at
    handled = sum(s.looked_at for s in bursts)
    async with env.db.read() as conn:
        queued = (await conn.execute(select(func.count()).select_from(outbox))).scalar_one()
    print(f"   {ms(sum(burst_times) / max(handled, 1))} per ticket handled; {queued:,} messages queued in the outbox")

    steady_times: list[float] = []
    steady_cpu: list[float] = []
    steady: list[sweep.Swept] = []
    for _ in range(args.steady):
        at += TICK
        for _pass in range(sweep.MAX_PASSES):  # as the job does: passes back to back while they come back full
            took, cpu, swept = await cpu_timed_sweep(env, at)
            steady_times.append(took)
            steady_cpu.append(cpu)
            steady.append(swept)
            if swept.looked_at < sweep.BATCH:
                break
    print("2. " + line(f"steady passes, ticks every 30 s after it (… NOW+{(at - NOW).seconds} s)", steady_times, steady,
                       steady_cpu))
    left = await still_due(env, at)
    print(f"   afterwards {left} due and waiting at NOW+{(at - NOW).seconds} s "
          f"(each tick runs passes until nothing due is left, so nothing queues up)")

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
    print(f"   full garbage collections (generation 2) while sweeping: {FULL_COLLECTIONS[0]}")

    common, busy, worst = statistics.median(idle_times), statistics.median(steady_times), max(burst_times)
    print(f"\ntarget: one sweep over {args.tickets:,} open tickets ≤ {TARGET * 1000:.0f} ms")
    print(f"  nothing due (the common case)          {ms(common):>10}  {verdict(common)}")
    per_tick = sum(s.looked_at for s in steady) / max(args.steady, 1)
    print(f"  steady, ~{per_tick:.0f} due per 30 s, pass p50              "
          f"{ms(busy):>10}  {verdict(busy)}   (max {ms(max(steady_times))} {verdict(max(steady_times))})")
    print(f"  burst of {handled} in {len(bursts)} passes (slowest)   {ms(worst):>10}  {verdict(worst)}"
          f"   (CPU at most {ms(max(burst_cpu))}; ≤ {sweep.BATCH} per pass; all handled "
          f"{(burst_end - NOW).seconds} s after the first pass)")
    await env.db.dispose()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=100_000)
    ap.add_argument("--due", type=float, default=0.005, help="share of tickets due at NOW (default 0.5%%)")
    ap.add_argument("--steady", type=int, default=20, help="sweeps per phase (default 20)")
    ap.add_argument("--batch", type=int, help="tickets per pass (default: services.sweep.BATCH)")
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
