"""Migrations from empty, on each backend (a SQLite file; PostgreSQL when the suite has one)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, inspect, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import LATEST, Database, transient
from storage.schema import schema_version


async def test_an_empty_database_is_migrated_to_the_latest_schema(database_url: str) -> None:
    db = Database(database_url)
    assert await db.migrate() == LATEST
    async with db.read() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert {"users", "roles", "tickets", "events", "outbox", "invites", "groups", "pending"} <= names
    await db.dispose()


async def test_migrating_twice_changes_nothing(database_url: str) -> None:
    db = Database(database_url)
    await db.migrate()
    assert await db.migrate() == LATEST
    async with db.read() as conn:
        assert (await conn.execute(text("select count(*) from schema_version"))).scalar() == 1
    await db.dispose()


async def _migrated_from(database_url: str, version: int, *back: str) -> Database:
    """A database taken back to `version` by the statements `back`, then migrated to the latest."""
    db = Database(database_url)
    await db.migrate()
    async with db.write() as conn:
        for statement in back:
            await conn.execute(text(statement))
        await conn.execute(text(f"update schema_version set version = {version}"))
    assert await db.migrate() == LATEST
    return db


async def test_a_version_2_database_gains_the_outbox_probe_column(database_url: str) -> None:
    """Migration 3 on a database as version 2 left it: the outbox has no probe_from and no chat index."""
    db = await _migrated_from(database_url, 2, "drop index ix_outbox_chat_message",
                              "alter table outbox drop column probe_from")
    async with db.read() as conn:
        columns = await conn.run_sync(lambda c: {col["name"] for col in inspect(c).get_columns("outbox")})
        indexes = await conn.run_sync(lambda c: {i["name"] for i in inspect(c).get_indexes("outbox")})
    assert "probe_from" in columns and "ix_outbox_chat_message" in indexes
    await db.dispose()


async def test_a_version_3_database_gets_inbox_indexes_of_open_updates_only(database_url: str) -> None:
    """Migration 4: the inbox's two indexes over every update give way to two over open ones."""
    db = await _migrated_from(database_url, 3, "drop index ix_inbox_waiting", "drop index ix_inbox_chat_waiting",
                              "create index ix_inbox_open on inbox (done_at, update_id)",
                              "create index ix_inbox_chat on inbox (chat_id, done_at, update_id)")
    catalog = ("select name, sql from sqlite_master where tbl_name = 'inbox' and type = 'index' and sql is not null"
               if db.is_sqlite else "select indexname, indexdef from pg_indexes where tablename = 'inbox'"
               " and indexname <> 'inbox_pkey'")
    async with db.read() as conn:
        indexes = {name: sql.lower() for name, sql in await conn.execute(text(catalog))}
    assert set(indexes) == {"ix_inbox_waiting", "ix_inbox_chat_waiting"}
    # partial: what the next update to handle is looked for among
    assert all("where" in sql and "done_at is null" in sql for sql in indexes.values()), indexes
    await db.dispose()


async def test_sqlite_runs_in_wal_mode(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("PostgreSQL has its own write-ahead log")
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


class Crash(BaseException):
    """Stands for a process dying mid-work: not an Exception, so nothing on the way catches it."""


async def test_a_unit_commits_all_or_nothing_and_an_inner_failure_undoes_only_itself(db: Database) -> None:
    def key(k: str) -> str:
        return f"insert into notices(key, at) values ('{k}', '2026-11-23 09:00:00')"

    async with db.unit():
        async with db.write() as conn:
            await conn.execute(text(key("kept")))
        with pytest.raises(RuntimeError):
            async with db.write() as conn:
                await conn.execute(text(key("undone")))
                raise RuntimeError("one step fails")
    with pytest.raises(Crash):
        async with db.unit():
            async with db.write() as conn:  # written and "released", but the unit never commits
                await conn.execute(text(key("lost")))
            raise Crash
    async with db.read() as conn:
        assert (await conn.execute(text("select key from notices"))).scalars().all() == ["kept"]


async def test_a_write_inside_a_unit_that_only_reads_says_no_savepoint(db: Database) -> None:
    said: list[str] = []
    event.listen(db.work_engine, "before_cursor_execute", lambda *a: said.append(a[2].split()[0].upper()))
    async with db.unit():
        async with db.write() as conn:  # who is writing: a read
            await conn.execute(select(schema_version.c.version))
        with pytest.raises(RuntimeError):
            async with db.write() as conn:  # a read, then a failure: nothing of its own to undo
                await conn.execute(select(schema_version.c.version))
                raise RuntimeError("a step that only read fails")
        assert "SAVEPOINT" not in said
        async with db.write() as conn:  # a change: its own savepoint
            await conn.execute(text("insert into notices(key, at) values ('k', '2026-11-23 09:00:00')"))
    assert said.count("SAVEPOINT") == 1
    async with db.read() as conn:
        assert (await conn.execute(text("select key from notices"))).scalars().all() == ["k"]


async def test_a_write_without_a_savepoint_joins_the_unit_and_fails_with_it(db: Database) -> None:
    said: list[str] = []
    event.listen(db.work_engine, "before_cursor_execute", lambda *a: said.append(a[2].split()[0].upper()))
    with pytest.raises(RuntimeError):
        async with db.unit():
            async with db.write(savepoint=False) as conn:
                await conn.execute(text("insert into notices(key, at) values ('k', '2026-11-23 09:00:00')"))
            raise RuntimeError("a later step fails: the unit is rolled back, that write with it")
    assert "SAVEPOINT" not in said
    async with db.write(savepoint=False) as conn:  # outside a unit: a transaction of its own
        await conn.execute(text("insert into notices(key, at) values ('alone', '2026-11-23 09:00:00')"))
    async with db.read() as conn:
        assert (await conn.execute(text("select key from notices"))).scalars().all() == ["alone"]


async def test_a_connection_the_server_dropped_fails_as_transient_and_the_next_try_gets_a_new_one(
        db: Database, backend: str) -> None:
    """No pre-ping on checkout (storage/db.py): a dropped connection shows itself on first use instead,
    as a failure `transient` knows, so the inbox, the sender and the jobs simply try again."""
    if backend != "postgres":
        pytest.skip("PostgreSQL drops connections; a SQLite file has none to drop")
    async with db.read() as conn:
        mine = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    other = create_async_engine(db.url)
    try:
        async with other.begin() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": mine})
    finally:
        await other.dispose()
    with pytest.raises(Exception) as failed:
        async with db.write() as conn:
            await conn.execute(text("SELECT 1"))
    assert transient(failed.value)
    async with db.write() as conn:
        assert (await conn.execute(text("SELECT 1"))).scalar_one() == 1
