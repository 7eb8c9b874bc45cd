"""Writes on reports: save a draft, submit, approve, return, remind. One transaction and one audit event each."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.permissions import can_enter_data
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.reports.models import (
    DataValue,
    FormItem,
    Indicator,
    NarrativeEntry,
    Notice,
    ReportForm,
    ReportingPeriod,
    Submission,
)
from danvan.reports.periods import report_due_date
from danvan.reports.permissions import can_decide_submission, form_applies_to
from danvan.reports.rollups import rollups_apply
from danvan.reports.sources import computed_values
from danvan.reports.values import parse_value


def form_indicators(form: ReportForm) -> list[Indicator]:
    items = FormItem.objects.filter(section__form=form).select_related("indicator__weight")
    return [item.indicator for item in items.order_by("section__order", "order")]


def form_narrative_keys(form: ReportForm) -> list[str]:
    return list(form.sections.filter(kind="narrative").order_by("order").values_list("key", flat=True))


def _validate_values(indicators: list[Indicator], raw_values: dict[str, object]) -> dict[int, Decimal]:
    """Parse every figure of the form's `indicators`; list every problem by indicator; raise once with all."""
    indicators = {i.code: i for i in indicators}
    by_code, parsed = {}, {}
    for code, raw in raw_values.items():
        indicator = indicators.get(code)
        if indicator is None:
            by_code[code] = f"Chỉ tiêu “{code}” không có trong biểu mẫu này."
            continue
        value, error = parse_value(raw, indicator)
        if error:
            by_code[code] = f"{indicator.name}: {error}."
        elif value is not None:
            parsed[indicator.pk] = value
    if by_code:
        raise ApplicationError(
            f"Chưa lưu gì: {len(by_code)} ô không hợp lệ, xem các ô được đánh dấu.",
            field="values",
            code="invalid_values",
            extra={"by_code": by_code, "errors": list(by_code.values())},
        )
    return parsed


