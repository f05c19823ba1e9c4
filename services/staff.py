"""Views for staff: /tasks (open work in their area) and /digest (a supervisor's summary)."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain import access
from domain.outgoing import Buttons, Outgoing
from domain.people import User
from domain.texts import label, t
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
                    elif tk.holder_id is None:
                        buttons.append(((f"{label(who.lang, 'btn_claim')} #{tk.id}",
                                         f"claim:{tk.id}"),))
                markup: Buttons = tuple(buttons)
                out = Outgoing(chat_id, "\n".join(lines), markup, purpose="reply")
        await outbox.put(conn, [out], now)
    env.wake_sender()


async def digest(env: Env, who: User, chat_id: int, now: datetime) -> None:
    """The last 24 hours in the widest area this user supervises."""
    async with env.db.write() as conn:
        scope = access.digest_scope(await people.roles_of(conn, who.id))
        if scope is None:
            text = t(who.lang, "not_supervisor")
        else:
            s = await repo.summary(conn, [scope], since=now - timedelta(days=1))
            top = "、".join(f"{env.category_name(c, who.lang)} {n}" for c, n in s["top"])
            text = t(who.lang, "digest", scope=scope_name(env, scope.scope, who.lang),
                     period=t(who.lang, "digest_period_day"), new=s["new"], claimed=s["claimed"],
                     resolved=s["resolved"], open=s["open"], urgent_open=s["urgent_open"],
                     s=s["ratings"].get("satisfied", 0), m=s["ratings"].get("mostly", 0),
                     u=s["ratings"].get("unsatisfied", 0), top=top or t(who.lang, "none"))
            hot = await repo.most_affected(conn, [scope])
            if hot:
                sep = "、" if who.lang != "en" else ", "
                text += t(who.lang, "digest_hot", hot=sep.join(
                    f"#{tk.id} {env.category_name(tk.category, who.lang)} ×{tk.affected}" for tk in hot))
        await outbox.put(conn, [Outgoing(chat_id, text, purpose="digest")], now)
    env.wake_sender()


def scope_name(env: Env, scope: str, lang: str) -> str:
    """A scope key in words: 惠泽一网格, 惠泽社区党委, 民馨路街道党工委, 惠泽小区12号楼."""
    kind, _, rest = scope.partition(":")
    if kind in ("committee", "admin"):
        return env.district.committee_en if lang == "en" else env.district.committee
    if kind == "grid":
        g = env.district.grids.get(rest)
        return (g.en if g and lang == "en" else rest)
    if kind == "branch":
        b = env.district.branches.get(rest)
        return (b.en if b and lang == "en" else rest)
    community, _, num = rest.rpartition(":")
    return f"{community}{num}号楼" if lang != "en" else f"{community} building {num}"
