"""Webhook delivery as Telegram does it, mixed into `BotApiStandIn`.

After setWebhook(url, secret_token) every pending update is POSTed to `url` as JSON with the secret in
X-Telegram-Bot-Api-Secret-Token, one at a time and in order; an update stays pending, and is sent
again after a growing pause, until the bot answers 2xx. Meanwhile getUpdates answers 409 Conflict,
and getWebhookInfo reports the url, the pending count and the last error; deleteWebhook goes back to
getUpdates. Each try is recorded in `deliveries` for tests.

Differences from Telegram, for loopback tests: plain http:// URLs are accepted, any port, and the
retry pauses are short (`retry_first`, doubling up to `retry_max`) instead of Telegram's minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from .errors import ApiError, WaitTimeout, bad
from .params import Params
from .state import World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CONFLICT = ("Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass
class Delivery:
    """One POST of an update to the webhook: its HTTP status (0 when no answer came) and error."""

    update_id: int
    url: str
    status: int
    error: str | None = None


def set_webhook(world: World, p: Params) -> bool:
    url = p.string("url") or ""
    if not url:
        return delete_webhook(world, p)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad("Bad Request: bad webhook: Failed to resolve host: Name or service not known")
    secret = p.string("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad("Bad Request: secret token contains unallowed characters")
    if p.flag("drop_pending_updates"):
        world.updates.clear()
    allowed = p.obj("allowed_updates")
    world.webhook = {
        "url": url,
        "secret_token": secret,
        "allowed_updates": allowed if isinstance(allowed, list) and allowed else None,
        "max_connections": p.integer("max_connections", 40) or 40,
    }
    world.webhook_error = None
    world.touch()
    return True


def delete_webhook(world: World, p: Params) -> bool:
    if p.flag("drop_pending_updates"):
        world.updates.clear()
    world.webhook = None
    world.webhook_error = None
    world.touch()
    return True


def get_webhook_info(world: World, p: Params) -> dict[str, Any]:
    hook = world.webhook or {}
    info: dict[str, Any] = {"url": hook.get("url", ""), "has_custom_certificate": False,
                            "pending_update_count": len(world.updates)}
    if hook:
        info["max_connections"] = hook["max_connections"]
        if hook["allowed_updates"]:
            info["allowed_updates"] = list(hook["allowed_updates"])
    if world.webhook_error is not None:
        info["last_error_date"], info["last_error_message"] = world.webhook_error
    return info


def refuse_polling(world: World) -> None:
    """getUpdates and a webhook exclude each other, as on Telegram."""
    if world.webhook is not None:
        raise ApiError(CONFLICT, 409)


METHODS = {"setWebhook": set_webhook, "deleteWebhook": delete_webhook, "getWebhookInfo": get_webhook_info}


class Webhooks:
    """The delivery loop (started and stopped with the server) and what tests read of it."""

    world: World
    closing: bool

    def init_webhooks(self, retry_first: float = 0.05, retry_max: float = 1.0, timeout: float = 10.0) -> None:
        self.retry_first, self.retry_max, self.delivery_timeout = retry_first, retry_max, timeout
        self.deliveries: list[Delivery] = []
        self._delivering: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    def start_webhooks(self) -> None:
        self._client = httpx.AsyncClient(timeout=self.delivery_timeout)
        self._delivering = asyncio.create_task(self._deliver_forever(), name="standin-webhook")

    async def stop_webhooks(self) -> None:
        if self._delivering is not None:
            self._delivering.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivering
            self._delivering = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook set by the bot (url, secret_token, allowed_updates, max_connections), or None."""
        return dict(self.world.webhook) if self.world.webhook else None

    async def wait_for_delivery(self, update_id: int | None = None, status: int | None = None,
                                timeout: float = 5.0) -> Delivery:
        """The first delivery try of `update_id` (any, if None) answered with `status` (any, if None)."""
        def probe() -> Delivery | None:
            return next((d for d in self.deliveries if update_id in (None, d.update_id)
                         and status in (None, d.status)), None)

        return await self.world.changes.until(probe, timeout, f"a webhook delivery of {update_id} ({status})")

    async def _deliver_forever(self) -> None:
        pause = self.retry_first
        while not self.closing:
            hook, update = self.world.webhook, self._next()
            if hook is None or update is None:
                with contextlib.suppress(WaitTimeout):
                    await self.world.changes.until(self._ready, 3600.0, "a webhook and an update")
                continue
            delivered = await self._post(hook, update)
            if delivered:
                pause = self.retry_first
                if update in self.world.updates:
                    self.world.updates.remove(update)
                self.world.touch()
            else:
                await asyncio.sleep(pause)  # cancelled at stop; a changed webhook is read on the next turn
                pause = min(pause * 2, self.retry_max)

    def _ready(self) -> bool | None:
        return True if self.closing or (self.world.webhook is not None and self._next() is not None) else None

    def _next(self) -> dict[str, Any] | None:
        """The oldest pending update the webhook wants; others are dropped, as Telegram never queues them."""
        hook = self.world.webhook
        allowed = hook.get("allowed_updates") if hook else None
        while self.world.updates:
            first = self.world.updates[0]
            if not allowed or set(first) & set(allowed):
                return first
            self.world.updates.pop(0)
        return None

    async def _post(self, hook: dict[str, Any], update: dict[str, Any]) -> bool:
        assert self._client is not None
        headers = {"Content-Type": "application/json"}
        if hook.get("secret_token"):
            headers[SECRET_HEADER] = hook["secret_token"]
        body = json.dumps(update, ensure_ascii=False).encode()
        try:
            answer = await self._client.post(hook["url"], content=body, headers=headers)
            status = answer.status_code
            error = None if answer.is_success else f"Wrong response from the webhook: {status} {answer.reason_phrase}"
        except httpx.HTTPError as e:
            status, error = 0, f"Connection failed: {type(e).__name__}"
        self.deliveries.append(Delivery(int(update["update_id"]), hook["url"], status, error))
        if error is not None:
            self.world.webhook_error = (self.world.now(), error)
        self.world.touch()
        return error is None
