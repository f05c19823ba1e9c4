"""Loading the SLA policy from seeds or $GRIDBOT_POLICY, its clear errors, and the calendar built from it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from app import policy
from app.policy import PolicyError
from app.settings import SettingsError
from domain.sla import Action, Duration, Rung
from domain.tickets import Tier

SEEDS: dict[str, Any] = yaml.safe_load(policy.DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _no_env_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(policy.POLICY_ENV, raising=False)


def written(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    """The seeds' policy with one change, written to a temporary file."""
    data = copy.deepcopy(SEEDS)
    change(data)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_seeds_policy_loads_with_its_classes_overrides_and_ladder() -> None:
    p = policy.load()
    assert p.clocks["simple"] == {"claim": Duration(2, "h"), "contact": Duration(4, "h"), "resolve": Duration(3, "wd")}
    assert p.clocks["urgent"]["claim"] == Duration(15, "m")
    assert p.categories["elevator"]["resolve"] == Duration(2, "wd")
    assert p.ladder == tuple(Tier)
    assert p.rungs["claim"] == Rung(0.25, Action.ESCALATE) and p.rungs["contact"].on_miss is Action.NOTHING
    assert p.calendar.hours == ((time(8, 30), time(12)), (time(14), time(17, 30)))
    assert p.schedule.care_visit_every == Duration(7, "d")


def test_gridbot_policy_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = written(tmp_path, lambda p: p["clocks"]["simple"].update(claim="1h"))
    monkeypatch.setenv(policy.POLICY_ENV, str(path))
    assert policy.load().clocks["simple"]["claim"] == Duration(1, "h")
    assert policy.load(policy.DEFAULT_PATH).clocks["simple"]["claim"] == Duration(2, "h")  # an argument wins


def test_a_missing_file_names_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(policy.POLICY_ENV, str(tmp_path / "nope.yaml"))
    with pytest.raises(PolicyError, match=r"nope\.yaml: cannot read the SLA policy .* GRIDBOT_POLICY"):
        policy.load()


def test_a_policy_error_stops_the_bot_like_a_bad_setting(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("clocks: [unclosed", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"policy\.yaml"):
        policy.load(path)


@pytest.mark.parametrize(("change", "message"), [
    (lambda p: p["clocks"]["simple"].update(claim="2hours"), r"clocks\.simple\.claim: bad duration '2hours'.*3wd"),
    (lambda p: p["clocks"]["joint"].pop("resolve"), r"clocks\.joint: resolve is required"),
    (lambda p: p["clocks"].pop("urgent"), r"clocks: the urgent class is missing"),
    (lambda p: p["clocks"]["major"].update(respond="1h"), r"clocks\.major: unknown key 'respond'"),
    (lambda p: p["categories"].update(elevater={"claim": "1h"}), r"'elevater' is not a category code"),
    (lambda p: p.update(clock={}), r"the policy: unknown key 'clock'"),
    (lambda p: p["escalation"].update(resolv={}), r"escalation: unknown key 'resolv'; the keys are claim"),
    (lambda p: p["schedule"].update(digest="daily 08:30"), r"schedule: unknown key 'digest'"),
    (lambda p: p["calendar"].update(holidays=[]), r"calendar: unknown key 'holidays'"),
    (lambda p: p.update(ladder=["grid", "building_lead"]), r"ladder: .* in that order"),
    (lambda p: p.update(ladder=["grid", "mayor"]), r"ladder: "),
    (lambda p: p["escalation"].update(claim={"warn_before": "150%"}), r"escalation\.claim\.warn_before: '150%'"),
    (lambda p: p["escalation"].update(claim={"warn_before": "soon"}), r"escalation\.claim\.warn_before: bad dur"),
    (lambda p: p["escalation"].update(resolve={"on_miss": "panic"}), r"escalation\.resolve\.on_miss: 'panic'"),
    (lambda p: p["schedule"].update(meeting_day="every 4th"), r"schedule\.meeting_day: bad rule"),
    (lambda p: p["schedule"].update(quiet_hours="22:00"), r"schedule\.quiet_hours: bad time window"),
    (lambda p: p["schedule"].update(meeting_days={"惠泽一网格": "sometimes"}), r"meeting_days: 惠泽一网格: bad rule"),
    (lambda p: p["schedule"].update(meeting_days=["惠泽一网格"]), r"meeting_days: expected grid names"),
    (lambda p: p["schedule"].update(meeting_notice_at="9am"), r"meeting_notice_at: bad time of day"),
    (lambda p: p["schedule"].pop("care_visit_every"), r"schedule: care_visit_every is missing"),
    (lambda p: p["calendar"].update(hours=["14:00-17:30", "08:30-12:00"]), r"calendar: working hours must be"),
    (lambda p: p["calendar"].update(hours=[]), r"calendar\.hours: list the working hours"),
    (lambda p: p["calendar"].update(local_workdays=["2026-13-01"]), r"calendar\.local_workdays: bad date"),
    (lambda p: p["calendar"].update(fallback_holidays=["02-30"]), r"calendar\.fallback_holidays: bad month-day"),
])
def test_an_invalid_policy_names_the_file_and_the_key(tmp_path: Path, change: Callable[[dict[str, Any]], object],
                                                      message: str) -> None:
    with pytest.raises(PolicyError, match=message) as caught:
        policy.load(written(tmp_path, change))
    assert str(caught.value).startswith(str(tmp_path))


def test_an_empty_file_is_not_a_policy(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(PolicyError, match="the policy: expected a mapping"):
        policy.load(path)


def test_the_official_days_come_from_chinese_calendar() -> None:
    holidays, workdays, years = policy.official_days()
    assert date(2026, 10, 1) in holidays and date(2026, 10, 10) in workdays
    assert 2004 in years and 2026 in years and 2027 not in years


def test_the_calendar_joins_the_official_days_with_the_seeds_and_the_zone() -> None:
    cal = policy.build_calendar(policy.load(), ZoneInfo("Asia/Urumqi"))
    assert str(cal.tz) == "Asia/Urumqi"
    assert not cal.is_workday(date(2026, 10, 1)) and not cal.is_workday(date(2026, 7, 15))
    assert str(policy.build_calendar(policy.load()).tz) == "Asia/Shanghai"


def test_a_grid_may_meet_on_its_own_day_and_the_notice_hour_is_set_in_the_policy(tmp_path: Path) -> None:
    p = policy.load(written(tmp_path, lambda d: d["schedule"].update(
        meeting_days={"惠泽一网格": "monthly 2nd wed 19:30"}, meeting_notice_at="10:00")))
    assert p.schedule.meeting_of("惠泽一网格").at == time(19, 30)
    assert p.schedule.meeting_of("惠泽二网格") == p.schedule.meeting_day
    assert p.schedule.meeting_notice_at == time(10, 0)
    assert policy.load().schedule.meeting_notice_at == time(9, 0)  # the default when the key is absent


def test_a_meeting_rule_for_a_grid_the_district_lacks_stops_the_bot(tmp_path: Path) -> None:
    p = policy.load(written(tmp_path, lambda d: d["schedule"].update(meeting_days={"惠泽九网格": "daily 19:00"})))
    with pytest.raises(PolicyError, match="'惠泽九网格' is not a grid"):
        policy.check_grids(p, ["惠泽一网格", "惠泽二网格"])
    policy.check_grids(policy.load(), ["惠泽一网格"])  # none named: nothing to check
