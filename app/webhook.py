"""The webhook server: Telegram posts each update here, and hears 200 only once it is stored.

Not PTB's Updater webhook, which answers 200 before the update is anywhere durable: a process dying
just then would lose it, since Telegram never sends an acknowledged update again. Here each POST
checks Telegram's secret token (X-Telegram-Bot-Api-Secret-Token: anyone can find the URL), commits
the update to the inbox (`Inbox.accept`), and only then answers 200. A storage failure answers 500,
so Telegram delivers the same update again later; the inbox ignores an update_id it already holds.

    POST <any path>   an update (JSON)          200 stored · 400 not an update · 403 wrong secret · 500 not stored
    GET  /healthz     for load balancers        200 {"ok": true, "leader": …} · 503 when the database is away

Tornado, because PTB's webhooks extra already brings it and it runs on the bot's own event loop.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
from collections.abc import Awaitable, Callable, Iterable
from http.client import responses
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from app.inbox import received

log = logging.getLogger("gridbot.webhook")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # an update is a few kilobytes (files come by file_id); anything larger is not one

Accept = Callable[[Iterable[dict[str, Any]]], Awaitable[None]]
Health = Callable[[], Awaitable[tuple[int, dict[str, Any]]]]


class _Handler(RequestHandler):
    def check_xsrf_cookie(self) -> None:
        """Telegram carries no cookies; the secret token is the check."""

    def compute_etag(self) -> None:
        """Every answer is fresh."""

    def answer(self, status: int, body: dict[str, Any] | None = None) -> None:
        self.set_status(status, reason=responses.get(status, "Error"))
        if body is not None:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(body))
        else:
            self.finish()


class Updates(_Handler):
    def initialize(self, accept: Accept, secret: bytes) -> None:
        self.accept, self.secret = accept, secret

    async def post(self, *_path: str) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            log.warning("webhook: a request from %s without the right secret token; answered 403",
                        self.request.remote_ip)
            self.answer(403)
            return
        try:
            update = json.loads(self.request.body)
            if not isinstance(update, dict) or isinstance(update.get("update_id"), bool):
                raise ValueError("not a JSON object with an update_id")
            received(update)  # what the inbox will read of it: update_id and chat must make sense
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            log.warning("webhook: a request from %s is not a Telegram update (%s); answered 400",
                        self.request.remote_ip, str(e)[:200] or type(e).__name__)
            self.answer(400)
            return
        try:
            await self.accept([update])
        except Exception as e:  # not stored: Telegram must send it again
            log.error("webhook: storing update %s failed (%s); answered 500 so Telegram sends it again",
                      update.get("update_id"), f"{type(e).__name__}: {e}".splitlines()[0][:300])
            self.answer(500)
            return
        self.answer(200)


class Healthz(_Handler):
    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        status, body = await self.health()
        self.answer(status, body)


def _quiet(handler: RequestHandler) -> None:
    """Tornado logs every request at INFO and up; the handlers above log what matters themselves."""
    log.debug("%s %s -> %s", handler.request.method, handler.request.path, handler.get_status())


class WebhookServer:
    """Binds `host:port` (port 0: any free one, see `port`), serves until `stop`."""

    def __init__(self, accept: Accept, secret: str, host: str, port: int, health: Health) -> None:
        self.host, self.port = host, port
        self._app = Application([
            (r"/healthz/?", Healthz, {"health": health}),
            (r"/(.*)", Updates, {"accept": accept, "secret": secret.encode()}),
        ], log_function=_quiet)
        self._server: HTTPServer | None = None

    async def start(self) -> None:
        self._server = HTTPServer(self._app, max_body_size=MAX_BODY, xheaders=True)
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sockets = bind_sockets(self.port, self.host or None, family=family)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        log.info("webhook server listening on %s:%d", self.host, self.port)

    async def stop(self) -> None:
        """Take no new requests; let the ones in flight finish storing, then close."""
        if self._server is None:
            return
        server, self._server = self._server, None
        server.stop()
        await server.close_all_connections()
