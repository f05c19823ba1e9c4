"""aiosqlite without its thread: SQLite calls run at once on the event loop's own thread.

Why: aiosqlite hands every call (cursor, execute, fetch, close: four or five per statement) to a
worker thread and waits for the answer through the event loop, which costs ~0.1-0.3 ms per call in
thread switches and GIL hand-overs, ten times what SQLite itself needs for the bot's small indexed
statements (bench/e2e.py: ~0.36 ms per statement threaded against ~0.04 ms inline on the bench
machine). A report runs some 25 statements, so the hops were most of its cost.

The price: a statement blocks the event loop while it runs. The bot's statements take tens of
microseconds; the heavy ones (a digest over a large history, ANALYZE) run in scheduled jobs and are
bounded (docs/scale.md). Waiting for a lock must not block it, though: SQLite's own busy timeout
would sleep on the loop's thread (up to 10 s while another process holds the write lock, freezing
every request in flight). So these connections run with busy_timeout 0 and `InlineConnection`
waits itself, with `asyncio.sleep`, retrying a call refused with SQLITE_BUSY until
storage.db.BUSY_TIMEOUT_MS has passed, which is what SQLite's busy handler does, minus the
blocking. SQLITE_BUSY_SNAPSHOT (another writer committed since this transaction read) is not
waited for: only a new transaction helps, so it goes up at once (storage.db.transient: retried whole).

This is aiosqlite's own `Connection` with its queue replaced by one that runs each call as it is
queued, so SQLAlchemy's aiosqlite dialect (which also reaches into that queue to set the isolation
level) works unchanged.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Generator
from typing import Any, TypeVar

import aiosqlite
from sqlalchemy import exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

T = TypeVar("T")


class _RunAtOnce:
    """Stands in for aiosqlite's queue to its worker thread: runs each call on the spot."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as e:  # handed to the awaiting caller, as the worker thread would
            if future is not None and not future.done():
                future.set_exception(e)
            return
        if future is not None and not future.done():
            future.set_result(None if result is _stop_sentinel() else result)


def _stop_sentinel() -> object:
    return getattr(aiosqlite.core, "_STOP_RUNNING_SENTINEL", None)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run in the caller's thread: no worker thread is started."""

    waits_itself = True  # storage.db sets busy_timeout 0 on these: `_execute` waits, without blocking

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        return self._connect().__await__()  # the base class would start its thread here

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run the call; while another connection holds the lock, try again after a pause."""
        return await waiting_out_locks(lambda: aiosqlite.Connection._execute(self, fn, *args, **kwargs))


async def waiting_out_locks(attempt: Callable[[], Awaitable[T]]) -> T:
    """`await attempt()`; while SQLite says another connection holds the lock, again after a pause
    that grows to 50 ms, until storage.db.BUSY_TIMEOUT_MS has passed: SQLite's busy handler, minus
    the blocking (shared with storage/loop_sqlite.py)."""
    loop = asyncio.get_running_loop()
    deadline, pause = None, 0.001
    while True:
        try:
            return await attempt()
        except (sqlite3.OperationalError, exc.OperationalError) as e:
            orig = e.orig if isinstance(e, exc.OperationalError) else e
            if not isinstance(orig, sqlite3.OperationalError) or not busy(orig):
                raise
            from storage.db import BUSY_TIMEOUT_MS  # read now: a test may shorten it

            deadline = deadline if deadline is not None else loop.time() + BUSY_TIMEOUT_MS / 1000
            if loop.time() >= deadline:
                raise
            await asyncio.sleep(min(pause, max(0.0, deadline - loop.time())))
            pause = min(pause * 2, 0.05)


def busy(e: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY and its kin that waiting cures; not SQLITE_BUSY_SNAPSHOT, which only a new transaction does."""
    code = getattr(e, "sqlite_errorcode", None)
    if code is None:  # an SQLite error without a code: judge by the words
        return "database is locked" in str(e)
    return code & 0xFF == sqlite3.SQLITE_BUSY and code != _BUSY_SNAPSHOT


_BUSY_SNAPSHOT = getattr(sqlite3, "SQLITE_BUSY_SNAPSHOT", 517)


def engine_kwargs(url: str) -> dict[str, Any]:
    """`create_async_engine` arguments that make a sqlite+aiosqlite engine use `InlineConnection`,
    with the very arguments SQLAlchemy's dialect would give sqlite3.connect."""
    dialect = create_async_engine(url).dialect  # no connection is made
    cargs, cparams = dialect.create_connect_args(make_url(url))
    cparams["check_same_thread"] = False  # the pool may hand it to any task, all on the loop's thread

    def connect() -> InlineConnection:
        return InlineConnection(lambda: sqlite3.connect(*cargs, **cparams))

    return {"async_creator": connect}
