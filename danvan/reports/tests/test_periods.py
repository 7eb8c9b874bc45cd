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
