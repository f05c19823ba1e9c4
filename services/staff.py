"""Views for staff: /tasks (open work in their area) and /digest (a supervisor's summary)."""

from __future__ import annotations

from datetime import datetime

from domain import access
from domain.outgoing import NORMAL, Buttons, Outgoing
from domain.people import User
from domain.texts import label, t
from services import digest as digests
from services.env import Env
from services.render import place_label, status_name
from storage import outbox, people
from storage import tickets as repo

TASKS_SHOWN = 15


async def tasks(env: Env, who: User, chat_id: int, now: datetime) -> None:
    async with env.db.write() as conn:
        roles = [r for r in await people.roles_of(conn, who.id) if r.name in access.STAFF_ROLES]
        if not roles:
            out = Outgoing(chat_id, t(who.lang, "not_staff"), purpose="reply")
        else:
            open_ = await repo.open_in_scope(conn, roles, limit=TASKS_SHOWN)
            mine = [tk for tk in await repo.held_by(conn, who.id) if tk not in open_]
            shown = mine + open_
            if not shown:
                out = Outgoing(chat_id, t(who.lang, "tasks_empty"), purpose="reply")
            else:
                lines = [t(who.lang, "tasks_head", n=len(shown))]
                buttons: list[tuple[tuple[str, str], ...]] = []
                for tk in shown:
                    flag = "🚨" if tk.urgent else "•"
                    lines.append(f"{flag} #{tk.id} {env.category_name(tk.category, who.lang)} "
                                 f"{place_label(env, tk.place, who.lang)} · "
                                 f"{status_name(who.lang, tk.status)}")
                    if tk.holder_id == who.id:
                        buttons.append(((f"{label(who.lang, 'btn_resolve')} #{tk.id}",
                                         f"done:{tk.id}"),))
                    elif tk.holder_id is not None and (access.rank_for(roles, tk) or 0) >= access.RANK["grid_worker"]:
                        buttons.append(((f"{label(who.lang, 'btn_nudge')} #{tk.id}", f"nudge:{tk.id}"),))
                    elif tk.holder_id is None:
                        buttons.append(((f"{label(who.lang, 'btn_claim')} #{tk.id}",
                                         f"claim:{tk.id}"),))
                markup: Buttons = tuple(buttons)
                out = Outgoing(chat_id, "\n".join(lines), markup, purpose="reply")
        await outbox.put(conn, [out], now)
    env.wake_sender()


async def digest(env: Env, who: User, chat_id: int, now: datetime) -> None:
    """/digest: the last 24 hours in the widest area this user supervises, with the chart."""
    async with env.db.read() as conn:
        scope = access.digest_scope(await people.roles_of(conn, who.id))
    if scope is None:
        async with env.db.write() as conn:
            await outbox.put(conn, [Outgoing(chat_id, t(who.lang, "not_supervisor"), purpose="reply")], now)
        env.wake_sender()
        return
    d = await digests.build(env, scope, who.lang, now, env.tz)
    await digests.deliver(env, [(chat_id, who.lang)], d, now, priority=NORMAL)
