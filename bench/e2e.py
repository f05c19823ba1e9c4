"""Reports per second through the whole path, and how long a resident waits for the acknowledgement.

    python bench/e2e.py [--backends sqlite,postgres] [--pg URL] [--reports 1000] [--load 0.5] [--runs 1]
                        [--profile DIR]

The bot is `python bot.py run` in a child process, exactly as deployed (polling), against the Bot API
stand-in in this process over loopback HTTP; beside it, in the same run and the same harness, a bare
python-telegram-bot echo bot (this file with `--echo-bot`: `Application.run_polling` and one handler that
replies with the text). For each:

  1. saturation: after a warm-up, 1,000 residents' reports are queued at once; the figures are
     - accepted/s: reports whose ticket, events and outbox rows are committed, per second (HTTP update →
       inbox → parse → route → commit; from the moment they were queued to the last inbox stamp);
     - acked/s: reports whose acknowledgement reached Telegram, per second (the last ack);
     - CPU ms per report: the bot process's CPU time (user + system) over the run, per report;
     twice: "paced", with the sender at Telegram's limits as deployed (30 messages/s, 1/s a chat: the
     2.6 messages a report causes drain afterwards), and with the sender's limits lifted, so that the
     whole path down to every message sent is measured (and compared with the echo bot, which sends
     its reply too);
  2. latency below saturation: reports arrive at a steady `--load` × the (lifted) saturation rate
     of the whole path (the lowest of accepted/s, acked/s and "every message sent"/s: a report's
     acknowledgement and cards all leave, 2.6 messages, and at saturation the acknowledgements go
     first, so acked/s alone is more than the bot sustains), open loop, one every 1/rate s; each is
     timed from the update being queued at Telegram to the acknowledgement's sendMessage reaching
     it: p50 / p99 / max, and where that time went (polled into the inbox · handled and committed ·
     the ack sent), from the database's stamps.

Each run gets a fresh database (PostgreSQL: a database of its own on the server `--pg` or
GRIDBOT_TEST_PG names), so every report is a new ticket: the crowd's reports never meet the
duplicate check's "已有人反映" (tests/e2e/crowd.py). docs/scale.md puts the figures next to
Telegram's 30 messages a second. `--profile DIR` runs each bot under pyinstrument (`pip install
pyinstrument`; not a dependency) and leaves a text profile per run there. Nothing is asserted: the
target lines say PASS or MISS. The per-report cost is judged as deployed: the bot's CPU per report
accepted while its sender keeps Telegram's pace, against the echo bot's CPU per update (its one reply
included); the costs with everything sent at once are printed beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from sqlalchemy import func, select  # noqa: E402

from bench._data import machine  # noqa: E402
from domain.pace import TELEGRAM  # noqa: E402
from standin import BotApiStandIn  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.schema import inbox, outbox  # noqa: E402
from tests import backends  # noqa: E402
from tests.e2e.crowd import (  # noqa: E402
    TOKEN,
    BotProcess,
    Report,
    all_pairs,
    backlog,
    bot_environment,
    distinct_reports,
    drained,
    register,
)

TARGET_RATE = 300.0  # reports accepted per second on SQLite
TARGET_RATIO = 3.0  # per-report cost against the echo bot's per-update cost
TARGET_P99 = 0.100  # seconds, below saturation
WARMUP = 40
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    name: str
    reports: int
    seconds_accepted: float | None  # queued → last inbox stamp (our bot only)
    seconds_acked: float
    cpu: float  # seconds of the bot process
    latencies: list[float] = field(default_factory=list)
    offered: float = 0.0  # reports/s offered in a latency run
    stages: dict[str, list[float]] = field(default_factory=dict)  # where the time went, per report
    seconds_delivered: float | None = None  # queued → every message of every report sent (sender unlimited)

    @property
    def accepted_rate(self) -> float:
        return self.reports / (self.seconds_accepted or self.seconds_acked)

    @property
    def acked_rate(self) -> float:
        return self.reports / self.seconds_acked

    @property
    def delivered_rate(self) -> float:
        """Reports a second whose every message went out: what the whole path sustains when everything
        is sent at once (at saturation acknowledgements go first, so `acked_rate` alone overstates it)."""
        return self.reports / (self.seconds_delivered or self.seconds_acked)

    @property
    def cpu_ms(self) -> float:
        return self.cpu * 1000 / self.reports


def pct(values: list[float], p: float) -> float:
    """The nearest-rank percentile: a value that was measured, not one interpolated between two."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class Acks:
    """Watches the stand-in's answers: when each resident's acknowledgement (or echo) was accepted."""

    def __init__(self, api: BotApiStandIn, is_ack: Callable[[str], bool]) -> None:
        self.api, self.is_ack = api, is_ack
        self.at: dict[int, float] = {}
        self.queued: dict[int, float] = {}
        self.queued_wall: dict[int, float] = {}  # time.time(), to set against the database's stamps
        self.expect: set[int] = set()
        self._all = asyncio.Event()
        self._answer = api.handle_bot
        api.handle_bot = self._observed  # type: ignore[method-assign]

    async def _observed(self, token: str, method: str, raw: dict[str, Any], *rest: Any) -> tuple[int, dict[str, Any]]:
        status, body = await self._answer(token, method, raw, *rest)
        if method == "sendMessage" and status == 200:
            chat = int(raw.get("chat_id", 0))
            if chat in self.expect and chat not in self.at and self.is_ack(str(raw.get("text", ""))):
                self.at[chat] = time.perf_counter()
                if len(self.at) >= len(self.expect):
                    self._all.set()
        return status, body

    def start(self, residents: list[int]) -> None:
        self.at.clear()
        self.queued.clear()
        self.expect = set(residents)
        self._all.clear()

    async def send(self, r: Report) -> None:
        self.queued[r.resident] = time.perf_counter()
        self.queued_wall[r.resident] = time.time()
        await self.api.send_text(r.resident, r.text)

    async def wait(self, timeout: float = 300.0) -> None:
        await asyncio.wait_for(self._all.wait(), timeout)

    def latencies(self) -> list[float]:
        return [self.at[c] - self.queued[c] for c in self.expect]


