"""Engine, connection pragmas, migrations and transactions.

SQLite runs in WAL mode with a busy timeout, and writes in this process are serialised
by one lock so two button presses never meet as SQLITE_BUSY. PostgreSQL needs neither.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import create_engine, event, exc, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage import inline_sqlite, loop_sqlite
from storage.schema import inbox, metadata, outbox, schema_version


def _probe_from(conn: Connection) -> None:
    """The outbox remembers, per message being sent, where to look for it after a crash."""
    conn.exec_driver_sql("ALTER TABLE outbox ADD COLUMN probe_from BIGINT")
    next(i for i in outbox.indexes if i.name == "ix_outbox_chat_message").create(conn, checkfirst=True)


def _open_inbox_indexes(conn: Connection) -> None:
    """The inbox's indexes hold only open updates (storage/schema.py says why)."""
    for name in ("ix_inbox_open", "ix_inbox_chat"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for index in inbox.indexes:
        index.create(conn, checkfirst=True)


# Later schema changes append (version, function of a sync Connection) here. A database
# created from empty gets the current metadata and is stamped with the latest version.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (2, lambda conn: inbox.create(conn, checkfirst=True)),  # the durable inbox
    (3, _probe_from),
    (4, _open_inbox_indexes),
]
LATEST = max((v for v, _ in MIGRATIONS), default=1)


# How long a SQLite write waits for a lock another connection or process holds before it fails with
# "database is locked" (then `transient` says so, and the inbox and the sender retry the whole unit).
BUSY_TIMEOUT_MS = 10_000

# PostgreSQL's SQLSTATEs for "not now, try again": serialization failure, deadlock, the server shutting
# down or starting, too many connections, and the connection-exception class (08xxx).
_RETRY_STATES = {"40001", "40P01", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004",
                 "08006"}

log = logging.getLogger(__name__)

# The unit of work this task is inside, if any: (database, its connection).
_ambient: ContextVar[tuple[Database, AsyncConnection, list[Callable[[], Awaitable[object]]]] | None] = ContextVar(
    "gridbot_unit", default=None)


def sqlite_url(path: str) -> str:
    return f"sqlite+aiosqlite:///{path}"


class Database:
    def __init__(self, url: str, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {"echo": echo}
        if not self.is_sqlite:
            # No pre-ping: it cost a round trip on every checkout (~12% of PostgreSQL's CPU per report in
            # bench/e2e.py). A connection the server dropped fails its first statement instead; SQLAlchemy
            # then discards the pool, and `transient` has the inbox, the sender and the jobs try again.
            kwargs.update(pool_size=10, max_overflow=10)
        elif url.startswith("sqlite+aiosqlite"):  # SQLite's calls on the loop's thread (storage/inline_sqlite.py)
            kwargs.update(inline_sqlite.engine_kwargs(url))
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        # SQLite: the bot's own reads and writes go through a plain engine on the loop's thread
        # (storage/loop_sqlite.py); `engine` stays for migrations, benches and tools
        self._loop_engine: Engine | None = None
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
            if url.startswith("sqlite+aiosqlite"):
                # max_overflow -1: a checkout must never wait, since whoever would give a connection
                # back runs on this same thread
                self._loop_engine = create_engine(loop_sqlite.sync_url(url), echo=echo, pool_size=5,
                                                  max_overflow=-1, connect_args={"check_same_thread": False})
                event.listen(self._loop_engine, "connect", _loop_sqlite_pragmas)
                event.listen(self._loop_engine, "begin", _sqlite_begin)

    @property
    def work_engine(self) -> Engine:
        """The sync engine that `read()`, `write()` and `unit()` run their statements on (for event hooks)."""
        return self._loop_engine if self._loop_engine is not None else self.engine.sync_engine

    async def migrate(self) -> int:
        """Bring the schema to the latest version; safe to run on every start."""
        async with self.engine.begin() as conn:
            return await conn.run_sync(_migrate)

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncConnection]:
        """One transaction around a whole piece of work (handling one update): every `write()` and
        `read()` inside it, in this task, joins it, so the work and its inbox stamp commit together
        or not at all. A `write()` inside becomes a savepoint: its own failure still rolls back alone.
        """
        later: list[Callable[[], Awaitable[object]]] = []
        async with self.write() as conn:
            token = _ambient.set((self, conn, later))
            try:
                yield conn
            finally:
                _ambient.reset(token)
        for action in later:  # committed: now what must not happen before (e.g. answering a button)
            try:
                await action()
            except Exception:
                log.warning("an action after commit failed", exc_info=True)

    async def after_commit(self, action: Callable[[], Awaitable[object]]) -> None:
        """Run `action` once the current unit has committed (at once outside a unit): calls to
        Telegram that cannot be taken back wait until the work they report is safely stored."""
        current = _ambient.get()
        if current is not None and current[0] is self:
            current[2].append(action)
        else:
            await action()

    def _joined(self) -> AsyncConnection | None:
        current = _ambient.get()
        return current[1] if current is not None and current[0] is self else None

    @asynccontextmanager
    async def write(self, savepoint: bool = True) -> AsyncIterator[AsyncConnection]:
        """One write transaction: committed on success, rolled back on any error. Inside a unit, a
        savepoint (`_Savepoint`), begun only at the first statement that may change something.

        `savepoint=False`: inside a unit, the unit's own connection, for a single statement that leaves
        nothing half done when it fails (a failure then fails the unit, which is tried again whole). It
        saves a SAVEPOINT and a RELEASE: two round trips on PostgreSQL.
        """
        if (joined := self._joined()) is not None:
            if not savepoint:
                yield joined
                return
            inner = _Savepoint(joined)
            try:
                yield inner  # type: ignore[misc]  # what storage/ uses of AsyncConnection
            except BaseException as e:
                await inner.end(e)
                raise
            await inner.end()
            return
        if self._write_lock is None:
            async with self.engine.begin() as conn:
                yield conn
            return
        async with self._write_lock:
            if self._loop_engine is not None:
                async with loop_sqlite.transaction(self._loop_engine) as loop_conn:
                    yield loop_conn  # type: ignore[misc]  # what storage/ uses of AsyncConnection
                return
            async with self.engine.begin() as conn:
                yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        if (joined := self._joined()) is not None:  # inside a unit: see its own uncommitted writes
            yield joined
            return
        if self._loop_engine is not None:
            async with loop_sqlite.reading(self._loop_engine) as loop_conn:
                yield loop_conn  # type: ignore[misc]
            return
        async with self.engine.connect() as conn:
            yield conn

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self._loop_engine is not None:
            self._loop_engine.dispose()


