"""The deadline engine: which rule is in force, and the date it gives.

Pure date arithmetic (`add_days`) plus one lookup of the rule and one of the holidays in range.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from danvan.core.errors import ApplicationError
from danvan.petitions.models import DayType, DeadlineRule, Holiday


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    rule: DeadlineRule
    days: int  # the total counted: base (or remote base) plus extensions

    @property
    def basis(self) -> str:
        kind = "ngày làm việc" if self.rule.day_type == DayType.WORKING else "ngày"
        return f"{self.days} {kind} — {self.rule.legal_basis}"


def is_working_day(day: dt.date, holidays: set[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_days(start: dt.date, days: int, day_type: str, holidays: set[dt.date], *, roll: bool = True) -> dt.date:
    """The last day of a limit of `days` counted from `start` (the start day itself is not counted).

    Working days skip Saturdays, Sundays and holidays. A calendar-day limit that ends on a day off ends on
    the next working day when `roll` is set (BLDS 2015 Điều 148.5).
    """
    day = start
    if day_type == DayType.WORKING:
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if is_working_day(day, holidays):
                counted += 1
        return day
    day = start + dt.timedelta(days=days)
    if roll:
        while not is_working_day(day, holidays):
            day += dt.timedelta(days=1)
    return day


def rule_in_force(procedure: str, step: str, on: dt.date, *, variant: str = "") -> DeadlineRule:
    rule = (
        DeadlineRule.objects.filter(procedure=procedure, step=step, variant=variant, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise ApplicationError(
            f"Không có quy định thời hạn cho “{procedure} / {step}” có hiệu lực ngày {on:%d/%m/%Y}; "
            f"hãy bổ sung vào bảng quy định thời hạn.",
            field="deadline",
            code="no_rule",
        )
    return rule


def holidays_between(start: dt.date, end: dt.date) -> set[dt.date]:
    return set(Holiday.objects.filter(date__gt=start, date__lte=end).values_list("date", flat=True))


def deadline_for(
    procedure: str,
    step: str,
    start_date: dt.date,
    *,
    complex: bool = False,
    remote: bool = False,
    extensions: int = 0,
    on: dt.date | None = None,
    variant: str = "",
) -> Deadline:
    """The deadline of `step` counted from `start_date`, by the rule in force on `on` (default: `start_date`).

    `complex` grants at least one extension; `extensions` asks for that many (refused beyond the rule's maximum).
    """
    rule = rule_in_force(procedure, step, on or start_date, variant=variant)
    granted = max(extensions, 1 if complex else 0)
    if granted and rule.max_extensions == 0:
        granted = 0  # this step has no extension: a complex case keeps the base limit
    if granted > rule.max_extensions:
        raise ApplicationError(
            f"Gia hạn: quy định này cho phép tối đa {rule.max_extensions} lần gia hạn ({rule.legal_basis}).",
            field="extensions",
        )
    base = rule.days
    extension = rule.extension_days
    if remote and rule.remote_area_days:
        base = rule.remote_area_days
        if rule.remote_area_extension_days is not None:
            extension = rule.remote_area_extension_days
    total = base + granted * extension
    # Generous horizon for the holiday lookup: working days never need more than ~2x plus Tết.
    holidays = holidays_between(start_date, start_date + dt.timedelta(days=total * 2 + 30))
    due = add_days(start_date, total, rule.day_type, holidays, roll=rule.roll_to_working_day)
    return Deadline(due=due, rule=rule, days=total)
