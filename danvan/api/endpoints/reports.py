"""Periodic reports: forms, their periods, a unit's submissions, one submission, the live roll-up, and the write a
unit's system makes: save the figures (with the version it read) and, if asked, submit."""

import datetime as dt
import uuid
from typing import Annotated

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from pydantic import StringConstraints

from danvan.accounts.permissions import can_enter_data
from danvan.api.schemas import (
    CODE_PATTERN,
    PERIOD_PATTERN,
    READ_ERRORS,
    UUID_PATTERN,
    WRITE_ERRORS,
    PageParams,
    errors,
    page_of_queryset,
    page_schema,
    text,
)
from danvan.organisations.selectors import orgunit_get_for_user
from danvan.reports import selectors, services
from danvan.reports.models import ReportForm, Submission
from danvan.reports.periods import parse_period_key, period_containing, period_fits, period_previous
from danvan.reports.permissions import form_applies_to

router = Router()


class IndicatorOut(Schema):
    code: str
    name: str
    unit_label: str
    aggregation: str = Field(description="sum, wavg (weighted average) or none")
    decimal_places: int
    is_percentage: bool
    is_computed: bool = Field(description="Filled by the system from another module: whatever is sent is ignored.")


class SectionOut(Schema):
    title: str
    kind: str = Field(description="figures or narrative")
    key: str = Field(description="For a narrative part: the key its text is sent under.")
    indicators: list[IndicatorOut]


class FormOut(Schema):
    id: int
    code: str
    version: int
    name: str
    frequency: str = Field(description="month, quarter, half, nine or year")
    cutoff_day: int = Field(description="The day figures are cut off each month; 0 for calendar months.")
    due_working_days: int
    unit_kinds: list[str] = Field(description="The kinds of unit that owe this form.")


class FormDetailOut(FormOut):
    sections: list[SectionOut]


class PeriodOut(Schema):
    key: str = Field(description="The period's identifier in every other call, e.g. quarter-2026-1.")
    label: str
    start_date: dt.date
    end_date: dt.date


class SubmissionOut(Schema):
    id: uuid.UUID
    form: int
    form_name: str
    period: str
    unit: str
    status: str = Field(description="draft, submitted, returned or approved")
    version: int = Field(description="Send it back as `version` when saving: a save from an older one is refused.")
    due_date: dt.date
    submitted_at: dt.datetime | None


class SubmissionDetailOut(SubmissionOut):
    values: dict[str, str] = Field(description="Indicator code → figure, as a decimal string.")
    narratives: dict[str, str]
    return_comment: str


class RollupRowOut(Schema):
    indicator: str
    name: str
    unit_label: str
    value: str | None = Field(description="The subtree's figure for the period (a decimal string).")
    year_to_date: str | None


class RollupOut(Schema):
    unit: str
    form: int
    period: str
    rows: list[RollupRowOut]


FormPage = page_schema(FormOut)
SubmissionPage = page_schema(SubmissionOut)


def _form_for(user, form_id: int) -> ReportForm:
    form = selectors.forms_for_user(user=user).filter(pk=form_id).first()
    if form is None:
        raise Http404
    return form


def _form_out(form: ReportForm) -> dict:
    return {
        "id": form.pk,
        "code": form.code,
        "version": form.version,
        "name": form.name,
        "frequency": form.frequency,
        "cutoff_day": form.cutoff_day,
        "due_working_days": form.due_working_days,
        "unit_kinds": list(form.unit_kinds or []),
    }


def _period_out(period) -> dict:
    return {"key": period.key, "label": period.label, "start_date": period.start_date, "end_date": period.end_date}


def _submission_out(s: Submission) -> dict:
    return {
        "id": s.public_id,
        "form": s.form_id,
        "form_name": s.form.name,
        "period": s.period.key,
        "unit": s.unit.code,
        "status": s.status,
        "version": s.version,
        "due_date": s.due_date,
        "submitted_at": s.submitted_at,
    }


