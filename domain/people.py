"""People as the bot knows them: a Telegram user with a language and, maybe, a home address."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.org import Place


@dataclass(frozen=True)
class User:
    id: int
    tg_id: int | None
    name: str
    lang: str = "zh"
    home: Place = field(default_factory=Place)


def lang_of(language_code: str | None) -> str:
    """Chinese first: English only where the user's Telegram language is English."""
    return "en" if (language_code or "").lower().startswith("en") else "zh"
