"""Staff work on a ticket: claim (first press wins), resolve, transfer, escalate.

Every entry point re-reads the ticket and the presser's roles inside the transaction and
refuses politely when the press is stale, forged or not theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import access
from domain import tickets as sm
from domain.outgoing import Buttons, Outgoing
from domain.people import User
from domain.routing import audience_tiers
from domain.texts import t
from domain.tickets import Ticket, TransitionError
from services import dispatch, ledger
from services.env import Answer, Env
from services.ledger import record
from services.render import (
    card_text,
    claim_buttons,
    rating_buttons,
    tier_name,
    work_buttons,
)
from services.roster import Roster
from services.roster import load as load_roster
from storage import care, outbox, people
from storage import tickets as repo


async def claim(env: Env, who: User, ticket_id: int, now: datetime) -> Answer:
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None:
            return Answer(t(who.lang, "stale"), alert=True)
        if not access.is_staff_for(await people.roles_of(conn, who.id), tk):
            return Answer(t(who.lang, "not_in_scope"), alert=True)
        if tk.holder_id is not None and tk.holder_id != who.id:
            holder = await people.get(conn, tk.holder_id)
            return Answer(t(who.lang, "claim_taken", name=holder.name if holder else "?"), alert=True)
        tk = await record(conn, env, who, lambda: sm.claim(tk, who.id, now))
        if isinstance(tk, Answer):
            return tk
        await edit_cards(conn, env, tk, now, claimed_view(tk, who))
        await _tell_resident(conn, env, tk, now, "upd_claimed", name=who.name)
    env.wake_sender()
    return Answer(t(who.lang, "claim_ok"))


async def holder_ticket(conn: AsyncConnection, who: User, ticket_id: int) -> Ticket | Answer:
    """The ticket if this user holds it now, else the polite refusal to show."""
    tk = await repo.get(conn, ticket_id, lock=True)
    if tk is None or not tk.is_open:
        return Answer(t(who.lang, "stale"), alert=True)
    if not access.can_work_on(who.id, tk):
        return Answer(t(who.lang, "not_yours"), alert=True)
    return tk


async def ask(env: Env, who: User, chat_id: int, ticket_id: int, kind: str,
              now: datetime) -> Answer:
    """办结 and 上报 first ask for a note or a reason; the next message in this chat answers."""
    key = {"resolve": "ask_resolve_note", "escalate": "ask_escalate_reason", "extend": "ask_extension_reason"}[kind]
    async with env.db.write() as conn:
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            return found
        if kind == "escalate" and sm.above(found.tier, dispatch.ladder(env)) is None:
            return Answer(t(who.lang, "stale"), alert=True)
        await people.ask(conn, who.id, chat_id, kind, ticket_id, now)
        await outbox.put(conn, [Outgoing(chat_id, t(who.lang, key, id=ticket_id),
                                         ticket_id=ticket_id, purpose="reply")], now)
    env.wake_sender()
    return Answer("")


async def resolve(env: Env, who: User, chat_id: int, ticket_id: int, note: str,
                  photo: str | None, now: datetime) -> None:
    async with env.db.write() as conn:
        await people.forget(conn, who.id, chat_id)
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            await _say(conn, chat_id, found.text, now)
        else:
            tk, event = sm.resolve(found, who.id, now, note)
            tk = await ledger.store(conn, env, tk, event)
            if photo:
                await repo.attach_resolution_photo(conn, tk.id, photo)
            if tk.care_id is not None:  # 已走访: the next visit is due a period from now
                await care.visited(conn, tk.care_id, now, note)
            await edit_cards(conn, env, tk, now, closed_view(
                lambda lang: t(lang, "card_resolved", name=who.name)))
            await dispatch.tell_residents(
                conn, env, tk, now, lambda lang: t(lang, "upd_resolved", id=tk.id, note=note),
                buttons=lambda lang: rating_buttons(tk, lang), photo=photo, purpose="rate",
                follower_words=lambda lang: t(lang, "upd_resolved_follower", id=tk.id, note=note))
            await _say(conn, chat_id, t(who.lang, "resolved_ok", id=tk.id), now)
    env.wake_sender()


async def escalate(env: Env, who: User, chat_id: int, ticket_id: int, reason: str, now: datetime) -> None:
    """上报 by hand: the holder's reason takes the ticket one rung up the ladder (the sweep does the same
    for missed deadlines, many at a time)."""
    async with env.db.write() as conn:
        await people.forget(conn, who.id, chat_id)
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            await _say(conn, chat_id, found.text, now)
            env.wake_sender()
            return
        try:
            tk, event = sm.escalate(found, who.id, now, reason, dispatch.ladder(env))
        except TransitionError:
            await _say(conn, chat_id, t(who.lang, "stale"), now)
            return
        tk = await ledger.store(conn, env, tk, event, restart_at=now)  # the new tier's own clocks
        roster = await load_roster(conn, audiences=[(tk, audience_tiers(tk.tier))], news_for=[tk])
        await outbox.put(conn, escalation_news(env, tk, roster, now), now)
        await _say(conn, chat_id, t(who.lang, "escalated_ok", id=tk.id, tier=tier_name(who.lang, tk.tier)), now)
    env.wake_sender()


def escalation_news(env: Env, tk: Ticket, roster: Roster, now: datetime) -> list[Outgoing]:
    """What an escalated ticket says: its old cards closed, claim cards to the new tier, the residents told."""
    tiers = audience_tiers(tk.tier)
    edits = card_edits(env, tk, roster.cards.get(tk.id or 0, []), roster.viewers, closed_view(
        lambda lang: t(lang, "card_escalated", tier=tier_name(lang, tk.tier))))
    cards = dispatch.claim_cards(env, tk, roster.audience(tk, tiers), roster.group_chats(tk, tiers))
    news = dispatch.resident_news(env, tk, now, lambda lang: t(
        lang, "upd_escalated", id=tk.id, tier=tier_name(lang, tk.tier)), roster.users.get(tk.resident_id),
        roster.fans(tk))
    return edits + cards + news


async def transfer_choices(env: Env, who: User, ticket_id: int) -> Answer | tuple[Ticket, list[User]]:
    """Other grid workers of the ticket's grid, as candidates for 转交."""
    async with env.db.read() as conn:
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            return found
        mates = await people.holders(conn, [("grid_worker", f"grid:{found.grid}")])
        return found, [u for u in mates if u.id != who.id]


