"""Digest build time over two years of history: 1,000,000 tickets in SQLite (issue 4: every digest ≤ 1 s).

    python bench/digest.py [--tickets 1000000] [--days 730] [--runs 5] [--seed 7] [--db PATH] [--no-prototype]

Builds (or, with --db naming an existing file made by this bench, reuses) a SQLite file through
`open_env` and fills it from bench/_data.py: tickets filed over the last two years, mostly closed and
rated, ~2% open, some overdue. Then it times `services.digest.build` (text only) for each supervisor's
scope: the committee (daily and weekly), a branch and a grid, twice:
  1. without planner statistics, as the app runs (it never runs ANALYZE; a new file has no
     sqlite_stat1): the query shapes alone must give the right plans;
  2. with statistics from a full ANALYZE, to show the plans and figures hold either way (the
     statistics are dropped again afterwards).
It times the chart rendering on its own, breaks each scope's daily digest down by storage call, and
prints EXPLAIN QUERY PLAN for every statement they run (without statistics).
Unless --no-prototype, it then tries the changes listed in PROTOTYPES on the same file, prints
the figures before and after, and takes them away again, so the file stays as the app leaves it.
NOW is Tuesday 2026-11-24 08:30 in Shanghai, when the daily digest goes out.
Nothing is asserted: the target lines say PASS or MISS.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import Captured, World, bench_env, capture, chunked, insert_tickets, machine, ms, query_plan
from sqlalchemy import event, func, select

from app.chart import render_digest_chart
from domain.access import Role
from domain.tickets import OPEN
from services import digest
from services.env import Env
from storage import digest as digest_queries
from storage import people
from storage import tickets as tickets_repo
from storage.schema import tickets

NOW = datetime(2026, 11, 24, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TARGET = 1.0
COMMITTEE = Role("committee", "committee")
SCOPES = {
    "committee, daily": (COMMITTEE, 1),
    "committee, weekly": (COMMITTEE, 7),
    "branch 惠泽社区党委, daily": (Role("branch", "branch:惠泽社区党委"), 1),
    "grid 惠泽一网格, daily": (Role("grid_worker", "grid:惠泽一网格"), 1),
}
COMMITTEE_SCOPES = ["committee, daily", "committee, weekly"]
DAILY_SCOPES = ["committee, daily", "branch 惠泽社区党委, daily", "grid 惠泽一网格, daily"]


# -- building the database --------------------------------------------------------------------------

async def count(env: Env, *where: Any) -> int:
    async with env.db.read() as conn:
        return int((await conn.execute(select(func.count()).select_from(tickets).where(*where))).scalar_one())


async def prepare(args: argparse.Namespace, path: Path) -> Env:
    """The bench's database at `path`: reused when it already holds the tickets, else generated."""
    reuse = path.exists()
    start = time.perf_counter()
    env = await bench_env(path, NOW)
    if reuse:
        opened = time.perf_counter() - start
        have = await count(env)
        print(f"database: {path} (reused: {have:,} tickets already there; generation not timed; "
              f"opened in {ms(opened)})")
        return env
    start = time.perf_counter()
    world = await World.load(env, seed=args.seed, now=NOW, years=args.days / 365)
    setup = time.perf_counter() - start
    stats = await insert_tickets(env.db, chunked(world.history(args.tickets, NOW, args.days), 50_000))
    print(f"database: {path}")
    print(f"generated and inserted (50k per executemany, one transaction) {stats}; "
          f"before that {setup:.1f} s for env, roster and {len(world.residents):,} residents")
    return env


async def describe(env: Env) -> None:
    c = tickets.c
    total = await count(env)
    open_values = [s.value for s in OPEN]
    opened = await count(env, c.status.in_(open_values))
    overdue = await count(env, c.status.in_(open_values), c.resolve_due < NOW)
    rated = await count(env, c.rated_at.is_not(None))
    day = await count(env, c.created_at >= NOW - timedelta(days=1))
    async with env.db.read() as conn:
        first = (await conn.execute(select(func.min(c.created_at)))).scalar_one()
        size = (await conn.exec_driver_sql("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"))
        size_bytes = size.scalar_one()
    print(f"history: {total:,} tickets since {first:%Y-%m-%d}; open {opened:,} ({opened / total:.1%}), "
          f"open and overdue {overdue:,}; rated {rated:,}; filed in the last 24 h {day:,}; "
          f"file {size_bytes / 1e6:,.0f} MB")


