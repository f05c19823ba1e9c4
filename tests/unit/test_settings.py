"""Settings from the environment: sensible defaults, and one clear line for a wrong value."""

from __future__ import annotations

import pytest

from app import settings
from app.settings import SettingsError


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "TELEGRAM_BASE_URL", "GRIDBOT_TZ", "GRIDBOT_SEND_RATE", "TELEGRAM_BOT_TOKEN",
                 "GRIDBOT_CHAT_RATE", "GRIDBOT_GROUP_RATE", "GRIDBOT_SEND_CONCURRENCY", "GRIDBOT_LEADER_EVERY"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_a_local_sqlite_file_shanghai_time_and_telegrams_rate() -> None:
    s = settings.load(env_file=None)
    assert s.database_url.startswith("sqlite+aiosqlite:///") and s.database_url.endswith("gridbot.db")
    assert str(s.tz) == "Asia/Shanghai" and s.send_rate == 30.0 and s.token is None
    assert (s.chat_rate, s.group_rate, s.send_concurrency) == (1.0, 20.0, 10)  # Telegram's published limits


def test_a_local_bot_api_gives_the_file_url_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:8081/bot")
    assert settings.load(env_file=None).base_file_url == "http://127.0.0.1:8081/file/bot"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("GRIDBOT_TZ", "Mars/Olympus", "not a known time zone"),
    ("GRIDBOT_SEND_RATE", "fast", "messages per second"),
    ("GRIDBOT_SEND_RATE", "0", "messages per second"),
    ("GRIDBOT_CHAT_RATE", "x", "GRIDBOT_CHAT_RATE='x': give messages per second to one private chat"),
    ("GRIDBOT_GROUP_RATE", "-1", "messages per minute to one group"),
    ("GRIDBOT_SEND_CONCURRENCY", "0", "requests at once"),
    ("GRIDBOT_LEADER_EVERY", "61", "seconds"),
])
def test_a_wrong_value_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                            message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        settings.load(env_file=None)


def test_without_a_token_run_says_where_to_get_one() -> None:
    with pytest.raises(SettingsError, match="BotFather"):
        settings.load(env_file=None).require_token()
