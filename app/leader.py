"""Leader election: of several processes on one PostgreSQL, one runs the jobs and the outbox sender.

Every process accepts webhooks and handles inbox updates; only the leader runs scheduled work (so a
tick happens once) and sends (so one sender keeps Telegram's per-bot rate limit). The leader is the
process holding a PostgreSQL session advisory lock on a connection of its own (storage/leader.py):

- a follower tries for the lock every `every` seconds, so when the leader stops, dies, or loses its
  connection (the server frees the lock with the session), a follower takes over within seconds;
- the leader checks as often that its connection is alive and the lock still its own, and steps down
  when not, or when the check gets no answer within `timeout`. Cut off from the server, it thus
  steps down well before the server notices (TCP keepalive, ~25 s) and hands the lock on, so two
  leaders at once stay rare and short; the jobs' own tick locks and claims make even that harmless.
  Having lost the lock, it sits out one turn, so a follower with a healthy connection takes over
  rather than the process whose connection just failed.

SQLite is for one process: it is always the leader. A second process serving the same SQLite file is
refused at start (an flock on `<file>.lock` beside it), since its sweeps and sends would double.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable

from sqlalchemy.engine import make_url

from app.settings import SettingsError
from app.waiting import within
from storage.leader import LockSession

try:
    import fcntl
except ImportError:  # not on Windows: there the SQLite guard is skipped
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("gridbot.leader")
Listener = Callable[[bool], Awaitable[None]]


class AlreadyServing(SettingsError):
    """Another process already serves this SQLite database."""


class Leadership:
    """Am I the leader? Tells listeners on every change (True: elected, False: stepped down)."""

    def __init__(self, database_url: str, every: float = 3.0, timeout: float | None = None) -> None:
        self.url = database_url
        self.is_sqlite = database_url.startswith("sqlite")
        self.every = every
        self.timeout = timeout if timeout is not None else min(max(every, 1.0), 5.0)
        self.is_leader = False
        self._listeners: list[Listener] = []
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._session: LockSession | None = None
        self._lock_fd: int | None = None
        self._lost = False

    def on_change(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def claim_file(self) -> None:
        """SQLite: refuse to serve a file another process serves; call before anything starts.

        Non-blocking: the second process is told at once, nothing waits. No-op on PostgreSQL.
        """
        if not self.is_sqlite or self._lock_fd is not None or fcntl is None:
            return
        path = make_url(self.url).database
        if not path or path == ":memory:":
            return
        lock_path = f"{path}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyServing(
                f"another Gridbot process already serves {path} ({lock_path} is locked): SQLite is for one "
                "process; to run several, use PostgreSQL (DATABASE_URL=postgresql+asyncpg://…)") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    async def start(self) -> None:
        """SQLite: lead at once. PostgreSQL: try for the lock now, then keep watching in the background."""
        if self.is_sqlite:
            self.claim_file()
            await self._become(True)
            return
        self._session = LockSession(self.url)
        await self._attempt()
        self._task = asyncio.create_task(self._watch(), name="leader")

    async def stop(self) -> None:
        """Step down and free the lock at once, so a follower need not wait for a dead connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        try:
            await self._become(False)
        finally:
            if self._session is not None:
                session, self._session = self._session, None
                try:
                    await within(session.release(), self.timeout)
                except Exception as e:  # the connection is gone: the server frees the lock itself
                    log.debug("releasing the leader lock: %r", e)
                await session.dispose()
            if self._lock_fd is not None:
                fd, self._lock_fd = self._lock_fd, None
                os.close(fd)  # closing the descriptor releases the flock

    async def until(self, leader: bool, timeout: float) -> None:
        """Wait until this process is (or is no longer) the leader; for tests and the health check."""
        async with asyncio.timeout(timeout):
            while self.is_leader != leader:
                self._changed.clear()
                await self._changed.wait()

    async def session_pid(self) -> int | None:
        """The PostgreSQL backend holding (or trying for) the lock; tests end it as a crash would."""
        return await self._session.backend_pid() if self._session is not None else None

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            if self._lost:  # one turn out after losing the lock: a healthy follower takes over first
                self._lost = False
                continue
            try:
                if self.is_leader:
                    await self._check()
                else:
                    await self._attempt()
            except Exception:  # whatever it was, the watch must go on, or no one would ever take over
                log.exception("leader watch pass failed")

    async def _attempt(self) -> None:
        assert self._session is not None
        try:
            got = await within(self._session.try_acquire(), self.timeout)
        except Exception as e:  # the database away: try again later, on a fresh connection
            log.warning("could not try for the leader lock (%s); again in %.0f s", _why(e), self.every)
            await self._drop()
            return
        if got:
            log.info("this process is the leader now: it runs the scheduled jobs and sends")
            await self._become(True)

    async def _check(self) -> None:
        assert self._session is not None
        try:
            held = await within(self._session.holds(), self.timeout)
            why = "the lock is no longer held"
        except Exception as e:
            held, why = False, _why(e)
        if not held:
            log.warning("lost the leader lock (%s): stepping down; another process takes over", why)
            self._lost = True
            await self._drop()
            await self._become(False)

    async def _drop(self) -> None:
        if self._session is not None:
            try:
                await within(self._session.drop(), self.timeout)
            except Exception as e:
                log.debug("dropping the leader connection: %r", e)

    async def _become(self, leader: bool) -> None:
        if self.is_leader == leader:
            return
        self.is_leader = leader
        self._changed.set()
        for listener in self._listeners:
            try:
                await listener(leader)
            except Exception:
                log.exception("a leadership listener failed")


def _why(e: BaseException) -> str:
    return "no answer" if isinstance(e, TimeoutError) else f"{type(e).__name__}: {e}".splitlines()[0][:200]
