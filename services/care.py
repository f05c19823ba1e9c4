"""走访: residents who need care get a recurring visit task, handled and escalated like a ticket.

A due visit is filed as a 帮扶求助 ticket by the bot itself, so claim, deadlines, warnings
and escalation all apply; resolving it (已走访, with a note) schedules the next one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from domain import access
from domain.outgoing import Outgoing
from domain.people import User
from domain.texts import t
from domain.tickets import Event, Ticket
from services import dispatch
from services.env import Env
from services.render import place_label
from storage import care, outbox, people
from storage import tickets as repo


def every_days(env: Env) -> int:
    span = env.policy.schedule.care_visit_every if env.policy else None
    return max(1, round(span.span(env.calendar)[0] / timedelta(days=1))) if span and env.calendar else 7


async def seed(env: Env, rows: Iterable[dict[str, Any]], now: datetime) -> int:
    added = 0
    async with env.db.write() as conn:
        for r in rows:
            place = env.parser.parse_place(str(r["place"]))
            if place.building is None:
                raise ValueError(f"seeds/care.yaml: {r['place']!r} is not a building in the district")
            days = int(r.get("every_days") or every_days(env))
            added += await care.add(conn, r["name"], r.get("need", ""), place, days, now + timedelta(days=days),
                                    "seed")
    return added


async def add(env: Env, who: User, chat_id: int, args: list[str], now: datetime) -> None:
    """/care ADDRESS NAME NEED, by a grid worker or building lead of that building."""
    place = env.parser.parse_place(args[0]) if args else None
    async with env.db.write() as conn:
        if place is None or place.building is None or len(args) < 2:
            text = t(who.lang, "care_usage")
        else:
            probe = Ticket(None, who.id, "", "help", "simple", False, place,
                           grid=(g.name if (g := env.district.grid_for(place.community, place.building)) else None))
            roles = [r for r in await people.roles_of(conn, who.id) if r.name in ("grid_worker", "building_lead")]
            if not access.is_staff_for(roles, probe):
                text = t(who.lang, "not_in_scope")
            else:
                name, need, days = args[1], " ".join(args[2:]), every_days(env)
                fresh = await care.add(conn, name, need, place, days, now + timedelta(days=days), "worker")
                text = (t(who.lang, "care_added", name=name, need=need, place=place_label(env, place, who.lang),
                          days=days) if fresh else t(who.lang, "care_known", name=name))
        await outbox.put(conn, [Outgoing(chat_id, text, purpose="reply")], now)
    env.wake_sender()


async def run(env: Env, now: datetime) -> int:
    """File a visit task for everyone whose visit is due and has none open."""
    filed = 0
    async with env.db.write() as conn:
        bot = await people.system_user(conn, now)
        for row in await care.due(conn, now):
            text = t("zh", "care_task", name=row.name, need=row.need or "需要关照")
            tk = Ticket(None, bot.id, text, "help", "simple", False, care.place_of(row), created_at=now,
                        updated_at=now, care_id=row.id)
            tk = await repo.add(conn, tk)
            await repo.log(conn, Event(tk.id, None, "care_due", now))
            tk, route = await dispatch.assign(conn, env, tk, now)
            await dispatch.send_cards(conn, env, tk, route.notify, now)
            await care.opened(conn, row.id, tk.id)
            filed += 1
    if filed:
        env.wake_sender()
    return filed