# -- timing -----------------------------------------------------------------------------------------

async def timed_build(env: Env, scope: Role, days: int) -> tuple[float, digest.Digest]:
    start = time.perf_counter()
    built = await digest.build(env, scope, "zh", NOW, env.tz, days)
    return time.perf_counter() - start, built


async def time_digests(env: Env, runs: int, scopes: list[str] | None = None,
                       quiet: bool = False) -> tuple[dict[str, float], dict[str, str]]:
    """Median build time per scope (after one untimed build to warm the page cache), and each digest's text."""
    medians, texts = {}, {}
    for label in scopes or list(SCOPES):
        scope, days = SCOPES[label]
        first, built = await timed_build(env, scope, days)
        times = [(await timed_build(env, scope, days))[0] for _ in range(runs)]
        medians[label], texts[label] = statistics.median(times), built.text
        if not quiet:
            print(f"  {label:<28} median {ms(medians[label]):>10}  (first {ms(first)}, max {ms(max(times))}, "
                  f"{runs} runs)")
    return medians, texts


def time_chart(built: digest.Digest, runs: int) -> None:
    start = time.perf_counter()
    png = render_digest_chart(built.title, built.days, built.grids, "zh")
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_digest_chart(built.title, built.days, built.grids, "zh")
        times.append(time.perf_counter() - start)
    print(f"  chart for the committee digest ({len(built.days)} days, {len(built.grids)} grids): "
          f"median {ms(statistics.median(times))}, first {ms(first)} (imports matplotlib, loads the CJK font); "
          f"PNG {len(png):,} bytes")


