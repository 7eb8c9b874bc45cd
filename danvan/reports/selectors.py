"""Reads of reports for a user: what is due, a unit's report, live roll-ups, drill-down, completeness, pivot.

Roll-ups are computed live from the figures of submitted reports, joined to the closure table: no nightly
rebuild, so a figure submitted in a commune shows at every level above at once.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.http import Http404

from danvan.accounts.permissions import (
    DATA_ENTRY_ROLES,
    READ_ROLES,
    can_view_unit,
    scope_root_ids,
    scope_roots,
    units_around,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.reports import completeness as stored_completeness
from danvan.reports.models import (
    DataValue,
    Frequency,
    Indicator,
    ReportForm,
    ReportingPeriod,
    RollupTotal,
    Submission,
)
from danvan.reports.periods import (
    current_and_previous_periods,
    holidays_from,
    period_same_last_year,
)
from danvan.reports.rollups import STORED_DEPTH, is_stored
from danvan.reports.services import form_indicators


def forms_for_user(*, user):
    """Active forms of the national starter set and those defined by units in the user's scope or above it."""
    from danvan.accounts.permissions import units_in_scope

    above = OrgUnit.objects.filter(descendant_links__descendant__in=scope_roots(user, READ_ROLES))
    return ReportForm.objects.filter(is_active=True).filter(
        Q(owner__isnull=True) | Q(owner__in=units_in_scope(user)) | Q(owner__in=above)
    )


def indicators_for_user(*, user):
    from danvan.accounts.permissions import units_in_scope

    above = OrgUnit.objects.filter(descendant_links__descendant__in=scope_roots(user, READ_ROLES))
    return Indicator.objects.filter(
        Q(owner__isnull=True) | Q(owner__in=units_in_scope(user)) | Q(owner__in=above)
    ).distinct()


def form_get(*, form_id: int) -> ReportForm:
    form = ReportForm.objects.filter(pk=form_id, is_active=True).first()
    if form is None:
        raise Http404("Không tìm thấy biểu mẫu.")
    return form


def submission_get_for_user(*, user, public_id) -> Submission:
    submission = (
        Submission.objects.select_related("form", "period", "unit__parent", "submitted_by", "decided_by")
        .filter(public_id=public_id)
        .first()
    )
    if submission is None or not can_view_unit(user, submission.unit):
        raise Http404("Không tìm thấy báo cáo.")
    return submission


@dataclass
class DueRow:
    form: ReportForm
    period: ReportingPeriod
    unit: OrgUnit
    submission: Submission | None

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else "missing"

    holidays: frozenset = frozenset()

    @property
    def due_date(self) -> dt.date:
        from danvan.reports.periods import add_working_days

        return (
            self.submission.due_date
            if self.submission
            else add_working_days(self.period.end_date, self.form.due_working_days, self.holidays)
        )


def reports_due_for_user(*, user, today: dt.date) -> list[DueRow]:
    """For the units where the user enters data (their own, and those directly below): the current and the
    previous period of every active form assigned to them. A fixed number of queries: the periods of every
    form in one, whatever the number of forms."""
    roots = scope_root_ids(user, DATA_ENTRY_ROLES)
    if not roots:
        return []
    # The person's units, read once per request (units_around is in (sort_order, name) order; a stable sort by
    # depth gives (depth, sort_order, name)).
    entering = set(roots)
    candidates = sorted(
        (u for u in units_around(user) if u.is_active and (u.pk in entering or u.parent_id in entering)),
        key=lambda u: u.depth,
    )
    applying = []
    for form in ReportForm.objects.filter(is_active=True).order_by("name"):
        # The same rule as form_applies_to, for all candidates in one query instead of one per unit.
        kinds = [u for u in candidates if u.kind in form.unit_kinds]
        if form.scope_id and kinds:
            inside = set(
                OrgUnitClosure.objects.filter(ancestor_id=form.scope_id, descendant__in=kinds).values_list(
                    "descendant_id", flat=True
                )
            )
            kinds = [u for u in kinds if u.pk in inside]
        if kinds:
            applying.append((form, kinds))
    periods = current_and_previous_periods({(form.frequency, form.cutoff_day) for form, _ in applying}, today)
    rows: list[DueRow] = []
    for form, units in applying:
        for period in periods[(form.frequency, form.cutoff_day)]:
            rows.extend(DueRow(form, period, unit, None) for unit in units)
    submissions = {
        (s.form_id, s.period_id, s.unit_id): s
        for s in Submission.objects.filter(
            form__in={r.form.pk for r in rows},
            period__in={r.period.pk for r in rows},
            unit__in={r.unit.pk for r in rows},
        )
    }
    # One holiday query for every row's deadline.
    ends = [row.period.end_date for row in rows]
    holidays = holidays_from(min(ends), max(ends)) if rows else frozenset()
    for row in rows:
        row.submission = submissions.get((row.form.pk, row.period.pk, row.unit.pk))
        row.holidays = holidays
    return rows


