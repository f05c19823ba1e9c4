"""Scheduled work on PTB's JobQueue: the deadline sweep every 30 s, digests at their hour.

Jobs keep nothing in memory that matters: deadlines live on the tickets, so a restart
just starts the next sweep; the next digest time is computed from the policy each time.

Every process schedules the jobs, but a tick does work only on the leader (app/leader.py). On
PostgreSQL each tick runs in one transaction that takes the job's tick lock (storage.leader.lock_tick),
so two processes that both believe they lead for a moment still do not run it side by side, and a
digest claims its period (`digest:<days>:<when>`) in the transaction that queues it, so it goes out
once even when leadership changes hands mid-tick; a new leader catches up a digest due in the last
DIGEST_GRACE that nobody finished. On SQLite (one process) the claim alone keeps a digest from going
out twice (see `in_tick`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from telegram.ext import Application, ContextTypes

from domain.calendar import Recurrence
from handlers.common import AppState
from services import care, digest, reminders, sweep
from services.env import Env
from storage import leader as leader_repo

log = logging.getLogger("gridbot.jobs")
SWEEP_EVERY = 30.0
REMIND_EVERY = 600.0
DIGEST_GRACE = timedelta(minutes=15)
T = TypeVar("T")


@dataclass(frozen=True)
class DigestTick:
    """One digest occurrence: `due` names the period (its claim key); `chain` schedules the next one."""

    rule: Recurrence
    days: int
    due: datetime
    chain: bool = True


def schedule(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    assert app.job_queue is not None and st.env is not None and st.env.policy is not None
    app.job_queue.run_repeating(_sweep, interval=SWEEP_EVERY, first=5.0, name="sweep")
    app.job_queue.run_repeating(_reminders, interval=REMIND_EVERY, first=20.0, name="reminders")
    for name, rule, days in _digests(st):
        _digest_at(app, name, rule, days, st.clock())


def catch_up(app: Application) -> None:  # type: ignore[type-arg]
    """On becoming the leader: a digest due in the last DIGEST_GRACE goes now unless it already went
    (its claim says so), e.g. when the previous leader died while building it."""
    st: AppState = app.bot_data
    assert app.job_queue is not None and st.env is not None
    now = st.clock()
    for name, rule, days in _digests(st):
        due = rule.next_after(now - DIGEST_GRACE, st.env.tz)
        if due <= now:
            app.job_queue.run_once(_digest, when=0, name=f"{name}_catch_up", data=DigestTick(rule, days, due, False))


def _digests(st: AppState) -> list[tuple[str, Recurrence, int]]:
    assert st.env is not None and st.env.policy is not None
    plan = st.env.policy.schedule
    return [("daily_digest", plan.daily_digest, 1), ("weekly_digest", plan.weekly_digest, 7)]


def _digest_at(app: Application, name: str, rule: Recurrence, days: int, after: datetime) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    assert app.job_queue is not None and st.env is not None
    due = rule.next_after(after, st.env.tz)
    # As a delay from the bot's clock, not a wall-clock moment: the same under a test's stepping clock.
    delay = max(timedelta(0), due - st.clock())
    app.job_queue.run_once(_digest, when=delay, name=name, data=DigestTick(rule, days, due))


def _leads(st: AppState) -> bool:
    return st.leader is None or bool(st.leader.is_leader)


async def in_tick(env: Env, job: str, work: Callable[[], Awaitable[T]], claim: str | None = None,
                  now: datetime | None = None) -> T | None:
    """Run one tick of `job`; None when skipped.

    PostgreSQL (several processes): in one transaction, skipped when another process runs the same
    job right now (tick lock) or when `claim` was already done (a digest period); the claim commits
    with everything the tick queued, or none of it does, so a tick cut off half-way is done again.
    SQLite (one process, app/leader.py refuses a second): the claim commits first and the work runs
    outside one transaction, since a transaction would hold SQLite's only write lock for the whole
    tick (a digest renders its charts for seconds) and stall every update meanwhile. A process killed
    mid-digest then leaves that digest unfinished rather than ever sending it twice.
    """
    claim_at = now or datetime.now(UTC)
    if env.db.is_sqlite:
        if claim is not None:
            async with env.db.write() as conn:
                if not await leader_repo.claim_tick(conn, claim, claim_at):
                    log.info("%s: %s was already done", job, claim)
                    return None
        return await work()
    async with env.db.unit() as conn:
        if claim is None and not await leader_repo.lock_tick(conn, job):
            log.info("%s: another process is running this tick", job)
            return None
        if claim is not None and not await leader_repo.claim_tick(conn, claim, claim_at):
            log.info("%s: %s was already done", job, claim)
            return None
        result = await work()
    env.wake_sender()  # committed: what the tick queued may leave now
    return result


def digest_key(days: int, due: datetime) -> str:
    return f"digest:{days}:{due.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


async def digest_tick(env: Env, days: int, due: datetime, now: datetime) -> int | None:
    """The digest for the period ending at `due` (and, daily, the morning round), at most once."""
    async def work() -> int:
        if days == 1:  # the morning round: each worker's list, meeting notices, calendar notice
            await reminders.morning(env, now)
        return await digest.broadcast(env, now, days)

    return await in_tick(env, f"digest_{days}", work, claim=digest_key(days, due), now=now)


async def _sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
    st: AppState = context.bot_data  # type: ignore[assignment]
    assert st.env is not None
    if not _leads(st):
        return
    env, now = st.env, st.clock()

    async def work() -> sweep.Swept:
        await care.run(env, now)  # due visits become tasks first, then every clock is checked
        return await sweep.run_until_done(env, now)

    swept = await in_tick(env, "sweep", work)
    if swept is not None and swept.looked_at:
        log.info("sweep: %s", swept)


async def _reminders(context: ContextTypes.DEFAULT_TYPE) -> None:
    st: AppState = context.bot_data  # type: ignore[assignment]
    assert st.env is not None
    if not _leads(st):
        return
    env, now = st.env, st.clock()
    await in_tick(env, "reminders", lambda: reminders.run(env, now))


async def _digest(context: ContextTypes.DEFAULT_TYPE) -> None:
    st: AppState = context.bot_data  # type: ignore[assignment]
    assert st.env is not None and context.job is not None
    tick: DigestTick = context.job.data  # type: ignore[assignment]
    try:
        if _leads(st):
            sent = await digest_tick(st.env, tick.days, tick.due, st.clock())
            if sent is not None:
                log.info("%s sent to %d supervisors", context.job.name, sent)
    finally:
        if tick.chain:  # the next period, counted from this one: a job that fires early never repeats it
            _digest_at(context.application, context.job.name or "digest", tick.rule, tick.days,
                       max(tick.due, st.clock()))
