"""Settings from the environment and `bot.py run` flags: sensible defaults (polling unless a webhook URL
is given; a webhook secret derived from the token), and one clear line for a wrong value."""

from __future__ import annotations

import argparse

import pytest

from app import cli, settings
from app.settings import SettingsError, derive_secret, parse_listen


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "TELEGRAM_BASE_URL", "GRIDBOT_TZ", "GRIDBOT_SEND_RATE", "TELEGRAM_BOT_TOKEN",
                 "GRIDBOT_CHAT_RATE", "GRIDBOT_GROUP_RATE", "GRIDBOT_SEND_CONCURRENCY", "GRIDBOT_LEADER_EVERY",
                 "TELEGRAM_WEBHOOK_URL", "GRIDBOT_LISTEN", "TELEGRAM_WEBHOOK_SECRET"):
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
    ("GRIDBOT_LISTEN", "8080", "HOST:PORT"),
    ("GRIDBOT_LISTEN", "host:http", "HOST:PORT"),
    ("GRIDBOT_LISTEN", "host:70000", "HOST:PORT"),
    ("TELEGRAM_WEBHOOK_URL", "bot.example.org/hook", "https://"),
    ("TELEGRAM_WEBHOOK_URL", "ftp://bot.example.org/hook", "https://"),
    ("TELEGRAM_WEBHOOK_SECRET", "has spaces", "A-Z, a-z, 0-9"),
    ("TELEGRAM_WEBHOOK_SECRET", "x" * 257, "A-Z, a-z, 0-9"),
    ("GRIDBOT_LEADER_EVERY", "often", "seconds"),
    ("GRIDBOT_LEADER_EVERY", "0", "seconds"),
])
def test_a_wrong_value_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                            message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message) as caught:
        settings.load(env_file=None)
    assert "\n" not in str(caught.value)


def test_without_a_token_run_says_where_to_get_one() -> None:
    with pytest.raises(SettingsError, match="BotFather"):
        settings.load(env_file=None).require_token()


def test_by_default_the_bot_polls_and_would_listen_on_loopback() -> None:
    s = settings.load(env_file=None)
    assert s.webhook_url is None and s.listen == ("127.0.0.1", 8080) and s.leader_every == 3.0


def test_the_webhook_settings_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/gridbot")
    monkeypatch.setenv("GRIDBOT_LISTEN", "0.0.0.0:8443")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "Abc_123-xyz")
    monkeypatch.setenv("GRIDBOT_LEADER_EVERY", "0.5")
    s = settings.load(env_file=None)
    assert (s.webhook_url, s.listen, s.leader_every) == ("https://bot.example.org/gridbot", ("0.0.0.0", 8443), 0.5)
    assert s.secret_for("123:TOKEN") == "Abc_123-xyz"


def test_without_a_secret_every_process_derives_the_same_one_from_the_token() -> None:
    s = settings.load(env_file=None)
    secret = s.secret_for("123456:ABC")
    assert secret == derive_secret("123456:ABC") == settings.load(env_file=None).secret_for("123456:ABC")
    assert secret != s.secret_for("123456:ABD") and "ABC" not in secret
    assert settings.SECRET.fullmatch(secret)  # Telegram's alphabet and length


@pytest.mark.parametrize(("text", "expected"), [
    ("127.0.0.1:8080", ("127.0.0.1", 8080)), (":8443", ("0.0.0.0", 8443)), ("[::1]:88", ("::1", 88)),
    ("localhost:0", ("localhost", 0)),
])
def test_listen_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_listen(text) == expected


def test_run_flags_are_checked_before_anything_starts() -> None:
    with pytest.raises(SettingsError, match="--webhook"):  # --listen alone means nothing
        cli.run(argparse.Namespace(webhook=None, listen="127.0.0.1:9000"))
    with pytest.raises(SettingsError, match="https://"):
        cli.run(argparse.Namespace(webhook="not a url", listen=None))
