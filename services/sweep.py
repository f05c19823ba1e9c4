"""限时办结: the repeating sweep that warns before deadlines and escalates missed ones.

It reads only tickets whose `check_at` has come (an index), and each action moves
`check_at` on, so running the sweep twice changes nothing and a restart forgets nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from domain.outgoing import NORMAL, Outgoing
from domain.routing import audience_tiers
from domain.sla import Action
from domain.texts import t
from domain.tickets import Ticket
from services import dispatch, ledger, work
from services.env import Env
from services.render import local_time, tier_name
from storage import outbox, people
from storage import tickets as repo

BATCH = 500


@dataclass(frozen=True)
class Swept:
    warned: int = 0
    escalated: int = 0
    looked_at: int = 0


async def run(env: Env, now: datetime) -> Swept:
    assert env.policy is not None and env.calendar is not None
    async with env.db.read() as conn:
        due = await repo.to_check(conn, now, BATCH)
    warned = escalated = 0
    for tk in due:
        step = env.policy.next_step(tk, now, env.calendar)
        if step.action is Action.ESCALATE:
            await work.escalate(env, None, None, tk.id, t("zh", f"missed_{step.clock}"), now)
            escalated += 1
        elif step.action is Action.WARN:
            warned += await _warn(env, tk.id, now)
        else:  # nothing to do now (e.g. past every clock at the top rung): look again only when it matters
            async with env.db.write() as conn:
                await ledger.store(conn, env, replace(tk, warned_at=now))
    if due:
        env.wake_sender()
    return Swept(warned, escalated, len(due))


async def _warn(env: Env, ticket_id: int, now: datetime) -> int:
    """Tell the holder (or, unclaimed, the tier's people) once that a deadline is near."""
    assert env.policy is not None and env.calendar is not None
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        step = env.policy.next_step(tk, now, env.calendar) if tk is not None else None
        if tk is None or step is None or step.action is not Action.WARN:
            return 0
        await outbox.put(conn, await _warnings(conn, env, tk, step.clock or ""), now)
        await ledger.store(conn, env, replace(tk, warned_at=now))
    return 1


async def _warnings(conn: AsyncConnection, env: Env, tk: Ticket, clock: str) -> list[Outgoing]:
    if tk.holder_id is not None:
        holder = await people.get(conn, tk.holder_id)
        readers = [holder] if holder else []
        key, due = ("warn_contact", tk.contact_due) if clock == "contact" else ("warn_holder", tk.resolve_due)
    else:
        readers = await dispatch.audience(conn, tk, audience_tiers(tk.tier))
        key, due = "warn_unclaimed", tk.claim_due
    assert due is not None
    up = env.policy.above(tk.tier) if env.policy else None
    when = local_time(env, due)
    return [Outgoing(u.tg_id, t(u.lang, key, id=tk.id, due=when, tier=tier_name(u.lang, up or tk.tier)),
                     ticket_id=tk.id, purpose="update", priority=NORMAL)
            for u in readers if u.tg_id is not None]
