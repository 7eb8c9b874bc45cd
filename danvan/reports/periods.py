"""Reporting periods on the official cut-offs (NĐ 09/2019/NĐ-CP Điều 12): from the 15th of the month before
to the 14th of the period's last month; 6 months, 9 months and the year run from 15/12 of the previous year."""

import datetime as dt

from danvan.core.errors import ApplicationError
from danvan.reports.models import Frequency, ReportingPeriod

CUTOFF_DAY = 14
MAX_NUMBER = {
    Frequency.MONTH: 12,
    Frequency.QUARTER: 4,
    Frequency.HALF_YEAR: 1,
    Frequency.NINE_MONTHS: 1,
    Frequency.YEAR: 1,
}
LAST_MONTH = {Frequency.HALF_YEAR: 6, Frequency.NINE_MONTHS: 9, Frequency.YEAR: 12}


def _previous_month_start(year: int, month: int) -> dt.date:
    return dt.date(year - 1, 12, CUTOFF_DAY + 1) if month == 1 else dt.date(year, month - 1, CUTOFF_DAY + 1)


def period_bounds(frequency: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    """(start, end) of a period; raises ApplicationError for a period the frequency does not have."""
    if frequency not in MAX_NUMBER:
        raise ApplicationError("Kỳ báo cáo: tần suất không hợp lệ.", field="period")
    if not 1 <= number <= MAX_NUMBER[frequency] or not 2000 <= year <= 2100:
        raise ApplicationError(
            f"Kỳ báo cáo: kỳ {number}/{year} không có với tần suất “{Frequency(frequency).label}”.", field="period"
        )
    if frequency == Frequency.MONTH:
        return _previous_month_start(year, number), dt.date(year, number, CUTOFF_DAY)
    if frequency == Frequency.QUARTER:
        first, last = 3 * number - 2, 3 * number
        return _previous_month_start(year, first), dt.date(year, last, CUTOFF_DAY)
    return dt.date(year - 1, 12, CUTOFF_DAY + 1), dt.date(year, LAST_MONTH[frequency], CUTOFF_DAY)


def period_get_or_create(frequency: str, year: int, number: int) -> ReportingPeriod:
    start, end = period_bounds(frequency, year, number)
    period, _created = ReportingPeriod.objects.get_or_create(
        frequency=frequency, year=year, number=number, defaults={"start_date": start, "end_date": end}
    )
    return period


def period_containing(frequency: str, day: dt.date) -> ReportingPeriod:
    """The period of `frequency` whose cut-off window holds `day` (after the 14th of December: next year's)."""
    year = day.year + 1 if (day.month, day.day) > (12, CUTOFF_DAY) else day.year
    if frequency == Frequency.MONTH:
        month = day.month if day.day <= CUTOFF_DAY else day.month % 12 + 1
        return period_get_or_create(frequency, year, month)
    if frequency == Frequency.QUARTER:
        month = day.month if day.day <= CUTOFF_DAY else day.month % 12 + 1
        return period_get_or_create(frequency, year, (month - 1) // 3 + 1)
    return period_get_or_create(frequency, year, 1)


def period_previous(period: ReportingPeriod) -> ReportingPeriod:
    if period.number > 1:
        return period_get_or_create(period.frequency, period.year, period.number - 1)
    return period_get_or_create(period.frequency, period.year - 1, MAX_NUMBER[period.frequency])


def period_same_last_year(period: ReportingPeriod) -> ReportingPeriod:
    return period_get_or_create(period.frequency, period.year - 1, period.number)


def add_working_days(day: dt.date, days: int) -> dt.date:
    """`days` working days after `day`, skipping Saturdays and Sundays (public holidays: not yet)."""
    current = day
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def parse_period_key(key: str) -> ReportingPeriod:
    """'quarter-2026-1' → the period; ApplicationError for anything else."""
    try:
        frequency, year, number = key.split("-")
        return period_get_or_create(frequency, int(year), int(number))
    except (ValueError, TypeError):
        raise ApplicationError("Kỳ báo cáo: mã kỳ không hợp lệ.", field="period") from None


def period_key(period: ReportingPeriod) -> str:
    return period.key