async def last_stamp(url: str) -> float:
    """The wall-clock time of the last inbox stamp, as `time.time()`."""
    db = Database(url)
    try:
        async with db.read() as conn:
            newest = (await conn.execute(select(func.max(inbox.c.done_at)))).scalar_one()
    finally:
        await db.dispose()
    return float(newest.timestamp())


async def stages(url: str, acks: Acks) -> dict[str, list[float]]:
    """Each report's wait split at the database's stamps: queued at Telegram → stored in the inbox
    (received_at: polling) → handled and committed (done_at) → its ack delivered (sent_at)."""
    db = Database(url)
    try:
        async with db.read() as conn:
            got = {int(r.chat_id): (r.received_at.timestamp(), r.done_at.timestamp())
                   for r in await conn.execute(select(inbox.c.chat_id, inbox.c.received_at, inbox.c.done_at))}
            sent = {int(r.chat_id): r.sent_at.timestamp() for r in await conn.execute(
                select(outbox.c.chat_id, outbox.c.sent_at).where(outbox.c.purpose == "ack", outbox.c.status == "sent"))}
    finally:
        await db.dispose()
    out: dict[str, list[float]] = {"poll": [], "handle": [], "send": []}
    for chat in acks.expect:
        if chat in got and chat in sent:
            received, done = got[chat]
            out["poll"].append(received - acks.queued_wall[chat])
            out["handle"].append(done - received)
            out["send"].append(sent[chat] - done)
    return out