class Breakdown:
    """Time per storage call inside one digest build: the module attributes `services.digest` calls, wrapped.

    While a wrapped call runs, statements captured by `seen` are labelled with its name.
    """

    TARGETS: ClassVar[list[tuple[ModuleType, str]]] = [
        (digest_queries, "open_tallies"), (digest_queries, "tallies"), (digest_queries, "total"),
        (digest_queries, "top_categories"),
        (digest_queries, "hot_spots"), (tickets_repo, "most_affected"), (digest_queries, "overdue"),
        (people, "get"), (digest_queries, "daily"),
    ]

    def __init__(self, seen: Captured) -> None:
        self.seen = seen
        self.spent: dict[str, list[float]] = {}
        self.saved = [(module, name, getattr(module, name)) for module, name in self.TARGETS]

    def __enter__(self) -> Breakdown:
        for module, name, fn in self.saved:
            setattr(module, name, self._wrap(name, fn))
        return self

    def __exit__(self, *_exc: object) -> None:
        for module, name, fn in self.saved:
            setattr(module, name, fn)

    def _wrap(self, name: str, fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            self.seen.label = name
            start = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                self.spent.setdefault(name, []).append(time.perf_counter() - start)
                self.seen.label = ""
        return timed


async def breakdown(env: Env, scope: Role, days: int) -> list[tuple[str, str, Any]]:
    """Print where one build spends its time; return its statements labelled by storage call."""
    with capture(env.db) as seen, Breakdown(seen) as parts:
        took, _ = await timed_build(env, scope, days)
    listed = sum(sum(v) for v in parts.spent.values())
    print(f" one build {ms(took)}: " + ", ".join(
        f"{name} {ms(sum(v))}" + (f" ({len(v)} calls)" if len(v) > 1 else "")
        for name, v in sorted(parts.spent.items(), key=lambda kv: -sum(kv[1]))) + f", the rest {ms(took - listed)}")
    return list(seen.statements)


def summary(statement: str) -> str:
    """The part of a statement that tells it apart: what it counts and its WHERE clause."""
    text = " ".join(statement.split()).replace("tickets.", "")
    head = re.match(r"SELECT (.*?) FROM", text)
    where = re.search(r" WHERE (.*?)(?: GROUP BY| ORDER BY| LIMIT|$)", text)
    picked = head.group(1) if head else ""
    if picked.count(",") > 5:
        picked = "*"
    return f"SELECT {picked} WHERE {where.group(1) if where else ''}"


def access(plan: list[str]) -> str:
    """How SQLite reaches the rows: an index search, a whole-index scan, or a whole-table scan."""
    if any(step.startswith("SCAN") and "INDEX" not in step and "tickets" in step for step in plan):
        return "FULL TABLE SCAN"
    if any(step.startswith("SCAN") and "INDEX" in step for step in plan):
        return "full index scan"
    if any("INDEX" in step or "PRIMARY KEY" in step for step in plan):
        return "index"
    return "?"


async def statement_time(env: Env, statement: str, params: Any, repeat: int = 3) -> tuple[float, int]:
    """Median time of the raw statement through the app's driver, all rows fetched; and the row count."""
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        async with env.db.engine.connect() as conn:
            rows = len((await conn.exec_driver_sql(statement, params)).fetchall())
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


async def explain(env: Env, statements: list[tuple[str, str, Any]], title: str) -> None:
    """Each distinct statement once: its time alone, rows, access path and plan."""
    print(f"\n{title}")
    seen: set[str] = set()
    for label, statement, params in statements:
        if statement in seen or not statement.lstrip().upper().startswith("SELECT"):
            continue
        seen.add(statement)
        took, rows = await statement_time(env, statement, params)
        plan = await query_plan(env.db, statement, params)
        print(f"  [{label or '?'}] {ms(took):>9} {rows:>6} rows  {access(plan):<16} {summary(statement)}")
        print(f"      plan: {' / '.join(plan)}")


# -- statistics: the two states every scope is timed in -----------------------------------------------

async def drop_statistics(env: Env) -> None:
    """No planner statistics, as the app keeps its files (it never runs ANALYZE)."""
    await execute_all(env, ("DROP TABLE IF EXISTS sqlite_stat1", "DROP TABLE IF EXISTS sqlite_stat4"))


async def take_statistics(env: Env) -> float:
    """A full ANALYZE (exact statistics); returns how long it took."""
    return await execute_all(env, ("PRAGMA analysis_limit=0", "ANALYZE"))


# -- prototypes: changes tried on the bench's file, then taken away --------------------------------

@dataclass(frozen=True)
class Prototype:
    """A change tried on the bench's file: SQL to apply and to take away, bench-only storage replacements."""

    label: str
    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    patches: tuple[tuple[ModuleType, str, Any], ...] = ()
    scopes: tuple[str, ...] = tuple(SCOPES)
    pragmas: tuple[str, ...] = ()  # run on every new connection, as storage.db._sqlite_pragmas would


MMAP = Prototype("connections: PRAGMA mmap_size=1073741824 (table pages read through a 1 GB memory map)",
                 pragmas=("PRAGMA mmap_size=1073741824",), scopes=tuple(SCOPES))
BIGGER_CACHE = Prototype("connections: PRAGMA cache_size=-65536 (64 MB page cache instead of the default 2 MB)",
                         pragmas=("PRAGMA cache_size=-65536",), scopes=tuple(COMMITTEE_SCOPES))
OPEN_COVERING = Prototype(
    "index: (status, grid, resolve_due), covering the open and overdue tallies",
    ("CREATE INDEX ix_bench_open_grid ON tickets (status, grid, resolve_due)",),
    ("DROP INDEX ix_bench_open_grid",), scopes=tuple(COMMITTEE_SCOPES))

PROTOTYPES = [BIGGER_CACHE, MMAP, OPEN_COVERING]
PROTOTYPE_RUNS = 3


@contextmanager
def patched(replacements: Iterable[tuple[ModuleType, str, Any]]) -> Iterator[None]:
    saved = [(module, name, getattr(module, name)) for module, name, _ in replacements]
    for module, name, fn in replacements:
        setattr(module, name, fn)
    try:
        yield
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)


