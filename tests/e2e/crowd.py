"""A crowd of residents against `python bot.py run`: shared by the fault tests and bench/e2e.py.

The reports are chosen so that none is held as "已有人反映" (a possible duplicate): each names a
different (building, category) pair, and only categories whose duplicates are matched by building
(not the outdoor ones, matched by community). 105 buildings × 10 such categories give 1,050 pairs,
every one of which the parser files under the intended place and category (checked by
`tests/e2e/test_faults.py`), so "exactly one ticket per report" is a count, not a guess.

`BotProcess` runs the real CLI in a child process, so a test can SIGKILL it the way an OOM killer or
a power cut would, and restart it on the same database.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select

from app import seeds
from standin import BotApiStandIn
from storage.db import Database
from storage.schema import inbox, outbox, tickets, users

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "424242:CROWD-TEST-TOKEN"
FIRST_RESIDENT = 5_000_001  # residents' Telegram ids: FIRST_RESIDENT + i
SEND_CONCURRENCY = 10  # the sender's requests in flight at once (its default)

# Categories whose duplicates must share the building (seeds/categories.yaml: not `outdoor`), with
# ways residents put them that the parser files under that category and never as urgent.
PHRASES: dict[str, tuple[str, ...]] = {
    "fire_safety": ("楼道里堆满了旧纸箱和杂物，堵住了安全通道", "消防通道被车堵了", "楼道的灭火器过期了"),
    "water": ("下水道堵了，污水往外冒", "家里没有水了，水压特别低", "楼下的污水井堵了"),
    "heating": ("暖气不热，屋里才十五度", "暖气片冰凉，供暖一直没来"),
    "power_gas": ("楼道的电闸老跳闸，整栋楼停电了", "电表箱的电线老化，经常停电"),
    "elevator": ("电梯坏了好几天了，一直停运", "电梯运行时咣咣响，门也关不严"),
    "property": ("物业不作为，门禁坏了一个月没人修", "物业费收了却什么都不管"),
    "dispute": ("邻居把杂物堆到我家门口，说了也不听，吵了好几次", "楼上邻居占用公共车位，和邻居发生争吵"),
    "help": ("我家老人独居行动不便，需要有人帮忙代购", "楼里有位独居老人需要上门探访照顾"),
    "public_service": ("想咨询一下养老保险怎么办理", "怎么申请低保补贴，需要什么材料"),
    "other": ("建议小区多组织一些文化活动", "表扬一下网格员工作认真负责"),
}


@dataclass(frozen=True)
class Report:
    resident: int  # Telegram id (= private chat id)
    text: str
    community: str
    building: int
    category: str


def all_pairs() -> list[tuple[str, int, str]]:
    """Every (community, building, category) a report may name without meeting another one."""
    return [(c.name, b, cat) for c in seeds.district().communities.values()
            for b in range(1, c.buildings + 1) for cat in PHRASES]


def distinct_reports(n: int, rng: random.Random) -> list[Report]:
    """`n` reports from `n` residents, each about its own (building, category): none is a duplicate."""
    pairs = all_pairs()
    if n > len(pairs):
        raise ValueError(f"only {len(pairs)} distinct (building, category) pairs; asked for {n}")
    rng.shuffle(pairs)
    return [Report(FIRST_RESIDENT + i, f"{community}{building}号楼{rng.choice(PHRASES[cat])}", community,
                   building, cat)
            for i, (community, building, cat) in enumerate(pairs[:n])]


async def register(api: BotApiStandIn, reports: list[Report]) -> None:
    """The seeded staff and every resident have opened the bot (else sends to them would be refused)."""
    for p in seeds.people():
        await api.user(int(p["tg_id"]), p["name"])
    for r in reports:
        await api.user(r.resident, f"居民{r.resident - FIRST_RESIDENT + 1}")


def bot_environment(api: BotApiStandIn, database_url: str, **extra: str) -> dict[str, str]:
    """`bot.py run`'s environment: the stand-in as Telegram, sends as fast as the stand-in takes them."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.base_url,
           "DATABASE_URL": database_url, "PTB_TIMEDELTA": "1", "GRIDBOT_LEADER_EVERY": "0.5",
           # overall, per private chat, per group (a minute): a test measures correctness, not
           # Telegram's pacing (the sender's own tests cover that)
           "GRIDBOT_SEND_RATE": "10000", "GRIDBOT_CHAT_RATE": "10000", "GRIDBOT_GROUP_RATE": "10000",
           "GRIDBOT_SEND_CONCURRENCY": str(SEND_CONCURRENCY)}
    return env | extra


@dataclass
class BotProcess:
    """`python bot.py run` as a child process, started, SIGKILLed and restarted on one database."""

    api: BotApiStandIn
    workdir: Path
    env: dict[str, str]
    python_args: list[str] = field(default_factory=list)  # e.g. ["-m", "pyinstrument", ...] (bench/e2e.py)
    starts: int = 0
    kills: int = 0
    proc: asyncio.subprocess.Process | None = None
    _mark: int = 0
    _log: IO[bytes] | None = None
    logs: list[Path] = field(default_factory=list)

    async def start(self) -> None:
        self.starts += 1
        path = self.workdir / f"bot-{self.starts}.log"
        self.logs.append(path)
        self._log = path.open("wb")
        self._mark = len(self.api.requests)
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, *self.python_args, str(ROOT / "bot.py"), "run", cwd=self.workdir, env=self.env,
            stdout=self._log, stderr=asyncio.subprocess.STDOUT)

    async def live(self, timeout: float = 60.0) -> None:
        """Until this process has asked Telegram for updates: it has migrated, seeded and started."""
        assert self.proc is not None
        if self.proc.returncode is not None:
            raise RuntimeError(f"the bot exited with {self.proc.returncode}: {self.log_tail()}")
        await self.api.wait_for_call("getUpdates", timeout=timeout, since=self._mark, finished=False)

    async def kill(self) -> None:
        """SIGKILL: no handler runs, no transaction commits, sockets drop mid-request."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()
        self.kills += 1
        self._close_log()

    async def stop(self, timeout: float = 30.0) -> int:
        """SIGINT, the way an operator stops it; returns the exit code."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        self._close_log()
        return code

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    def log_tail(self, chars: int = 3000) -> str:
        return self.logs[-1].read_text(errors="replace")[-chars:] if self.logs else ""

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


