"""A supervisor's digest: what changed, the three rates, where it hurts, and who is late.

Readable in thirty seconds: counts first, then the rates with their change since the
previous period, then hot spots and the overdue list with names.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from domain.access import Role
from domain.outgoing import LOW, Outgoing, media_ref
from domain.rates import DayCount, GridRates, Tally, change, percent
from domain.texts import t
from services.env import Env
from services.render import place_label, scope_name
from storage import digest as q
from storage import outbox, people
from storage import tickets as tickets_repo

TREND_DAYS = 14
SHOWN = 5


@dataclass(frozen=True)
class Digest:
    text: str
    days: list[DayCount]
    grids: list[GridRates]
    title: str


async def build(env: Env, scope: Role, lang: str, now: datetime, tz: tzinfo, days: int = 1) -> Digest:
    """The digest of one area for the last `days` days, compared with the `days` before."""
    period, before = (now - timedelta(days=days), now), (now - timedelta(days=2 * days), now - timedelta(days=days))
    async with env.db.read() as conn:
        as_of_now = await q.open_tallies(conn, [scope], now)  # the same for both periods: counted once
        by_grid = await q.tallies(conn, [scope], *period, now, as_of_now)
        earlier = await q.total(conn, [scope], *before, now, as_of_now)  # compared as a whole only
        top = await q.top_categories(conn, [scope], *period)
        hot = await q.hot_spots(conn, [scope], *period)
        many = await tickets_repo.most_affected(conn, [scope])
        late = await q.overdue(conn, [scope], now, limit=SHOWN)
        holders = {tk.holder_id: await people.get(conn, tk.holder_id) for tk in late if tk.holder_id}
        trend = await q.daily(conn, [scope], now - timedelta(days=TREND_DAYS), now, tz)
    total = sum(by_grid.values(), Tally())
    name = scope_name(env, scope.scope, lang)
    lines = [
        t(lang, "dg_head", scope=name, period=t(lang, "digest_period_day" if days == 1 else "digest_period_week")),
        t(lang, "dg_flow", new=total.new, new_change=_delta(total.new, earlier.new), claimed=total.claimed,
          resolved=total.resolved, closed=total.closed),
        t(lang, "dg_open", open=total.open, overdue=total.overdue),
        t(lang, "dg_rates", response=percent(total.response), r1=change(total.response, earlier.response),
          resolution=percent(total.resolution), r2=change(total.resolution, earlier.resolution),
          satisfaction=percent(total.satisfaction), r3=change(total.satisfaction, earlier.satisfaction)),
    ]
    sep = "、" if lang != "en" else ", "
    if top:
        lines.append(t(lang, "dg_top", items=sep.join(f"{env.category_name(c, lang)} {n}" for c, n in top)))
    if hot:
        lines.append(t(lang, "dg_hot", items=sep.join(f"{c}{b}号楼 ×{n}" for c, b, n in hot)))
    if many:
        lines.append(t(lang, "digest_hot", hot=sep.join(
            f"#{tk.id} {env.category_name(tk.category, lang)} ×{tk.affected}" for tk in many)).strip())
    if late:
        lines.append(t(lang, "dg_overdue"))
        lines += [t(lang, "dg_overdue_item", id=tk.id, category=env.category_name(tk.category, lang),
                    place=place_label(env, tk.place, lang),
                    holder=holders[tk.holder_id].name if tk.holder_id and holders.get(tk.holder_id)
                    else t(lang, "dg_nobody")) for tk in late]
    grids = _grid_rates(by_grid, lang)
    if scope.name in ("committee", "admin", "branch") and len(grids) > 1:
        ranked = sorted(grids, key=lambda g: -1 if g.resolution is None else g.resolution, reverse=True)
        lines.append(t(lang, "dg_ranking"))
        lines += [f"{i}. {g.grid} {percent(g.resolution)}" for i, g in enumerate(ranked, 1)]
    local_today = now.astimezone(tz).date()
    days_list = [DayCount(d, *trend.get(d, (0, 0)))
                 for d in (local_today - timedelta(days=k) for k in range(TREND_DAYS - 1, -1, -1))]
    return Digest("\n".join(lines), days_list, grids, t(lang, "dg_chart_title", scope=name))


def _grid_rates(by_grid: dict[str | None, Tally], lang: str) -> list[GridRates]:
    named = sorted((g, tally) for g, tally in by_grid.items() if g is not None)
    rows = [GridRates(g, x.response, x.resolution, x.satisfaction) for g, x in named]
    if None in by_grid:
        x = by_grid[None]
        rows.append(GridRates(t(lang, "dg_unassigned_grid"), x.response, x.resolution, x.satisfaction))
    return rows


def _delta(now: int, before: int) -> str:
    return f"+{now - before}" if now > before else f"{now - before}" if now < before else "±0"


async def deliver(env: Env, readers: list[tuple[int, str]], d: Digest, now: datetime,
                  priority: int = LOW) -> None:
    """Text, then the chart as a photo (rendered once, uploaded once, reused for every reader)."""
    media_id = None
    if env.chart is not None:
        png = await asyncio.to_thread(env.chart, d.title, d.days, d.grids, readers[0][1] if readers else "zh")
        async with env.db.write() as conn:
            media_id = await outbox.add_media(conn, png, now)
    async with env.db.write() as conn:
        out = []
        for chat_id, _lang in readers:
            out.append(Outgoing(chat_id, d.text, purpose="digest", priority=priority))
            if media_id is not None:
                out.append(Outgoing(chat_id, d.title, op="photo", photo=media_ref(media_id),
                                    purpose="digest", priority=priority))
        await outbox.put(conn, out, now)
    env.wake_sender()


SUPERVISING = ("grid_worker", "branch", "committee")


async def broadcast(env: Env, now: datetime, days: int = 1) -> int:
    """The scheduled digest: one build per area and language, sent to everyone supervising it."""
    async with env.db.read() as conn:
        staff = await people.everyone_with_roles(conn)
    readers: dict[tuple[Role, str], list[tuple[int, str]]] = {}
    for user, role, _source in staff:
        if role.name in SUPERVISING and user.tg_id is not None:
            readers.setdefault((role, user.lang), []).append((user.tg_id, user.lang))
    for (role, lang), chats in readers.items():
        await deliver(env, chats, await build(env, role, lang, now, env.tz, days), now)
    return sum(len(chats) for chats in readers.values())