def _figure(value, indicator_places: int, aggregation: str = "sum") -> str | None:
    """A figure as a decimal string with the indicator's decimal places ("3", "12.5"); averages keep two."""
    if value is None:
        return None
    places = max(indicator_places, 2) if aggregation == "wavg" else indicator_places
    return f"{value:.{places}f}"


def _submission_detail(s: Submission) -> dict:
    values = s.values.values_list("indicator__code", "value", "indicator__decimal_places")
    return {
        **_submission_out(s),
        "values": {code: _figure(v, places) for code, v, places in values},
        "narratives": dict(s.narratives.values_list("key", "text")),
        "return_comment": s.return_comment,
    }


FormId = Annotated[int, Path(..., ge=1, le=2_000_000_000)]


@router.get("/forms", response={200: FormPage, **READ_ERRORS}, summary="Biểu mẫu báo cáo")
def forms_list(request, params: Query[PageParams]):
    """Active forms the caller's units use: the national set and those defined in or above their scope."""
    forms = selectors.forms_for_user(user=request.user).distinct().order_by("name", "id")
    result = page_of_queryset(forms, params)
    result["items"] = [_form_out(f) for f in result["items"]]
    return result


@router.get("/forms/{form_id}", response={200: FormDetailOut, **READ_ERRORS}, summary="Một biểu mẫu")
def form_detail(request, form_id: FormId):
    form = _form_for(request.user, form_id)
    sections = []
    for section in form.sections.prefetch_related("items__indicator").order_by("order"):
        indicators = [item.indicator for item in sorted(section.items.all(), key=lambda i: i.order)]
        sections.append(
            {
                "title": section.title,
                "kind": section.kind,
                "key": section.key,
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "unit_label": i.unit_label,
                        "aggregation": i.aggregation,
                        "decimal_places": i.decimal_places,
                        "is_percentage": i.is_percentage,
                        "is_computed": bool(i.source),
                    }
                    for i in indicators
                ],
            }
        )
    return {**_form_out(form), "sections": sections}


@router.get("/forms/{form_id}/periods", response={200: list[PeriodOut], **READ_ERRORS}, summary="Các kỳ của biểu mẫu")
def form_periods(request, form_id: FormId, count: int = Query(4, ge=1, le=24)):
    """The current period of the form and the `count - 1` before it, newest first."""
    form = _form_for(request.user, form_id)
    periods = [period_containing(form.frequency, timezone.localdate(), form.cutoff_day)]
    while len(periods) < count:
        periods.append(period_previous(periods[-1]))
    return [_period_out(p) for p in periods]


def _period(form: ReportForm, key: str):
    period = parse_period_key(key)
    if not period_fits(form, period):
        from danvan.core.errors import ApplicationError

        raise ApplicationError(
            f"Kỳ báo cáo: biểu mẫu “{form.name}” có kỳ dạng {form.frequency}-NĂM-SỐ"
            f"{'' if form.cutoff_day == 14 else f'-c{form.cutoff_day}'}.",
            field="period",
        )
    return period


@router.get(
    "/units/{code}/submissions",
    response={200: SubmissionPage, **READ_ERRORS},
    summary="Báo cáo của một đơn vị",
)
def unit_submissions(
    request,
    params: Query[PageParams],
    code: str = Path(..., pattern=CODE_PATTERN, example="C7288-KDV"),
    form: int | None = Query(None, ge=1, le=2_000_000_000),
    status: str | None = Query(None, pattern=r"^(draft|submitted|returned|approved)$"),
):
    """The unit's reports, newest period first, optionally of one form or in one status."""
    unit = orgunit_get_for_user(user=request.user, code=code)
    qs = Submission.objects.filter(unit=unit).select_related("form", "period", "unit")
    if form is not None:
        qs = qs.filter(form_id=form)
    if status:
        qs = qs.filter(status=status)
    result = page_of_queryset(qs.order_by("-period__end_date", "form__name", "id"), params)
    result["items"] = [_submission_out(s) for s in result["items"]]
    return result


