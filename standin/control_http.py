"""The control side over HTTP (JSON in, JSON out) for harnesses in another process.

Same verbs as the Python methods; predicates become a `contains` substring, bytes travel
as base64, and results are the stored Bot API JSON.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .errors import WaitTimeout
from .records import MessageRecord

if TYPE_CHECKING:
    from .api import BotApiStandIn

Action = Callable[["BotApiStandIn", dict[str, Any]], Awaitable[Any]]


def _contains(args: dict[str, Any]) -> Callable[[MessageRecord], bool] | None:
    needle = args.pop("contains", None)
    return None if needle is None else (lambda r: needle in r.body)


async def _send_photo(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    data = base64.b64decode(a.pop("data"))
    return await api.send_photo(a.pop("user_id"), data, **a)


async def _press_button(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    record = api.message(a["chat_id"], a["message_id"])
    return await api.press_button(a["user_id"], record, a["text"])


async def _wait_message(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    predicate = _contains(a)
    return (await api.wait_for_message(predicate=predicate, **a)).describe()


async def _wait_edit(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    predicate = _contains(a)
    return (await api.wait_for_edit(predicate=predicate, **a)).describe()


async def _wait_answer(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    return dataclasses.asdict(await api.wait_for_answer(**a))


async def _messages(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    return [r.describe() for r in api.messages(a.get("chat_id"))]


async def _requests(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    method = a.get("method")
    return [dataclasses.asdict(c) for c in api.requests if method in (None, c.method)]


async def _stats(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    return {m: {str(s): n for s, n in counts.items()} for m, counts in api.stats.items()}


async def _answers(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    return [dataclasses.asdict(x) for x in api.answers]


async def _commands(api: BotApiStandIn, a: dict[str, Any]) -> Any:
    return api.commands(**a)


def _sync(name: str) -> Action:
    async def act(api: BotApiStandIn, a: dict[str, Any]) -> Any:
        return getattr(api, name)(**a)

    return act


def _async(name: str) -> Action:
    async def act(api: BotApiStandIn, a: dict[str, Any]) -> Any:
        return await getattr(api, name)(**a)

    return act


ACTIONS: dict[str, Action] = {
    **{n: _async(n) for n in ("user", "group", "block", "unblock", "send_text")},
    **{n: _async(n) for n in ("send_location", "press", "wait_idle")},
    **{n: _sync(n) for n in ("fail_next", "down", "up")},
    "send_photo": _send_photo,
    "press_button": _press_button,
    "wait_for_message": _wait_message,
    "wait_for_edit": _wait_edit,
    "wait_for_answer": _wait_answer,
    "messages": _messages,
    "requests": _requests,
    "stats": _stats,
    "answers": _answers,
    "commands": _commands,
}


async def run(api: BotApiStandIn, action: str, args: Any) -> tuple[int, dict[str, Any]]:
    """(status, body) for one control call; mistakes are 400, timeouts 408."""
    act = ACTIONS.get(action)
    if act is None:
        return 404, {"ok": False, "error": f"unknown control action {action!r}"}
    if not isinstance(args, dict):
        return 400, {"ok": False, "error": "arguments must be a JSON object"}
    try:
        return 200, {"ok": True, "result": await act(api, dict(args))}
    except WaitTimeout as error:
        return 408, {"ok": False, "error": str(error)}
    except (TypeError, ValueError, LookupError, KeyError) as error:
        return 400, {"ok": False, "error": f"{type(error).__name__}: {error}"}
