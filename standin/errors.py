"""Errors the stand-in answers with, worded exactly as Telegram words them.

Bots branch on these descriptions (PTB turns them into `telegram.error` classes), so the
strings are copied from the real Bot API rather than paraphrased.
"""

from __future__ import annotations

from typing import Any

EMPTY_TEXT = "Bad Request: message text is empty"
TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND = "Bad Request: message to edit not found"
DELETE_NOT_FOUND = "Bad Request: message to delete not found"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
CANT_EDIT = "Bad Request: message can't be edited"
NO_TEXT_TO_EDIT = "Bad Request: there is no text in the message to edit"
NO_CAPTION_TO_EDIT = "Bad Request: there is no caption in the message to edit"
CHAT_NOT_FOUND = "Bad Request: chat not found"
BLOCKED = "Forbidden: bot was blocked by the user"
NOT_STARTED = "Forbidden: bot can't initiate conversation with a user"
WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"
EMPTY_FILE = "Bad Request: file must be non-empty"
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
UNAUTHORIZED = "Unauthorized"
NOT_FOUND = "Not Found"

_PHRASES = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def default_description(status: int, retry_after: int | None = None) -> str:
    """What Telegram (or the nginx in front of it) says for a bare status code."""
    if status == 429:
        return f"Too Many Requests: retry after {retry_after or 1}"
    return _PHRASES.get(status, f"Error {status}")


class ApiError(Exception):
    """A Bot API failure: becomes `{"ok": false, "error_code", "description"}` on the wire."""

    def __init__(self, description: str, status: int = 400, retry_after: int | None = None):
        super().__init__(description)
        self.description = description
        self.status = status
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram sends with this error."""
        out: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            out["parameters"] = {"retry_after": self.retry_after}
        return out


def bad(description: str) -> ApiError:
    """Shorthand for the common 400 answer."""
    return ApiError(description, 400)


class WaitTimeout(TimeoutError):
    """A test waited for the bot to do something and it did not; says what was awaited."""


class ButtonNotFound(LookupError):
    """`press_button` found no button with that text in the message's current keyboard."""
