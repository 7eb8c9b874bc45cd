"""Reporting periods. By default the official cut-offs (NĐ 09/2019/NĐ-CP Điều 12): from the 15th of the month
before to the 14th of the period's last month; 6 months, 9 months and the year run from 15/12 of the year
before. A form may use another cut-off day, or 0 for calendar periods (the 1st to the month's end)."""

import calendar
import datetime as dt

from danvan.core.errors import ApplicationError
from danvan.reports.models import Frequency, ReportingPeriod

OFFICIAL_CUTOFF = 14
MAX_NUMBER = {
    Frequency.MONTH: 12,
    Frequency.QUARTER: 4,
    Frequency.HALF_YEAR: 1,
    Frequency.NINE_MONTHS: 1,
    Frequency.YEAR: 1,
}
LAST_MONTH = {Frequency.HALF_YEAR: 6, Frequency.NINE_MONTHS: 9, Frequency.YEAR: 12}


def _month_end(year: int, month: int, cutoff: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1] if cutoff == 0 else cutoff)


def _month_start(year: int, month: int, cutoff: int) -> dt.date:
    """The first day of the window that ends in (year, month): the day after the previous month's cut-off."""
    if cutoff == 0:
        return dt.date(year, month, 1)
    return dt.date(year - 1, 12, cutoff + 1) if month == 1 else dt.date(year, month - 1, cutoff + 1)


def check_cutoff(cutoff: int) -> None:
    if not 0 <= cutoff <= 28:
        raise ApplicationError(
            "Ngày chốt số liệu: từ 1 đến 28, hoặc 0 cho kỳ theo tháng dương lịch.", field="cutoff_day"
        )


def period_bounds(frequency: str, year: int, number: int, cutoff: int = OFFICIAL_CUTOFF) -> tuple[dt.date, dt.date]:
    """(start, end) of a period; raises ApplicationError for a period the frequency does not have."""
    check_cutoff(cutoff)
    if frequency not in MAX_NUMBER:
        raise ApplicationError("Kỳ báo cáo: tần suất không hợp lệ.", field="period")
    if not 1 <= number <= MAX_NUMBER[frequency] or not 2000 <= year <= 2100:
        raise ApplicationError(
            f"Kỳ báo cáo: kỳ {number}/{year} không có với tần suất “{Frequency(frequency).label}”.", field="period"
        )
    if frequency == Frequency.MONTH:
        return _month_start(year, number, cutoff), _month_end(year, number, cutoff)
    if frequency == Frequency.QUARTER:
        return _month_start(year, 3 * number - 2, cutoff), _month_end(year, 3 * number, cutoff)
    return _month_start(year, 1, cutoff), _month_end(year, LAST_MONTH[frequency], cutoff)


def period_get_or_create(frequency: str, year: int, number: int, cutoff: int = OFFICIAL_CUTOFF) -> ReportingPeriod:
    start, end = period_bounds(frequency, year, number, cutoff)
    period, _created = ReportingPeriod.objects.get_or_create(
        frequency=frequency,
        year=year,
        number=number,
        cutoff_day=cutoff,
        defaults={"start_date": start, "end_date": end},
    )
    return period


def _containing_key(frequency: str, day: dt.date, cutoff: int) -> tuple[int, int]:
    """(year, number) of the period of `frequency` whose window holds `day` (no query)."""
    if cutoff == 0 or day.day <= cutoff:
        year, month = day.year, day.month
    else:  # after the cut-off, the day belongs to next month's window
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    if frequency == Frequency.MONTH:
        return year, month
    if frequency == Frequency.QUARTER:
        return year, (month - 1) // 3 + 1
    return year, 1


def _previous_key(frequency: str, year: int, number: int) -> tuple[int, int]:
    return (year, number - 1) if number > 1 else (year - 1, MAX_NUMBER[frequency])


def period_containing(frequency: str, day: dt.date, cutoff: int = OFFICIAL_CUTOFF) -> ReportingPeriod:
    """The period of `frequency` whose window holds `day`."""
    return period_get_or_create(frequency, *_containing_key(frequency, day, cutoff), cutoff)


def period_previous(period: ReportingPeriod) -> ReportingPeriod:
    year, number = _previous_key(period.frequency, period.year, period.number)
    return period_get_or_create(period.frequency, year, number, period.cutoff_day)


