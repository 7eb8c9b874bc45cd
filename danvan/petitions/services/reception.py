"""Citizen reception: duty holders and reception sessions."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.corrections import clean_reason, record_correct
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions import permissions as perms
from danvan.petitions.models import (
    Petition,
    PetitionField,
    PetitionHandler,
    ReceptionDuty,
    ReceptionDutyRule,
    ReceptionSession,
)
from danvan.petitions.services.intake import _create_petition
from danvan.petitions.services.people import _clean_people

Status = Petition.Status


# --- Citizen reception ------------------------------------------------------------------------------------


def reception_duty_set(*, actor, unit: OrgUnit, holder_name: str, position: str, user=None) -> ReceptionDuty:
    """Record that a leader of `unit` must receive citizens, at the frequency of `position`'s rule."""
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật lịch tiếp dân của đơn vị này.", code="forbidden")
    holder_name = " ".join((holder_name or "").split())
    if not holder_name:
        raise ApplicationError("Người tiếp dân: bắt buộc, hãy nhập họ tên.", field="holder_name")
    if not ReceptionDutyRule.objects.filter(position=position).exists():
        raise ApplicationError("Chức danh: hãy chọn một chức danh trong danh sách.", field="position")
    with transaction.atomic():
        duty = ReceptionDuty.objects.create(unit=unit, holder_name=holder_name, position=position, user=user)
        audit_record(
            actor=actor,
            action=Action.RECEPTION_DUTY_SET,
            unit=unit,
            target=duty,
            after={"holder": holder_name, "position": position},
        )
    return duty


def _check_session(*, held_on, leader_name, content, field, kind, citizen_kind, citizen_count, today) -> None:
    """What a reception session must hold, when it is recorded and when it is corrected."""
    if held_on is None:
        raise ApplicationError("Ngày tiếp: bắt buộc (dd/mm/yyyy).", field="held_on")
    if held_on > today:
        raise ApplicationError("Ngày tiếp: không được sau hôm nay.", field="held_on")
    if not leader_name:
        raise ApplicationError("Người tiếp: bắt buộc, ghi lãnh đạo tiếp hoặc người được ủy quyền.", field="leader_name")
    if not content:
        raise ApplicationError("Nội dung: bắt buộc.", field="content")
    if field is None:
        raise ApplicationError("Lĩnh vực: hãy chọn một lĩnh vực trong danh sách.", field="field")
    if kind not in ReceptionSession.Kind.values:
        raise ApplicationError("Hình thức: định kỳ hoặc đột xuất.", field="kind")
    if citizen_kind not in Petition.PetitionerKind.values:
        raise ApplicationError("Công dân: một người hoặc đoàn đông người.", field="citizen_kind")
    if (citizen_count or 0) < (2 if citizen_kind == Petition.PetitionerKind.GROUP else 1):
        raise ApplicationError("Số người: đoàn đông người phải có từ 2 người trở lên.", field="citizen_count")


def reception_session_record(
    *,
    actor,
    unit: OrgUnit,
    held_on: dt.date | None,
    leader_name: str,
    content: str,
    field: PetitionField | None,
    kind: str = ReceptionSession.Kind.PERIODIC,
    duty: ReceptionDuty | None = None,
    is_delegated: bool = False,
    citizen_kind: str = Petition.PetitionerKind.PERSON,
    citizen_count: int = 1,
    citizens: list[dict] | None = None,
    result: str = "",
    create_petition: bool = False,
    category: str = Petition.Category.PROPOSAL,
    today: dt.date | None = None,
) -> ReceptionSession:
    """Record a reception session; with `create_petition` the same citizens and content become a petition."""
    today = today or timezone.localdate()
    if not perms.can_receive_for(actor, unit):
        raise ApplicationError(
            "Đồng chí không có quyền ghi sổ tiếp dân cho đơn vị này.", code="forbidden", field="unit"
        )
    leader_name = " ".join((leader_name or "").split())
    content = (content or "").strip()
    _check_session(
        held_on=held_on,
        leader_name=leader_name,
        content=content,
        field=field,
        kind=kind,
        citizen_kind=citizen_kind,
        citizen_count=citizen_count,
        today=today,
    )
    if duty is not None and duty.unit_id != unit.pk:
        raise ApplicationError("Lịch tiếp dân: không thuộc đơn vị này.", field="duty")
    group = citizen_kind == Petition.PetitionerKind.GROUP
    people = _clean_people(citizens or [], anonymous=False, group=group)
    if create_petition and category not in Petition.Category.values:
        raise ApplicationError("Loại đơn: hãy chọn trong danh sách.", field="category")
    with transaction.atomic():
        petition = None
        if create_petition:
            petition = _create_petition(
                actor=actor,
                unit=unit,
                people=people,
                source=Petition.Source.RECEPTION,
                category=category,
                field=field,
                content=content,
                received_on=held_on,
                petitioner_kind=citizen_kind,
                group_size=citizen_count if group else 1,
            )
            if perms.may_handle(actor, unit):
                PetitionHandler.objects.create(petition=petition, user=actor, assigned_by=actor)
        session = ReceptionSession.objects.create(
            unit=unit,
            held_on=held_on,
            duty=duty,
            leader_name=leader_name,
            is_delegated=is_delegated,
            kind=kind,
            citizen_kind=citizen_kind,
            citizen_count=citizen_count,
            # A denouncer's name stays out of the open session record.
            citizens=""
            if category == Petition.Category.DENUNCIATION and create_petition
            else "; ".join(p["full_name"] for p in people),
            content=content,
            field=field,
            result=(result or "").strip(),
            petition=petition,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.RECEPTION_SESSION_RECORDED,
            unit=unit,
            target=session,
            after={"held_on": held_on.isoformat(), "kind": kind, "petition": petition.code if petition else None},
        )
    return session


def reception_session_correct(
    *,
    actor,
    session: ReceptionSession,
    reason: str,
    held_on: dt.date | None,
    leader_name: str,
    content: str,
    field: PetitionField | None,
    kind: str,
    citizen_kind: str,
    citizen_count: int,
    is_delegated: bool = False,
    result: str = "",
    expected_version: str | None = None,
    today: dt.date | None = None,
) -> ReceptionSession:
    """Correct a session of the reception register. The petition made from it, if any, is corrected on its own
    page; the citizens' names stay as recorded (a denouncer's never were)."""
    today = today or timezone.localdate()
    if not perms.can_receive_for(actor, session.unit):
        raise ApplicationError("Đồng chí không có quyền sửa sổ tiếp dân của đơn vị này.", code="forbidden")
    reason = clean_reason(reason, example="ghi nhầm ngày tiếp")
    values = {
        "held_on": held_on,
        "leader_name": " ".join((leader_name or "").split()),
        "is_delegated": bool(is_delegated),
        "kind": kind,
        "citizen_kind": citizen_kind,
        "citizen_count": citizen_count,
        "field": field,
        "content": (content or "").strip(),
        "result": (result or "").strip(),
    }
    _check_session(**{k: v for k, v in values.items() if k not in ("is_delegated", "result")}, today=today)
    return record_correct(
        actor=actor,
        record=session,
        values=values,
        reason=reason,
        what="Buổi tiếp dân này",
        action=Action.RECEPTION_SESSION_CORRECTED,
        unit=session.unit,
        expected_version=expected_version,
    )
