"""Inspections of how grassroots democracy is carried out, by the level above."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.democracy.models import (
    Base,
    Inspection,
    InspectionResult,
)
from danvan.democracy.services.common import (
    _forbidden,
)
from danvan.organisations.models import OrgUnit


def inspection_plan(
    *,
    actor,
    unit: OrgUnit,
    title: str,
    planned_from: dt.date | None,
    planned_to: dt.date | None,
    bases: list[Base],
    reinspection_of: Inspection | None = None,
) -> Inspection:
    """Plan an inspection by `unit` of bases below it. A Party committee's Ban Tuyên giáo và Dân vận (or Ban Dân
    vận) inspects for its committee (seed 002): the bases below that committee."""
    from danvan.accounts.permissions import assignment_scope, can_edit_unit
    from danvan.organisations.selectors import orgunit_is_within

    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đơn vị kiểm tra: đồng chí không có quyền với đơn vị này.", field="unit")
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError("Tên đợt kiểm tra: bắt buộc.", field="title")
    if planned_from is None or planned_to is None:
        raise ApplicationError("Thời gian kiểm tra: nhập cả từ ngày và đến ngày (dd/mm/yyyy).", field="planned_to")
    if planned_to < planned_from:
        raise ApplicationError(
            f"Đến ngày: không được trước ngày bắt đầu ({planned_from:%d/%m/%Y}).", field="planned_to"
        )
    if not bases:
        raise ApplicationError("Cơ sở được kiểm tra: hãy chọn ít nhất một cơ sở.", field="bases")
    # The same scope as the remedies' tasks (`task_assign`): the unit's subtree, or its committee's for a board.
    scope = assignment_scope(unit)
    outside = [b.name for b in bases if b.unit_id == scope.pk or not orgunit_is_within(b.unit, scope)]
    if outside:
        raise ApplicationError(
            f"Cơ sở được kiểm tra: {', '.join(outside)} không thuộc cấp dưới của {scope.name}.", field="bases"
        )
    with transaction.atomic():
        inspection = Inspection.objects.create(
            unit=unit,
            title=title,
            planned_from=planned_from,
            planned_to=planned_to,
            reinspection_of=reinspection_of,
            created_by=actor,
        )
        inspection.bases.set(bases)
        audit_record(
            actor=actor,
            action=Action.INSPECTION_PLANNED,
            unit=unit,
            target=inspection,
            after={"title": title, "bases": [b.name for b in bases]},
        )
    return inspection


def inspection_result_record(
    *,
    actor,
    inspection: Inspection,
    base: Base | None,
    inspected_on: dt.date | None,
    findings: str,
    remedy: str = "",
    remedy_deadline: dt.date | None = None,
    today=None,
) -> InspectionResult:
    """Record what the inspection found at one base; a required remedy becomes a task of the base's unit, assigned
    by the inspecting unit, followed like any other task."""
    from danvan.accounts.permissions import can_edit_unit
    from danvan.workplans.services import task_assign

    today = today or timezone.localdate()
    if not can_edit_unit(actor, inspection.unit):
        raise _forbidden("đợt kiểm tra này")
    if base is None or not inspection.bases.filter(pk=base.pk).exists():
        raise ApplicationError("Cơ sở: hãy chọn một cơ sở trong danh sách của đợt kiểm tra.", field="base")
    if inspected_on is None or inspected_on > today:
        raise ApplicationError("Ngày kiểm tra: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="inspected_on")
    findings = (findings or "").strip()
    if not findings:
        raise ApplicationError("Kết quả kiểm tra: bắt buộc.", field="findings")
    remedy = (remedy or "").strip()
    if remedy and remedy_deadline is None:
        raise ApplicationError(
            "Thời hạn khắc phục: bắt buộc khi có yêu cầu khắc phục (dd/mm/yyyy).", field="remedy_deadline"
        )
    if remedy_deadline is not None and remedy_deadline < inspected_on:
        raise ApplicationError(
            f"Thời hạn khắc phục: không được trước ngày kiểm tra ({inspected_on:%d/%m/%Y}).", field="remedy_deadline"
        )
    if InspectionResult.objects.filter(inspection=inspection, base=base).exists():
        raise ApplicationError(f"Cơ sở: đã nhập kết quả kiểm tra {base.name} trong đợt này.", field="base")
    with transaction.atomic():
        task = None
        if remedy:
            task = task_assign(
                actor=actor,
                assigned_by=inspection.unit,
                assignee=base.unit,
                title=f"Khắc phục sau kiểm tra thực hiện dân chủ ở cơ sở: {remedy}"[:255],
                deadline=remedy_deadline,
                expected_output="Báo cáo kết quả khắc phục",
            )
        result = InspectionResult.objects.create(
            inspection=inspection,
            base=base,
            inspected_on=inspected_on,
            findings=findings,
            remedy=remedy,
            remedy_deadline=remedy_deadline,
            task=task,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.INSPECTION_RESULT_RECORDED,
            unit=inspection.unit,
            target=inspection,
            after={"base": base.name, "remedy": remedy, "task": task.pk if task else None},
        )
    return result


def inspection_reinspect(*, actor, inspection: Inspection, planned_from, planned_to) -> Inspection:
    """A re-inspection of the bases that were asked for a remedy."""
    bases = list(Base.objects.filter(inspection_results__inspection=inspection).exclude(inspection_results__remedy=""))
    if not bases:
        raise ApplicationError("Tái kiểm tra: không có cơ sở nào phải khắc phục trong đợt này.", field="planned_from")
    return inspection_plan(
        actor=actor,
        unit=inspection.unit,
        title=f"Tái kiểm tra: {inspection.title}",
        planned_from=planned_from,
        planned_to=planned_to,
        bases=bases,
        reinspection_of=inspection,
    )
