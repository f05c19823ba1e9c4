"""The HTTP face of the stand-in: tornado handlers for the bot, file downloads and control.

Tornado already ships with PTB's webhooks extra and runs on the current asyncio loop, so
the server lives beside the test's PTB Application without threads.
"""

from __future__ import annotations

import json
import logging
import socket
from http.client import responses
from typing import TYPE_CHECKING, Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from . import control_http
from .errors import ApiError
from .params import Upload

if TYPE_CHECKING:
    from .api import BotApiStandIn

log = logging.getLogger("standin.http")


def _read_params(handler: RequestHandler) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Query, form or multipart fields as strings (JSON bodies as sent) plus file parts."""
    request = handler.request
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("application/json") and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            raise ApiError("Bad Request: can't parse JSON object") from None
        raw = {k: v[-1].decode() for k, v in request.query_arguments.items()}
        return raw | (body if isinstance(body, dict) else {}), {}
    raw = {k: v[-1].decode() for k, v in request.arguments.items()}
    uploads = {
        name: Upload(parts[0].filename, parts[0].body, parts[0].content_type) for name, parts in request.files.items()
    }
    return raw, uploads


class _Json(RequestHandler):
    def initialize(self, api: BotApiStandIn) -> None:
        self.api = api

    def check_xsrf_cookie(self) -> None:
        """Bots and harnesses carry no cookies."""

    def compute_etag(self) -> None:
        """No ETag/304: every answer is fresh."""

    def reply(self, status: int, body: Any) -> None:
        self.set_status(status, reason=responses.get(status, "Error"))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False))


class BotMethod(_Json):
    """POST/GET /bot<token>/<method>."""

    gone = False

    def on_connection_close(self) -> None:
        self.gone = True
        self.api.wake()

    async def post(self, token: str, method: str) -> None:
        try:
            raw, uploads = _read_params(self)
        except ApiError as error:
            self.reply(error.status, error.body())
            return
        status, body = await self.api.handle_bot(token, method, raw, uploads, lambda: self.gone)
        if not self.gone:
            self.reply(status, body)

    get = post


class FileDownload(RequestHandler):
    """GET /file/bot<token>/<file_path>."""

    def initialize(self, api: BotApiStandIn) -> None:
        self.api = api

    def get(self, token: str, path: str) -> None:
        status, data = self.api.download(token, path)
        self.set_status(status, reason=responses.get(status, "Error"))
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(data)


class Control(_Json):
    """POST /control/<action> with a JSON object of arguments."""

    async def post(self, action: str) -> None:
        try:
            args = json.loads(self.request.body or b"{}")
        except ValueError:
            self.reply(400, {"ok": False, "error": "body is not JSON"})
            return
        status, body = await control_http.run(self.api, action, args)
        self.reply(status, body)

    get = post


class _NotFound(_Json):
    def prepare(self) -> None:
        self.reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})


def _log(handler: RequestHandler) -> None:
    request = handler.request
    log.debug("%s %s -> %s", request.method, request.path, handler.get_status())


class HttpServer:
    """Bind, serve and close; port 0 picks a free port on `host`."""

    def __init__(self, api: BotApiStandIn, host: str, port: int) -> None:
        self.api = api
        self.host = host
        self.port = port
        self._server: HTTPServer | None = None

    async def start(self) -> None:
        args = {"api": self.api}
        app = Application(
            [
                (r"/bot([^/]+)/([A-Za-z_]+)/?", BotMethod, args),
                (r"/file/bot([^/]+)/(.+)", FileDownload, args),
                (r"/control/([a-z_]+)/?", Control, args),
            ],
            default_handler_class=_NotFound,
            default_handler_args=args,
            log_function=_log,
        )
        self._server = HTTPServer(app)
        sockets = bind_sockets(self.port, self.host, family=socket.AF_INET)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is None:
            return
        server, self._server = self._server, None
        server.stop()
        await server.close_all_connections()
