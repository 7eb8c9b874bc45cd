"""Prolonged complex cases (vụ việc phức tạp, kéo dài)."""

import datetime as dt

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit
from danvan.petitions import permissions as perms
from danvan.petitions.models import (
    Case,
    CaseEvent,
    CaseMember,
    Petition,
)

Status = Petition.Status


# --- Prolonged complex cases --------------------------------------------------------------------------------


def case_open(*, actor, unit: OrgUnit, title: str, opened_on: dt.date, summary: str = "") -> Case:
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền mở vụ việc cho đơn vị này.", code="forbidden")
    title = " ".join((title or "").split())
    if not title:
        raise ApplicationError("Tên vụ việc: bắt buộc.", field="title")
    if opened_on is None:
        raise ApplicationError("Ngày mở: bắt buộc (dd/mm/yyyy).", field="opened_on")
    with transaction.atomic():
        case = Case.objects.create(
            code=next_in_sequence(prefix="VV", year=opened_on.year),
            unit=unit,
            title=title[:255],
            summary=(summary or "").strip(),
            opened_on=opened_on,
            created_by=actor,
        )
        audit_record(actor=actor, action=Action.CASE_OPENED, unit=unit, target=case, after={"title": case.title})
    return case


def _check_case(actor, case):
    if not perms.can_edit_unit(actor, case.unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật vụ việc này.", code="forbidden")


def case_add_petition(*, actor, case: Case, petition: Petition) -> Case:
    """Gather a petition into the case; it is flagged phức tạp kéo dài."""
    _check_case(actor, case)
    if not perms.can_view_petition(actor, petition):
        raise ApplicationError("Đơn: không tìm thấy đơn này.", field="petition")
    with transaction.atomic():
        Petition.objects.filter(pk=petition.pk).update(case=case, is_complex=True)
        audit_record(
            actor=actor, action=Action.CASE_UPDATED, unit=case.unit, target=case, after={"petition": petition.code}
        )
    return case


def case_add_member(*, actor, case: Case, full_name: str, role: str, unit: OrgUnit | None = None) -> CaseMember:
    _check_case(actor, case)
    full_name = " ".join((full_name or "").split())
    role = " ".join((role or "").split())
    if not full_name:
        raise ApplicationError("Họ và tên thành viên: bắt buộc.", field="full_name")
    if not role:
        raise ApplicationError("Vai trò trong tổ công tác: bắt buộc, ví dụ “Tổ trưởng”.", field="role")
    with transaction.atomic():
        member = CaseMember.objects.create(case=case, full_name=full_name, role=role, unit=unit)
        audit_record(
            actor=actor,
            action=Action.CASE_UPDATED,
            unit=case.unit,
            target=case,
            after={"member": full_name, "role": role},
        )
    return member


def case_add_event(*, actor, case: Case, on: dt.date, kind: str, summary: str, status_after: str = "") -> CaseEvent:
    """Add a meeting, dialogue or decision to the timeline; a review also sets the case's status."""
    _check_case(actor, case)
    summary = (summary or "").strip()
    if on is None:
        raise ApplicationError("Ngày: bắt buộc (dd/mm/yyyy).", field="on")
    if kind not in CaseEvent.Kind.values:
        raise ApplicationError("Loại sự kiện: hãy chọn trong danh sách.", field="kind")
    if not summary:
        raise ApplicationError("Nội dung: bắt buộc.", field="summary")
    if kind == CaseEvent.Kind.REVIEW and status_after not in Case.Status.values:
        raise ApplicationError("Đánh giá tại giao ban: hãy chọn tình trạng của vụ việc.", field="status_after")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = {"status": case.status}
        event = CaseEvent.objects.create(
            case=case, on=on, kind=kind, summary=summary, status_after=status_after or "", actor=actor
        )
        if status_after:
            case.status = status_after
        if kind == CaseEvent.Kind.REVIEW:
            case.last_reviewed_on = on
        case.save(update_fields=["status", "last_reviewed_on"])
        audit_record(
            actor=actor,
            action=Action.CASE_UPDATED,
            unit=case.unit,
            target=case,
            before=before,
            after={"status": case.status, "event": kind},
        )
    return event
