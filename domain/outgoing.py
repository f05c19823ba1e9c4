"""A message the bot means to send, as data, so it can wait in the outbox and survive a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

Buttons = tuple[tuple[tuple[str, str], ...], ...]  # rows of (label, callback data)

# The sender's order, first to last: danger; the answer to someone who just wrote or pressed a button
# (an ack, a reply: a resident in a crowd hears "已收到" before the cards about it go out); other
# ticket news and cards; digests.
URGENT, REPLY, NORMAL, LOW = 0, 1, 2, 3
_BY_PURPOSE = -1  # `priority` not given: REPLY for an ack or a reply, NORMAL for the rest


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
    priority: int = _BY_PURPOSE
    not_before: datetime | None = None  # quiet hours: a resident's non-urgent news waits till morning

    def __post_init__(self) -> None:
        if self.priority == _BY_PURPOSE:
            object.__setattr__(self, "priority", REPLY if self.purpose in ("ack", "reply") else NORMAL)


def row(*buttons: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(buttons)


MEDIA = "media:"


def media_ref(media_id: int) -> str:
    """An image stored in our database (a digest chart), uploaded once and then reused."""
    return f"{MEDIA}{media_id}"
