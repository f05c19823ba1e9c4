"""Settings from the environment (and an optional .env in the working folder)."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from dotenv import load_dotenv


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one clear line for the operator."""


@dataclass(frozen=True)
class Settings:
    token: str | None
    base_url: str | None
    base_file_url: str | None
    database_url: str
    tz: ZoneInfo
    send_rate: float = 30.0  # messages per second to Telegram, all chats together (Telegram's limit: ~30)
    webhook_url: str | None = None  # TELEGRAM_WEBHOOK_URL: Telegram posts updates here instead of being polled
    listen: tuple[str, int] = ("127.0.0.1", 8080)  # GRIDBOT_LISTEN: where the webhook server binds
    webhook_secret: str | None = None  # TELEGRAM_WEBHOOK_SECRET; derived from the token when unset
    leader_every: float = 3.0  # GRIDBOT_LEADER_EVERY: seconds between leader-lock tries and checks
    chat_rate: float = 1.0  # GRIDBOT_CHAT_RATE: messages per second to one private chat (Telegram: ~1)
    group_rate: float = 20.0  # GRIDBOT_GROUP_RATE: messages per minute to one group (Telegram: 20)
    send_concurrency: int = 10  # GRIDBOT_SEND_CONCURRENCY: requests in flight at once (a crash may repeat each)

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in the environment "
                "or in .env (or try `make demo`, which needs none).")
        return self.token

    def secret_for(self, token: str) -> str:
        """The secret Telegram sends with every webhook request: the one set, else derived from the token,
        so every process behind one URL computes the same without sharing a file."""
        return self.webhook_secret or derive_secret(token)


SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook secret_token


def derive_secret(token: str) -> str:
    """HMAC of a fixed label under the bot token: secret as long as the token is, never the token itself."""
    return hmac.new(token.encode(), b"gridbot webhook secret", hashlib.sha256).hexdigest()


def parse_listen(text: str) -> tuple[str, int]:
    """`HOST:PORT`, `:PORT` (all interfaces) or `[v6]:PORT`."""
    host, sep, port_text = text.strip().rpartition(":")
    host = host.strip("[]") if sep else ""
    try:
        port = int(port_text)
        if not sep or not 0 <= port <= 65535:
            raise ValueError
    except ValueError:
        raise SettingsError(f"listen address {text!r}: give HOST:PORT, e.g. 127.0.0.1:8080") from None
    return host or "0.0.0.0", port


def check_webhook_url(url: str) -> str:
    """An http(s) URL with a host; Telegram itself insists on HTTPS on port 443, 80, 88 or 8443."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SettingsError(f"webhook URL {url!r}: give the public https:// address Telegram should post to")
    return url.strip()


def load(env_file: str | Path | None = ".env") -> Settings:
    if env_file and Path(env_file).exists():
        load_dotenv(env_file, override=False)
    db = os.environ.get("DATABASE_URL") or f"sqlite+aiosqlite:///{Path.cwd() / 'gridbot.db'}"
    base = os.environ.get("TELEGRAM_BASE_URL") or None
    tz_name = os.environ.get("GRIDBOT_TZ", "Asia/Shanghai")
    try:
        tz = ZoneInfo(tz_name)
    except Exception as e:  # ZoneInfoNotFoundError or a malformed key
        raise SettingsError(f"GRIDBOT_TZ={tz_name!r} is not a known time zone") from e
    file_base = os.environ.get("TELEGRAM_BASE_FILE_URL") or (
        base.replace("/bot", "/file/bot") if base and base.endswith("/bot") else None)
    rate = _number("GRIDBOT_SEND_RATE", "30", "messages per second, e.g. 30")
    hook = os.environ.get("TELEGRAM_WEBHOOK_URL") or None
    secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET") or None
    if secret is not None and not SECRET.fullmatch(secret):
        raise SettingsError("TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
    every = _number("GRIDBOT_LEADER_EVERY", "3", "seconds, e.g. 3", most=60)
    return Settings(os.environ.get("TELEGRAM_BOT_TOKEN") or None, base, file_base, db, tz, rate,
                    webhook_url=check_webhook_url(hook) if hook else None,
                    listen=parse_listen(os.environ.get("GRIDBOT_LISTEN") or "127.0.0.1:8080"),
                    webhook_secret=secret, leader_every=every,
                    chat_rate=_number("GRIDBOT_CHAT_RATE", "1", "messages per second to one private chat, e.g. 1"),
                    group_rate=_number("GRIDBOT_GROUP_RATE", "20", "messages per minute to one group, e.g. 20"),
                    send_concurrency=int(_number("GRIDBOT_SEND_CONCURRENCY", "10", "requests at once, e.g. 10")))


def _number(name: str, default: str, hint: str, most: float = 10_000) -> float:
    """A positive number (up to `most`) from the environment, or one clear line naming the setting."""
    text = os.environ.get(name, default)
    try:
        value = float(text)
        if not 0 < value <= most:
            raise ValueError
    except ValueError:
        raise SettingsError(f"{name}={text!r}: give {hint}") from None
    return value
