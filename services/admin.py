"""Seeding the roster, single-use invites, and who holds which role."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from domain import access
from domain.access import Role
from domain.outgoing import Outgoing
from domain.people import User
from domain.texts import label, t
from services.env import Env
from services.render import scope_name
from storage import outbox, people

INVITE_DAYS = 7


class ScopeError(ValueError):
    """The invite's scope names nothing in the district."""


async def seed(env: Env, roster: Iterable[dict[str, Any]], now: datetime) -> int:
    """Load seeded staff and their roles; running it twice adds nothing. Returns roles added."""
    added = 0
    async with env.db.write() as conn:
        for p in roster:
            scope = access.parse_scope(p["role"], str(p["scope"]), env.district)
            if scope is None:
                raise ScopeError(f"seeds/people.yaml: {p['role']} {p['scope']!r} is not in the district")
            user = await people.by_tg(conn, int(p["tg_id"]))
            if user is None:
                user = await people.ensure(conn, int(p["tg_id"]), p["name"], p.get("lang", "zh"), now)
            added += await people.grant(conn, user.id, Role(p["role"], scope), "seed", now)
    return added


async def invite(env: Env, role: str, scope_text: str, now: datetime) -> str:
    """A single-use code valid for seven days."""
    if role not in access.ROLES:
        raise ScopeError(f"unknown role {role!r}; one of: {', '.join(access.ROLES)}")
    scope = access.parse_scope(role, scope_text, env.district)
    if scope is None:
        raise ScopeError(f"{scope_text!r} is not a {role} scope in the district")
    code = secrets.token_urlsafe(12)
    async with env.db.write() as conn:
        await people.add_invite(conn, code, Role(role, scope), now, now + timedelta(days=INVITE_DAYS))
    return code


async def _redeem(env: Env, who: User, chat_id: int, chat_title: str, code: str,
                 now: datetime) -> Role | None:
    """Bind the role (or, for a group invite in a group, the group to its grid); tell the user."""
    async with env.db.write() as conn:
        role = await people.redeem_invite(conn, code, who.id, now)
        if role is None:
            text = t(who.lang, "invite_bad")
        elif role.name == "group":
            if chat_id > 0:
                raise _Rollback(t(who.lang, "group_only"))
            grid = role.scope.partition(":")[2]
            await people.bind_group(conn, chat_id, grid, chat_title, now)
            text = t("zh", "group_bound", grid=grid)
        else:
            await people.grant(conn, who.id, role, "invite", now)
            text = t(who.lang, "invite_ok", role=label(who.lang, f"role_{role.name}"),
                     scope=scope_name(env, role.scope, who.lang))
        await outbox.put(conn, [Outgoing(chat_id, text, purpose="reply")], now)
    env.wake_sender()
    return role


class _Rollback(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


async def redeem(env: Env, who: User, chat_id: int, chat_title: str, code: str,
                            now: datetime) -> Role | None:
    """A group code used in a private chat is not spent: the transaction rolls back."""
    try:
        return await _redeem(env, who, chat_id, chat_title, code, now)
    except _Rollback as refusal:
        async with env.db.write() as conn:
            await outbox.put(conn, [Outgoing(chat_id, refusal.text, purpose="reply")], now)
        env.wake_sender()
        return None


async def roster(env: Env) -> list[tuple[User, Role, str]]:
    async with env.db.read() as conn:
        return await people.everyone_with_roles(conn)
