"""What every use case needs, passed explicitly (no globals, no DI container)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from domain.org import Category, District
from domain.parser import Parser
from domain.rates import DayCount, GridRates
from domain.sla import Policy
from storage.db import Database


@dataclass
class Env:
    db: Database
    district: District
    categories: dict[str, Category]
    parser: Parser
    emergency: dict[str, Any]
    bot_username: str = "gridbot"
    tz: tzinfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    chart: Callable[[str, list[DayCount], list[GridRates], str], bytes] | None = None  # PNG renderer
    policy: Policy | None = None  # 限时办结: clocks, ladder, schedules (seeds/policy.yaml)
    calendar: WorkingCalendar | None = None
    on_outbox: list[Any] = field(default_factory=list)  # callbacks to wake the sender

    def triage_of(self, category: str) -> str:
        c = self.categories.get(category)
        return c.triage if c else "joint"

    def category_name(self, code: str, lang: str) -> str:
        c = self.categories.get(code)
        return c.name(lang) if c else code

    def wake_sender(self) -> None:
        for callback in self.on_outbox:
            callback()


@dataclass(frozen=True)
class Answer:
    """What a button press says back to the presser (answerCallbackQuery)."""

    text: str
    alert: bool = False
