"""The working calendar (official days, local days, the unknown-year fallback), recurrences and quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app import policy
from domain.calendar import WALL_CLOCK, CalendarSpec, QuietHours, Recurrence, WorkingCalendar

SH = ZoneInfo("Asia/Shanghai")
POLICY = policy.load()


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)  # type: ignore[misc]


def real() -> WorkingCalendar:
    """The calendar the bot runs on: chinese-calendar's tables plus the seeds' local days."""
    return policy.build_calendar(POLICY, SH)


def hand(**spec: object) -> WorkingCalendar:
    """A small calendar with the days passed in by hand, FixMyStreet-style; 2026 is 'known'."""
    return WorkingCalendar(SH, CalendarSpec(**spec), frozenset({date(2026, 10, 1)}),  # type: ignore[arg-type]
                           frozenset({date(2026, 10, 10)}), frozenset({2026}))


def test_a_public_holiday_is_not_a_working_day() -> None:
    cal = real()
    assert not cal.is_workday(date(2026, 10, 1)) and not cal.is_workday(date(2026, 10, 7))
    assert cal.is_workday(date(2026, 10, 8))


def test_an_adjusted_weekend_day_is_a_working_day() -> None:
    cal = real()
    assert cal.is_workday(date(2026, 10, 10)) and cal.is_workday(date(2026, 2, 14))  # Saturdays worked (调休)
    assert not cal.is_workday(date(2026, 10, 17))  # an ordinary Saturday


def test_local_days_from_the_seeds_beat_the_national_table() -> None:
    assert not real().is_workday(date(2026, 7, 15))  # the demo district's own day off, a Wednesday
    cal = hand(local_holidays=frozenset({date(2026, 10, 10)}), local_workdays=frozenset({date(2026, 10, 1)}))
    assert cal.is_workday(date(2026, 10, 1)) and not cal.is_workday(date(2026, 10, 10))


def test_a_day_cannot_be_both_a_local_holiday_and_a_local_working_day() -> None:
    with pytest.raises(ValueError, match="both a local holiday and a local working day"):
        CalendarSpec(local_holidays=frozenset({date(2026, 5, 6)}), local_workdays=frozenset({date(2026, 5, 6)}))


@pytest.mark.parametrize("hours", [(), ((time(14), time(17)), (time(8), time(12))),
                                   ((time(8), time(12)), (time(11), time(17))), ((time(9), time(9)),)])
def test_working_hours_must_be_ordered_non_empty_windows(hours: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValueError, match="working hours"):
        CalendarSpec(hours=hours)


def test_a_working_day_lasts_as_long_as_the_working_hours() -> None:
    assert real().day_length == timedelta(hours=7)
    assert WALL_CLOCK.day_length == timedelta(hours=24)


def test_working_time_skips_lunch_evenings_and_weekends() -> None:
    cal = real()
    assert cal.add(at(2026, 11, 24, 11), timedelta(hours=2)) == at(2026, 11, 24, 15)  # lunch 12:00–14:00
    assert cal.add(at(2026, 11, 24, 17), timedelta(hours=2)) == at(2026, 11, 25, 10)  # overnight
    assert cal.add(at(2026, 11, 27, 17), timedelta(hours=2)) == at(2026, 11, 30, 10)  # Friday → Monday
    assert cal.add(at(2026, 11, 28, 23), timedelta(minutes=30)) == at(2026, 11, 30, 9)  # Saturday night


def test_working_time_runs_backwards_too() -> None:
    cal = real()
    assert cal.add(at(2026, 11, 30, 10), -timedelta(hours=2)) == at(2026, 11, 27, 17)
    assert cal.add(at(2026, 11, 24, 15), -timedelta(hours=2)) == at(2026, 11, 24, 11)


def test_no_time_added_leaves_the_moment_alone() -> None:
    assert real().add(at(2026, 11, 28, 23), timedelta()) == at(2026, 11, 28, 23)


def test_a_calendar_with_no_working_time_says_so_instead_of_looping() -> None:
    every_day = frozenset(date(2026, 1, 1) + timedelta(days=n) for n in range(3700))
    cal = WorkingCalendar(SH, CalendarSpec(), every_day, frozenset(), frozenset(range(2026, 2037)))
    with pytest.raises(ValueError, match="no working time"):
        cal.add(at(2026, 1, 1, 9), timedelta(hours=1))


def test_a_year_the_package_does_not_know_falls_back_and_is_recorded() -> None:
    cal = real()
    assert 2026 in cal.known_years and 2027 not in cal.known_years
    assert cal.unknown_years == frozenset()
    assert not cal.is_workday(date(2027, 1, 1))  # fixed-date 元旦 from the seeds
    assert not cal.is_workday(date(2027, 1, 2))  # a Saturday
    assert cal.is_workday(date(2027, 1, 4))
    assert cal.unknown_years == frozenset({2027})


def test_without_fallback_days_an_unknown_year_is_plain_weekdays() -> None:
    cal = hand()
    assert cal.is_workday(date(2027, 1, 1)) and not cal.is_workday(date(2027, 1, 3))
    assert cal.is_workday(date(2026, 10, 10)) and not cal.is_workday(date(2026, 10, 1))
    assert cal.unknown_years == frozenset({2027})


@pytest.mark.parametrize("text", ["", "daily", "weekly 08:30", "weekly moon 08:30", "monthly 32 19:00",
                                  "monthly 0 19:00", "monthly 5th fri 19:00", "monthly 4 25:00", "hourly 08:30"])
def test_a_bad_rule_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="monthly 2nd wed 19:00"):
        Recurrence.parse(text)


def test_the_next_meeting_day_is_the_4th_of_the_month() -> None:
    meeting = Recurrence.parse("monthly 4 19:00")
    assert meeting.next_after(at(2026, 3, 4, 18), SH) == at(2026, 3, 4, 19)
    assert meeting.next_after(at(2026, 3, 4, 19), SH) == at(2026, 4, 4, 19)  # strictly after
    assert meeting.next_after(at(2026, 12, 20), SH) == at(2027, 1, 4, 19)


def test_a_monthly_date_past_the_month_end_falls_on_its_last_day() -> None:
    assert Recurrence.parse("monthly 31 09:00").next_after(at(2026, 4, 1), SH) == at(2026, 4, 30, 9)


def test_nth_and_last_weekday_of_the_month() -> None:
    assert Recurrence.parse("monthly 2nd wed 19:00").next_after(at(2026, 7, 1), SH) == at(2026, 7, 8, 19)
    assert Recurrence.parse("monthly last fri 19:00").next_after(at(2026, 7, 1), SH) == at(2026, 7, 31, 19)


def test_digests_daily_at_opening_and_weekly_on_monday() -> None:
    daily, weekly = POLICY.schedule.daily_digest, POLICY.schedule.weekly_digest
    assert daily.next_after(at(2026, 11, 24, 23), SH) == at(2026, 11, 25, 8, 30)
    assert weekly.next_after(at(2026, 11, 23, 8, 30), SH) == at(2026, 11, 30, 8, 30)
    utc_now = datetime(2026, 11, 24, 1, tzinfo=UTC)  # 09:00 in Shanghai: today's digest has gone
    assert daily.next_after(utc_now, SH) == datetime(2026, 11, 25, 0, 30, tzinfo=UTC)


def test_quiet_hours_hold_ordinary_messages_until_seven() -> None:
    quiet = POLICY.schedule.quiet_hours
    assert quiet.release_time(at(2026, 11, 24, 22, 30), False, SH) == at(2026, 11, 25, 7)
    assert quiet.release_time(at(2026, 11, 25, 3), False, SH) == at(2026, 11, 25, 7)
    assert quiet.release_time(at(2026, 11, 25, 7), False, SH) == at(2026, 11, 25, 7)
    assert quiet.release_time(at(2026, 11, 24, 21, 59), False, SH) == at(2026, 11, 24, 21, 59)


def test_urgent_messages_never_wait() -> None:
    assert POLICY.schedule.quiet_hours.release_time(at(2026, 11, 24, 23), True, SH) == at(2026, 11, 24, 23)


def test_quiet_hours_are_read_in_local_time_for_a_utc_now() -> None:
    late = datetime(2026, 11, 24, 15, tzinfo=UTC)  # 23:00 in Shanghai
    released = POLICY.schedule.quiet_hours.release_time(late, False, SH)
    assert released == datetime(2026, 11, 24, 23, tzinfo=UTC) and released.tzinfo is UTC


def test_a_daytime_window_and_no_window() -> None:
    nap = QuietHours(time(12), time(14))
    assert nap.release_time(at(2026, 11, 24, 13), False, SH) == at(2026, 11, 24, 14)
    assert nap.release_time(at(2026, 11, 24, 23), False, SH) == at(2026, 11, 24, 23)
    assert QuietHours(time(), time()).release_time(at(2026, 11, 24, 23), False, SH) == at(2026, 11, 24, 23)
