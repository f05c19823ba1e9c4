"""Scheduled work on PTB's JobQueue: the deadline sweep every 30 s, digests at their hour.

Jobs keep nothing in memory that matters: deadlines live on the tickets, so a restart
just starts the next sweep; the next digest time is computed from the policy each time.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.ext import Application, ContextTypes

from domain.calendar import Recurrence
from handlers.common import AppState
from services import care, digest, reminders, sweep

log = logging.getLogger("gridbot.jobs")
SWEEP_EVERY = 30.0
REMIND_EVERY = 600.0


def schedule(app: Application) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    assert app.job_queue is not None and st.env is not None and st.env.policy is not None
    app.job_queue.run_repeating(_sweep, interval=SWEEP_EVERY, first=5.0, name="sweep")
    app.job_queue.run_repeating(_reminders, interval=REMIND_EVERY, first=20.0, name="reminders")
    plan = st.env.policy.schedule
    for name, rule, days in (("daily_digest", plan.daily_digest, 1), ("weekly_digest", plan.weekly_digest, 7)):
        _digest_at(app, name, rule, days, st.clock())


def _digest_at(app: Application, name: str, rule: Recurrence, days: int, now: datetime) -> None:  # type: ignore[type-arg]
    st: AppState = app.bot_data
    assert app.job_queue is not None and st.env is not None
    when = rule.next_after(now, st.env.tz)
    app.job_queue.run_once(_digest, when=when, name=name, data=(rule, days))


async def _sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
    st: AppState = context.bot_data  # type: ignore[assignment]
    assert st.env is not None
    await care.run(st.env, st.clock())  # due visits become tasks first, then every clock is checked
    swept = await sweep.run(st.env, st.clock())
    if swept.looked_at:
        log.info("sweep: %s", swept)


async def _reminders(context: ContextTypes.DEFAULT_TYPE) -> None:
    st: AppState = context.bot_data  # type: ignore[assignment]
    assert st.env is not None
    await reminders.run(st.env, st.clock())


async def _digest(context: ContextTypes.DEFAULT_TYPE) -> None:
    st: AppState = context.bot_data  # type: ignore[assignment]
    assert st.env is not None and context.job is not None
    rule, days = context.job.data  # type: ignore[misc]
    try:
        if days == 1:  # the morning round: each worker's list, meeting notices, calendar notice
            await reminders.morning(st.env, st.clock())
        sent = await digest.broadcast(st.env, st.clock(), days)
        log.info("%s sent to %d supervisors", context.job.name, sent)
    finally:
        _digest_at(context.application, context.job.name or "digest", rule, days, st.clock())
