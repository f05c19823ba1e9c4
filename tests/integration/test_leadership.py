"""Leader election on PostgreSQL's advisory locks, SQLite's one-process guard, and ticks done once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app import jobs
from app.leader import AlreadyServing, Leadership
from app.wiring import open_env
from services.env import Env
from storage import leader as leader_repo
from storage.schema import notices, outbox
from tests.conftest import NOW

EVERY = 0.05  # seconds between tries: a takeover is awaited, never timed
WAIT = 10.0


@pytest.fixture
async def two_leaderships(pg_url: str) -> AsyncIterator[tuple[Leadership, Leadership]]:
    first, second = Leadership(pg_url, every=EVERY), Leadership(pg_url, every=EVERY)
    try:
        yield first, second
    finally:
        await first.stop()
        await second.stop()


async def _terminate(url: str, pid: int) -> None:
    """End a server process the way a crash, an OOM kill or a dropped network would."""
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})).scalar_one()
    finally:
        await engine.dispose()


async def test_one_of_two_processes_leads_and_the_other_takes_over_when_it_stops(
        two_leaderships: tuple[Leadership, Leadership]) -> None:
    first, second = two_leaderships
    changes: list[tuple[str, bool]] = []

    async def note(name: str, leading: bool) -> None:
        changes.append((name, leading))

    first.on_change(lambda leading: note("first", leading))
    second.on_change(lambda leading: note("second", leading))
    await first.start()
    await second.start()
    assert (first.is_leader, second.is_leader) == (True, False)
    await first.stop()  # a clean stop frees the lock at once
    await second.until(True, WAIT)
    assert changes == [("first", True), ("first", False), ("second", True)]


async def test_when_the_leaders_connection_dies_it_steps_down_and_a_follower_takes_over(
        two_leaderships: tuple[Leadership, Leadership], pg_url: str) -> None:
    first, second = two_leaderships
    await first.start()
    await second.start()
    pid = await first.session_pid()
    assert pid is not None and first.is_leader and not second.is_leader
    await _terminate(pg_url, pid)
    await asyncio.gather(first.until(False, WAIT), second.until(True, WAIT))
    assert not first.is_leader  # and it stays a follower while the other holds the lock
    await second.stop()
    await first.until(True, WAIT)  # the old leader, on a fresh connection, can lead again


async def test_a_leader_whose_check_gets_no_answer_steps_down(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    leader = Leadership(pg_url, every=EVERY, timeout=0.2)
    try:
        await leader.start()
        assert leader.is_leader

        async def hangs(_self: Any) -> bool:
            await asyncio.sleep(3600)  # a network that swallows packets: no error, no answer
            return True

        monkeypatch.setattr(leader_repo.LockSession, "holds", hangs)
        await leader.until(False, WAIT)
    finally:
        await leader.stop()


async def test_sqlite_leads_at_once_and_refuses_a_second_process_on_the_same_file(
        backend: str, tmp_path: Path) -> None:
    if backend != "sqlite":
        pytest.skip("the one-process guard is SQLite's")
    url = f"sqlite+aiosqlite:///{tmp_path / 'one.db'}"
    first, second = Leadership(url), Leadership(url)
    await first.start()
    assert first.is_leader
    with pytest.raises(AlreadyServing, match="PostgreSQL"):  # at once: nothing waits for the lock
        second.claim_file()
    assert not second.is_leader
    await first.stop()
    await second.start()  # the file is free again
    assert second.is_leader
    await second.stop()
    assert Leadership(f"sqlite+aiosqlite:///{tmp_path / 'other.db'}").claim_file() is None  # other files: free


@pytest.fixture
async def two_envs(database_url: str) -> AsyncIterator[tuple[Env, Env]]:
    """Two processes' Envs on one database, each with its own connection pool."""
    first = await open_env(database_url, lambda: NOW)
    second = await open_env(database_url, lambda: NOW)
    try:
        yield first, second
    finally:
        await first.db.dispose()
        await second.db.dispose()


async def _digests(env: Env) -> int:
    async with env.db.read() as conn:
        q = select(func.count()).select_from(outbox).where(outbox.c.purpose == "digest")
        return int((await conn.execute(q)).scalar_one())


