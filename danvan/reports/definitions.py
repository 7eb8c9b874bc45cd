"""Indicators and report forms that a provincial (or central) body defines for its subtree."""

from django.db import transaction

from danvan.accounts.permissions import can_edit_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.reports.models import FormItem, FormSection, Frequency, Indicator, ReportForm
from danvan.reports.periods import check_cutoff
from danvan.reports.starter import NARRATIVE

OWNER_LEVELS = {OrgUnit.Level.CENTRAL, OrgUnit.Level.PROVINCE}


def _check_owner(actor, owner: OrgUnit) -> None:
    if owner.level not in OWNER_LEVELS:
        raise ApplicationError("Đơn vị: chỉ cấp tỉnh hoặc Trung ương xây dựng chỉ tiêu, biểu mẫu.", field="owner")
    if not can_edit_unit(actor, owner):
        raise ApplicationError("Đơn vị: đồng chí không có quyền xây dựng biểu mẫu cho đơn vị này.", field="owner")


def indicator_create(
    *,
    actor,
    owner: OrgUnit,
    code: str,
    name: str,
    unit_label: str,
    aggregation: str,
    weight: Indicator | None,
    is_percentage: bool,
    decimal_places: int,
    source: str = "",
) -> Indicator:
    from danvan.reports.sources import SOURCES

    _check_owner(actor, owner)
    if source and source not in SOURCES:
        raise ApplicationError(f"Nguồn số liệu: “{source}” không có; hãy chọn trong danh sách.", field="source")
    code, name, unit_label = (code or "").strip().lower(), " ".join((name or "").split()), (unit_label or "").strip()
    if Indicator.objects.filter(code=code).exists():
        raise ApplicationError(f"Mã chỉ tiêu: “{code}” đã có; hãy chọn mã khác.", field="code")
    if aggregation == Indicator.Aggregation.WEIGHTED_AVERAGE and weight is None:
        raise ApplicationError("Chỉ tiêu trọng số: bắt buộc khi tổng hợp theo bình quân gia quyền.", field="weight")
    if aggregation != Indicator.Aggregation.WEIGHTED_AVERAGE:
        weight = None
    if is_percentage and aggregation == Indicator.Aggregation.SUM:
        raise ApplicationError(
            "Cách tổng hợp: không cộng dồn tỷ lệ %; chọn bình quân gia quyền hoặc không tổng hợp.", field="aggregation"
        )
    with transaction.atomic():
        indicator = Indicator.objects.create(
            code=code,
            name=name,
            unit_label=unit_label,
            aggregation=aggregation,
            weight=weight,
            is_percentage=is_percentage,
            decimal_places=decimal_places,
            owner=owner,
            source=source,
        )
        audit_record(
            actor=actor,
            action=Action.INDICATOR_CREATED,
            unit=owner,
            target=indicator,
            after={"code": code, "name": name, "aggregation": aggregation, "source": source},
        )
    return indicator


def reportform_create(
    *,
    actor,
    owner: OrgUnit,
    code: str,
    name: str,
    frequency: str,
    unit_kinds: list[str],
    due_working_days: int,
    indicators: list[Indicator],
    narrative_keys: list[str],
    cutoff_day: int = 14,
) -> ReportForm:
    """A new form (version 1) due from units of `unit_kinds` under `owner`: one figures section, then the
    chosen narrative parts."""
    _check_owner(actor, owner)
    code, name = (code or "").strip().lower(), " ".join((name or "").split())
    check_cutoff(cutoff_day)
    if frequency not in Frequency.values:
        raise ApplicationError("Tần suất: hãy chọn trong danh sách.", field="frequency")
    if not unit_kinds or set(unit_kinds) - set(OrgUnit.Kind.values):
        raise ApplicationError("Đơn vị báo cáo: chọn ít nhất một loại đơn vị.", field="unit_kinds")
    if not indicators:
        raise ApplicationError("Chỉ tiêu: chọn ít nhất một chỉ tiêu.", field="indicators")
    if ReportForm.objects.filter(code=code).exists():
        raise ApplicationError(f"Mã biểu mẫu: “{code}” đã có; hãy chọn mã khác.", field="code")
    titles = dict(NARRATIVE)
    with transaction.atomic():
        form = ReportForm.objects.create(
            code=code,
            name=name,
            frequency=frequency,
            owner=owner,
            scope=owner,
            unit_kinds=sorted(set(unit_kinds)),
            due_working_days=due_working_days,
            cutoff_day=cutoff_day,
        )
        figures = FormSection.objects.create(form=form, order=1, title="Số liệu", kind=FormSection.Kind.FIGURES)
        FormItem.objects.bulk_create(
            [FormItem(section=figures, indicator=indicator, order=i) for i, indicator in enumerate(indicators, 1)]
        )
        for order, key in enumerate([k for k, _t in NARRATIVE if k in narrative_keys], start=2):
            FormSection.objects.create(
                form=form, order=order, title=titles[key], kind=FormSection.Kind.NARRATIVE, key=key
            )
        audit_record(
            actor=actor,
            action=Action.REPORT_FORM_CREATED,
            unit=owner,
            target=form,
            after={
                "code": code,
                "name": name,
                "frequency": frequency,
                "unit_kinds": form.unit_kinds,
                "indicators": [i.code for i in indicators],
            },
        )
    return form