async def execute_all(env: Env, statements: Iterable[str]) -> float:
    start = time.perf_counter()
    async with env.db.engine.connect() as conn:
        for sql in statements:
            await conn.exec_driver_sql(sql)
        await conn.commit()
    await env.db.engine.dispose()  # fresh connections load the new schema and statistics
    return time.perf_counter() - start


@contextmanager
def connection_pragmas(env: Env, pragmas: tuple[str, ...]) -> Iterator[None]:
    """Every connection the engine opens meanwhile runs these pragmas too."""
    def run(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        for pragma in pragmas:
            cur.execute(pragma)
        cur.close()

    if pragmas:
        event.listen(env.db.work_engine, "connect", run)
    try:
        yield
    finally:
        if pragmas:
            event.remove(env.db.work_engine, "connect", run)


async def try_prototype(env: Env, proto: Prototype, runs: int, before: dict[str, float],
                        texts: dict[str, str]) -> None:
    print(f"\nprototype: {proto.label}")
    if proto.add:
        print(f"  applied in {await execute_all(env, proto.add):.1f} s: {'; '.join(proto.add)}")
    try:
        with patched(proto.patches), connection_pragmas(env, proto.pragmas):
            await env.db.engine.dispose()
            after, new_texts = await time_digests(env, runs, list(proto.scopes), quiet=True)
            for name in proto.scopes:
                same = "same text" if new_texts[name] == texts[name] else "TEXT DIFFERS"
                print(f"  {name:<28} before {ms(before[name]):>10} → after {ms(after[name]):>10}  ({same})")
            for label in proto.scopes:
                if label in DAILY_SCOPES:
                    print(f"  {label} breakdown:", end="")
                    await breakdown(env, *SCOPES[label])
    finally:
        if proto.drop:
            await execute_all(env, proto.drop)
        await env.db.engine.dispose()


# -- the whole bench --------------------------------------------------------------------------------

async def run(args: argparse.Namespace, path: Path) -> None:
    print(f"machine: {machine()}")
    env = await prepare(args, path)
    await describe(env)
    states = ["without planner statistics", "with full ANALYZE statistics"]
    medians, texts = {}, {}

    await drop_statistics(env)
    print(f"\ndigest build, text only, {states[0]} (NOW {NOW:%Y-%m-%d %H:%M %Z}):")
    medians[states[0]], texts[states[0]] = await time_digests(env, args.runs)
    _, built = await timed_build(env, COMMITTEE, 1)
    time_chart(built, args.runs)
    for label in DAILY_SCOPES:
        print(f"\nwhere the {label} digest spends its time, {states[0]}:", end="")
        statements = await breakdown(env, *SCOPES[label])
        await explain(env, statements, f"statements of the {label} digest (time alone, rows, access, plan):")

    took = await take_statistics(env)
    print(f"\ndigest build, text only, {states[1]} (ANALYZE took {took:.1f} s):")
    medians[states[1]], texts[states[1]] = await time_digests(env, args.runs)
    await drop_statistics(env)
    if texts[states[0]] != texts[states[1]]:
        print("  TEXTS DIFFER between the two states")

    total = await count(env)
    print(f"\ntarget: every supervisor's digest over {total:,} tickets ≤ {TARGET:.0f} s")
    for label in SCOPES:
        print(f"  {label:<28} " + "; ".join(
            f"{state} {ms(medians[state][label]):>9} {'PASS' if medians[state][label] <= TARGET else 'MISS'}"
            for state in states))

    if args.prototype:
        for proto in PROTOTYPES:
            await try_prototype(env, proto, min(args.runs, PROTOTYPE_RUNS), medians[states[0]], texts[states[0]])
    await env.db.dispose()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, help="SQLite file: reused if it exists, else built there and kept")
    ap.add_argument("--no-prototype", dest="prototype", action="store_false", help="skip the PROTOTYPES")
    args = ap.parse_args(argv)
    if args.db is not None:
        asyncio.run(run(args, args.db))
        return 0
    with tempfile.TemporaryDirectory(prefix="gridbot-digest-") as tmp:
        asyncio.run(run(args, Path(tmp) / "digest.db"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
