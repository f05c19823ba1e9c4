"""storage/loop_sqlite.py: SQLite's plain engine on the loop's thread waits for another connection's
lock without stopping the loop, and gives up after storage.db.BUSY_TIMEOUT_MS like SQLite would."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text

import storage.db
from storage import loop_sqlite
from storage.db import Database, sqlite_url, transient


def _note(key: str) -> str:
    return f"insert into notices(key, at) values ('{key}', '2026-11-23 09:00:00')"


async def _two(tmp_path: Path) -> tuple[Database, Database]:
    """Two handles on one file, as two processes would have (each its own write lock and pool)."""
    url = sqlite_url(str(tmp_path / "gridbot.db"))
    first = Database(url)
    await first.migrate()
    return first, Database(url)


async def _holding(db: Database, release: asyncio.Event, holding: asyncio.Event) -> None:
    async with db.write() as conn:
        await conn.execute(text(_note("first")))  # SQLite's write lock is ours from here
        holding.set()
        await release.wait()


async def test_a_write_waits_out_another_connections_lock_while_the_loop_runs_on(tmp_path: Path) -> None:
    first, second = await _two(tmp_path)
    release, holding = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(_holding(first, release, holding))
    await holding.wait()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    async def write_second() -> None:
        async with second.write() as conn:
            await conn.execute(text(_note("second")))

    ticking = asyncio.create_task(ticker())
    writer = asyncio.create_task(write_second())
    await asyncio.sleep(0.2)
    assert not writer.done()  # waiting for the lock ...
    assert ticks >= 10  # ... without holding up anything else on the loop
    release.set()
    await asyncio.wait_for(asyncio.gather(holder, writer), 5)
    ticking.cancel()
    async with second.read() as conn:
        assert sorted((await conn.execute(text("select key from notices"))).scalars()) == ["first", "second"]
    await first.dispose()
    await second.dispose()


async def test_a_lock_held_past_the_busy_timeout_fails_as_a_passing_failure(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.db, "BUSY_TIMEOUT_MS", 100)
    first, second = await _two(tmp_path)
    release, holding = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(_holding(first, release, holding))
    await holding.wait()
    with pytest.raises(Exception) as failed:
        async with second.write() as conn:
            await conn.execute(text(_note("second")))
    assert "database is locked" in str(failed.value) and transient(failed.value)
    release.set()
    await holder
    await first.dispose()
    await second.dispose()


def test_the_plain_engine_opens_the_same_file() -> None:
    assert loop_sqlite.sync_url("sqlite+aiosqlite:////tmp/x/gridbot.db") == "sqlite+pysqlite:////tmp/x/gridbot.db"


async def test_many_readers_at_once_never_wait_for_a_pooled_connection(tmp_path: Path) -> None:
    """A checkout that waited would block the loop's only thread, and with it whoever would give a
    connection back: more readers than the pool holds must all get one at once."""
    first, _second = await _two(tmp_path)
    entered = 0
    release = asyncio.Event()

    async def reader() -> None:
        nonlocal entered
        async with first.read() as conn:
            await conn.execute(text("select 1"))
            entered += 1
            await release.wait()

    readers = [asyncio.create_task(reader()) for _ in range(40)]
    await asyncio.sleep(0.1)
    assert entered == 40
    release.set()
    await asyncio.gather(*readers)
    await first.dispose()
    await _second.dispose()
