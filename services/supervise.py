"""The upper tiers' hand on a ticket: 催办 (nudge) and deciding 申请延期 (a request for more time).

Each step is in the event log and told to the resident in plain words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import access
from domain.outgoing import Outgoing
from domain.people import User
from domain.routing import audience_tiers
from domain.sla import clock_for, due_at
from domain.texts import label, t
from domain.tickets import Event, Ticket, Tier
from services import dispatch, ledger
from services.env import Answer, Env
from services.render import local_time
from services.work import holder_ticket
from storage import outbox, people
from storage import tickets as repo

PENDING, GRANTED, REFUSED = "extension_requested", "extension_granted", "extension_refused"


async def _above(conn: AsyncConnection, who: User, tk: Ticket) -> bool:
    holder_roles = await people.roles_of(conn, tk.holder_id) if tk.holder_id else []
    return access.is_above(await people.roles_of(conn, who.id), holder_roles, tk)


async def nudge(env: Env, who: User, chat_id: int, ticket_id: int, now: datetime) -> Answer:
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id)
        if tk is None or not tk.is_open or tk.holder_id is None:
            return Answer(t(who.lang, "stale"), alert=True)
        if not await _above(conn, who, tk):
            return Answer(t(who.lang, "not_in_scope"), alert=True)
        await repo.log(conn, Event(tk.id, who.id, "nudged", now))
        holder = await people.get(conn, tk.holder_id)
        if holder and holder.tg_id:
            await outbox.put(conn, [Outgoing(holder.tg_id, t(holder.lang, "nudge_holder", name=who.name, id=tk.id),
                                             ticket_id=tk.id, purpose="update")], now)
        await dispatch.tell_residents(conn, env, tk, now, lambda lang: t(lang, "upd_nudged", id=tk.id))
    env.wake_sender()
    return Answer(t(who.lang, "nudge_ok", id=ticket_id))


def extended_due(env: Env, tk: Ticket) -> datetime:
    """Approval adds the ticket's own resolution time again, counted from the current deadline."""
    assert env.policy is not None and env.calendar is not None and tk.resolve_due is not None
    span = env.policy.duration("resolve", tk.category, tk.triage, tk.urgent)
    assert span is not None
    return due_at(tk.resolve_due, span, clock_for(tk.urgent, env.calendar))


async def request_extension(env: Env, who: User, chat_id: int, ticket_id: int, reason: str,
                            now: datetime) -> None:
    """The holder's reason goes to the tier above, with 批准/不批准 buttons."""
    async with env.db.write() as conn:
        await people.forget(conn, who.id, chat_id)
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            await outbox.put(conn, [Outgoing(chat_id, found.text, purpose="reply")], now)
        else:
            await repo.log(conn, Event(found.id, who.id, PENDING, now, reason))
            mine = access.rank_for(await people.roles_of(conn, who.id), found)
            up = Tier(min(max(int(found.tier), -1 if mine is None else mine) + 1, int(Tier.COMMITTEE)))
            deciders = [u for u in await dispatch.audience(conn, found, audience_tiers(up)) if u.id != who.id]
            due, new_due = local_time(env, found.resolve_due), local_time(env, extended_due(env, found))
            out = [Outgoing(u.tg_id, t(u.lang, "extension_request", name=who.name, id=found.id, reason=reason,
                                       due=due, new_due=new_due),
                            (((label(u.lang, "btn_approve"), f"extok:{found.id}"),
                              (label(u.lang, "btn_refuse"), f"extno:{found.id}")),),
                            ticket_id=found.id, purpose="update")
                   for u in deciders if u.tg_id is not None]
            out.append(Outgoing(chat_id, t(who.lang, "extension_sent"), ticket_id=found.id, purpose="reply"))
            await outbox.put(conn, out, now)
    env.wake_sender()


async def decide(env: Env, who: User, chat_id: int, ticket_id: int, approve: bool, now: datetime) -> Answer:
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or not tk.is_open or tk.holder_id is None:
            return Answer(t(who.lang, "stale"), alert=True)
        if not await _above(conn, who, tk):
            return Answer(t(who.lang, "not_in_scope"), alert=True)
        asked = [e for e in await repo.history(conn, tk.id) if e.kind in (PENDING, GRANTED, REFUSED)]
        if not asked or asked[-1].kind != PENDING:
            return Answer(t(who.lang, "no_extension_pending"), alert=True)
        holder = await people.get(conn, tk.holder_id)
        if approve:
            tk = await ledger.store(conn, env, replace(tk, resolve_due=extended_due(env, tk), warned_at=None),
                                    Event(tk.id, who.id, GRANTED, now))
            new_due = local_time(env, tk.resolve_due)
            await dispatch.tell_residents(conn, env, tk, now,
                                          lambda lang: t(lang, "upd_extended", id=tk.id, due=new_due))
        else:
            await repo.log(conn, Event(tk.id, who.id, REFUSED, now))
        if holder and holder.tg_id:
            key = "extension_granted" if approve else "extension_refused"
            text = t(holder.lang, key, id=tk.id, due=local_time(env, tk.resolve_due))
            await outbox.put(conn, [Outgoing(holder.tg_id, text, ticket_id=tk.id, purpose="update")], now)
    env.wake_sender()
    return Answer(t(who.lang, "extension_decided", id=ticket_id))