class Echo:
    """The bare PTB echo bot as a child process (this file with --echo-bot)."""

    def __init__(self, api: BotApiStandIn, workdir: Path) -> None:
        self.api, self.workdir = api, workdir
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, profile: Path | None) -> None:
        mark = len(self.api.requests)
        args = [sys.executable, *(_profiled(profile)), __file__, "--echo-bot", self.api.base_url]
        self.proc = await asyncio.create_subprocess_exec(*args, cwd=self.workdir, stdout=asyncio.subprocess.DEVNULL,
                                                         stderr=asyncio.subprocess.DEVNULL)
        await self.api.wait_for_call("getUpdates", timeout=60, since=mark, finished=False)

    async def stop(self) -> None:
        if self.proc and self.proc.returncode is None:
            self.proc.send_signal(2)
            await asyncio.wait_for(self.proc.wait(), 30)


def _profiled(profile: Path | None) -> list[str]:
    if profile is None:
        return []
    profile.mkdir(parents=True, exist_ok=True)
    out = profile / f"profile-{time.strftime('%H%M%S')}-{random.randrange(10**6)}.txt"
    return ["-m", "pyinstrument", "-r", "text", "-o", str(out)]


async def one_run(kind: str, url: str | None, workdir: Path, reports: list[Report], rate: float | None,
                  profile: Path | None, paced: bool = False) -> Run:
    """One bot (ours on `url`, or the echo bot), a warm-up, then the reports at once (`rate` None) or
    at a steady rate; returns the figures. `paced`: our bot with the sender at Telegram's limits (the
    settings' defaults), timed until every report is accepted (its messages drain at 30/s after)."""
    warm, measured = reports[:WARMUP], reports[WARMUP:]
    async with AsyncExitStack() as stack:
        api = await stack.enter_async_context(BotApiStandIn(token=TOKEN))
        await register(api, reports)
        acks = Acks(api, (lambda text: "已收到" in text) if kind == "gridbot" else (lambda _text: True))
        if kind == "gridbot":
            assert url is not None
            env = bot_environment(api, url)
            if paced:
                env |= {"GRIDBOT_SEND_RATE": "30", "GRIDBOT_CHAT_RATE": "1", "GRIDBOT_GROUP_RATE": "20"}
            bot = BotProcess(api, workdir, env, python_args=_profiled(profile))
            await bot.start()
            await bot.live()
            stack.push_async_callback(bot.stop)
            pid = bot.proc.pid  # type: ignore[union-attr]
        else:
            echo = Echo(api, workdir)
            await echo.start(profile)
            stack.push_async_callback(echo.stop)
            pid = echo.proc.pid  # type: ignore[union-attr]
        if paced and rate is None:
            return await _paced(api, url, warm, measured, pid, acks)
        acks.start([r.resident for r in warm])
        for r in warm:
            await acks.send(r)
        await acks.wait()
        await asyncio.sleep(0.5)  # the warm-up's cards leave too

        acks.start([r.resident for r in measured])
        cpu0, wall0, t0 = cpu_seconds(pid), time.time(), time.perf_counter()
        if rate is None:
            for r in measured:
                await acks.send(r)
        else:
            for i, r in enumerate(measured):
                delay = t0 + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                await acks.send(r)
        await acks.wait()
        seconds_acked = max(acks.at.values()) - t0
        cpu = cpu_seconds(pid) - cpu0
        delivered = None
        if kind == "gridbot" and url and rate is None:  # and then until the cards are out too
            delivered = await drained_outbox(url, api) - t0
        accepted = (await last_stamp(url)) - wall0 if kind == "gridbot" and url else None
        split = await stages(url, acks) if kind == "gridbot" and url else {}
        return Run(kind, len(measured), accepted, seconds_acked, cpu, acks.latencies(),
                   offered=rate or 0.0, stages=split, seconds_delivered=delivered)


async def _paced(api: BotApiStandIn, url: str | None, warm: list[Report], measured: list[Report], pid: int,
                 acks: Acks) -> Run:
    """The reports at once to a bot sending at Telegram's pace: until each is accepted (committed)."""
    assert url is not None
    db = Database(url)
    try:
        for r in warm:
            await acks.send(r)
        await drained_inbox(db, api, len(warm))
        await asyncio.sleep(0.5)
        cpu0, wall0, t0 = cpu_seconds(pid), time.time(), time.perf_counter()
        for r in measured:
            await acks.send(r)
        await drained_inbox(db, api, len(warm) + len(measured))
        seconds, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    finally:
        await db.dispose()
    return Run("paced", len(measured), (await last_stamp(url)) - wall0, seconds, cpu)


