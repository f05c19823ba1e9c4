"""The SLA policy from seeds/policy.yaml (or the file named by $GRIDBOT_POLICY), and its working calendar.

This is the only place that asks chinese-calendar anything: it hands the domain plain sets of dates.
Every mistake in the file becomes one PolicyError naming the file and the key, for the operator.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date, tzinfo
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import yaml

from app import seeds
from app.settings import SettingsError
from domain.calendar import CalendarSpec, QuietHours, Recurrence, WorkingCalendar, parse_time, parse_window
from domain.sla import Action, Duration, Policy, Rung, Schedule
from domain.tickets import Tier

POLICY_ENV = "GRIDBOT_POLICY"
DEFAULT_PATH = seeds.SEEDS_DIR / "policy.yaml"
CLOCKS = ("claim", "contact", "resolve")
CLASSES = ("simple", "joint", "major", "urgent")
SECTIONS = ("calendar", "clocks", "categories", "ladder", "escalation", "schedule")
CALENDAR = ("hours", "local_holidays", "local_workdays", "fallback_holidays")
SCHEDULE = {"daily_digest": Recurrence.parse, "weekly_digest": Recurrence.parse, "meeting_day": Recurrence.parse,
            "quiet_hours": lambda v: QuietHours(*parse_window(v)), "care_visit_every": Duration.parse}
OPTIONAL_SCHEDULE = {"meeting_days": lambda v: _per_grid(v), "meeting_notice_at": parse_time}
T = TypeVar("T")


class PolicyError(SettingsError):
    """The policy file is missing or wrong; bot.py prints the message and exits."""


def load(path: str | Path | None = None, categories: Iterable[str] | None = None) -> Policy:
    """Read and check the policy; category overrides are checked against seeds/categories.yaml by default."""
    where = Path(path or os.environ.get(POLICY_ENV) or DEFAULT_PATH)
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
        return parse(data, seeds.categories() if categories is None else categories)
    except OSError as e:
        raise PolicyError(f"{where}: cannot read the SLA policy ({e.strerror}); check {POLICY_ENV}") from None
    except (yaml.YAMLError, ValueError) as e:
        raise PolicyError(f"{where}: {e}") from None


def check_grids(policy: Policy, grids: Iterable[str]) -> None:
    """A meeting rule for a grid the district does not have is a typo the operator must see at start-up."""
    if unknown := sorted(set(policy.schedule.meeting_days) - set(grids)):
        raise PolicyError(f"schedule.meeting_days: {unknown[0]!r} is not a grid in seeds/district.yaml")


def official_days() -> tuple[frozenset[date], frozenset[date], frozenset[int]]:
    """Holidays, adjusted working weekends (调休) and the years they cover, straight from the package's tables."""
    import chinese_calendar  # late: only the app needs it, and only here

    years = {d.year for d in chinese_calendar.holidays}
    return (frozenset(chinese_calendar.holidays), frozenset(chinese_calendar.workdays),
            frozenset(range(min(years), max(years) + 1)))


def build_calendar(policy: Policy, tz: tzinfo | None = None) -> WorkingCalendar:
    """The working calendar in `tz` (the bot's GRIDBOT_TZ; Asia/Shanghai by default)."""
    holidays, workdays, years = official_days()
    return WorkingCalendar(tz or ZoneInfo("Asia/Shanghai"), policy.calendar, holidays, workdays, years)


def parse(data: Any, categories: Iterable[str]) -> Policy:
    """The policy from the YAML tree; a ValueError names the key, e.g. `clocks.simple.claim: bad duration …`."""
    data = _only("the policy", _mapping("the policy", data), SECTIONS)
    clocks = _mapping("clocks", data.get("clocks"))
    if missing := [c for c in CLASSES if c not in clocks]:
        raise ValueError(f"clocks: the {missing[0]} class is missing; the classes are {', '.join(CLASSES)}")
    overrides = _mapping("categories", data.get("categories") or {})
    if unknown := set(overrides) - set(categories):
        raise ValueError(f"categories: {sorted(unknown)[0]!r} is not a category code in seeds/categories.yaml")
    escalation = _only("escalation", _mapping("escalation", data.get("escalation") or {}), CLOCKS)
    schedule = _only("schedule", _mapping("schedule", data.get("schedule") or {}), {**SCHEDULE, **OPTIONAL_SCHEDULE})
    if missing := set(SCHEDULE) - set(schedule):
        raise ValueError(f"schedule: {sorted(missing)[0]} is missing")
    return Policy(
        {c: _clocks(f"clocks.{c}", clocks.get(c), ("claim", "resolve")) for c in CLASSES},
        {code: _clocks(f"categories.{code}", o, ()) for code, o in overrides.items()},
        _ladder(data.get("ladder") or [t.name.lower() for t in Tier]),
        {c: _rung(f"escalation.{c}", escalation.get(c) or {}) for c in CLOCKS},
        _calendar(_only("calendar", _mapping("calendar", data.get("calendar") or {}), CALENDAR)),
        Schedule(**{k: _at(f"schedule.{k}", f, schedule[k])
                    for k, f in {**SCHEDULE, **OPTIONAL_SCHEDULE}.items() if schedule.get(k) is not None}))


