import datetime as dt

import pytest

from danvan.core.errors import ApplicationError
from danvan.reports.periods import add_working_days, period_bounds, period_containing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("frequency", "year", "number", "start", "end"),
    [
        ("month", 2026, 1, dt.date(2025, 12, 15), dt.date(2026, 1, 14)),
        ("month", 2026, 7, dt.date(2026, 6, 15), dt.date(2026, 7, 14)),
        ("quarter", 2026, 1, dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
        ("quarter", 2026, 2, dt.date(2026, 3, 15), dt.date(2026, 6, 14)),
        ("quarter", 2026, 4, dt.date(2026, 9, 15), dt.date(2026, 12, 14)),
        ("half", 2026, 1, dt.date(2025, 12, 15), dt.date(2026, 6, 14)),
        ("nine", 2026, 1, dt.date(2025, 12, 15), dt.date(2026, 9, 14)),
        ("year", 2026, 1, dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    ],
)
def test_periods_follow_the_official_cut_offs(frequency, year, number, start, end):
    assert period_bounds(frequency, year, number) == (start, end)


@pytest.mark.parametrize(("frequency", "number"), [("quarter", 5), ("month", 0), ("half", 2), ("weekly", 1)])
def test_a_period_the_frequency_does_not_have_is_refused(frequency, number):
    with pytest.raises(ApplicationError) as error:
        period_bounds(frequency, 2026, number)
    assert error.value.field == "period"


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (dt.date(2026, 3, 14), "quarter-2026-1"),
        (dt.date(2026, 3, 15), "quarter-2026-2"),
        (dt.date(2026, 12, 15), "quarter-2027-1"),
        (dt.date(2026, 1, 10), "quarter-2026-1"),
    ],
)
def test_the_period_containing_a_day(day, key):
    assert period_containing("quarter", day).key == key


def test_working_days_skip_the_weekend():
    # Saturday 14/3/2026 + 2 working days = Tuesday 17/3/2026.
    assert add_working_days(dt.date(2026, 3, 14), 2) == dt.date(2026, 3, 17)


@pytest.mark.parametrize(
    ("frequency", "number", "cutoff", "start", "end"),
    [
        ("quarter", 1, 0, dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("month", 2, 0, dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("year", 1, 0, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("quarter", 2, 20, dt.date(2026, 3, 21), dt.date(2026, 6, 20)),
        ("half", 1, 20, dt.date(2025, 12, 21), dt.date(2026, 6, 20)),
    ],
)
def test_a_province_can_use_calendar_periods_or_its_own_cut_off(frequency, number, cutoff, start, end):
    assert period_bounds(frequency, 2026, number, cutoff) == (start, end)


def test_a_cut_off_beyond_the_28th_is_refused():
    with pytest.raises(ApplicationError) as error:
        period_bounds("quarter", 2026, 1, 30)
    assert error.value.field == "cutoff_day"


def test_keys_carry_a_non_official_cut_off():
    from danvan.reports.periods import parse_period_key, period_get_or_create

    calendar_q1 = period_get_or_create("quarter", 2026, 1, 0)
    assert calendar_q1.key == "quarter-2026-1-c0"
    assert parse_period_key("quarter-2026-1-c0") == calendar_q1
    assert parse_period_key("quarter-2026-1").cutoff_day == 14


def test_the_period_containing_a_day_with_calendar_periods():
    assert period_containing("quarter", dt.date(2026, 3, 20), 0).key == "quarter-2026-1-c0"


@pytest.mark.django_db
def test_a_report_due_over_tet_skips_the_holidays_of_the_shared_calendar():
    from danvan.petitions.models import Holiday
    from danvan.reports.periods import report_due_date

    # Quarter 1/2026 is cut off on Saturday 14/3; a made-up holiday on Monday 16/3 moves "2 working days" by one.
    assert report_due_date(dt.date(2026, 3, 14), 2) == dt.date(2026, 3, 17)
    Holiday.objects.create(date=dt.date(2026, 3, 16), name="Ngày nghỉ bù (thử)")
    assert report_due_date(dt.date(2026, 3, 14), 2) == dt.date(2026, 3, 18)
    # The seeded Tết Bính Ngọ (14–22/2/2026): 2 working days after Friday 13/2 are Monday 23 and Tuesday 24.
    assert report_due_date(dt.date(2026, 2, 13), 2) == dt.date(2026, 2, 24)


def test_the_period_choices_are_the_keys_and_labels_of_real_periods(db):
    from danvan.reports.periods import parse_period_key, period_choices

    groups = dict(period_choices(dt.date(2026, 12, 4)))
    assert list(groups) == ["2027", "2026", "2025", "2024"]
    options = dict(groups["2026"])
    assert options["quarter-2026-1"] == "Quý I/2026"
    assert options["month-2026-12"] == "Tháng 12/2026"
    assert len(options) == 1 + 1 + 1 + 4 + 12
    for key, label in groups["2025"]:
        assert parse_period_key(key).label == label
