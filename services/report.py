"""A resident's report: parse, file at once, tell the emergency number first when life is at risk."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from domain import duplicates
from domain.org import Place
from domain.outgoing import NORMAL, REPLY, URGENT, Outgoing
from domain.parser import Parsed
from domain.people import User
from domain.texts import t
from domain.tickets import Event, Ticket
from services import dispatch
from services.env import Env
from services.render import category_buttons, duplicate_buttons, place_label, resident_buttons, status_name
from storage import outbox, people
from storage import tickets as repo

LOW_CONFIDENCE = 0.5
ATTACH_WINDOW = timedelta(minutes=30)
PLACE_WAIT = timedelta(hours=2)  # without a policy: how long a report waits for its place


@dataclass(frozen=True)
class Report:
    text: str
    photo: str | None = None
    location: tuple[float, float] | None = None


async def file(env: Env, who: User, chat_id: int, report: Report, now: datetime, *,
               check_duplicates: bool = True) -> int | None:
    """File a report and return its number; None when it is held as a possible duplicate.

    Everything said to anyone goes to the outbox, in the same transaction as the ticket.
    """
    parsed = env.parser.parse(report.text)
    place, from_home = parsed.place, False
    if not place.known and who.home.known:
        place, from_home = env.district.validate(place.completed_by(who.home)), True
    if check_duplicates and not parsed.urgent and place.known and await _held_as_duplicate(
            env, who, chat_id, report, parsed.category, place, now):
        return None
    tk = Ticket(None, who.id, report.text, parsed.category,
                env.triage_of(parsed.category), parsed.urgent, place, created_at=now, updated_at=now)
    async with env.db.write() as conn:
        if place.known:
            tk = await _file_routed(conn, env, tk, who, chat_id, parsed, from_home, report, now)
        else:
            tk = await _file_unplaced(conn, env, tk, who, chat_id, parsed, report, now)
    env.wake_sender()
    assert tk.id is not None
    return tk.id


async def _file_routed(conn: AsyncConnection, env: Env, tk: Ticket, who: User, chat_id: int, parsed: Parsed,
                       from_home: bool, report: Report, now: datetime) -> Ticket:
    """Routed before it is first written (one INSERT, not an INSERT and an UPDATE); then the urgent
    notice, the ack and the cards in one go, in that order, which is the order they leave in."""
    routed, assigned, r = dispatch.routed(env, tk, now)
    tk = await repo.add(conn, routed, hazard=parsed.hazard, photo=report.photo, location=report.location)
    await repo.log_many(conn, [Event(tk.id, who.id, "submitted", now), replace(assigned, ticket_id=tk.id)])
    notice = [urgent_notice(env, chat_id, who.lang, parsed.hazard, tk.id)] if tk.urgent else []
    cards = await dispatch.cards(conn, env, tk, r.notify)
    await outbox.put_all(conn, [*notice, _ack(env, tk, who, chat_id, parsed, r.notify, from_home), *cards], now)
    return tk


async def _file_unplaced(conn: AsyncConnection, env: Env, tk: Ticket, who: User, chat_id: int, parsed: Parsed,
                         report: Report, now: datetime) -> Ticket:
    """No place yet: ask for it. An urgent one goes to the committee at once (nobody else can be
    sent before the place is known); else the sweep looks again when the claim clock would have run out."""
    if not tk.urgent:
        tk = replace(tk, check_at=_place_wait(env, tk, now))
    tk = await repo.add(conn, tk, hazard=parsed.hazard, photo=report.photo, location=report.location)
    await repo.log(conn, Event(tk.id, who.id, "submitted", now))
    notice = [urgent_notice(env, chat_id, who.lang, parsed.hazard, tk.id)] if tk.urgent else []
    ask = Outgoing(chat_id, t(who.lang, "ask_place", id=tk.id), ticket_id=tk.id, purpose="ack",
                   priority=URGENT if tk.urgent else REPLY)
    await people.ask(conn, who.id, chat_id, "place", tk.id, now)
    await outbox.put_all(conn, [*notice, ask], now)
    if tk.urgent:
        await _tell_committee(conn, env, tk, who, now)
    return tk


async def answer_place(env: Env, who: User, chat_id: int, ticket_id: int, text: str,
                       now: datetime) -> bool:
    """The answer to "which estate and building?": route the waiting ticket, remember the home."""
    answer = env.parser.parse_place(text)
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or tk.resident_id != who.id or tk.status != "submitted":
            await people.forget(conn, who.id, chat_id)
            return True
        place = answer if answer.building is not None else tk.place.completed_by(answer)
        place = env.district.validate(place.completed_by(who.home))
        if not place.known:  # keep the words with the ticket, then ask again
            await repo.log(conn, Event(tk.id, who.id, "resident_note", now, text))
            await outbox.put(conn, [Outgoing(chat_id, t(who.lang, "ask_place_again"),
                                             purpose="reply")], now)
            env.wake_sender()
            return False
        tk = Ticket(**{**tk.__dict__, "place": place})
        await people.forget(conn, who.id, chat_id)
        await people.set_home(conn, who.id, place)
        tk, r = await dispatch.assign(conn, env, tk, now)
        await outbox.put(conn, [_ack(env, tk, who, chat_id, None, r.notify, False)], now)
        await dispatch.send_cards(conn, env, tk, r.notify, now)
    env.wake_sender()
    return True


def _place_wait(env: Env, tk: Ticket, now: datetime) -> datetime:
    """How long a report may wait for its place before the street office is told: its claim clock."""
    if env.policy is None or env.calendar is None:
        return now + PLACE_WAIT
    return env.policy.deadlines(now, tk.category, tk.triage, tk.urgent, env.calendar).claim_due or now + PLACE_WAIT


async def place_overdue(env: Env, ticket_id: int, now: datetime) -> None:
    """The resident never said where: the committee (it covers everything) sees the report and the
    resident is asked once more; the ticket still waits for the place and is routed when it comes."""
    async with env.db.write() as conn:
        tk = await repo.get(conn, ticket_id, lock=True)
        if tk is None or tk.status != "submitted" or tk.place.known:
            return
        await repo.mark(conn, tk.id, check_at=None)
        resident = await people.get(conn, tk.resident_id)
        if resident is None:
            return
        await _tell_committee(conn, env, tk, resident, now)
        if resident.tg_id is not None:
            await outbox.put(conn, [Outgoing(resident.tg_id, t(resident.lang, "remind_place", id=tk.id),
                                             ticket_id=tk.id, purpose="reply",
                                             not_before=dispatch.quiet_until(env, now, False))], now)
    env.wake_sender()


async def _tell_committee(conn: AsyncConnection, env: Env, tk: Ticket, resident: User, now: datetime) -> None:
    staff = await people.holders(conn, [("committee", "committee")])
    await outbox.put(conn, [Outgoing(
        u.tg_id, t(u.lang, "card_unplaced", id=tk.id, category=env.category_name(tk.category, u.lang),
                   text=tk.text, name=resident.name or "—"),
        ticket_id=tk.id, purpose="update", priority=URGENT if tk.urgent else NORMAL)
        for u in staff if u.tg_id is not None], now)


def urgent_notice(env: Env, chat_id: int, lang: str, hazard: str | None,
                  ticket_id: int | None) -> Outgoing:
    """Emergency numbers and what to do now: the very first thing an endangered resident reads."""
    numbers_cfg = env.emergency["numbers"]
    kinds = env.emergency["hazards"].get(hazard or "default", env.emergency["hazards"]["default"])
    numbers = "  ".join(
        f"{numbers_cfg[k]['en' if lang == 'en' else 'zh']} {numbers_cfg[k]['number']}" for k in kinds)
    advice = t(lang, f"advice_{hazard}") if hazard else ""
    return Outgoing(chat_id, t(lang, "urgent_first", numbers=numbers, advice=advice).strip(),
                    ticket_id=ticket_id, purpose="ack", priority=URGENT)


def _ack(env: Env, tk: Ticket, who: User, chat_id: int, parsed: Parsed | None,
         told: tuple, from_home: bool) -> Outgoing:
    lang = who.lang
    text = t(lang, "filed", id=tk.id, category=env.category_name(tk.category, lang),
             place=place_label(env, tk.place, lang),
             audience=dispatch.audience_words(told, lang))
    if from_home:
        text += "\n" + t(lang, "filed_home")
    buttons = resident_buttons(tk, lang)
    if parsed is not None and parsed.confidence < LOW_CONFIDENCE and not tk.urgent:
        text += "\n" + t(lang, "low_confidence")
        buttons = category_buttons(env, tk, lang, list(parsed.top[:3])) + buttons
    return Outgoing(chat_id, text, buttons, ticket_id=tk.id, purpose="ack",
                    priority=URGENT if tk.urgent else REPLY)




async def attach(env: Env, who: User, chat_id: int, report: Report, now: datetime) -> None:
    """A photo or location sent on its own joins the resident's fresh open ticket, or waits for words."""
    async with env.db.write() as conn:
        recent = await repo.of_resident(conn, who.id, limit=1)
        tk = recent[0] if recent else None
        if tk and tk.is_open and tk.created_at and now - tk.created_at <= ATTACH_WINDOW:
            await repo.attach(conn, tk.id, photo=report.photo, location=report.location)
            key = "photo_noted" if report.photo else "location_noted"
            reply = Outgoing(chat_id, t(who.lang, key, id=tk.id), ticket_id=tk.id, purpose="reply")
        else:
            data = report.photo or (",".join(map(str, report.location)) if report.location else "")
            await people.ask(conn, who.id, chat_id, "photo" if report.photo else "location",
                             None, now, data)
            reply = Outgoing(chat_id, t(who.lang, "need_text"), purpose="reply")
        await outbox.put(conn, [reply], now)
    env.wake_sender()


