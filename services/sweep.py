"""限时办结: the repeating sweep that warns before deadlines and escalates missed ones.

It reads only tickets whose `check_at` has come (an index), and each action moves
`check_at` on, so running the sweep twice changes nothing and a restart forgets nothing.
A pass takes at most BATCH of them, oldest first, and handles them together: one write
transaction, the people they concern read once, the rows written by a few executemany
statements. What is left waits for the next pass, 30 s later, still first in line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import tickets as sm
from domain.outgoing import NORMAL, Outgoing
from domain.routing import audience_tiers
from domain.sla import Action, Step
from domain.texts import t
from domain.tickets import Event, Status, Ticket, TransitionError
from services import dispatch, ledger, report, work
from services.env import Env
from services.render import local_time, tier_name
from services.roster import Roster
from services.roster import load as load_roster
from storage import outbox
from storage import tickets as repo

# Tickets per pass, so one pass stays well within 100 ms (the write lock is held that long) even the
# first after a start, cold, over 100,000 open tickets (bench/sweep.py: ~70 ms; 100 a pass took ~110 ms).
# A tick runs passes back to back while they come back full (`run_until_done`), each its own transaction,
# so updates slip in between and a burst of 500 still drains within one tick.
BATCH = 50
MAX_PASSES = 20  # per tick: 1,000 tickets every 30 s at most; more waits for the next tick, oldest first


@dataclass(frozen=True)
class Swept:
    warned: int = 0
    escalated: int = 0
    looked_at: int = 0


async def run(env: Env, now: datetime) -> Swept:
    """One pass over at most BATCH due tickets, oldest first; the rest wait for the next pass."""
    assert env.policy is not None and env.calendar is not None
    async with env.db.read() as conn:
        due = await repo.to_check(conn, now, BATCH)
    if not due:
        return Swept()
    async with env.db.write() as conn:  # re-read under the write lock: a claim made meanwhile wins
        fresh = [tk for tk in await repo.get_many(conn, due, lock=True)
                 if tk.check_at is not None and tk.check_at <= now]
        waiting = [tk.id for tk in fresh if tk.status == Status.SUBMITTED and tk.id is not None]
        fresh = [tk for tk in fresh if tk.status != Status.SUBMITTED]
        steps = [(tk, env.policy.next_step(tk, now, env.calendar)) for tk in fresh]
        escalated = _escalations(env, steps, now)
        roster = await _roster(conn, steps, escalated)
        saved, events, messages = [], [], []
        for tk, step in steps:
            if tk.id in escalated:
                up, event = escalated[tk.id]
                saved.append((tk, up))
                events.append(event)
                messages += work.escalation_news(env, up, roster, now)
            elif step.action is not Action.ESCALATE:  # warned, or nothing to do: look again only when it matters
                saved.append((tk, ledger.stamp(env, replace(tk, warned_at=now))))
                messages += _warnings(env, tk, step, roster)
        await ledger.store_all(conn, saved, events)
        await outbox.put_all(conn, messages, now)
    for ticket_id in waiting:  # reports still waiting for their place: rare, one by one
        await report.place_overdue(env, ticket_id, now)
    env.wake_sender()
    return Swept(sum(step.action is Action.WARN for _tk, step in steps), len(escalated), len(due))


async def run_until_done(env: Env, now: datetime) -> Swept:
    """Passes back to back while they come back full, up to MAX_PASSES: what one 30-s tick does."""
    total = Swept()
    for _ in range(MAX_PASSES):
        swept = await run(env, now)
        total = Swept(total.warned + swept.warned, total.escalated + swept.escalated,
                      total.looked_at + swept.looked_at)
        if swept.looked_at < BATCH:
            break
    return total


async def _roster(conn: AsyncConnection, steps: list[tuple[Ticket, Step]],
                  escalated: dict[int, tuple[Ticket, Event]]) -> Roster:
    """Everyone this pass writes to, read once: the new tiers and residents of escalated tickets, the
    holders of warned tickets, or their tier's people when unclaimed."""
    warned = [tk for tk, step in steps if step.action is Action.WARN]
    return await load_roster(
        conn, audiences=[(tk, audience_tiers(tk.tier)) for tk, _event in escalated.values()]
        + [(tk, audience_tiers(tk.tier)) for tk in warned if tk.holder_id is None],
        news_for=[tk for tk, _event in escalated.values()],
        user_ids=[tk.holder_id for tk in warned if tk.holder_id is not None])


def _escalations(env: Env, steps: list[tuple[Ticket, Step]], now: datetime) -> dict[int, tuple[Ticket, Event]]:
    """Each missed ticket one rung up the ladder with the new tier's own clocks, by ticket id."""
    out = {}
    for tk, step in steps:
        if step.action is Action.ESCALATE and tk.id is not None:
            try:
                up, event = sm.escalate(tk, None, now, t("zh", f"missed_{step.clock}"), dispatch.ladder(env))
            except TransitionError:  # e.g. still being filed: left as it is, as 上报 by hand would be
                continue
            out[tk.id] = (ledger.stamp(env, up, restart_at=now), event)
    return out


def _warnings(env: Env, tk: Ticket, step: Step, roster: Roster) -> list[Outgoing]:
    """Tell the holder (or, unclaimed, the tier's people) once that a deadline is near."""
    if step.action is not Action.WARN:
        return []
    if tk.holder_id is not None:
        holder = roster.users.get(tk.holder_id)
        readers = [holder] if holder else []
        key, due = ("warn_contact", tk.contact_due) if step.clock == "contact" else ("warn_holder", tk.resolve_due)
    else:
        readers = roster.audience(tk, audience_tiers(tk.tier))
        key, due = "warn_unclaimed", tk.claim_due
    assert due is not None
    up = env.policy.above(tk.tier) if env.policy else None
    when = local_time(env, due)
    return [Outgoing(u.tg_id, t(u.lang, key, id=tk.id, due=when, tier=tier_name(u.lang, up or tk.tier)),
                     ticket_id=tk.id, purpose="update", priority=NORMAL)
            for u in readers if u.tg_id is not None]
