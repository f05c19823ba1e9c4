"""One message from a person: the answer to a question the bot asked, or else a new report.

The questions (which estate? 办结 note, 上报 reason, why unsatisfied, home address) live in
the database, so a restart in between forgets nothing.
"""

from __future__ import annotations

from datetime import datetime

from domain.people import User
from services import follow, report, resident, supervise, work
from services.env import Env
from services.report import Report
from storage import people


async def on_message(env: Env, who: User, chat_id: int, private: bool, rep: Report,
                     now: datetime) -> None:
    async with env.db.read() as conn:
        asked = await people.question(conn, who.id, chat_id)
    if asked is not None and await _answer(env, who, chat_id, asked, rep, now):
        return
    if not private:
        return  # group talk is not addressed to the bot unless it asked a question
    if not rep.text.strip():
        await report.attach(env, who, chat_id, rep, now)
        return
    if asked is not None and asked[0] == "dup":  # moved on without choosing: file what was held
        await follow.release(env, who, chat_id, asked[2], now)
    elif asked is not None and asked[0] in ("photo", "location"):
        rep = report.with_waiting(rep, asked[0], asked[2])
    if asked is not None and asked[0] in ("home", "photo", "location"):
        async with env.db.write() as conn:
            await people.forget(conn, who.id, chat_id)
    await report.file(env, who, chat_id, rep, now)


async def _answer(env: Env, who: User, chat_id: int, asked: tuple[str, int | None, str],
                  rep: Report, now: datetime) -> bool:
    """Route an answer to the question the bot asked; False when this message is not an answer."""
    kind, ticket_id, _ = asked
    text = rep.text.strip()
    if kind == "resolve" and ticket_id and (text or rep.photo):
        await work.resolve(env, who, chat_id, ticket_id, text or "📷", rep.photo, now)
    elif kind == "escalate" and ticket_id and text:
        await work.escalate(env, who, chat_id, ticket_id, text, now)
    elif kind == "extend" and ticket_id and text:
        await supervise.request_extension(env, who, chat_id, ticket_id, text, now)
    elif kind == "unsatisfied" and ticket_id and text:
        await resident.explain(env, who, chat_id, ticket_id, text, now)
    elif kind == "place" and ticket_id and text:
        await report.answer_place(env, who, chat_id, ticket_id, text, now)
    elif kind == "home" and text and env.parser.parse_place(text).known:
        await resident.set_home(env, who, chat_id, text, now)
    else:
        return False
    return True