async def drained_outbox(url: str, api: BotApiStandIn) -> float:
    """`perf_counter()` once nothing waits in the inbox or the outbox: every message has been sent."""
    db = Database(url)
    try:
        await drained(db, api, 0, poll=0.02)  # the run's own timing: looked at often
        return time.perf_counter()
    finally:
        await db.dispose()


async def drained_inbox(db: Database, api: BotApiStandIn, tickets: int) -> None:
    """Until `tickets` reports are filed and nothing waits in the inbox or at Telegram."""
    while True:
        now = await backlog(db, api)
        if now.tickets >= tickets and now.inbox_open == 0 and now.updates_waiting == 0:
            return
        await asyncio.sleep(0.02)


async def fresh_url(backend: str, workdir: Path, stack: AsyncExitStack, n: int) -> str:
    """An empty database per run, so every run files every report anew (dropped when the bench ends)."""
    return await stack.enter_async_context(backends.database_url(backend, workdir, name=f"e2e{n}"))


def line(run: Run) -> str:
    if run.name.endswith("paced") and not run.offered:
        return (f"  {run.name:8} saturated, {run.reports} at once: {run.accepted_rate:6.0f}/s accepted"
                f" (the sender at Telegram's 30/s, 1/s a chat); CPU {run.cpu_ms:.2f} ms/report")
    if run.offered:
        lat = run.latencies
        return (f"  {run.name:8} at {run.offered:6.0f}/s offered: ack latency p50 {pct(lat, 50) * 1000:6.1f} ms"
                f"  p99 {pct(lat, 99) * 1000:6.1f} ms  max {max(lat) * 1000:6.1f} ms  "
                f"({run.acked_rate:.0f}/s acked, CPU {run.cpu_ms:.2f} ms/report)")
    accepted = f"{run.accepted_rate:6.0f}/s accepted, " if run.seconds_accepted else " " * 19
    delivered = f" {run.delivered_rate:.0f}/s every message sent;" if run.seconds_delivered else ""
    return (f"  {run.name:8} saturated, {run.reports} at once: {accepted}{run.acked_rate:6.0f}/s acked;{delivered}"
            f" CPU {run.cpu_ms:.2f} ms/report; ack latency p50 {pct(run.latencies, 50) * 1000:.0f} ms")


def breakdown(run: Run) -> str:
    """p50 / p99 of each stage of the wait, in ms."""
    parts = [f"{name} {pct(v, 50) * 1000:.1f}/{pct(v, 99) * 1000:.1f}" for name, v in run.stages.items() if v]
    return "    where the wait went (p50/p99 ms): " + ", ".join(parts) if parts else ""


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


