"""Reminders that keep the loop alive: rate after a day, "问题还在吗？" after a week, the grid's
meeting day the day before, the morning list of open work, and a one-time notice when holiday data runs out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import tickets as sm
from domain.outgoing import Outgoing
from domain.people import User
from domain.texts import label, t
from domain.tickets import Event, Status
from services import dispatch, ledger
from services.env import Answer, Env
from services.render import card_text, place_label, rating_buttons, work_buttons
from storage import outbox, people
from storage import tickets as repo

RATE_AFTER = timedelta(hours=24)
STILL_AFTER = timedelta(days=7)
LATE_LIMIT = timedelta(days=7)  # a reminder missed for longer (the bot was off) is no longer worth sending


async def run(env: Env, now: datetime) -> int:
    """Each reminder once: the ticket is stamped in the same transaction as the message."""
    sent = 0
    async with env.db.write() as conn:
        for tk in await repo.unrated_since(conn, now - RATE_AFTER, now - RATE_AFTER - LATE_LIMIT):
            await dispatch.tell_residents(conn, env, tk, now, lambda lang, tk=tk: t(lang, "remind_rate", id=tk.id),
                                          buttons=lambda lang, tk=tk: rating_buttons(tk, lang), purpose="rate",
                                          follower_words=lambda _lang: "")
            await repo.mark(conn, tk.id, rate_reminded_at=now)
            sent += 1
        for tk in await repo.closed_unasked(conn, now - STILL_AFTER, now - STILL_AFTER - LATE_LIMIT):
            resident = await people.get(conn, tk.resident_id)
            if resident and resident.tg_id:
                lang = resident.lang
                buttons = (((label(lang, "btn_still"), f"still:{tk.id}"), (label(lang, "btn_gone"), f"gone:{tk.id}")),)
                text = t(lang, "ask_still", id=tk.id, category=env.category_name(tk.category, lang))
                await outbox.put(conn, [Outgoing(resident.tg_id, text, buttons, ticket_id=tk.id, purpose="rate",
                                                 not_before=dispatch.quiet_until(env, now, False))], now)
                sent += 1
            await repo.mark(conn, tk.id, still_asked_at=now)
        meetings = await _meeting_notices(conn, env, now)
        await outbox.put(conn, meetings, now)
        sent += len(meetings)
    if sent:
        env.wake_sender()
    return sent


async def still_there(env: Env, who: User, chat_id: int, ticket_id: int, still: bool, now: datetime) -> Answer:
    """还在 reopens the ticket to the worker who closed it, with fresh clocks; 已解决 is noted."""
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or tk.resident_id != who.id:
            return Answer(t(who.lang, "not_yours"), alert=True)
        if tk.status != Status.CLOSED:
            return Answer(t(who.lang, "stale"), alert=True)
        if not still:
            if "confirmed_gone" not in [e.kind for e in await repo.history(conn, tk.id)]:
                await repo.log(conn, Event(tk.id, who.id, "confirmed_gone", now))
            return Answer(t(who.lang, "gone_ok"))
        tk = await ledger.record(conn, env, who, lambda: sm.recur(tk, who.id, now), restart_at=now)
        if isinstance(tk, Answer):
            return tk
        holder = await people.get(conn, tk.holder_id) if tk.holder_id else None
        if holder and holder.tg_id:
            note = t(holder.lang, "card_recurred")
            await outbox.put(conn, [Outgoing(holder.tg_id, card_text(env, tk, holder.lang, note),
                                             work_buttons(tk, holder.lang), ticket_id=tk.id, purpose="card")], now)
    env.wake_sender()
    return Answer(t(who.lang, "still_there_ok", id=ticket_id))


async def morning(env: Env, now: datetime) -> int:
    """Each worker's open tickets, first thing; holiday data running out."""
    async with env.db.write() as conn:
        mine: dict[int, list[sm.Ticket]] = defaultdict(list)
        for tk in await repo.held_open(conn):
            assert tk.holder_id is not None
            mine[tk.holder_id].append(tk)
        out = []
        for holder_id, held in mine.items():
            holder = await people.get(conn, holder_id)
            if holder and holder.tg_id:
                items = "\n".join(f"• #{tk.id} {env.category_name(tk.category, holder.lang)} "
                                  f"{place_label(env, tk.place, holder.lang)}" for tk in held)
                out.append(Outgoing(holder.tg_id, t(holder.lang, "morning_tasks", n=len(held), items=items),
                                    purpose="update"))
        out += await _calendar_notice(conn, env, now)
        await outbox.put(conn, out, now)
    env.wake_sender()
    return len(out)


async def _meeting_notices(conn: AsyncConnection, env: Env, now: datetime) -> list[Outgoing]:
    """议事日 the day before, to each grid's group chats, once per grid and meeting (kept in notices)."""
    if env.policy is None:
        return []
    out = []
    for grid, day, rule in env.policy.schedule.meetings_to_announce(list(env.district.grids), now.astimezone(env.tz)):
        chats = await people.group_chats(conn, grid)
        if chats and await people.first_notice(conn, f"meeting:{grid}:{day.isoformat()}", now):
            out += [Outgoing(chat, t("zh", "meeting_tomorrow", when=rule.at.strftime("%H:%M"), grid=grid),
                             purpose="update") for chat in chats]
    return out


async def _calendar_notice(conn: AsyncConnection, env: Env, now: datetime) -> list[Outgoing]:
    """Tell the admins once per year the holiday package does not know (deadlines still work)."""
    years = sorted(env.calendar.unknown_years) if env.calendar else []
    fresh = [y for y in years if await people.first_notice(conn, f"calendar-unknown-{y}", now)]
    if not fresh:
        return []
    admins = await people.holders(conn, [("admin", "admin")])
    text = "、".join(map(str, fresh))
    return [Outgoing(a.tg_id, t(a.lang, "calendar_unknown", years=text), purpose="update")
            for a in admins if a.tg_id is not None]

