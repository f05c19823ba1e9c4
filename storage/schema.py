"""Tables, in SQLAlchemy Core so the same schema runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out; SQLite keeps no zone, so naive values are read as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to storage; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value  # type: ignore[attr-defined]

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tg_id", BigInteger, unique=True),
    Column("name", String(128), nullable=False, default=""),
    Column("lang", String(8), nullable=False, default="zh"),
    Column("phone", String(32)),
    Column("home_community", String(64)),
    Column("home_building", Integer),
    Column("home_unit", Integer),
    Column("home_room", String(16)),
    Column("created_at", UTCDateTime, nullable=False),
)

roles = Table(
    "roles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("scope", String(128), nullable=False),
    Column("source", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("user_id", "role", "scope"),
    Index("ix_roles_scope", "role", "scope"),
)

groups = Table(
    "groups", metadata,
    Column("chat_id", BigInteger, primary_key=True),
    Column("grid", String(64), nullable=False),
    Column("title", String(128), nullable=False, default=""),
    Column("bound_at", UTCDateTime, nullable=False),
)

invites = Table(
    "invites", metadata,
    Column("code", String(32), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("scope", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_by", Integer, ForeignKey("users.id")),
    Column("used_at", UTCDateTime),
)

tickets = Table(
    "tickets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("resident_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("category", String(32), nullable=False),
    Column("triage", String(16), nullable=False),
    Column("urgent", Boolean, nullable=False, default=False),
    Column("hazard", String(16)),
    Column("community", String(64)),
    Column("building", Integer),
    Column("unit", Integer),
    Column("room", String(16)),
    Column("status", String(16), nullable=False),
    Column("tier", Integer, nullable=False, default=0),
    Column("grid", String(64)),
    Column("branch", String(64)),
    Column("holder_id", Integer, ForeignKey("users.id")),
    Column("rating", String(16)),
    Column("affected", Integer, nullable=False, default=1),
    Column("photo_file_id", String(256)),
    Column("resolution_photo", String(256)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("claimed_at", UTCDateTime),
    Column("resolved_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    Column("rated_at", UTCDateTime),
    Column("claim_due", UTCDateTime),
    Column("response_due", UTCDateTime),
    Column("resolve_due", UTCDateTime),
    Column("contact_due", UTCDateTime),
    Column("contacted_at", UTCDateTime),
    Column("warned_at", UTCDateTime),
    Column("check_at", UTCDateTime),
    Column("care_id", Integer),
    Column("rate_reminded_at", UTCDateTime),  # "please rate" asked once more after 24 h
    Column("still_asked_at", UTCDateTime),  # "问题还在吗？" asked 7 days after closing
    Index("ix_tickets_status", "status"),
    Index("ix_tickets_claim_due", "status", "claim_due"),
    Index("ix_tickets_response_due", "response_due"),
    Index("ix_tickets_check_at", "check_at"),
    Index("ix_tickets_status_resolved", "status", "resolved_at"),
    Index("ix_tickets_status_closed", "status", "closed_at"),
    Index("ix_tickets_resolved_at", "resolved_at"),
    Index("ix_tickets_closed_at", "closed_at"),
    Index("ix_tickets_claimed_at", "claimed_at"),
    Index("ix_tickets_rated_at", "rated_at"),
    Index("ix_tickets_resolve_due", "status", "resolve_due"),
    Index("ix_tickets_grid_status", "grid", "status"),
    Index("ix_tickets_branch_status", "branch", "status"),
    Index("ix_tickets_resident", "resident_id"),
    Index("ix_tickets_holder", "holder_id"),
    Index("ix_tickets_created", "created_at"),
    Index("ix_tickets_lookalike", "community", "category", "created_at"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False),
    Column("actor_id", Integer, ForeignKey("users.id")),
    Column("kind", String(32), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_events_ticket", "ticket_id"),
)

outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("op", String(8), nullable=False),  # send | photo | edit
    Column("text", Text, nullable=False, default=""),
    Column("markup", Text),  # JSON [[[label, data], ...], ...] or null
    Column("photo", String(256)),
    Column("ref_id", Integer),  # for edit: the outbox row whose message is edited
    Column("ticket_id", Integer),
    Column("purpose", String(16), nullable=False, default="update"),
    Column("priority", Integer, nullable=False, default=2),  # domain/outgoing.py: 0 urgent, 1 reply, 2 normal, 3 low
    Column("status", String(8), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("message_id", BigInteger),
    Column("error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("not_before", UTCDateTime),
    Column("sent_at", UTCDateTime),
    # set just before a send or photo goes to Telegram, to the highest message id then known in its chat:
    # if the process dies before the reply is stored, the message is in doubt, and the sender asks
    # Telegram about the ids above this one before sending it again (app/sender.py, "Sent once")
    Column("probe_from", BigInteger),
    Index("ix_outbox_pending", "status", "priority", "id"),
    Index("ix_outbox_ticket", "ticket_id", "purpose"),
    Index("ix_outbox_chat_message", "chat_id", "message_id"),  # a chat's highest message id, for probe_from
)

pending = Table(
    "pending", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("chat_id", BigInteger, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("ticket_id", Integer),
    Column("data", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
)

followers = Table(
    "followers", metadata,
    Column("ticket_id", Integer, ForeignKey("tickets.id"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("created_at", UTCDateTime, nullable=False),
)

media = Table(
    "media", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("data", LargeBinary, nullable=False),
    Column("mime", String(32), nullable=False, default="image/png"),
    Column("file_id", String(256)),  # Telegram's id once uploaded: later sends reuse it
    Column("created_at", UTCDateTime, nullable=False),
)

notices = Table(
    "notices", metadata,
    Column("key", String(64), primary_key=True),  # e.g. calendar-unknown-2027: said once, ever
    Column("at", UTCDateTime, nullable=False),
)

care = Table(
    "care", metadata,  # residents who need a regular 走访 (独居老人, disabled…)
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False),
    Column("need", String(64), nullable=False, default=""),
    Column("community", String(64), nullable=False),
    Column("building", Integer, nullable=False),
    Column("unit", Integer),
    Column("room", String(16)),
    Column("every_days", Integer, nullable=False, default=7),
    Column("next_due", UTCDateTime, nullable=False),
    Column("open_ticket_id", Integer),
    Column("last_visit_at", UTCDateTime),
    Column("last_note", Text),
    Column("source", String(16), nullable=False, default="seed"),
    UniqueConstraint("name", "community", "building"),
    Index("ix_care_next_due", "next_due"),
)

# Durable inbox: every update Telegram sends is written here (by update_id, once) before Telegram
# is told it arrived, then handled from here; `done_at` is stamped in the handling's own transaction.
_OPEN = "done_at IS NULL"

inbox = Table(
    "inbox", metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_id", BigInteger),  # updates of one chat are handled in order, one at a time
    Column("body", Text, nullable=False),  # the update's JSON as Telegram sent it
    Column("received_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("done_at", UTCDateTime),
    Column("error", Text),
    # Partial: only updates still open. The inbox keeps a day of handled ones, and looking for the next
    # open update through an index of all of them scanned past every handled row each time (21 ms a
    # report on PostgreSQL in bench/e2e.py, most of its CPU; worse as the day's updates pile up).
    Index("ix_inbox_waiting", "update_id", postgresql_where=text(_OPEN), sqlite_where=text(_OPEN)),
    Index("ix_inbox_chat_waiting", "chat_id", "update_id", postgresql_where=text(_OPEN), sqlite_where=text(_OPEN)),
)