def _at(where: str, parse_value: Callable[[Any], T], value: Any) -> T:
    try:
        return parse_value(value)
    except (ValueError, TypeError) as e:
        raise ValueError(f"{where}: {e}") from None


def _per_grid(value: Any) -> dict[str, Recurrence]:
    """A grid's own meeting rule, e.g. {惠泽一网格: "monthly 2nd wed 19:00"}; grid names are checked at wiring."""
    if not isinstance(value, Mapping):
        raise ValueError(f"expected grid names with their rules, found {value!r}")
    rules = {}
    for grid, rule in value.items():
        try:
            rules[str(grid)] = Recurrence.parse(rule)
        except ValueError as e:
            raise ValueError(f"{grid}: {e}") from None
    return rules


def _mapping(where: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: expected a mapping of names to values, found {value!r}")
    return value


def _only(where: str, value: Mapping[str, Any], known: Iterable[str]) -> Mapping[str, Any]:
    """A misspelt key is an error, not a silently ignored line."""
    if unknown := set(value) - set(known):
        raise ValueError(f"{where}: unknown key {sorted(unknown)[0]!r}; the keys are {', '.join(sorted(known))}")
    return value


def _clocks(where: str, value: Any, required: tuple[str, ...]) -> dict[str, Duration | None]:
    """A class's or a category's clocks; `contact: null` switches that clock off."""
    value = _only(where, _mapping(where, value), CLOCKS)
    if missing := [c for c in required if value.get(c) is None]:
        raise ValueError(f"{where}: {missing[0]} is required")
    return {c: None if v is None else _at(f"{where}.{c}", Duration.parse, v) for c, v in value.items()}


def _ladder(names: Any) -> tuple[Tier, ...]:
    tiers = {t.name.lower(): t for t in Tier}
    rungs = [tiers.get(str(n)) for n in names] if isinstance(names, list) else []
    if not rungs or None in rungs or rungs != sorted(set(rungs)):  # type: ignore[type-var]
        raise ValueError(f"ladder: {names!r} must climb through some of {', '.join(tiers)}, in that order")
    return tuple(rungs)  # type: ignore[arg-type]


def _rung(where: str, value: Any) -> Rung:
    value = _mapping(where, value)
    lead, on_miss = str(value.get("warn_before", "25%")), str(value.get("on_miss", "escalate"))
    if on_miss not in (Action.ESCALATE, Action.NOTHING):
        raise ValueError(f"{where}.on_miss: {on_miss!r} is neither escalate nor nothing")
    if not lead.endswith("%"):
        return Rung(_at(f"{where}.warn_before", Duration.parse, lead), Action(on_miss))
    share = _at(f"{where}.warn_before", float, lead[:-1]) / 100
    if not 0 < share < 1:
        raise ValueError(f"{where}.warn_before: {lead!r} is not a share between 0% and 100%")
    return Rung(share, Action(on_miss))


def _calendar(value: Mapping[str, Any]) -> CalendarSpec:
    """Working hours, local extra days (date → name, the name is for the reader) and fixed-date fallback holidays."""
    def each(key: str, parse_value: Callable[[Any], T]) -> list[T]:
        return [_at(f"calendar.{key}", parse_value, v) for v in value.get(key) or ()]
    if not value.get("hours"):
        raise ValueError("calendar.hours: list the working hours, e.g. [08:30-12:00, 14:00-17:30]")
    hours, holidays, workdays = each("hours", parse_window), each("local_holidays", _day), each("local_workdays", _day)
    fallback = each("fallback_holidays", _month_day)
    return _at("calendar", lambda _: CalendarSpec(tuple(hours), frozenset(holidays), frozenset(workdays),
                                                    frozenset(fallback)), None)


def _day(value: Any) -> date:
    if isinstance(value, date):  # YAML reads an unquoted 2026-07-11 as a date already
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"bad date {value!r}: write YYYY-MM-DD") from None


def _month_day(value: Any) -> tuple[int, int]:
    try:
        month, day = (int(p) for p in str(value).split("-"))
        date(2024, month, day)  # a leap year, so 02-29 passes; anything impossible raises
    except ValueError:
        raise ValueError(f"bad month-day {value!r}: write MM-DD, e.g. 10-01") from None
    return month, day