def report_save_draft(
    *,
    actor,
    form: ReportForm,
    period: ReportingPeriod,
    unit: OrgUnit,
    values: dict[str, object],
    narratives: dict[str, str],
    expected_version: int,
) -> Submission:
    """Create or update a unit's report as a draft.

    `expected_version` is the version the person started editing (0 for a new report): if someone else saved
    in between, nothing is written and the person is told, instead of silently overwriting.
    """
    if not can_enter_data(actor, unit):
        raise ApplicationError("Đồng chí không có quyền nhập báo cáo cho đơn vị này.", code="forbidden")
    if not form_applies_to(form, unit):
        raise ApplicationError("Biểu mẫu này không giao cho đơn vị này.", field="form")
    if period.frequency != form.frequency:
        raise ApplicationError(
            f"Kỳ báo cáo: biểu mẫu “{form.name}” báo cáo theo kỳ {form.get_frequency_display().lower()}, "
            f"không theo kỳ “{period.label}”.",
            field="period",
        )
    if period.cutoff_day != form.cutoff_day:
        raise ApplicationError(
            f"Kỳ báo cáo: biểu mẫu “{form.name}” chốt số liệu ngày {form.cutoff_day or 'cuối tháng'}, "
            f"kỳ đã chọn chốt ngày {period.cutoff_day or 'cuối tháng'}.",
            field="period",
        )
    # Figures another module already knows (e.g. "Dân vận khéo" models) are computed, never typed: whatever
    # was entered or uploaded for them is ignored.
    indicators = form_indicators(form)
    computed = computed_values(indicators=indicators, unit=unit, period=period)
    parsed = _validate_values(indicators, {code: raw for code, raw in values.items() if code not in computed})
    pk_by_code = {indicator.code: indicator.pk for indicator in indicators}
    parsed.update({pk_by_code[code]: value for code, value in computed.items()})
    keys = set(form_narrative_keys(form))
    unknown = set(narratives) - keys
    if unknown:
        raise ApplicationError(f"Phần viết “{', '.join(sorted(unknown))}” không có trong biểu mẫu.", field="narratives")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(form=form, period=period, unit=unit).first()
        if submission is None:
            if expected_version != 0:
                raise ApplicationError("Báo cáo đã bị xóa hoặc chưa từng được lưu; hãy tải lại trang.", code="conflict")
            submission = Submission.objects.create(
                form=form,
                period=period,
                unit=unit,
                updated_by=actor,
                due_date=report_due_date(period.end_date, form.due_working_days),
            )
            before = None
        else:
            if submission.version != expected_version:
                who = submission.updated_by.get_full_name() if submission.updated_by else "người khác"
                when = timezone.localtime(submission.updated_at).strftime("%H:%M %d/%m/%Y")
                raise ApplicationError(
                    f"Báo cáo vừa được {who} lưu lúc {when}. Chưa lưu thay đổi của bạn: hãy tải lại trang, "
                    f"xem số liệu mới rồi nhập lại.",
                    code="conflict",
                )
            if not submission.is_editable:
                raise ApplicationError(
                    f"Báo cáo đang ở trạng thái “{submission.get_status_display()}”, không sửa được.",
                    code="not_editable",
                )
            before = {"version": submission.version, "values": _values_snapshot(submission)}
            submission.version += 1
            submission.updated_by = actor
            submission.save(update_fields=["version", "updated_by", "updated_at"])
        submission.values.exclude(indicator_id__in=parsed).delete()
        existing = {v.indicator_id: v for v in submission.values.all()}
        DataValue.objects.bulk_create(
            [
                DataValue(submission=submission, indicator_id=i, period=period, unit=unit, value=v)
                for i, v in parsed.items()
                if i not in existing
            ]
        )
        changed = [v for i, v in existing.items() if v.value != parsed[i]]
        for v in changed:
            v.value = parsed[v.indicator_id]
        DataValue.objects.bulk_update(changed, ["value"])
        for key in keys:
            NarrativeEntry.objects.update_or_create(
                submission=submission, key=key, defaults={"text": (narratives.get(key) or "").strip()}
            )
        audit_record(
            actor=actor,
            action=Action.REPORT_SAVED,
            unit=unit,
            target=submission,
            before=before,
            after={"version": submission.version, "values": _values_snapshot(submission)},
        )
    return submission


def _values_snapshot(submission: Submission) -> dict[str, str]:
    return {code: str(value) for code, value in submission.values.values_list("indicator__code", "value")}


def report_submit(*, actor, submission: Submission) -> Submission:
    if not can_enter_data(actor, submission.unit):
        raise ApplicationError("Đồng chí không có quyền gửi báo cáo của đơn vị này.", code="forbidden")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status == Submission.Status.APPROVED:
            raise ApplicationError("Báo cáo đã được duyệt; không gửi lại được.", code="not_editable")
        if submission.status == Submission.Status.SUBMITTED:
            raise ApplicationError("Báo cáo đã được gửi và đang chờ duyệt.", code="not_editable")
        submission.status = Submission.Status.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.submitted_by = actor
        submission.version += 1
        submission.save(update_fields=["status", "submitted_at", "submitted_by", "version", "updated_at"])
        submission.values.update(is_final=True)
        rollups_apply(submission=submission, sign=+1)
        audit_record(
            actor=actor,
            action=Action.REPORT_SUBMITTED,
            unit=submission.unit,
            target=submission,
            after={"on_time": submission.is_on_time, "due_date": submission.due_date.isoformat()},
        )
    return submission


def report_approve(*, actor, submission: Submission) -> Submission:
    return _decide(actor=actor, submission=submission, approve=True, comment="")


def report_return(*, actor, submission: Submission, comment: str) -> Submission:
    comment = (comment or "").strip()
    if not comment:
        raise ApplicationError("Ý kiến: hãy ghi lý do trả lại để đơn vị sửa.", field="comment")
    return _decide(actor=actor, submission=submission, approve=False, comment=comment)


