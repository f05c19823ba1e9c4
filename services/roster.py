"""The people a batch of tickets' messages reach, read in a few queries instead of a few per ticket.

The sweep loads one Roster for its whole batch, and 上报 by hand loads one for its single ticket,
so an escalation says the same words to the same people whichever way it happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from domain.people import User
from domain.routing import scopes_for
from domain.tickets import Ticket, Tier
from services import dispatch
from storage import outbox, people
from storage import tickets as repo

Grant = tuple[tuple[str, str], User]  # (role, scope) and who holds it


@dataclass(frozen=True)
class Roster:
    users: Mapping[int, User]  # by id: holders, reporters, followers
    viewers: Mapping[int, User]  # by Telegram id: the readers of the tickets' cards
    grants: list[Grant]  # oldest grant first, as `people.holders` orders them
    groups: Mapping[str, list[int]]  # grid → its bound group chats
    followers: Mapping[int, list[int]]  # ticket id → follower ids, first to follow first
    cards: Mapping[int, list[Any]]  # ticket id → its claim cards (id, chat_id)

    def audience(self, tk: Ticket, tiers: tuple[Tier, ...]) -> list[User]:
        """`dispatch.audience`, answered from what was loaded."""
        pairs = set(scopes_for(tiers, tk.place, tk.grid, tk.branch))
        seen: dict[int, User] = {}
        for pair, user in self.grants:
            if pair in pairs:
                seen.setdefault(user.id, user)
        return [u for u in seen.values() if u.tg_id is not None]

    def group_chats(self, tk: Ticket, tiers: tuple[Tier, ...]) -> list[int]:
        return self.groups.get(tk.grid, []) if tk.grid and dispatch.to_groups(tiers) else []

    def fans(self, tk: Ticket) -> list[User | None]:
        return [self.users.get(uid) for uid in self.followers.get(tk.id or 0, [])]


async def load(conn: AsyncConnection, *, audiences: Iterable[tuple[Ticket, tuple[Tier, ...]]] = (),
               news_for: Iterable[Ticket] = (), user_ids: Iterable[int] = ()) -> Roster:
    """Read everything at once: the audiences of these tiers, the residents, followers and card readers
    of `news_for`, and these users."""
    audiences, news_for = list(audiences), list(news_for)
    pairs = [p for tk, tiers in audiences for p in scopes_for(tiers, tk.place, tk.grid, tk.branch)]
    ids = [tk.id for tk in news_for if tk.id is not None]
    grids = [tk.grid for tk, tiers in audiences if tk.grid and dispatch.to_groups(tiers)]
    followers = await repo.followers_of(conn, ids)
    cards = await outbox.cards_of(conn, ids)
    wanted = [*user_ids, *(tk.resident_id for tk in news_for), *(u for fans in followers.values() for u in fans)]
    return Roster(
        users=await people.by_ids(conn, wanted),
        viewers=await people.by_tgs(conn, [c.chat_id for cs in cards.values() for c in cs if c.chat_id > 0]),
        grants=await people.grants(conn, pairs), groups=await people.groups_of(conn, grids),
        followers=followers, cards=cards)