async def offer_transfer(env: Env, who: User, chat_id: int, ticket_id: int,
                         now: datetime) -> Answer:
    found = await transfer_choices(env, who, ticket_id)
    if isinstance(found, Answer):
        return found
    tk, mates = found
    if not mates:
        return Answer(t(who.lang, "no_transfer_target"), alert=True)
    buttons: Buttons = tuple(((u.name, f"xfer:{tk.id}:{u.id}"),) for u in mates)
    async with env.db.write() as conn:
        await outbox.put(conn, [Outgoing(chat_id, t(who.lang, "pick_transfer", id=tk.id), buttons,
                                         ticket_id=tk.id, purpose="reply")], now)
    env.wake_sender()
    return Answer("")


async def transfer(env: Env, who: User, ticket_id: int, to_id: int, now: datetime) -> Answer:
    async with env.db.write() as conn:
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            return found
        target = await people.get(conn, to_id)
        target_roles = await people.roles_of(conn, to_id) if target else []
        if target is None or access.Role("grid_worker", f"grid:{found.grid}") not in target_roles:
            return Answer(t(who.lang, "not_in_scope"), alert=True)
        tk = await record(conn, env, who, lambda: sm.transfer(found, who.id, to_id, now))
        if isinstance(tk, Answer):
            return tk
        await edit_cards(conn, env, tk, now, claimed_view(tk, target))
        if target.tg_id:
            await outbox.put(conn, [Outgoing(
                target.tg_id,
                card_text(env, tk, target.lang,
                          t(target.lang, "card_transferred", from_name=who.name)),
                work_buttons(tk, target.lang), ticket_id=tk.id, purpose="card")], now)
        await _tell_resident(conn, env, tk, now, "upd_transferred", name=target.name)
    env.wake_sender()
    return Answer(t(who.lang, "transferred_ok", id=ticket_id, name=target.name))


