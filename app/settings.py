"""Settings from the environment (and an optional .env in the working folder)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
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

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in the environment "
                "or in .env (or try `make demo`, which needs none).")
        return self.token


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
    rate_text = os.environ.get("GRIDBOT_SEND_RATE", "30")
    try:
        rate = float(rate_text)
        if not 0 < rate <= 10_000:
            raise ValueError
    except ValueError:
        raise SettingsError(f"GRIDBOT_SEND_RATE={rate_text!r}: give messages per second, e.g. 30") from None
    return Settings(os.environ.get("TELEGRAM_BOT_TOKEN") or None, base, file_base, db, tz, rate)