def ytd_periods(period: ReportingPeriod) -> list[int]:
    """Periods whose sum is the year to date. 6 months, 9 months and the year are cumulative already."""
    if period.frequency in {Frequency.MONTH, Frequency.QUARTER}:
        return list(
            ReportingPeriod.objects.filter(
                frequency=period.frequency, cutoff_day=period.cutoff_day, year=period.year, number__lte=period.number
            ).values_list("pk", flat=True)
        )
    return [period.pk]


@dataclass
class RollupRow:
    indicator: Indicator
    value: Decimal | None
    ytd: Decimal | None


def _children_stored(unit: OrgUnit) -> bool:
    """Every unit directly below `unit` keeps maintained totals (true below the root)."""
    return unit.depth + 1 <= STORED_DEPTH


def _final_values_under(unit: OrgUnit):
    if unit.parent_id is None:
        # The root's subtree is everything: no join needed for the national roll-up.
        return DataValue.objects.filter(is_final=True)
    return DataValue.objects.filter(is_final=True, unit__ancestor_links__ancestor=unit)


def rollup(*, unit: OrgUnit, form: ReportForm, period: ReportingPeriod) -> list[RollupRow]:
    """Each indicator of the form for `unit` and everything below it: the period and the year to date.

    The root and the provinces read their maintained totals (a few dozen rows); smaller subtrees are summed
    live from the figures."""
    indicators = form_indicators(form)
    ytd = ytd_periods(period)
    if is_stored(unit):
        return _rollup_stored(unit, indicators, period, ytd)
    summed = {
        row["indicator"]: row
        for row in _final_values_under(unit)
        .filter(period__in=ytd, indicator__in=[i.pk for i in indicators if i.aggregation == "sum"])
        .values("indicator")
        .annotate(period_total=Sum("value", filter=Q(period=period)), ytd_total=Sum("value"))
    }
    rows = []
    for indicator in indicators:
        if indicator.aggregation == Indicator.Aggregation.SUM:
            found = summed.get(indicator.pk, {})
            rows.append(RollupRow(indicator, found.get("period_total"), found.get("ytd_total")))
        elif indicator.aggregation == Indicator.Aggregation.WEIGHTED_AVERAGE:
            rows.append(RollupRow(indicator, _weighted(unit, indicator, [period.pk]), _weighted(unit, indicator, ytd)))
        else:
            own = DataValue.objects.filter(is_final=True, unit=unit, indicator=indicator, period=period).first()
            rows.append(RollupRow(indicator, own.value if own else None, None))
    return rows


def _rollup_stored(unit: OrgUnit, indicators: list[Indicator], period: ReportingPeriod, ytd: list[int]):
    totals: dict[int, dict[int, RollupTotal]] = {}
    for total in RollupTotal.objects.filter(unit=unit, indicator__in=[i.pk for i in indicators], period__in=ytd):
        totals.setdefault(total.indicator_id, {})[total.period_id] = total
    rows = []
    for indicator in indicators:
        by_period = {p: t for p, t in totals.get(indicator.pk, {}).items() if t.reports}
        if indicator.aggregation == Indicator.Aggregation.WEIGHTED_AVERAGE:
            rows.append(RollupRow(indicator, _ratio([by_period.get(period.pk)]), _ratio(by_period.values())))
        elif indicator.aggregation == Indicator.Aggregation.SUM:
            current = by_period.get(period.pk)
            rows.append(
                RollupRow(
                    indicator,
                    current.total if current else None,
                    sum((t.total for t in by_period.values()), Decimal(0)) if by_period else None,
                )
            )
        else:
            own = DataValue.objects.filter(is_final=True, unit=unit, indicator=indicator, period=period).first()
            rows.append(RollupRow(indicator, own.value if own else None, None))
    return rows


def _ratio(totals) -> Decimal | None:
    totals = [t for t in totals if t is not None]
    weight = sum((t.weight_sum for t in totals), Decimal(0))
    if not weight:
        return None
    return (sum((t.weighted_sum for t in totals), Decimal(0)) / weight).quantize(Decimal("0.01"))