CardView = Callable[[str, User | None, bool], tuple[str, Buttons]]


def claimed_view(tk: Ticket, actor: User) -> CardView:
    """The holder (and the grid group) get work buttons; everyone else sees who has it."""
    def view(lang: str, viewer: User | None, is_group: bool) -> tuple[str, Buttons]:
        mine = viewer is not None and viewer.id == actor.id
        note = t(lang, "card_you_claimed") if mine else t(lang, "card_claimed_by", name=actor.name)
        return note, work_buttons(tk, lang) if (mine or is_group) else ()
    return view


async def current_view(conn: AsyncConnection, tk: Ticket) -> CardView | None:
    """The view that fits the ticket's state now (None once it is out of the workers' hands)."""
    if tk.status == sm.Status.ASSIGNED:
        return open_view(tk)
    holder = await people.get(conn, tk.holder_id) if tk.holder_id else None
    if tk.status in (sm.Status.CLAIMED, sm.Status.REOPENED) and holder is not None:
        return claimed_view(tk, holder)
    return None


def closed_view(extra: Callable[[str], str]) -> CardView:
    return lambda lang, _viewer, _group: (extra(lang), ())


def open_view(tk: Ticket) -> CardView:
    return lambda lang, _viewer, _group: ("", claim_buttons(tk, lang))


async def edit_cards(conn: AsyncConnection, env: Env, tk: Ticket, now: datetime,
                     view: CardView) -> None:
    """Rewrite every card of this ticket in its reader's language, as `view` says."""
    cards = await outbox.cards(conn, tk.id)
    viewers = await people.by_tgs(conn, [card.chat_id for card in cards if card.chat_id > 0])
    await outbox.put(conn, card_edits(env, tk, cards, viewers, view), now)


def card_edits(env: Env, tk: Ticket, cards: list[Any], viewers: Mapping[int, User],
               view: CardView) -> list[Outgoing]:
    """The edits themselves, from cards and readers already read (the sweep reads them for many tickets)."""
    edits = []
    for card in cards:
        viewer = viewers.get(card.chat_id) if card.chat_id > 0 else None
        lang = viewer.lang if viewer else "zh"
        group = card.chat_id < 0
        note, buttons = view(lang, viewer, group)
        edits.append(Outgoing(card.chat_id, card_text(env, tk, lang, note, group=group), buttons, op="edit",
                              ref_id=card.id, ticket_id=tk.id, purpose="edit"))
    return edits


async def _tell_resident(conn: AsyncConnection, env: Env, tk: Ticket, now: datetime, key: str,
                         **values: object) -> None:
    await dispatch.tell_residents(conn, env, tk, now, lambda lang: t(lang, key, id=tk.id, **values))


async def _say(conn: AsyncConnection, chat_id: int, text: str, now: datetime,
               ticket_id: int | None = None) -> None:
    await outbox.put(conn, [Outgoing(chat_id, text, ticket_id=ticket_id, purpose="reply")], now)


async def contacted(env: Env, who: User, ticket_id: int, now: datetime) -> Answer:
    """已联系: the first-contact clock stops; the resolution clock runs on."""
    async with env.db.write() as conn:
        found = await holder_ticket(conn, who, ticket_id)
        if isinstance(found, Answer):
            return found
        if found.contacted_at is None:
            event = sm.Event(found.id, who.id, "contacted", now)
            await ledger.store(conn, env, replace(found, contacted_at=now), event)
    return Answer(t(who.lang, "contacted_ok", id=ticket_id))
