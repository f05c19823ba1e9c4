"""A message the bot means to send, as data, so it can wait in the outbox and survive a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

Buttons = tuple[tuple[tuple[str, str], ...], ...]  # rows of (label, callback data)

URGENT, NORMAL, LOW = 0, 1, 2


@dataclass(frozen=True)
class Outgoing:
    chat_id: int
    text: str
    buttons: Buttons = ()
    op: str = "send"  # send | photo | edit
    photo: str | None = None
    ref_id: int | None = None  # edit: the outbox row whose sent message changes
    ticket_id: int | None = None
    purpose: str = "update"  # ack | card | update | rate | reply | digest
    priority: int = NORMAL
    not_before: datetime | None = None  # quiet hours: a resident's non-urgent news waits till morning


def row(*buttons: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(buttons)


MEDIA = "media:"


def media_ref(media_id: int) -> str:
    """An image stored in our database (a digest chart), uploaded once and then reused."""
    return f"{MEDIA}{media_id}"
