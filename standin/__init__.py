"""A local stand-in for the Telegram Bot API, for demos and end-to-end tests.

Usage: `async with BotApiStandIn() as api:` then build PTB with `api.base_url` and
`api.base_file_url`, act as users with `api.send_text(...)`, read `api.messages(...)`.
"""

from .api import BotApiStandIn
from .errors import ApiError, ButtonNotFound, WaitTimeout
from .records import ApiCall, CallbackAnswer, MessageRecord, StoredFile

__all__ = [
    "ApiCall",
    "ApiError",
    "BotApiStandIn",
    "ButtonNotFound",
    "CallbackAnswer",
    "MessageRecord",
    "StoredFile",
    "WaitTimeout",
]