async def test_a_digest_period_goes_out_once_when_two_processes_tick_at_once(two_envs: tuple[Env, Env]) -> None:
    first, second = two_envs
    due = NOW - timedelta(minutes=1)
    results = await asyncio.gather(jobs.digest_tick(first, 1, due, NOW), jobs.digest_tick(second, 1, due, NOW))
    sent = [r for r in results if r is not None]
    assert len(sent) == 1 and sent[0] > 0  # one built and queued it; the other found it done
    once = await _digests(first)
    assert once > 0
    assert await jobs.digest_tick(second, 1, due, NOW + timedelta(minutes=5)) is None  # a late catch-up: done
    assert await _digests(second) == once
    assert await jobs.digest_tick(first, 1, due + timedelta(days=1), NOW + timedelta(days=1))  # the next day's
    assert await _digests(first) == 2 * once


async def test_a_digest_tick_that_dies_leaves_nothing_and_its_period_free(
        two_envs: tuple[Env, Env], pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_envs
    due = NOW - timedelta(minutes=1)
    real = jobs.digest.broadcast

    async def dies_half_way(env: Env, now: Any, days: int = 1) -> int:
        await real(env, now, days)  # everything queued, then the process "dies" before the commit
        raise ConnectionResetError("the leader's database connection went away")

    monkeypatch.setattr(jobs.digest, "broadcast", dies_half_way)
    with pytest.raises(ConnectionResetError):
        await jobs.digest_tick(first, 1, due, NOW)
    assert await _digests(first) == 0
    async with first.db.read() as conn:
        assert not await leader_repo.claimed(conn, jobs.digest_key(1, due))
    monkeypatch.setattr(jobs.digest, "broadcast", real)
    assert await jobs.digest_tick(second, 1, due, NOW)  # the next leader's catch-up sends it, once
    assert await _digests(second) > 0


async def test_a_job_tick_another_process_is_running_is_skipped(two_envs: tuple[Env, Env], pg_url: str) -> None:
    first, second = two_envs
    inside, release = asyncio.Event(), asyncio.Event()

    async def long_sweep() -> str:
        inside.set()
        await release.wait()
        return "swept"

    running = asyncio.create_task(jobs.in_tick(first, "sweep", long_sweep))
    await asyncio.wait_for(inside.wait(), WAIT)
    assert await jobs.in_tick(second, "sweep", lambda: asyncio.sleep(0, "also swept")) is None
    assert await jobs.in_tick(second, "reminders", lambda: asyncio.sleep(0, "reminded")) == "reminded"
    release.set()
    assert await asyncio.wait_for(running, WAIT) == "swept"
    assert await jobs.in_tick(second, "sweep", lambda: asyncio.sleep(0, "swept later")) == "swept later"


async def test_claims_are_kept_with_the_other_notices(db: Any) -> None:
    async with db.write() as conn:
        assert await leader_repo.claim_tick(conn, "digest:1:2026-11-23T00:30Z", NOW)
        assert not await leader_repo.claim_tick(conn, "digest:1:2026-11-23T00:30Z", NOW)
    async with db.read() as conn:
        assert (await conn.execute(select(func.count()).select_from(notices))).scalar_one() == 1


async def test_on_sqlite_a_digest_claims_its_period_first_so_a_restart_never_sends_it_twice(
        backend: str, env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    if backend != "sqlite":
        pytest.skip("PostgreSQL claims in the digest's own transaction (the test above)")
    due = NOW - timedelta(minutes=1)

    async def dies(_env: Env, _now: Any, _days: int = 1) -> int:
        raise ConnectionResetError("killed mid-digest")

    monkeypatch.setattr(jobs.digest, "broadcast", dies)
    with pytest.raises(ConnectionResetError):
        await jobs.digest_tick(env, 1, due, NOW)
    monkeypatch.undo()
    assert await jobs.digest_tick(env, 1, due, NOW + timedelta(minutes=1)) is None  # the catch-up after a restart


async def test_processes_starting_at_once_on_an_empty_database_migrate_and_seed_one_after_another(
        pg_url: str) -> None:
    """Without the start lock two of three such starts fail (tables created twice, the roster seeded twice)."""
    envs = await asyncio.gather(*(open_env(pg_url, lambda: NOW) for _ in range(3)), return_exceptions=True)
    try:
        assert [e for e in envs if isinstance(e, BaseException)] == []
    finally:
        for e in envs:
            if isinstance(e, Env):
                await e.db.dispose()
