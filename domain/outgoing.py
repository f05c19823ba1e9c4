"""A message the bot means to send, as data, so it can wait in the outbox and survive a restart."""

from __future__ import annotations

from dataclasses import dataclass

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


def row(*buttons: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(buttons)
