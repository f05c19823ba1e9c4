"""Users and their roles, grid group chats, single-use invites, and pending questions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, delete, insert, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.access import Role
from domain.org import Place
from domain.people import User
from storage.schema import groups, invites, notices, pending, roles, users


def _user(r: Any) -> User:
    return User(r.id, r.tg_id, r.name, r.lang,
                Place(r.home_community, r.home_building, r.home_unit, r.home_room))


# Built once: every update reads its sender and the question waiting in its chat (bench/e2e.py)
_BY_TG = select(users).where(users.c.tg_id == bindparam("tg_id"))
_QUESTION = select(pending).where(pending.c.user_id == bindparam("user_id"), pending.c.chat_id == bindparam("chat_id"))


async def by_tg(conn: AsyncConnection, tg_id: int) -> User | None:
    r = (await conn.execute(_BY_TG, {"tg_id": tg_id})).first()
    return _user(r) if r else None


async def get(conn: AsyncConnection, user_id: int) -> User | None:
    r = (await conn.execute(select(users).where(users.c.id == user_id))).first()
    return _user(r) if r else None


async def by_ids(conn: AsyncConnection, user_ids: list[int]) -> dict[int, User]:
    """Many users in one read, by id (unknown ids are left out)."""
    if not user_ids:
        return {}
    q = select(users).where(users.c.id.in_(sorted(set(user_ids))))
    return {r.id: _user(r) for r in await conn.execute(q)}


async def by_tgs(conn: AsyncConnection, tg_ids: list[int]) -> dict[int, User]:
    """Many users in one read, by Telegram id (unknown ones are left out)."""
    if not tg_ids:
        return {}
    q = select(users).where(users.c.tg_id.in_(sorted(set(tg_ids))))
    return {r.tg_id: _user(r) for r in await conn.execute(q)}


async def ensure(conn: AsyncConnection, tg_id: int, name: str, lang: str,
                 now: datetime) -> User:
    """The user for a Telegram account, created on first contact; name and language kept fresh."""
    found = await by_tg(conn, tg_id)
    if found is None:  # what was written is known: no second read (every first message comes here)
        new_id = await conn.scalar(_NEW_USER[conn.dialect.name == "postgresql"],
                                   {"tg_id": tg_id, "name": name, "lang": lang, "created_at": now})
        if new_id is None:  # written meanwhile by the same person's update in another chat
            return await ensure(conn, tg_id, name, lang, now)
        return User(int(new_id), tg_id, name, lang)
    if (found.name, found.lang) != (name, lang):
        await conn.execute(update(users).where(users.c.id == found.id).values(name=name, lang=lang))
        return User(found.id, tg_id, name, lang, found.home)
    return found


async def set_home(conn: AsyncConnection, user_id: int, place: Place) -> None:
    await conn.execute(update(users).where(users.c.id == user_id).values(
        home_community=place.community, home_building=place.building,
        home_unit=place.unit, home_room=place.room))


async def roles_of(conn: AsyncConnection, user_id: int) -> list[Role]:
    q = select(roles.c.role, roles.c.scope).where(roles.c.user_id == user_id).order_by(roles.c.id)
    return [Role(r.role, r.scope) for r in await conn.execute(q)]


async def grant(conn: AsyncConnection, user_id: int, role: Role, source: str,
                now: datetime) -> bool:
    """Give a role once; returns False when the user already had it."""
    q = select(roles.c.id).where(roles.c.user_id == user_id, roles.c.role == role.name,
                                 roles.c.scope == role.scope)
    if (await conn.execute(q)).first():
        return False
    await conn.execute(insert(roles).values(user_id=user_id, role=role.name, scope=role.scope,
                                            source=source, created_at=now))
    return True


FEW = 8  # up to this many (role, scope) pairs are looked up with plain comparisons


async def holders(conn: AsyncConnection, pairs: list[tuple[str, str]]) -> list[User]:
    """Everyone holding any of these (role, scope) pairs, each once, in a stable order."""
    seen: dict[int, User] = {}
    for _pair, user in await grants(conn, pairs):
        seen.setdefault(user.id, user)
    return list(seen.values())


def _grants(wanted: ColumnElement[bool]) -> Any:
    return (select(users, roles.c.role, roles.c.scope).join(roles, roles.c.user_id == users.c.id)
            .where(wanted).order_by(roles.c.id))


# A ticket's few (role, scope) pairs as plain comparisons in a statement built once per count: an IN
# list is rendered anew on every call, and building the statement cost more than SQLite running it.
_GRANTS = {n: _grants(or_(*(and_(roles.c.role == bindparam(f"r{i}"), roles.c.scope == bindparam(f"s{i}"))
                            for i in range(n))))
           for n in range(1, FEW + 1)}


async def grants(conn: AsyncConnection, pairs: list[tuple[str, str]]) -> list[tuple[tuple[str, str], User]]:
    """Each grant of these (role, scope) pairs with its holder, oldest grant first: `holders` for many
    tickets at once, sorted out per ticket by the caller."""
    wanted = sorted(set(pairs))
    if not wanted:
        return []
    if len(wanted) <= FEW:
        params = {k: v for i, (role, scope) in enumerate(wanted) for k, v in ((f"r{i}", role), (f"s{i}", scope))}
        rows = await conn.execute(_GRANTS[len(wanted)], params)
    else:  # a sweep's batch: many pairs, one IN list
        rows = await conn.execute(_grants(tuple_(roles.c.role, roles.c.scope).in_(wanted)))
    return [((r.role, r.scope), _user(r)) for r in rows]


async def everyone_with_roles(conn: AsyncConnection) -> list[tuple[User, Role, str]]:
    q = (select(users, roles.c.role, roles.c.scope, roles.c.source)
         .join(roles, roles.c.user_id == users.c.id).order_by(roles.c.scope, users.c.id))
    return [(_user(r), Role(r.role, r.scope), r.source) for r in await conn.execute(q)]


async def add_invite(conn: AsyncConnection, code: str, role: Role, now: datetime,
                     expires: datetime) -> None:
    await conn.execute(insert(invites).values(code=code, role=role.name, scope=role.scope,
                                              created_at=now, expires_at=expires))


async def redeem_invite(conn: AsyncConnection, code: str, user_id: int,
                        now: datetime) -> Role | None:
    """Use a code once: the conditional update makes a second redeemer find nothing."""
    res = await conn.execute(
        update(invites)
        .where(invites.c.code == code, invites.c.used_by.is_(None), invites.c.expires_at > now)
        .values(used_by=user_id, used_at=now))
    if res.rowcount != 1:
        return None
    r = (await conn.execute(select(invites).where(invites.c.code == code))).one()
    return Role(r.role, r.scope)


async def bind_group(conn: AsyncConnection, chat_id: int, grid: str, title: str,
                     now: datetime) -> None:
    await conn.execute(delete(groups).where(groups.c.chat_id == chat_id))
    await conn.execute(insert(groups).values(chat_id=chat_id, grid=grid, title=title, bound_at=now))


async def group_grid(conn: AsyncConnection, chat_id: int) -> str | None:
    q = select(groups.c.grid).where(groups.c.chat_id == chat_id)
    return (await conn.execute(q)).scalar_one_or_none()


async def group_chats(conn: AsyncConnection, grid: str | None) -> list[int]:
    return (await groups_of(conn, [grid] if grid else [])).get(grid or "", [])


async def groups_of(conn: AsyncConnection, grids: list[str]) -> dict[str, list[int]]:
    """The group chats bound to each of these grids (grids without one are left out)."""
    if not grids:
        return {}
    out: dict[str, list[int]] = {}
    wanted = sorted(set(grids))
    if len(wanted) == 1:  # every new ticket asks this: the statement built once
        found = await conn.execute(_GROUPS_OF_ONE, {"b_grid": wanted[0]})
    else:
        found = await conn.execute(select(groups.c.grid, groups.c.chat_id).where(groups.c.grid.in_(wanted)))
    for r in found:
        out.setdefault(r.grid, []).append(r.chat_id)
    return out


# A first message's user row: a row the same person's update in another chat wrote meanwhile (another
# handler or process) is taken, not failed on. Built once for each dialect.
_NEW_USER = {pg: dialect.insert(users).on_conflict_do_nothing(index_elements=["tg_id"]).returning(users.c.id)
             for pg, dialect in ((True, postgresql), (False, sqlite))}


# Built once: building it anew took more of a report's CPU than SQLite running it (bench/e2e.py profile).
_GROUPS_OF_ONE = select(groups.c.grid, groups.c.chat_id).where(groups.c.grid == bindparam("b_grid"))


async def ask(conn: AsyncConnection, user_id: int, chat_id: int, kind: str,
              ticket_id: int | None, now: datetime, data: str = "") -> None:
    """Remember that the bot asked this user a question in this chat (survives restarts)."""
    await forget(conn, user_id, chat_id)
    await conn.execute(insert(pending).values(user_id=user_id, chat_id=chat_id, kind=kind,
                                              ticket_id=ticket_id, data=data, created_at=now))


async def question(conn: AsyncConnection, user_id: int, chat_id: int) -> tuple[str, int | None, str] | None:
    r = (await conn.execute(_QUESTION, {"user_id": user_id, "chat_id": chat_id})).first()
    return (r.kind, r.ticket_id, r.data) if r else None


async def forget(conn: AsyncConnection, user_id: int, chat_id: int) -> None:
    await conn.execute(delete(pending).where(and_(pending.c.user_id == user_id,
                                                  pending.c.chat_id == chat_id)))


async def first_notice(conn: AsyncConnection, key: str, now: datetime) -> bool:
    """True the first time a notice key is seen (then never again): 'tell the admins once'."""
    if (await conn.execute(select(notices.c.key).where(notices.c.key == key))).first():
        return False
    await conn.execute(insert(notices).values(key=key, at=now))
    return True


SYSTEM_NAME = "网格通"


async def system_user(conn: AsyncConnection, now: datetime) -> User:
    """The bot itself, as the 'reporter' of the tasks it files (care visits); it has no chat."""
    q = select(users).where(users.c.tg_id.is_(None), users.c.name == SYSTEM_NAME)
    r = (await conn.execute(q)).first()
    if r is None:
        await conn.execute(insert(users).values(tg_id=None, name=SYSTEM_NAME, lang="zh", created_at=now))
        r = (await conn.execute(q)).first()
    return _user(r)