def with_waiting(report: Report, kind: str, data: str) -> Report:
    """Join a text to the photo or location the resident sent before it."""
    if kind == "photo":
        return Report(report.text, data, report.location)
    lat, _, lon = data.partition(",")
    return Report(report.text, report.photo, (float(lat), float(lon)))


async def _held_as_duplicate(env: Env, who: User, chat_id: int, report: Report, category: str,
                             place: Place, now: datetime) -> bool:
    """An open ticket is the same problem: hold the report and ask "follow it, or file anew?"."""
    assert place.community is not None
    outdoor = bool((cat := env.categories.get(category)) and cat.outdoor)
    if not outdoor and place.building is None:
        return False  # an indoor problem is the same only in the same building (domain.duplicates)
    async with env.db.write() as conn:
        candidates = await repo.lookalikes(conn, place.community, category, now - duplicates.WINDOW,
                                           who.id, building=None if outdoor else place.building)
        same = duplicates.best_match(report.text, place, category, outdoor, candidates, now)
        if same is None:
            return False
        await people.ask(conn, who.id, chat_id, "dup", same.id, now, pack(report))
        text = t(who.lang, "dup_found", id=same.id, category=env.category_name(same.category, who.lang),
                 status=status_name(who.lang, same.status))
        await outbox.put(conn, [Outgoing(chat_id, text, duplicate_buttons(same, who.lang),
                                         ticket_id=same.id, purpose="reply")], now)
    env.wake_sender()
    return True


def pack(report: Report) -> str:
    return json.dumps({"text": report.text, "photo": report.photo, "location": report.location},
                      ensure_ascii=False)


def unpack(data: str) -> Report:
    d = json.loads(data)
    return Report(d["text"], d.get("photo"), tuple(d["location"]) if d.get("location") else None)
