"""Migrations from empty, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from storage.db import LATEST, Database, sqlite_url


async def test_an_empty_file_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    db = Database(sqlite_url(str(tmp_path / "new.db")))
    assert await db.migrate() == LATEST
    async with db.read() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert {"users", "roles", "tickets", "events", "outbox", "invites", "groups", "pending"} <= names
    await db.dispose()


async def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    db = Database(sqlite_url(str(tmp_path / "again.db")))
    await db.migrate()
    assert await db.migrate() == LATEST
    async with db.read() as conn:
        assert (await conn.execute(text("select count(*) from schema_version"))).scalar() == 1
    await db.dispose()


async def test_sqlite_runs_in_wal_mode(db: Database) -> None:
    async with db.read() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"


async def test_a_failed_write_rolls_back(db: Database) -> None:
    try:
        async with db.write() as conn:
            await conn.execute(text("insert into schema_version(version) values (99)"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    async with db.read() as conn:
        assert (await conn.execute(text("select max(version) from schema_version"))).scalar() < 99