def _decide(*, actor, submission: Submission, approve: bool, comment: str) -> Submission:
    if not can_decide_submission(actor, submission):
        raise ApplicationError("Chỉ lãnh đạo đơn vị cấp trên duyệt hoặc trả lại báo cáo này.", code="forbidden")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Submission.Status.SUBMITTED:
            raise ApplicationError(
                f"Báo cáo đang ở trạng thái “{submission.get_status_display()}”; chỉ duyệt hoặc trả lại báo cáo "
                f"đã gửi.",
                code="not_submitted",
            )
        submission.status = Submission.Status.APPROVED if approve else Submission.Status.RETURNED
        submission.decided_at = timezone.now()
        submission.decided_by = actor
        submission.return_comment = comment
        submission.version += 1
        submission.save(update_fields=["status", "decided_at", "decided_by", "return_comment", "version", "updated_at"])
        # A returned report is a draft again: its figures leave the roll-up until it is sent back.
        if not approve:
            submission.values.update(is_final=False)
            rollups_apply(submission=submission, sign=-1)
        audit_record(
            actor=actor,
            action=Action.REPORT_APPROVED if approve else Action.REPORT_RETURNED,
            unit=submission.unit,
            target=submission,
            after={"comment": comment} if comment else None,
        )
    return submission


def report_remind(
    *, actor, form: ReportForm, period: ReportingPeriod, units: list[OrgUnit], system_label: str = ""
) -> int:
    """Leave an in-app notice for each unit that has not submitted; e-mail its accounts in a background task
    after commit. `actor` is None for the daily scheduled reminder (`system_label` then names it)."""
    from danvan.reports.tasks import report_reminder_emails_send

    if not units:
        return 0
    text = f"Nhắc gửi báo cáo “{form.name}” {period.label}."
    with transaction.atomic():
        Notice.objects.bulk_create(
            [
                Notice(
                    unit=u,
                    text=text,
                    link=reverse("reports:entry", args=[form.pk, period.key, u.code]),
                    created_by=actor,
                )
                for u in units
            ]
        )
        audit_record(
            actor=actor,
            action=Action.REPORT_REMINDED,
            details={
                "form": form.code,
                "period": period.label,
                "units": [u.code for u in units][:500],
                "count": len(units),
            },
            system_label=system_label,
        )
        unit_ids = [u.pk for u in units]
        transaction.on_commit(lambda: report_reminder_emails_send.enqueue(unit_ids=unit_ids, text=text))
    return len(units)


# A report still missing (or a draft, or returned and not sent back) after its deadline is overdue.
OVERDUE_STATUSES = ("missing", Submission.Status.DRAFT, Submission.Status.RETURNED)


def reports_overdue_remind(*, today) -> int:
    """The daily reminder: for every active form, the units that owe the last ended period's report and are past
    its deadline get a notice and an e-mail. Returns the number of units reminded. Run once a day by the
    scheduler (`run_scheduled`), which makes sure a day is not reminded twice."""
    from danvan.reports.periods import period_containing, period_previous
    from danvan.reports.selectors import completeness

    root = OrgUnit.objects.filter(parent__isnull=True).first()
    reminded = 0
    for form in ReportForm.objects.filter(is_active=True).select_related("scope").order_by("pk"):
        period = period_previous(period_containing(form.frequency, today, form.cutoff_day))
        if today <= report_due_date(period.end_date, form.due_working_days):
            continue
        behind = [
            row.unit_id
            for row in completeness(unit=form.scope or root, form=form, period=period)
            if row.status in OVERDUE_STATUSES
        ]
        units = list(OrgUnit.objects.filter(pk__in=behind).only("pk", "code").order_by("pk"))
        reminded += report_remind(
            actor=None, form=form, period=period, units=units, system_label="nhắc báo cáo quá hạn hằng ngày"
        )
    return reminded
