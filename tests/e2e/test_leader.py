"""Two Gridbot processes on one PostgreSQL, both serving the webhook: each scheduled tick happens once,
and when the leader dies the other takes over and runs the next one (PostgreSQL only)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.offline import SHANGHAI, TOKEN, Offline, SteppingClock
from domain.tickets import Tier
from standin import BotApiStandIn
from storage import tickets as repo
from storage.schema import outbox
from tests.e2e.conftest import LIU_SHUJI, XIAO_LI, ZHANG
from tests.e2e.test_webhook import REPORT, free_port, meet_the_staff, webhook_bot

ROOT = Path(__file__).resolve().parents[2]
WAIT = 20.0


@dataclass
class Pair:
    api: BotApiStandIn
    clock: SteppingClock
    first: Offline  # started first: the leader
    second: Offline  # started last: Telegram posts to its URL

    @property
    def leader(self) -> Offline:
        (lead,) = [p for p in (self.first, self.second) if p.app.bot_data.leader.is_leader]
        return lead

    async def tick(self, job: str) -> None:
        """Both processes' job fires at the same moment, as their schedules would have it."""
        runs = [j.run(p.app) for p in (self.first, self.second) for j in p.app.job_queue.get_jobs_by_name(job)]
        assert len(runs) == 2
        await asyncio.gather(*runs)

    async def settle(self) -> None:
        """Every update delivered and handled, and everything queued sent (by the leader)."""
        await self.api.wait_idle(timeout=WAIT)  # each update was stored: the stand-in heard 200
        for p in (self.first, self.second):
            await p.app.bot_data.inbox.idle(timeout=WAIT)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT
        while await self._pending() and loop.time() < deadline:
            await self.leader.app.bot_data.sender.idle(timeout=WAIT)
        assert await self._pending() == 0
        await self.api.wait_idle(timeout=WAIT)

    async def _pending(self) -> int:
        async with self.first.env.db.read() as conn:
            q = select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
            return int((await conn.execute(q)).scalar_one())

    async def report(self) -> int:
        await self.api.send_text(ZHANG, REPORT)
        await self.settle()
        async with self.first.env.db.read() as conn:
            return int((await conn.execute(select(func.max(repo.tickets.c.id)))).scalar_one())

    async def miss_the_claim_deadline(self, n: int) -> Tier:
        """Time passes the warning, then the deadline; at each, both processes' sweeps fire."""
        async with self.first.env.db.read() as conn:
            tk = await repo.get(conn, n)
        assert tk is not None and tk.check_at is not None and tk.claim_due is not None
        for when in (tk.check_at, tk.claim_due):
            self.clock.jump(max(timedelta(0), when - self.clock()) + timedelta(seconds=1))
            await self.tick("sweep")
            await self.settle()
        async with self.first.env.db.read() as conn:
            return (await repo.get(conn, n)).tier  # type: ignore[union-attr]

    def count(self, chat_id: int, needle: str) -> int:
        return sum(needle in m.body for m in self.api.messages(chat_id))


@pytest.fixture
async def pair(pg_url: str) -> AsyncIterator[Pair]:
    clock = SteppingClock(datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI))
    async with BotApiStandIn(token=TOKEN) as api:
        await meet_the_staff(api)
        async with webhook_bot(api, pg_url, clock, leader_every=0.05) as (first, _), \
                webhook_bot(api, pg_url, clock, leader_every=0.05) as (second, _):
            pair = Pair(api, clock, first, second)
            assert pair.leader is first
            yield pair


async def test_a_due_escalation_and_a_digest_happen_once(pair: Pair) -> None:
    n = await pair.report()
    assert pair.count(ZHANG, f"#{n}") == 1
    assert await pair.miss_the_claim_deadline(n) == Tier.GRID
    assert pair.count(XIAO_LI, "⏰") == 1  # warned once, before the deadline
    assert pair.count(ZHANG, "已报到网格") == 1  # escalated once
    await pair.tick("daily_digest")
    await pair.settle()
    assert pair.count(LIU_SHUJI, "📊") == 1


