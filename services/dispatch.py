"""Sending a ticket to the people of a tier: claim cards to each of them and to the grid's groups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import tickets as sm
from domain.outgoing import NORMAL, URGENT, Buttons, Outgoing
from domain.people import User
from domain.routing import Route, route, scopes_for
from domain.texts import label
from domain.tickets import Event, Ticket, Tier
from services import ledger
from services.env import Env
from services.render import card_text, claim_buttons
from storage import outbox, people
from storage import tickets as repo


async def audience(conn: AsyncConnection, tk: Ticket, tiers: tuple[Tier, ...]) -> list[User]:
    """Staff who hold these tiers for this ticket's place (only those reachable on Telegram)."""
    pairs = scopes_for(tiers, tk.place, tk.grid, tk.branch)
    return [u for u in await people.holders(conn, pairs) if u.tg_id is not None]


async def send_cards(conn: AsyncConnection, env: Env, tk: Ticket, tiers: tuple[Tier, ...],
                     now: datetime, skip: int | None = None) -> list[User]:
    """A claim card to every member of the audience and every group bound to the ticket's grid."""
    staff, chats = await _recipients(conn, tk, tiers, skip)
    await outbox.put(conn, claim_cards(env, tk, staff, chats), now)
    return staff


async def cards(conn: AsyncConnection, env: Env, tk: Ticket, tiers: tuple[Tier, ...]) -> list[Outgoing]:
    """The claim cards `send_cards` would queue, for a caller that queues them with its own messages."""
    return claim_cards(env, tk, *await _recipients(conn, tk, tiers))


async def _recipients(conn: AsyncConnection, tk: Ticket, tiers: tuple[Tier, ...],
                      skip: int | None = None) -> tuple[list[User], list[int]]:
    """Who gets a ticket's cards: its audience (but `skip`) and, for tiers inside the grid, its groups."""
    staff = [u for u in await audience(conn, tk, tiers) if u.id != skip]
    return staff, await people.group_chats(conn, tk.grid) if to_groups(tiers) else []


def to_groups(tiers: tuple[Tier, ...]) -> bool:
    """The grid's groups see the cards of the tiers that work inside the grid."""
    return Tier.GRID in tiers or Tier.BUILDING_LEAD in tiers


def claim_cards(env: Env, tk: Ticket, staff: list[User], chats: list[int]) -> list[Outgoing]:
    """The cards themselves, from people already read: `send_cards` and the sweep's batch share them."""
    priority = URGENT if tk.urgent else NORMAL
    cards = [Outgoing(u.tg_id, card_text(env, tk, u.lang), claim_buttons(tk, u.lang),
                      ticket_id=tk.id, purpose="card", priority=priority)
             for u in staff if u.tg_id is not None]
    return cards + [Outgoing(chat, card_text(env, tk, "zh", group=True), claim_buttons(tk, "zh"),
                             ticket_id=tk.id, purpose="card", priority=priority) for chat in chats]


def ladder(env: Env) -> tuple[Tier, ...]:
    """The district's escalation ladder (seeds/policy.yaml); every tier when there is no policy."""
    return env.policy.ladder if env.policy is not None else sm.LADDER


def _assigned(env: Env, tk: Ticket, now: datetime) -> tuple[Ticket, Event, Route]:
    """A ticket whose place is known, routed up the district's ladder: as assigned, its event, the route."""
    r = route(env.district, tk.place, tk.triage, tk.urgent, ladder(env))
    assigned, event = sm.assign(tk, r.tier, r.grid, r.branch, now)
    return assigned, event, r


def routed(env: Env, tk: Ticket, now: datetime) -> tuple[Ticket, Event, Route]:
    """A new ticket whose place is known, routed with its clocks set, before it is first written
    (its `assigned` event gets the ticket's number once it has one)."""
    assigned, event, r = _assigned(env, tk, now)
    return ledger.stamp(env, assigned, restart_at=now), event, r


async def assign(conn: AsyncConnection, env: Env, tk: Ticket, now: datetime) -> tuple[Ticket, Route]:
    """Route a ticket whose place is known and log it; the caller acks, then sends the cards."""
    assigned, event, r = _assigned(env, tk, now)
    return await ledger.store(conn, env, assigned, event, restart_at=now), r


def audience_words(tiers: tuple[Tier, ...], lang: str) -> str:
    sep = "、" if lang != "en" else ", "
    return sep.join(label(lang, f"tier_{int(t)}") for t in tiers)


def quiet_until(env: Env, now: datetime, urgent: bool) -> datetime | None:
    """Residents' non-urgent news waits out the night (22:00–07:00 by default)."""
    if env.policy is None:
        return None
    release = env.policy.schedule.quiet_hours.release_time(now, urgent, env.tz)
    return release if release > now else None


async def tell_residents(conn: AsyncConnection, env: Env, tk: Ticket, now: datetime,
                         words: Callable[[str], str], *,
                         buttons: Callable[[str], Buttons] | None = None,
                         photo: str | None = None, purpose: str = "update",
                         follower_words: Callable[[str], str] | None = None) -> None:
    """The reporter and every follower hear of a change; buttons (rating) are the reporter's alone."""
    fans = await repo.follower_ids(conn, tk.id)
    known = await people.by_ids(conn, [tk.resident_id, *fans])
    await outbox.put(conn, resident_news(
        env, tk, now, words, known.get(tk.resident_id), [known.get(uid) for uid in fans],
        buttons=buttons, photo=photo, purpose=purpose, follower_words=follower_words), now)


def resident_news(env: Env, tk: Ticket, now: datetime, words: Callable[[str], str],
                  reporter: User | None, fans: list[User | None], *,
                  buttons: Callable[[str], Buttons] | None = None,
                  photo: str | None = None, purpose: str = "update",
                  follower_words: Callable[[str], str] | None = None) -> list[Outgoing]:
    """The messages themselves, from people already read (the sweep's batch reads them for many tickets).

    Followers get the same plain words: nothing of the reporter (name, room) reaches them.
    """
    wait = quiet_until(env, now, tk.urgent)
    out = []
    for mine, user in [(True, reporter), *((False, fan) for fan in fans)]:
        if user is None or user.tg_id is None:
            continue
        say = words if mine or follower_words is None else follower_words
        out.append(Outgoing(user.tg_id, say(user.lang), buttons(user.lang) if buttons and mine else (),
                            op="photo" if photo else "send", photo=photo, ticket_id=tk.id,
                            purpose=purpose if mine else "update", not_before=wait))
    return out
