"""The SLA clock: durations, due times on the working calendar, deadlines per class, and the ladder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app import policy
from domain.calendar import WALL_CLOCK, Recurrence
from domain.org import Place
from domain.sla import Action, Duration, Rung, Step, due_at, is_overdue
from domain.tickets import Status, Ticket, Tier

SH = ZoneInfo("Asia/Shanghai")
POLICY = policy.load()
CAL = policy.build_calendar(POLICY, SH)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)  # type: ignore[misc]


def d(text: str) -> Duration:
    return Duration.parse(text)


@pytest.mark.parametrize(("text", "amount", "unit"), [("90s", 90, "s"), ("30m", 30, "m"), ("4h", 4, "h"),
                                                      ("2d", 2, "d"), ("3wd", 3, "wd"), (" 3WD ", 3, "wd")])
def test_every_unit_parses(text: str, amount: int, unit: str) -> None:
    assert Duration.parse(text) == Duration(amount, unit)
    assert str(Duration.parse(text)) == f"{amount}{unit}"


@pytest.mark.parametrize("text", ["", "3", "h", "2.5h", "-2h", "3 weeks", "4hours", "1h30m", 4, None])
def test_a_bad_duration_says_how_to_write_one(text: object) -> None:
    with pytest.raises(ValueError, match="90s, 30m, 4h, 2d or 3wd"):
        Duration.parse(text)


def test_hours_count_working_time_across_the_lunch_break_and_the_evening() -> None:
    assert due_at(at(2026, 11, 24, 11), d("2h"), CAL) == at(2026, 11, 24, 15)
    assert due_at(at(2026, 11, 24, 17), d("2h"), CAL) == at(2026, 11, 25, 10)
    assert due_at(at(2026, 11, 24, 12, 30), d("90s"), CAL) == at(2026, 11, 24, 14, 1, 30)


def test_a_friday_afternoon_report_is_due_on_monday() -> None:
    assert due_at(at(2026, 11, 27, 16), d("4h"), CAL) == at(2026, 11, 30, 11)


def test_working_days_keep_the_time_of_day_and_skip_the_national_day_week() -> None:
    assert due_at(at(2026, 11, 24, 10), d("3wd"), CAL) == at(2026, 11, 27, 10)
    # Wednesday 30 September: 1–7 October off, Thursday 8 and Friday 9 worked, Saturday 10 is 调休
    assert due_at(at(2026, 9, 30, 10), d("3wd"), CAL) == at(2026, 10, 10, 10)


def test_a_weekend_report_counts_from_monday_opening() -> None:
    assert due_at(at(2026, 11, 28, 10), d("3wd"), CAL) == at(2026, 12, 2, 17, 30)  # close of Wednesday


def test_a_december_deadline_lands_in_an_unknown_january_without_failing() -> None:
    cal = policy.build_calendar(POLICY, SH)
    # Wed 30 Dec: 5½h, Thu 31: 7h, Fri 1 Jan 2027 元旦 (seeds' fallback), weekend, Mon 4: 7h, Tue 5: 1½h
    assert due_at(at(2026, 12, 30, 10), d("3wd"), cal) == at(2027, 1, 5, 10)
    assert cal.unknown_years == frozenset({2027})


def test_calendar_days_and_urgent_tickets_run_on_the_wall_clock() -> None:
    assert due_at(at(2026, 11, 27, 16), d("2d"), CAL) == at(2026, 11, 29, 16)
    assert due_at(at(2026, 11, 28, 23), d("24h"), WALL_CLOCK) == at(2026, 11, 29, 23)
    assert due_at(at(2026, 11, 28, 23), d("1wd"), WALL_CLOCK) == at(2026, 11, 29, 23)


def test_utc_in_gives_utc_out() -> None:
    start = datetime(2026, 11, 24, 1, tzinfo=UTC)  # 09:00 in Shanghai
    due = due_at(start, d("2h"), CAL)
    assert due == datetime(2026, 11, 24, 3, tzinfo=UTC) and due.tzinfo is UTC


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        due_at(datetime(2026, 11, 24, 9), d("2h"), CAL)


def test_time_is_up_at_the_deadline_itself() -> None:
    due = at(2026, 11, 24, 15)
    assert not is_overdue(due, due - timedelta(seconds=1))
    assert is_overdue(due, due) and is_overdue(due, due + timedelta(hours=1))
    assert not is_overdue(None, due)


def test_deadlines_follow_the_triage_class() -> None:
    start = at(2026, 11, 24, 9)
    simple = POLICY.deadlines(start, "lighting", "simple", False, CAL)
    assert (simple.claim_due, simple.contact_due, simple.resolve_due) == (
        at(2026, 11, 24, 11), at(2026, 11, 24, 15), at(2026, 11, 27, 9))
    major = POLICY.deadlines(start, "property", "major", False, CAL)
    assert major.claim_due == at(2026, 11, 24, 10) and major.resolve_due == at(2026, 12, 8, 9)


def test_a_category_override_replaces_only_the_clocks_it_names() -> None:
    start = at(2026, 11, 24, 9)
    elevator = POLICY.deadlines(start, "elevator", "joint", False, CAL)
    assert elevator.claim_due == at(2026, 11, 24, 10) and elevator.resolve_due == at(2026, 11, 26, 9)
    assert elevator.contact_due == at(2026, 11, 25, 9)  # the joint class's 1wd
    assert POLICY.deadlines(start, "help", "simple", False, CAL).contact_due == at(2026, 11, 24, 11)


def test_urgent_beats_class_and_category_and_ignores_the_night() -> None:
    urgent = POLICY.deadlines(at(2026, 11, 28, 23), "elevator", "joint", True, CAL)
    assert (urgent.claim_due, urgent.contact_due, urgent.resolve_due) == (
        at(2026, 11, 28, 23, 15), at(2026, 11, 28, 23, 30), at(2026, 11, 29, 23))


def test_a_class_without_a_contact_clock_has_no_contact_deadline() -> None:
    quiet = replace(POLICY, clocks={**POLICY.clocks, "joint": {"claim": d("4h"), "contact": None,
                                                               "resolve": d("5wd")}})
    assert quiet.deadlines(at(2026, 11, 24, 9), "water", "joint", False, CAL).contact_due is None


def test_the_next_care_visit_is_a_week_later() -> None:
    assert POLICY.schedule.next_care_visit(at(2026, 11, 24, 10), CAL) == at(2026, 12, 1, 10)


# The ladder. A simple ticket reported Tuesday 09:00: claim due 11:00, warned from 10:30 (25% of 2h).
REPORTED = at(2026, 11, 24, 9)
TICKET = Ticket(id=1, resident_id=7, text="路灯不亮", category="lighting", triage="simple", urgent=False,
                place=Place("惠泽小区", 12), status=Status.ASSIGNED, tier=Tier.BUILDING_LEAD,
                created_at=REPORTED, claim_due=at(2026, 11, 24, 11), resolve_due=at(2026, 11, 27, 9))


def test_nothing_is_due_while_the_clock_has_time() -> None:
    assert POLICY.next_step(TICKET, at(2026, 11, 24, 10, 29), CAL) == Step(Action.NOTHING)


def test_the_holder_is_warned_before_the_deadline_once() -> None:
    assert POLICY.next_step(TICKET, at(2026, 11, 24, 10, 30), CAL) == Step(Action.WARN, "claim", Tier.BUILDING_LEAD)
    warned = replace(TICKET, warned_at=at(2026, 11, 24, 10, 31))
    assert POLICY.next_step(warned, at(2026, 11, 24, 10, 45), CAL).action is Action.NOTHING


def test_a_warning_about_an_earlier_clock_does_not_count() -> None:
    earlier = replace(TICKET, warned_at=at(2026, 11, 23, 16))
    assert POLICY.next_step(earlier, at(2026, 11, 24, 10, 45), CAL).action is Action.WARN


@pytest.mark.parametrize(("tier", "up"), [(Tier.BUILDING_LEAD, Tier.GRID), (Tier.GRID, Tier.BRANCH),
                                          (Tier.BRANCH, Tier.COMMITTEE)])
def test_a_missed_claim_moves_the_ticket_one_rung_up(tier: Tier, up: Tier) -> None:
    step = POLICY.next_step(replace(TICKET, tier=tier), at(2026, 11, 24, 11), CAL)
    assert step == Step(Action.ESCALATE, "claim", up)


def test_a_missed_claim_skips_the_rungs_a_ladder_leaves_out() -> None:
    skipping = replace(POLICY, ladder=(Tier.BUILDING_LEAD, Tier.GRID, Tier.COMMITTEE))
    step = skipping.next_step(replace(TICKET, tier=Tier.GRID), at(2026, 11, 24, 11), CAL)
    assert step == Step(Action.ESCALATE, "claim", Tier.COMMITTEE)


def test_nothing_is_above_the_committee() -> None:
    at_top = replace(TICKET, tier=Tier.COMMITTEE)
    assert POLICY.next_step(at_top, at(2026, 11, 30, 9), CAL) == Step(Action.NOTHING)


def test_a_held_ticket_runs_the_resolve_clock() -> None:
    held = replace(TICKET, status=Status.CLAIMED, holder_id=3, tier=Tier.GRID, warned_at=at(2026, 11, 24, 10, 30))
    assert POLICY.next_step(held, at(2026, 11, 26, 10, 44), CAL).action is Action.NOTHING
    # 25% of 3wd is 5¼ working hours before Friday 09:00: ½h Friday, 3½h Thursday afternoon, 1¼h → 10:45
    assert POLICY.next_step(held, at(2026, 11, 26, 10, 45), CAL) == Step(Action.WARN, "resolve", Tier.GRID)
    assert POLICY.next_step(held, at(2026, 11, 27, 9), CAL) == Step(Action.ESCALATE, "resolve", Tier.BRANCH)


def test_a_fixed_lead_time_counts_working_hours_back() -> None:
    fixed = replace(POLICY, rungs={**POLICY.rungs, "claim": Rung(d("1h"))})
    monday = replace(TICKET, claim_due=at(2026, 11, 30, 9))
    assert fixed.next_step(monday, at(2026, 11, 27, 16, 59), CAL).action is Action.NOTHING
    assert fixed.next_step(monday, at(2026, 11, 27, 17), CAL).action is Action.WARN


def test_an_urgent_ticket_is_warned_on_the_wall_clock() -> None:
    urgent = replace(TICKET, urgent=True, claim_due=at(2026, 11, 28, 23, 15))
    assert POLICY.next_step(urgent, at(2026, 11, 28, 23, 11), CAL).action is Action.NOTHING
    assert POLICY.next_step(urgent, at(2026, 11, 28, 23, 11, 15), CAL).action is Action.WARN


def test_a_clock_set_to_nothing_on_miss_never_escalates() -> None:
    lenient = replace(POLICY, rungs={**POLICY.rungs, "claim": Rung(0.25, Action.NOTHING)})
    assert lenient.next_step(TICKET, at(2026, 11, 25, 9), CAL).action is Action.NOTHING


def test_closed_tickets_and_stopped_clocks_need_nothing() -> None:
    late = at(2026, 12, 30, 9)
    assert POLICY.next_step(replace(TICKET, status=Status.CLOSED), late, CAL).action is Action.NOTHING
    assert POLICY.next_step(replace(TICKET, claim_due=None), late, CAL).action is Action.NOTHING


def test_a_ladder_without_building_leads_sends_them_to_the_grid() -> None:
    short = replace(POLICY, ladder=(Tier.GRID, Tier.BRANCH, Tier.COMMITTEE))
    assert short.above(Tier.BUILDING_LEAD) is Tier.GRID and short.above(Tier.COMMITTEE) is None


def test_a_grid_hears_of_its_meeting_the_day_before_from_the_notice_hour_on() -> None:
    sched = replace(POLICY.schedule, meeting_day=Recurrence.parse("monthly 4 19:00"),
                    meeting_days={"B": Recurrence.parse("monthly 10 19:00")}, meeting_notice_at=time(9, 0))
    eve = datetime(2026, 12, 3, 9, 0, tzinfo=SH)
    assert [(g, d.day) for g, d, _ in sched.meetings_to_announce(["A", "B"], eve)] == [("A", 4)]
    assert sched.meetings_to_announce(["A"], eve - timedelta(minutes=1)) == []  # before the notice hour
    assert sched.meetings_to_announce(["A"], eve + timedelta(days=1)) == []  # the day itself is too late
    assert [g for g, _, _ in sched.meetings_to_announce(["A", "B"], datetime(2026, 12, 9, 21, 0, tzinfo=SH))] == ["B"]
