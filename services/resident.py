"""What a resident does to their own ticket: rate, explain 不满意, withdraw, correct the category."""

from __future__ import annotations

from datetime import datetime

from domain import tickets as sm
from domain.outgoing import Outgoing
from domain.people import User
from domain.texts import t
from domain.tickets import Rating
from services import work
from services.env import Answer, Env
from services.ledger import record
from services.render import card_text, category_buttons, place_label, status_name, work_buttons
from storage import outbox, people
from storage import tickets as repo

RATINGS = {"s": Rating.SATISFIED, "m": Rating.MOSTLY, "u": Rating.UNSATISFIED}


async def rate(env: Env, who: User, chat_id: int, ticket_id: int, code: str,
               now: datetime) -> Answer:
    """满意/基本满意 close; 不满意 reopens to the same worker at once, then asks why."""
    rating = RATINGS.get(code)
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or rating is None or tk.resident_id != who.id:
            return Answer(t(who.lang, "not_yours"), alert=True)
        restart = now if rating is Rating.UNSATISFIED else None  # reopened: a fresh resolve clock
        tk = await record(conn, env, who, lambda: sm.rate(tk, who.id, rating, now), restart_at=restart)
        if isinstance(tk, Answer):
            return tk
        if rating is Rating.UNSATISFIED:
            await people.ask(conn, who.id, chat_id, "unsatisfied", tk.id, now)
            out = [Outgoing(chat_id, t(who.lang, "ask_unsatisfied"), ticket_id=tk.id,
                            purpose="reply")]
            holder = await people.get(conn, tk.holder_id) if tk.holder_id else None
            if holder and holder.tg_id:
                note = t(holder.lang, "card_reopened", note="…")
                out.append(Outgoing(holder.tg_id, card_text(env, tk, holder.lang, note),
                                    work_buttons(tk, holder.lang), ticket_id=tk.id,
                                    purpose="card"))
            await outbox.put(conn, out, now)
            answer = t(who.lang, "upd_reopened", id=tk.id)
        else:
            await outbox.put(conn, [Outgoing(chat_id, t(who.lang, "thanks_rating", id=tk.id),
                                             ticket_id=tk.id, purpose="reply")], now)
            answer = t(who.lang, "thanks_rating", id=tk.id)
    env.wake_sender()
    return Answer(answer)


async def explain(env: Env, who: User, chat_id: int, ticket_id: int, reason: str,
                  now: datetime) -> None:
    """Why the resident was unsatisfied: logged and passed to the holder."""
    async with env.db.write() as conn:
        await people.forget(conn, who.id, chat_id)
        tk = await repo.get(conn, ticket_id)
        if tk is None or tk.resident_id != who.id:
            return
        await repo.log(conn, sm.Event(tk.id, who.id, "unsatisfied_reason", now, reason))
        out = [Outgoing(chat_id, t(who.lang, "reason_noted"), ticket_id=tk.id, purpose="reply")]
        holder = await people.get(conn, tk.holder_id) if tk.holder_id else None
        if holder and holder.tg_id:
            out.append(Outgoing(holder.tg_id, t(holder.lang, "card_reopened", note=reason).strip(),
                                ticket_id=tk.id, purpose="reply"))
        await outbox.put(conn, out, now)
    env.wake_sender()


async def withdraw(env: Env, who: User, chat_id: int, ticket_id: int, now: datetime) -> Answer:
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or tk.resident_id != who.id:
            return Answer(t(who.lang, "not_yours"), alert=True)
        tk = await record(conn, env, who, lambda: sm.withdraw(tk, who.id, now))
        if isinstance(tk, Answer):
            return tk
        await work.edit_cards(conn, env, tk, now, work.closed_view(
            lambda lang: t(lang, "card_closed", status=status_name(lang, tk.status))))
        await outbox.put(conn, [Outgoing(chat_id, t(who.lang, "withdrawn", id=tk.id),
                                         ticket_id=tk.id, purpose="reply")], now)
    env.wake_sender()
    return Answer(t(who.lang, "withdrawn", id=ticket_id))


async def offer_categories(env: Env, who: User, chat_id: int, ticket_id: int,
                           now: datetime) -> Answer:
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id)
        if tk is None or tk.resident_id != who.id:
            return Answer(t(who.lang, "not_yours"), alert=True)
        if tk.status not in sm.ALLOWED["recategorize"]:
            return Answer(t(who.lang, "stale"), alert=True)
        buttons = category_buttons(env, tk, who.lang, list(env.categories))
        await outbox.put(conn, [Outgoing(chat_id, t(who.lang, "pick_category", id=tk.id), buttons,
                                         ticket_id=tk.id, purpose="reply")], now)
    env.wake_sender()
    return Answer("")


async def recategorize(env: Env, who: User, chat_id: int, ticket_id: int, code: str,
                       now: datetime) -> Answer:
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or tk.resident_id != who.id or code not in env.categories:
            return Answer(t(who.lang, "not_yours"), alert=True)
        tk = await record(conn, env, who, lambda: sm.recategorize(tk, who.id, code, env.triage_of(code), now))
        if isinstance(tk, Answer):
            return tk
        await work.edit_cards(conn, env, tk, now, work.open_view(tk))
        text = t(who.lang, "recategorized", id=tk.id, category=env.category_name(code, who.lang))
        await outbox.put(conn, [Outgoing(chat_id, text, ticket_id=tk.id, purpose="reply")], now)
    env.wake_sender()
    return Answer(text)


async def set_home(env: Env, who: User, chat_id: int, text: str, now: datetime) -> bool:
    """/home 惠泽小区12号楼3单元501: remembered for reports that name no place."""
    place = env.parser.parse_place(text)
    async with env.db.write() as conn:
        if place.known:
            await people.set_home(conn, who.id, place)
            await people.forget(conn, who.id, chat_id)
            reply = t(who.lang, "home_set", place=place_label(env, place, who.lang))
        else:
            await people.ask(conn, who.id, chat_id, "home", None, now)
            reply = t(who.lang, "home_ask")
        await outbox.put(conn, [Outgoing(chat_id, reply, purpose="reply")], now)
    env.wake_sender()
    return place.known


async def show_home(env: Env, who: User, chat_id: int, now: datetime) -> None:
    async with env.db.write() as conn:
        if who.home.known:
            reply = t(who.lang, "home_show", place=place_label(env, who.home, who.lang))
        else:
            await people.ask(conn, who.id, chat_id, "home", None, now)
            reply = t(who.lang, "home_ask")
        await outbox.put(conn, [Outgoing(chat_id, reply, purpose="reply")], now)
    env.wake_sender()


async def mine(env: Env, who: User, chat_id: int, now: datetime) -> None:
    """The resident's latest tickets with their status, in plain words."""
    async with env.db.write() as conn:
        mine = await repo.of_resident(conn, who.id, limit=10)
        if not mine:
            reply = t(who.lang, "mine_empty")
        else:
            lines = [t(who.lang, "mine_head")]
            lines += [f"#{tk.id} {env.category_name(tk.category, who.lang)} · "
                      f"{status_name(who.lang, tk.status)}" for tk in mine]
            reply = "\n".join(lines)
        await outbox.put(conn, [Outgoing(chat_id, reply, purpose="reply")], now)
    env.wake_sender()
