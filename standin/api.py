"""`BotApiStandIn`: a local Telegram Bot API for driving the real PTB stack over real HTTP.

Runs a tornado server in the caller's event loop (no threads), so a test can start it,
point `ApplicationBuilder().base_url(...)` at it and act as users from the same loop.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from . import housekeeping, messaging, webhook
from .control import UserSide
from .errors import NOT_FOUND, UNAUTHORIZED, ApiError, WaitTimeout
from .faults import Faults
from .observe import Observing
from .params import Params, Upload, decode
from .records import ApiCall
from .server import HttpServer
from .state import World
from .webhook import Webhooks

_METHODS = {**messaging.METHODS, **housekeeping.METHODS, **webhook.METHODS}
_CANONICAL = {name.lower(): name for name in (*_METHODS, "getUpdates")}


class BotApiStandIn(UserSide, Observing, Faults, Webhooks):
    """The Bot API (bot side, under /bot<token>/) plus a control side acting as users; after
    setWebhook it POSTs updates to the bot as Telegram does (webhook.py)."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "gridbot_demo_bot",
        bot_first_name: str = "网格通",
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.time,
        webhook_retry: tuple[float, float] = (0.05, 1.0),
    ) -> None:
        self.token = token
        self.world = World(token, bot_username, bot_first_name, clock)
        Faults.__init__(self)
        self.init_webhooks(*webhook_retry)
        self.requests: list[ApiCall] = []
        self.busy = 0  # bot requests in flight, long polls excluded
        self.polls = 0
        self.closing = False
        self._http = HttpServer(self, host, port)

    # lifecycle ---------------------------------------------------------------------------

    async def start(self) -> BotApiStandIn:
        self.closing = False
        await self._http.start()
        self.start_webhooks()
        return self

    async def stop(self) -> None:
        """Release long polls, let in-flight requests finish, then close every socket."""
        self.closing = True
        self.wake()
        await self.stop_webhooks()
        with contextlib.suppress(WaitTimeout):
            await self.world.changes.until(
                lambda: True if self.busy == 0 and self.polls == 0 else None, 2.0, "requests"
            )
        await self._http.stop()

    async def __aenter__(self) -> BotApiStandIn:
        return await self.start()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://{self._http.host}:{self._http.port}"

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder().base_url(...)` / `Bot(base_url=...)`."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def wake(self) -> None:
        """Make every waiter re-check its condition (used when a client hangs up)."""
        self.world.changes.fire()

    # bot side ----------------------------------------------------------------------------

    async def handle_bot(
        self,
        token: str,
        method: str,
        raw: dict[str, Any],
        uploads: dict[str, Upload],
        gone: Callable[[], bool],
    ) -> tuple[int, dict[str, Any]]:
        """Answer one bot request: (HTTP status, JSON body), logged and counted."""
        name = _CANONICAL.get(method.lower())
        call = ApiCall(name or method, decode(raw), {k: len(u.data) for k, u in uploads.items()})
        self.requests.append(call)
        self.world.touch()
        params = Params(call.params, uploads)
        polling = name == "getUpdates"
        if polling:
            self.polls += 1
        else:
            self.busy += 1
        try:
            result = await self._answer(token, name, params, gone)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as error:
            status, body = error.status, error.body()
        finally:
            if polling:
                self.polls -= 1
            else:
                self.busy -= 1
        call.status = status
        self.count_status(call.method, status)
        self.world.touch()
        return status, body

    async def _answer(self, token: str, name: str | None, params: Params, gone: Callable[[], bool]) -> Any:
        if token != self.token:
            raise ApiError(UNAUTHORIZED, 401)
        outage = self.outage_error()
        if outage is not None:
            raise outage
        if name is None:
            raise ApiError(NOT_FOUND, 404)
        fault = self.fault_for(name)
        if fault is not None:
            raise fault
        if name != "getUpdates":
            await self.held(name, params.values.get("chat_id"))
        if name == "getUpdates":
            webhook.refuse_polling(self.world)
            return await self._get_updates(params, gone)
        return _METHODS[name](self.world, params)

    async def _get_updates(self, p: Params, gone: Callable[[], bool]) -> list[dict[str, Any]]:
        """Confirm below `offset`, then long-poll up to `timeout` s for anything pending."""
        offset = p.integer("offset")
        if offset is not None:
            self.world.confirm(offset)
        limit = min(max(p.integer("limit", 100) or 100, 1), 100)
        allowed = p.obj("allowed_updates")
        if isinstance(allowed, list) and allowed:
            kept = [u for u in self.world.updates if set(u) & set(allowed)]
            self.world.updates[:] = kept
        ready = lambda: True if self.world.updates or gone() or self.closing or self.world.webhook else None  # noqa: E731
        with contextlib.suppress(WaitTimeout):
            await self.world.changes.until(ready, max(p.number("timeout"), 0.0), "updates")
        webhook.refuse_polling(self.world)  # set while this poll waited
        return self.world.updates[:limit]

    def download(self, token: str, path: str) -> tuple[int, bytes]:
        """Status and bytes for GET /file/bot<token>/<file_path>; counted as "download"."""
        stored = self.world.file_at(path) if token == self.token else None
        outage = self.outage_error()
        status = outage.status if outage else 200 if stored else 404
        self.count_status("download", status)
        return status, stored.data if stored and status == 200 else b""