async def test_when_the_leader_dies_the_other_takes_over_and_runs_the_next_tick(pair: Pair, pg_url: str) -> None:
    n = await pair.report()
    first, second = pair.first.app.bot_data.leader, pair.second.app.bot_data.leader
    pid = await first.session_pid()
    engine = create_async_engine(pg_url, poolclass=NullPool)
    try:  # the leader's connection dies, as in a crash or a network cut
        async with engine.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    finally:
        await engine.dispose()
    await asyncio.gather(first.until(False, WAIT), second.until(True, WAIT))
    assert pair.leader is pair.second
    assert await pair.miss_the_claim_deadline(n) == Tier.GRID  # swept, and told, by the new leader
    assert pair.count(ZHANG, "已报到网格") == 1 and pair.count(XIAO_LI, "⏰") == 1
    await pair.tick("daily_digest")
    await pair.settle()
    assert pair.count(LIU_SHUJI, "📊") == 1


async def _health(port: int) -> dict[str, object] | None:
    try:
        async with httpx.AsyncClient() as http:
            return (await http.get(f"http://127.0.0.1:{port}/healthz", timeout=2)).json()  # type: ignore[no-any-return]
    except httpx.HTTPError:
        return None


async def _until(probe: object, timeout: float = 60.0) -> None:
    """Ask again until the answer comes (a process starting, a lock changing hands); bounded."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await probe():  # type: ignore[operator]
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_two_bot_py_processes_and_a_kill_9_of_the_leader(pg_url: str, tmp_path: Path) -> None:
    async with BotApiStandIn(token=TOKEN) as api:
        await meet_the_staff(api)
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": api.base_url,
               "DATABASE_URL": pg_url, "GRIDBOT_LEADER_EVERY": "0.2"}
        ports, procs = [free_port(), free_port()], []
        try:
            for port in ports:  # the first leads; Telegram posts to the second, the last to set its URL
                procs.append(await asyncio.create_subprocess_exec(
                    sys.executable, str(ROOT / "bot.py"), "run", "--webhook", f"http://127.0.0.1:{port}/tg",
                    "--listen", f"127.0.0.1:{port}", cwd=tmp_path, env=env,
                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT))
                await _until(lambda port=port: _health(port))
                await api.wait_for_call("setWebhook", lambda c, port=port: str(port) in c.params["url"], timeout=WAIT)
            assert [(await _health(p) or {}).get("leader") for p in ports] == [True, False]
            await api.send_text(ZHANG, REPORT)
            await api.wait_for_message(ZHANG, lambda m: "#1" in m.body, timeout=WAIT)

            procs[0].send_signal(signal.SIGKILL)  # no goodbye: the server frees the lock with the socket
            await procs[0].wait()

            async def second_leads() -> bool:
                return (await _health(ports[1]) or {}).get("leader") is True

            await _until(second_leads)
            await api.send_text(ZHANG, "惠泽小区12号楼电梯坏了")
            await api.wait_for_message(ZHANG, lambda m: "#2" in m.body, timeout=WAIT)  # sent by the new leader
        finally:
            for proc in procs:
                if proc.returncode is None:
                    proc.send_signal(signal.SIGINT)
            outs = [(await asyncio.wait_for(p.communicate(), 30))[0].decode(errors="replace") for p in procs]
        assert procs[1].returncode == 0, outs[1][-3000:]
        assert "Traceback" not in outs[1], outs[1][-3000:]
        assert "is the leader now" in outs[0] and "is the leader now" in outs[1]


async def test_a_second_bot_py_on_the_same_sqlite_file_is_refused_at_once(backend: str, tmp_path: Path) -> None:
    if backend != "sqlite":
        pytest.skip("the one-process guard is SQLite's")
    async with BotApiStandIn(token=TOKEN) as api:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": api.base_url,
               "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'one.db'}"}
        run = (sys.executable, str(ROOT / "bot.py"), "run")
        first = await asyncio.create_subprocess_exec(*run, cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
                                                     stderr=asyncio.subprocess.STDOUT)
        try:
            await api.wait_for_call("getUpdates", timeout=60, finished=False)
            second = await asyncio.create_subprocess_exec(*run, cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
                                                          stderr=asyncio.subprocess.PIPE)
            _, err = await asyncio.wait_for(second.communicate(), 60)
        finally:
            first.send_signal(signal.SIGINT)
            out, _ = await asyncio.wait_for(first.communicate(), 30)
    assert second.returncode == 2
    assert [line for line in err.decode().splitlines() if line.startswith("error:")] == [
        next(line for line in err.decode().splitlines() if "another Gridbot process already serves" in line)]
    assert "Traceback" not in err.decode()
    assert first.returncode == 0 and b"Traceback" not in out