@dataclass(frozen=True)
class Backlog:
    tickets: int  # residents' tickets (care visits left out)
    inbox_open: int
    outbox_pending: int
    updates_waiting: int  # at the stand-in, not yet confirmed by getUpdates


async def backlog(db: Database, api: BotApiStandIn) -> Backlog:
    """What is still to do, read from the database as the bot left it (a connection of our own)."""
    now = datetime.now(UTC)
    async with db.read() as conn:
        filed = (await conn.execute(select(func.count()).select_from(tickets)
                                    .where(tickets.c.care_id.is_(None)))).scalar_one()
        open_ = (await conn.execute(select(func.count()).select_from(inbox)
                                    .where(inbox.c.done_at.is_(None)))).scalar_one()
        due = (await conn.execute(select(func.count()).select_from(outbox).where(
            outbox.c.status == "pending", outbox.c.not_before.is_(None) | (outbox.c.not_before <= now)))).scalar_one()
    return Backlog(int(filed), int(open_), int(due), len(api.pending_updates))


async def drained(db: Database, api: BotApiStandIn, tickets_expected: int, timeout: float = 180.0,
                  bot: BotProcess | None = None, poll: float = 0.2) -> Backlog:
    """Until every report is filed, every update handled and every message due sent (or `timeout`),
    looking every `poll` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        now = await backlog(db, api)
        if (now.tickets >= tickets_expected and now.inbox_open == 0 and now.outbox_pending == 0
                and now.updates_waiting == 0):
            return now
        if bot is not None and not bot.running:
            raise RuntimeError(f"the bot died: {bot.log_tail()}")
        if loop.time() > deadline:
            raise TimeoutError(f"not drained after {timeout} s: {now}")
        await asyncio.sleep(poll)


@dataclass
class Audit:
    """What residents and staff received, against what the database says was sent."""

    tickets: int
    residents_with_a_ticket: int
    tickets_per_resident: Counter[int]
    acknowledged: set[int]  # residents who got an acknowledgement naming their own ticket
    missing: Counter[tuple[int, str]]  # in the outbox as sent, never seen by Telegram
    repeated: Counter[tuple[int, str]]  # seen by Telegram more often than the outbox holds it
    strangers: Counter[tuple[int, str]]  # seen by Telegram, never queued at all
    unsent: Counter[str]  # outbox rows by status other than "sent"
    inbox_errors: int
    sent_rows: int

    @property
    def duplicates(self) -> int:
        return sum(self.repeated.values())


async def audit(db: Database, api: BotApiStandIn, reports: list[Report]) -> Audit:
    """Compare the database (tickets, inbox, outbox) with every message the stand-in received."""
    residents = {r.resident for r in reports}
    async with db.read() as conn:
        rows = (await conn.execute(select(tickets.c.id, users.c.tg_id).join(users, users.c.id == tickets.c.resident_id)
                                   .where(tickets.c.care_id.is_(None)))).all()
        queued = (await conn.execute(select(outbox.c.chat_id, outbox.c.text, outbox.c.status, outbox.c.op))).all()
        errors = (await conn.execute(select(func.count()).select_from(inbox)
                                     .where(inbox.c.error.is_not(None)))).scalar_one()
    ticket_of = {int(tg): int(tid) for tid, tg in rows}
    per_resident = Counter(int(tg) for _, tg in rows)
    expected = Counter((int(r.chat_id), r.text) for r in queued if r.status == "sent" and r.op != "edit")
    seen = Counter((m.chat_id, m.body) for m in api.messages())
    acknowledged = {m.chat_id for m in api.messages() if m.chat_id in residents
                    and f"#{ticket_of.get(m.chat_id)} " in m.body + " "}
    return Audit(
        tickets=len(rows), residents_with_a_ticket=len(set(per_resident) & residents),
        tickets_per_resident=per_resident, acknowledged=acknowledged,
        missing=expected - seen, repeated=Counter({k: v for k, v in (seen - expected).items() if k in expected}),
        strangers=Counter({k: v for k, v in seen.items() if k not in expected}),
        unsent=Counter(r.status for r in queued if r.status != "sent"), inbox_errors=int(errors),
        sent_rows=sum(expected.values()))


async def feed(api: BotApiStandIn, reports: list[Report], seconds: float) -> None:
    """Residents write their reports, evenly spread over `seconds`."""
    if not reports:
        return
    pause = seconds / len(reports)
    for r in reports:
        await api.send_text(r.resident, r.text)
        if pause > 0:
            await asyncio.sleep(pause)


def summary(a: Audit, kills: int) -> dict[str, Any]:
    """The figures a test prints (pytest -s) and docs/scale.md quotes."""
    return {"kills": kills, "tickets": a.tickets, "acknowledged": len(a.acknowledged), "messages_sent": a.sent_rows,
            "duplicate_messages": a.duplicates, "missing": sum(a.missing.values())}
