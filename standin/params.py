"""Decoding Bot API parameters the way Telegram does.

PTB posts every value as a form field: strings raw, everything else JSON-encoded
(`chat_id=42`, `show_alert=true`, `reply_markup={"inline_keyboard": ...}`). A plain text
that happens to look like JSON must stay text, so decoding goes by field name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .errors import bad

JSON_FIELDS = frozenset(
    {
        "reply_markup", "reply_parameters", "allowed_updates", "commands", "scope",
        "entities", "caption_entities", "link_preview_options", "menu_button", "media",
    }
)  # fmt: skip
INT_FIELDS = frozenset(
    {
        "chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id",
        "cache_time", "from_chat_id", "message_thread_id", "user_id", "width", "height",
    }
)  # fmt: skip
BOOL_FIELDS = frozenset(
    {
        "show_alert", "disable_notification", "protect_content", "drop_pending_updates",
        "disable_web_page_preview", "allow_sending_without_reply", "show_caption_above_media",
        "has_spoiler", "disable_content_type_detection", "allow_paid_broadcast",
    }
)  # fmt: skip


def _decode_one(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in INT_FIELDS:
        try:
            return int(value)
        except ValueError:
            return value
    if name in BOOL_FIELDS and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def decode(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn wire values into Python ones by field name; unknown fields stay as sent."""
    return {name: _decode_one(name, value) for name, value in raw.items()}


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    data: bytes
    content_type: str


class Params:
    """Typed, Telegram-worded access to one request's parameters."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None):
        self.values = values
        self.uploads = uploads or {}

    def __contains__(self, name: str) -> bool:
        return self.values.get(name) is not None

    def string(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        return default if value is None else str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise bad(f"Bad Request: invalid {name} specified")
        try:
            return int(value)
        except ValueError:
            raise bad(f"Bad Request: invalid {name} specified") from None

    def number(self, name: str, default: float = 0.0) -> float:
        """A float; PTB sends timedelta timeouts with fractions as e.g. "0.2"."""
        value = self.values.get(name)
        try:
            return default if value is None else float(value)
        except (TypeError, ValueError):
            raise bad(f"Bad Request: invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        return value is True or (isinstance(value, str) and value.lower() == "true")

    def obj(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad(f"Bad Request: can't parse {name} JSON object") from None
        return value

    def require_int(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise bad(f"Bad Request: {name} is empty")
        return value