def _weighted(unit: OrgUnit, indicator: Indicator, periods: list[int]) -> Decimal | None:
    """Σ(value × weight) / Σ weight, pairing each unit's value with its own weight figure."""
    if indicator.weight_id is None:
        return None
    pairs: dict[tuple[int, int], dict[int, Decimal]] = {}
    for unit_id, period_id, indicator_id, value in (
        _final_values_under(unit)
        .filter(period__in=periods, indicator__in=[indicator.pk, indicator.weight_id])
        .values_list("unit_id", "period_id", "indicator_id", "value")
    ):
        pairs.setdefault((unit_id, period_id), {})[indicator_id] = value
    numerator = denominator = Decimal(0)
    for figures in pairs.values():
        if indicator.pk in figures and indicator.weight_id in figures:
            numerator += figures[indicator.pk] * figures[indicator.weight_id]
            denominator += figures[indicator.weight_id]
    return (numerator / denominator).quantize(Decimal("0.01")) if denominator else None


def drilldown(*, unit: OrgUnit, indicator: Indicator, period: ReportingPeriod) -> list[tuple[OrgUnit, Decimal]]:
    """Which units make a rolled-up figure: each unit directly below `unit`, with its subtree's total,
    plus `unit`'s own figure. One grouped query (the maintained totals when the units below keep them)."""
    if _children_stored(unit):
        by_branch = dict(
            RollupTotal.objects.filter(
                unit__parent=unit, indicator=indicator, period=period, reports__gt=0
            ).values_list("unit_id", "total")
        )
    else:
        by_branch = dict(
            DataValue.objects.filter(
                is_final=True, indicator=indicator, period=period, unit__ancestor_links__ancestor__parent=unit
            )
            .values_list("unit__ancestor_links__ancestor")
            .annotate(total=Sum("value"))
        )
    children = {u.pk: u for u in OrgUnit.objects.filter(pk__in=by_branch)}
    rows = sorted(((children[pk], total) for pk, total in by_branch.items()), key=lambda r: (-r[1], r[0].name))
    own = DataValue.objects.filter(is_final=True, indicator=indicator, period=period, unit=unit).first()
    if own:
        rows.insert(0, (unit, own.value))
    return rows


@dataclass(slots=True)
class CompletenessRow:
    unit_id: int
    code: str
    name: str
    parent_name: str
    status: str  # draft / submitted / returned / approved / missing
    submitted_at: dt.datetime | None
    due_date: dt.date | None
    province_name: str = ""  # filled for a page of the national table only

    @property
    def is_late(self) -> bool:
        from django.utils import timezone

        if self.submitted_at is None or self.due_date is None:
            return False
        return timezone.localtime(self.submitted_at).date() > self.due_date


COMPLETENESS_PAGE = 500  # rows on one page of the completeness table


def _rows(stored, form: ReportForm, period: ReportingPeriod, start: int = 0, stop: int | None = None):
    """The stored list's units at positions [start, stop), each with its report for the period (one query)."""
    return [
        CompletenessRow(pk, code, name, parent, status or "missing", submitted, due, province)
        for pk, code, name, parent, province, status, submitted, due in stored_completeness.rows_with_reports(
            stored, form, period, start, stop
        )
    ]


def completeness(*, unit: OrgUnit, form: ReportForm, period: ReportingPeriod) -> list[CompletenessRow]:
    """Every unit under `unit` that owes this form for this period, with its report's state, in the table's
    order (depth, order, name, id). The units come from the list stored for the tree's version (decision 0043);
    plain rows, not model instances, because the national table has thousands of them."""
    stored = stored_completeness.completeness_list_get(unit=unit, form=form)
    rows = _rows(stored, form, period)
    for row in rows:  # the full table names no province (only a page of the national table does)
        row.province_name = ""
    return rows


def completeness_counts(*, unit: OrgUnit, form: ReportForm, period: ReportingPeriod) -> dict[str, int]:
    """What `completeness_summary` gives for the same rows, counted by the database in one grouped query over
    the period's reports of the listed units; the units without one are the stored list's size minus those."""
    return _counts(stored_completeness.completeness_list_get(unit=unit, form=form), form, period)


def _counts(stored, form: ReportForm, period: ReportingPeriod) -> dict[str, int]:
    from django.db.models import BooleanField, Count, ExpressionWrapper, F

    grouped = (
        stored_completeness.listed_reports(stored, form, period)
        .annotate(
            sent=ExpressionWrapper(Q(submitted_at__isnull=False), output_field=BooleanField()),
            late=ExpressionWrapper(Q(submitted_at__date__gt=F("due_date")), output_field=BooleanField()),
        )
        .values("status", "sent", "late")
        .annotate(n=Count("unit"))  # a column of the covering index (migration 0012): no heap read
        .order_by()
    )
    summary = dict.fromkeys(("expected", "missing", "draft", "submitted", "returned", "approved", "late", "on_time"), 0)
    summary["expected"] = summary["missing"] = stored.size
    for row in grouped:
        summary["missing"] -= row["n"]
        summary[row["status"]] += row["n"]
        if row["sent"]:
            summary["late" if row["late"] else "on_time"] += row["n"]
    return summary