async def bench(args: argparse.Namespace) -> None:
    if args.pg:
        backends.PG_ADMIN_URL = args.pg
    names = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "postgres" in names and not backends.PG_ADMIN_URL:
        print("postgres: skipped (give --pg URL or GRIDBOT_TEST_PG)")
        names.remove("postgres")
    n = min(args.reports, len(all_pairs()) - WARMUP)
    print(f"bench/e2e.py: {n} reports per run after {WARMUP} warm-up; {machine()}")
    rng = random.Random(args.seed)
    profile = Path(args.profile).resolve() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="gridbot-e2e-") as tmp:
        workdir = Path(tmp)
        async with AsyncExitStack() as stack:
            counter = 0
            for _ in range(args.runs):
                echo_sat = await one_run("echo", None, workdir, distinct_reports(n + WARMUP, rng), None, profile)
                print(line(echo_sat))
                for backend in names:
                    counter += 1
                    url = await fresh_url(backend, workdir, stack, counter)
                    paced = await one_run("gridbot", url, workdir, distinct_reports(n + WARMUP, rng), None, profile,
                                          paced=True)
                    paced.name = f"{backend} paced"
                    print(line(paced))
                    counter += 1
                    url = await fresh_url(backend, workdir, stack, counter)
                    sat = await one_run("gridbot", url, workdir, distinct_reports(n + WARMUP, rng), None, profile)
                    sat.name = backend
                    print(line(sat))
                    counter += 1
                    url = await fresh_url(backend, workdir, stack, counter)
                    # below saturation of the whole path: handling or, sending at once, the sender (all it sends)
                    rate = max(1.0, args.load * min(sat.accepted_rate, sat.acked_rate, sat.delivered_rate))
                    below = await one_run("gridbot", url, workdir, distinct_reports(n + WARMUP, rng), rate, profile)
                    below.name = backend
                    print(line(below))
                    print(breakdown(below))
                    echo_below = await one_run("echo", None, workdir, distinct_reports(n + WARMUP, rng), rate, profile)
                    print(line(echo_below))
                    counter += 1
                    url = await fresh_url(backend, workdir, stack, counter)
                    # as deployed: the sender at Telegram's pace, whose 30 messages a second are then the
                    # ceiling of acknowledgements (they leave before cards), offered at `load` of it
                    deployed_rate = args.load * TELEGRAM.overall.per_second
                    deployed = await one_run("gridbot", url, workdir, distinct_reports(n + WARMUP, rng), deployed_rate,
                                             profile, paced=True)
                    deployed.name = f"{backend} paced"
                    print(line(deployed))
                    print(breakdown(deployed))
                    wall_ratio = echo_sat.acked_rate / sat.accepted_rate
                    cpu_ratio = sat.cpu_ms / echo_sat.cpu_ms
                    p99 = pct(below.latencies, 99)
                    print(f"  {backend}: per-report cost {wall_ratio:.2f}x echo's per update (wall, saturated),"
                          f" {cpu_ratio:.2f}x (CPU); paced {paced.cpu_ms / echo_sat.cpu_ms:.2f}x (CPU)")
                    if backend == "sqlite":
                        best = max(sat.accepted_rate, paced.accepted_rate)
                        print(f"  target ≥ {TARGET_RATE:.0f} reports/s accepted on SQLite: "
                              f"{verdict(best >= TARGET_RATE)} ({paced.accepted_rate:.0f}/s paced,"
                              f" {sat.accepted_rate:.0f}/s with everything sent at once)")
                    paced_ratio = paced.cpu_ms / echo_sat.cpu_ms
                    print(f"  target per-report cost ≤ {TARGET_RATIO:.0f}x echo's ({backend}): "
                          f"{verdict(paced_ratio <= TARGET_RATIO)} (CPU per report accepted with the sender at"
                          f" Telegram's pace, as deployed: {paced_ratio:.2f}x; everything sent at once: wall"
                          f" {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x)")
                    deployed_p99 = pct(deployed.latencies, 99)
                    print(f"  target p99 ≤ {TARGET_P99 * 1000:.0f} ms at {args.load:.0%} of saturation ({backend}): "
                          f"{verdict(p99 <= TARGET_P99)} ({p99 * 1000:.1f} ms with every message sent at once;"
                          f" as deployed, at {args.load:.0%} of Telegram's"
                          f" {TELEGRAM.overall.per_second:.0f} messages a second: {deployed_p99 * 1000:.1f} ms)")
                    sys.stdout.flush()


def echo_bot(base_url: str) -> None:
    """The bare python-telegram-bot echo bot the figures are compared with."""
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    app = Application.builder().token(TOKEN).base_url(base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0.0, timeout=10, allowed_updates=["message"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--pg", default=os.environ.get("GRIDBOT_TEST_PG", ""), help="PostgreSQL admin URL")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--load", type=float, default=0.5, help="share of saturation for the latency run")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--profile", help="run each bot under pyinstrument, text profiles into this folder")
    parser.add_argument("--echo-bot", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo_bot:
        echo_bot(args.echo_bot)
        return
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