class _Savepoint:
    """A `write()` inside a unit: its own failure undoes only what it wrote. The SAVEPOINT is said at its
    first statement that is not a SELECT, since most writes inside a unit only read (who is writing, is
    this report a duplicate), and a savepoint costs two statements (a tenth of a report's CPU on SQLite,
    more on PostgreSQL, in bench/e2e.py's profiles). A failure before it has nothing of its own to undo.
    The savepoint itself is the connection's own `begin_nested()`, entered late.
    """

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._nested: AsyncExitStack | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    async def _begin(self) -> None:
        if self._nested is None:
            nested = AsyncExitStack()
            await nested.enter_async_context(self._conn.begin_nested())
            self._nested = nested

    async def execute(self, statement: Any, parameters: Any = None, **kwargs: Any) -> Any:
        if not getattr(statement, "is_select", False):
            await self._begin()
        return await self._conn.execute(statement, parameters, **kwargs)

    async def scalar(self, statement: Any, parameters: Any = None, **kwargs: Any) -> Any:
        return (await self.execute(statement, parameters, **kwargs)).scalar()

    async def exec_driver_sql(self, statement: str, parameters: Any = None, **kwargs: Any) -> Any:
        await self._begin()
        return await self._conn.exec_driver_sql(statement, parameters, **kwargs)

    async def run_sync(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        await self._begin()
        return await self._conn.run_sync(fn, *args, **kwargs)

    async def end(self, error: BaseException | None = None) -> None:
        """Released, or (with the error that ends the write) rolled back to; the error goes on up."""
        if self._nested is not None:
            await self._nested.__aexit__(type(error) if error else None, error,
                                         error.__traceback__ if error else None)


def _loop_sqlite_pragmas(dbapi_conn: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_conn, record, waits_itself=True)  # storage/loop_sqlite.py waits without blocking


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, waits_itself: bool | None = None) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # aiosqlite's own thread may wait in SQLite; an inline connection must not block the loop: it waits itself
    if waits_itself is None:
        waits_itself = getattr(getattr(dbapi_conn, "_connection", None), "waits_itself", False)
    cur.execute(f"PRAGMA busy_timeout={0 if waits_itself else BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
    # The driver's own transaction handling would start a transaction at a SAVEPOINT and commit it
    # at RELEASE, so a unit's inner write() would commit for good; SQLAlchemy's documented fix:
    # the driver keeps out of it and we say BEGIN ourselves (`_sqlite_begin`).
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def _migrate(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        metadata.create_all(conn)
        conn.execute(insert(schema_version).values(version=LATEST))
        return LATEST
    current = conn.execute(select(schema_version.c.version)).scalar_one()
    for version, step in sorted(MIGRATIONS):
        if version > current:
            step(conn)
            conn.execute(update(schema_version).values(version=version))
            current = version
    return current


def transient(error: BaseException) -> bool:
    """Did the database fail for the moment rather than for this piece of work?

    A lock another process holds past the busy timeout (SQLite's "database is locked"), a lost
    connection, a serialization conflict or deadlock, a server restarting: the same work done again a
    little later succeeds. Callers retry such failures without counting them against the work (an
    update is not set aside, a message not sent twice), and treat every other error as the work's own.
    """
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, exc.TimeoutError):  # the connection pool had none free in time
            return True
        if isinstance(e, exc.DBAPIError) and e.connection_invalidated:
            return True
        # a StatementError's words include the statement's parameters (people's own words): its
        # driver error (`orig`, looked at next) says what happened
        text = "" if isinstance(e, exc.StatementError) else str(e).lower()
        if "database is locked" in text or "database table is locked" in text or "database is busy" in text:
            return True
        if str(getattr(e, "sqlstate", None) or getattr(e, "pgcode", None) or "") in _RETRY_STATES:
            return True
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return False