def completeness_page(
    *, unit: OrgUnit, form: ReportForm, period: ReportingPeriod, page: int, per_page: int = COMPLETENESS_PAGE
) -> list[CompletenessRow]:
    """One page of `completeness`, in the same order; at the root, each row also names its province."""
    stored = stored_completeness.completeness_list_get(unit=unit, form=form)
    start = max(page - 1, 0) * per_page
    return _rows(stored, form, period, start, start + per_page)


def completeness_table(
    *, unit: OrgUnit, form: ReportForm, period: ReportingPeriod, page: int, per_page: int = COMPLETENESS_PAGE
) -> tuple[dict[str, int], list[CompletenessRow], int, int]:
    """What the page reads, in three queries: the stored list (its size gives the number of pages), the counts,
    and one page of rows. Returns (counts, rows, the page shown — `page` kept within 1..pages —, pages)."""
    stored = stored_completeness.completeness_list_get(unit=unit, form=form)
    pages = max(1, -(-stored.size // per_page))
    number = min(max(page, 1), pages)
    start = (number - 1) * per_page
    return _counts(stored, form, period), _rows(stored, form, period, start, start + per_page), number, pages


def completeness_summary(rows: list[CompletenessRow]) -> dict[str, int]:
    summary = {
        "expected": len(rows),
        "missing": 0,
        "draft": 0,
        "submitted": 0,
        "returned": 0,
        "approved": 0,
        "late": 0,
        "on_time": 0,
    }
    for row in rows:
        summary[row.status] += 1
        if row.submitted_at:
            summary["late" if row.is_late else "on_time"] += 1
    return summary


@dataclass
class PivotRow:
    unit: OrgUnit
    values: list[Decimal | None]


def pivot(*, unit: OrgUnit, indicator: Indicator, periods: list[ReportingPeriod]) -> list[PivotRow]:
    """The indicator for each unit directly below `unit` (subtree totals) × `periods`. One grouped query, or
    for the root, whose children keep maintained totals, one read of those (≤ 40 children × the periods)."""
    if _children_stored(unit):
        found = RollupTotal.objects.filter(
            unit__parent=unit, indicator=indicator, period__in=periods, reports__gt=0
        ).values_list("unit_id", "period_id", "total")
    else:
        found = (
            DataValue.objects.filter(
                is_final=True, indicator=indicator, period__in=periods, unit__ancestor_links__ancestor__parent=unit
            )
            .values_list("unit__ancestor_links__ancestor", "period")
            .annotate(total=Sum("value"))
        )
    cells = {(branch, period_id): total for branch, period_id, total in found}
    branches = {b for b, _p in cells}
    children = OrgUnit.objects.filter(pk__in=branches).order_by("sort_order", "name")
    return [PivotRow(child, [cells.get((child.pk, p.pk)) for p in periods]) for child in children]


def change_percent(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous in (None, 0):
        return None
    return ((current - previous) / previous * 100).quantize(Decimal("0.1"))


def same_period_last_year(period: ReportingPeriod) -> ReportingPeriod:
    return period_same_last_year(period)


def rollup_by_child(*, unit: OrgUnit, form: ReportForm, period: ReportingPeriod) -> dict[int, dict[int, Decimal]]:
    """Summed indicators of the form for each unit directly below `unit` (its subtree's total):
    {child id: {indicator id: total}}. One grouped query; weighted averages are left to `rollup` per unit.
    Below the root every child keeps maintained totals: a few hundred rows instead of every figure."""
    indicators = [i.pk for i in form_indicators(form) if i.aggregation == Indicator.Aggregation.SUM]
    if _children_stored(unit):
        found = RollupTotal.objects.filter(
            unit__parent=unit, period=period, indicator__in=indicators, reports__gt=0
        ).values_list("unit_id", "indicator_id", "total")
    else:
        found = (
            DataValue.objects.filter(
                is_final=True, period=period, indicator__in=indicators, unit__ancestor_links__ancestor__parent=unit
            )
            .values_list("unit__ancestor_links__ancestor", "indicator")
            .annotate(total=Sum("value"))
        )
    table: dict[int, dict[int, Decimal]] = {}
    for branch, indicator_id, total in found:
        table.setdefault(branch, {})[indicator_id] = total
    return table