@router.get("/submissions/{public_id}", response={200: SubmissionDetailOut, **READ_ERRORS}, summary="Một báo cáo")
def submission_detail(request, public_id: str = Path(..., pattern=UUID_PATTERN)):
    submission = selectors.submission_get_for_user(user=request.user, public_id=uuid.UUID(public_id))
    return _submission_detail(submission)


@router.get("/rollup", response={200: RollupOut, **errors(400, 401, 404, 422)}, summary="Tổng hợp số liệu")
def rollup(
    request,
    form: int = Query(..., ge=1, le=2_000_000_000),
    period: str = Query(..., pattern=PERIOD_PATTERN, example="quarter-2026-1"),
    unit: str = Query(..., pattern=CODE_PATTERN, example="P24-TU"),
):
    """Each indicator of the form summed over `unit` and everything below it (submitted reports): the period and
    the year to date — the figures of the roll-up page."""
    report_form = _form_for(request.user, form)
    the_unit = orgunit_get_for_user(user=request.user, code=unit)
    the_period = _period(report_form, period)
    rows = selectors.rollup(unit=the_unit, form=report_form, period=the_period)
    return {
        "unit": the_unit.code,
        "form": report_form.pk,
        "period": the_period.key,
        "rows": [
            {
                "indicator": r.indicator.code,
                "name": r.indicator.name,
                "unit_label": r.indicator.unit_label,
                "value": _figure(r.value, r.indicator.decimal_places, r.indicator.aggregation),
                "year_to_date": _figure(r.ytd, r.indicator.decimal_places, r.indicator.aggregation),
            }
            for r in rows
        ],
    }


Narrative = text(50_000)
Figure = Annotated[str, StringConstraints(max_length=40)] | int | None


class ReportSaveIn(Schema):
    form: int = Field(..., ge=1, le=2_000_000_000)
    period: str = Field(..., pattern=PERIOD_PATTERN)
    unit: str = Field(..., pattern=CODE_PATTERN)
    values: dict[Annotated[str, StringConstraints(max_length=64)], Figure] = Field(
        default_factory=dict,
        max_length=500,
        description="Indicator code → figure: a whole number, or a string in Vietnamese (1.234,5) or plain (1234.5) "
        "form; empty or null means not reported.",
    )
    narratives: dict[Annotated[str, StringConstraints(max_length=32)], Narrative] = Field(
        default_factory=dict, max_length=50
    )
    version: int = Field(
        ..., ge=0, le=2_000_000_000, description="The report's version when read (0 if it does not exist yet)."
    )
    submit: bool = Field(False, description="Also submit it to the unit above once saved.")


@router.post(
    "/submissions",
    response={200: SubmissionDetailOut, **WRITE_ERRORS},
    summary="Lưu (và gửi) báo cáo của một đơn vị",
)
def submission_save(request, payload: ReportSaveIn):
    """Save a unit's figures and narrative parts as a draft and, with `submit`, send it to the unit above — the same
    services as the entry page. `version` must be the one read: if someone saved in between, nothing is written
    and the answer is 409 (read again, then retry). A figure that does not parse is 400 naming it in `field`."""
    report_form = _form_for(request.user, payload.form)
    unit = orgunit_get_for_user(user=request.user, code=payload.unit)
    # As on the entry page: a unit the caller only reads, or a form it does not owe, is not found for writing.
    if not can_enter_data(request.user, unit) or not form_applies_to(report_form, unit):
        raise Http404
    period = _period(report_form, payload.period)
    # Saved and submitted together or not at all: a caller that asked to submit never leaves a stray draft.
    with transaction.atomic():
        submission = _save(request, payload, report_form, period, unit)
    submission = selectors.submission_get_for_user(user=request.user, public_id=submission.public_id)
    return _submission_detail(submission)


def _save(request, payload, report_form, period, unit):
    submission = services.report_save_draft(
        actor=request.user,
        form=report_form,
        period=period,
        unit=unit,
        values={code: ("" if v is None else str(v)) for code, v in payload.values.items()},
        narratives=dict(payload.narratives),
        expected_version=payload.version,
    )
    if payload.submit:
        submission = services.report_submit(actor=request.user, submission=submission)
    return submission