def current_and_previous_periods(
    kinds: set[tuple[str, int]], day: dt.date
) -> dict[tuple[str, int], tuple[ReportingPeriod, ReportingPeriod]]:
    """For each (frequency, cut-off day): the period holding `day` and the one before it, read in one query
    (any missing is created), as `period_containing` and `period_previous` would give them one by one."""
    from django.db.models import Q

    keys = {}
    for frequency, cutoff in kinds:
        current = _containing_key(frequency, day, cutoff)
        keys[(frequency, cutoff)] = (current, _previous_key(frequency, *current))
    wanted = Q(pk__in=[])
    for (frequency, cutoff), pair in keys.items():
        for year, number in pair:
            wanted |= Q(frequency=frequency, cutoff_day=cutoff, year=year, number=number)
    found = {(p.frequency, p.cutoff_day, p.year, p.number): p for p in ReportingPeriod.objects.filter(wanted)}

    def get(frequency, cutoff, year, number):
        return found.get((frequency, cutoff, year, number)) or period_get_or_create(frequency, year, number, cutoff)

    return {
        kind: tuple(get(*kind, year, number) for year, number in pair)  # type: ignore[misc]
        for kind, pair in keys.items()
    }


def periods_before(period: ReportingPeriod, count: int) -> list[ReportingPeriod]:
    """The `count` periods before `period`, oldest first: one query when they exist (any missing is created)."""
    from django.db.models import Q

    keys = []
    year, number = period.year, period.number
    for _i in range(count):
        year, number = (year, number - 1) if number > 1 else (year - 1, MAX_NUMBER[period.frequency])
        keys.append((year, number))
    wanted = Q(pk__in=[])
    for year, number in keys:
        wanted |= Q(year=year, number=number)
    found = {
        (p.year, p.number): p
        for p in ReportingPeriod.objects.filter(wanted, frequency=period.frequency, cutoff_day=period.cutoff_day)
    }
    return [found.get(key) or period_get_or_create(period.frequency, *key, period.cutoff_day) for key in reversed(keys)]


def period_same_last_year(period: ReportingPeriod) -> ReportingPeriod:
    return period_get_or_create(period.frequency, period.year - 1, period.number, period.cutoff_day)


def add_working_days(day: dt.date, days: int, holidays: frozenset[dt.date] = frozenset()) -> dt.date:
    """`days` working days after `day`, skipping Saturdays, Sundays and `holidays`."""
    current = day
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            days -= 1
    return current


def holidays_from(day: dt.date, last: dt.date | None = None) -> frozenset[dt.date]:
    """Public holidays after `day` (or between `day` and `last`) and the 120 days that follow: enough for any
    report deadline (forms allow at most 60 working days). One query on the shared holiday calendar kept by the
    citizen-reception module (petitions.Holiday, with Tết and the government's substitute days)."""
    from danvan.petitions.models import Holiday

    until = (last or day) + dt.timedelta(days=120)
    return frozenset(Holiday.objects.filter(date__gt=day, date__lte=until).values_list("date", flat=True))


def report_due_date(period_end: dt.date, due_working_days: int) -> dt.date:
    """The submission deadline: `due_working_days` working days after the period's cut-off, holidays skipped."""
    return add_working_days(period_end, due_working_days, holidays_from(period_end))


def parse_period_key(key: str) -> ReportingPeriod:
    """'quarter-2026-1' or 'quarter-2026-1-c0' → the period; ApplicationError for anything else."""
    try:
        parts = key.split("-")
        cutoff = OFFICIAL_CUTOFF
        if len(parts) == 4 and parts[3].startswith("c"):
            cutoff = int(parts[3][1:])
            parts = parts[:3]
        frequency, year, number = parts
        return period_get_or_create(frequency, int(year), int(number), cutoff)
    except (ValueError, TypeError, AttributeError):
        raise ApplicationError("Kỳ báo cáo: mã kỳ không hợp lệ.", field="period") from None


def period_fits(form, period: ReportingPeriod) -> bool:
    """The period is one of the form's: same frequency and same cut-off day."""
    return period.frequency == form.frequency and period.cutoff_day == form.cutoff_day


def period_key(period: ReportingPeriod) -> str:
    return period.key


def period_choices(today: dt.date, *, years_back: int = 2, years_ahead: int = 1) -> list[tuple[str, list]]:
    """The periods a person may pick (official cut-offs), grouped by year, newest first: (year, [(key, label)]).
    Reads and writes nothing: the period row is made only when a record uses it."""
    groups = []
    for year in range(today.year + years_ahead, today.year - years_back - 1, -1):
        options = []
        options.append((f"{Frequency.YEAR}-{year}-1", f"Năm {year}"))
        options.append((f"{Frequency.NINE_MONTHS}-{year}-1", f"9 tháng năm {year}"))
        options.append((f"{Frequency.HALF_YEAR}-{year}-1", f"6 tháng đầu năm {year}"))
        options += [
            (f"{Frequency.QUARTER}-{year}-{q}", f"Quý {'I II III IV'.split()[q - 1]}/{year}") for q in (4, 3, 2, 1)
        ]
        options += [(f"{Frequency.MONTH}-{year}-{m}", f"Tháng {m}/{year}") for m in range(12, 0, -1)]
        groups.append((str(year), options))
    return groups
