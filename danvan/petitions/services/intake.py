"""Petitions: intake and the steps of their life (process, accept, resolve, extend, decide, enforce, close, withdraw)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.sequences import next_in_sequence
from danvan.core.text import fold
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.petitions import permissions as perms
from danvan.petitions.deadlines import deadline_for
from danvan.petitions.models import (
    ConfidentialIdentity,
    Petition,
    Petitioner,
    PetitionEvent,
    PetitionField,
    PetitionHandler,
    Procedure,
    Step,
)
from danvan.petitions.services.people import _clean_people, clean_phone

Status = Petition.Status


# --- Petitions ----------------------------------------------------------------------------------------


def _next_code(year: int) -> str:
    return next_in_sequence(prefix="DT", year=year)


def _first_step(petition: Petition) -> tuple[str, str]:
    if petition.is_denunciation:
        return Procedure.DENUNCIATION, Step.INITIAL_HANDLING
    return Procedure.HANDLING, Step.PROCESS


def _set_deadline(petition: Petition, procedure: str | None, step: str | None, start: dt.date | None) -> None:
    if procedure is None:
        petition.current_step, petition.due_on, petition.deadline_basis = "", None, ""
        return
    deadline = deadline_for(
        procedure,
        step,
        start,
        complex=petition.is_complex,
        remote=petition.is_remote_area,
        extensions=petition.extensions,
    )
    petition.current_step, petition.due_on, petition.deadline_basis = step, deadline.due, deadline.basis


def _create_petition(*, actor, unit, people, transferred_from=None, **data) -> Petition:
    people = list(people)
    province_id = (
        OrgUnitClosure.objects.filter(descendant=unit, ancestor__depth=1).values_list("ancestor_id", flat=True).first()
    )
    petition = Petition(unit=unit, province_id=province_id, created_by=actor, transferred_from=transferred_from, **data)
    petition.content_folded = fold(petition.content)
    petition.code = _next_code(petition.received_on.year)
    _set_deadline(petition, *_first_step(petition), petition.received_on)
    petition.save()
    # A denouncer's identity goes to its own table, never to Petitioner.
    model = ConfidentialIdentity if petition.is_denunciation else Petitioner
    model.objects.bulk_create([model(petition=petition, **p) for p in people])
    PetitionEvent.objects.create(
        petition=petition,
        on=petition.received_on,
        actor=actor,
        status_to=petition.status,
        due_on=petition.due_on,
        note=f"Chuyển đến từ {transferred_from.code}" if transferred_from else "",
    )
    return petition


PUBLIC_FIELDS = ["unit", "source", "category", "field", "received_on", "status", "due_on"]


def petition_receive(
    *,
    actor,
    unit: OrgUnit,
    source: str,
    category: str,
    field: PetitionField | None,
    content: str,
    received_on: dt.date | None,
    petitioners: list[dict],
    petitioner_kind: str = Petition.PetitionerKind.PERSON,
    group_size: int = 1,
    respondent: str = "",
    is_anonymous: bool = False,
    is_ineligible: bool = False,
    is_over_level: bool = False,
    is_complex: bool = False,
    is_remote_area: bool = False,
    repeat_of: Petition | None = None,
    repeat_checked: bool = False,
    today: dt.date | None = None,
) -> Petition:
    """Record a petition received by `unit`; its first deadline (xử lý đơn, or xử lý ban đầu for tố cáo) is set."""
    today = today or timezone.localdate()
    if not perms.can_receive_for(actor, unit):
        raise ApplicationError("Đồng chí không có quyền tiếp nhận đơn cho đơn vị này.", code="forbidden", field="unit")
    if source not in Petition.Source.values:
        raise ApplicationError("Nguồn đơn: hãy chọn một nguồn trong danh sách.", field="source")
    if category not in Petition.Category.values:
        raise ApplicationError(
            "Loại đơn: hãy chọn khiếu nại, tố cáo, kiến nghị/phản ánh, nhiều nội dung hoặc khác.", field="category"
        )
    if field is None or not field.is_active:
        raise ApplicationError("Lĩnh vực: hãy chọn một lĩnh vực trong danh sách.", field="field")
    content = (content or "").strip()
    if not content:
        raise ApplicationError("Nội dung đơn: bắt buộc, hãy tóm tắt nội dung.", field="content")
    if received_on is None:
        raise ApplicationError("Ngày nhận đơn: bắt buộc (dd/mm/yyyy).", field="received_on")
    if received_on > today:
        raise ApplicationError("Ngày nhận đơn: không được sau hôm nay.", field="received_on")
    group = petitioner_kind == Petition.PetitionerKind.GROUP
    if group and (group_size or 0) < 2:
        raise ApplicationError("Số người: đơn tập thể phải có từ 2 người trở lên.", field="group_size")
    people = _clean_people(petitioners, anonymous=is_anonymous, group=group)
    if repeat_of is not None and not perms.can_view_petition(actor, repeat_of):
        raise ApplicationError("Đơn trước: không tìm thấy đơn này.", field="repeat_decision")
    with transaction.atomic():
        petition = _create_petition(
            actor=actor,
            unit=unit,
            people=people,
            source=source,
            category=category,
            field=field,
            content=content,
            received_on=received_on,
            petitioner_kind=petitioner_kind,
            group_size=group_size if group else 1,
            respondent=" ".join((respondent or "").split())[:255],
            is_anonymous=is_anonymous,
            is_ineligible=is_ineligible,
            is_over_level=is_over_level,
            is_complex=is_complex,
            is_remote_area=is_remote_area,
            repeat_of=repeat_of,
            repeat_checked=repeat_checked or repeat_of is not None,
        )
        # The officer who takes the petition in handles it until someone else is assigned.
        if perms.may_handle(actor, unit):
            PetitionHandler.objects.create(petition=petition, user=actor, assigned_by=actor)
        # The audit row names the petition, never the denouncer.
        audit_record(
            actor=actor,
            action=Action.PETITION_RECEIVED,
            unit=unit,
            target=petition,
            after=snapshot(petition, PUBLIC_FIELDS),
        )
    return petition


def _check_actor(actor, petition):
    if not perms.can_act_on_petition(actor, petition):
        raise ApplicationError("Đồng chí không có quyền xử lý đơn này.", code="forbidden")


def _check_date(on, petition, *, field="on"):
    if on is None:
        raise ApplicationError("Ngày: bắt buộc (dd/mm/yyyy).", field=field)
    if on < petition.received_on:
        raise ApplicationError("Ngày: không được trước ngày nhận đơn.", field=field)


def _move(*, actor, petition, allowed, to_status, on, note="", action=Action.PETITION_STATUS_CHANGED, deadline=None):
    """Lock, check the current status, set the new one and its deadline, record the event and the audit row."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status not in allowed:
        raise ApplicationError(
            f"Trạng thái: đơn đang ở bước “{petition.get_status_display()}”, không thể chuyển sang "
            f"“{Status(to_status).label}”.",
            field="status",
            code="bad_state",
        )
    before = snapshot(petition, ["status", "due_on"])
    petition.status = to_status
    return petition, before


def _finish(*, actor, petition, before, on, note, action, extra=None):
    petition.save()
    PetitionEvent.objects.create(
        petition=petition,
        on=on,
        actor=actor,
        status_from=before["status"],
        status_to=petition.status,
        due_on=petition.due_on,
        note=note,
    )
    audit_record(
        actor=actor,
        action=action,
        unit=petition.unit,
        target=petition,
        before=before,
        after=snapshot(petition, ["status", "due_on"]),
        details=extra or {},
    )
    return petition


def petition_process(*, actor, petition: Petition, on: dt.date, note: str = "") -> Petition:
    """Xử lý đơn done: classify and decide it can go on; the next deadline is thụ lý (complaints, Điều 27)."""
    _check_actor(actor, petition)
    _check_date(on, petition)
    with transaction.atomic():
        petition, before = _move(
            actor=actor, petition=petition, allowed=[Status.RECEIVED], to_status=Status.PROCESSED, on=on
        )
        if petition.procedure == Procedure.COMPLAINT:
            _set_deadline(petition, Procedure.COMPLAINT, Step.ACCEPT_FIRST, petition.received_on)
        elif petition.procedure == Procedure.DENUNCIATION:
            pass  # the 07/10 working days of xử lý ban đầu already end with the thụ lý decision
        else:
            _set_deadline(petition, None, None, None)
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=note, action=Action.PETITION_STATUS_CHANGED
        )


def _resolution_step(petition) -> tuple[str | None, str | None]:
    if petition.procedure == Procedure.COMPLAINT:
        return Procedure.COMPLAINT, Step.RESOLVE_FIRST
    if petition.procedure == Procedure.DENUNCIATION:
        return Procedure.DENUNCIATION, Step.RESOLVE
    return None, None


def petition_accept(*, actor, petition: Petition, on: dt.date, note: str = "") -> Petition:
    """Thụ lý: the resolution deadline starts (Luật KN Điều 28 / Luật TC Điều 30)."""
    _check_actor(actor, petition)
    _check_date(on, petition)
    if petition.is_ineligible:
        raise ApplicationError(
            "Thụ lý: đơn đã được đánh dấu không đủ điều kiện; hãy đóng đơn (lưu đơn) kèm lý do hoặc bỏ đánh dấu.",
            field="status",
        )
    with transaction.atomic():
        petition, before = _move(
            actor=actor, petition=petition, allowed=[Status.PROCESSED], to_status=Status.ACCEPTED, on=on
        )
        petition.accepted_on = on
        _set_deadline(petition, *_resolution_step(petition), on)
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=note, action=Action.PETITION_STATUS_CHANGED
        )


def petition_start_resolving(*, actor, petition: Petition, on: dt.date, note: str = "") -> Petition:
    _check_actor(actor, petition)
    _check_date(on, petition)
    with transaction.atomic():
        petition, before = _move(
            actor=actor, petition=petition, allowed=[Status.ACCEPTED], to_status=Status.RESOLVING, on=on
        )
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=note, action=Action.PETITION_STATUS_CHANGED
        )


def petition_extend(*, actor, petition: Petition, on: dt.date, reason: str) -> Petition:
    """Grant one more extension of the resolution deadline (complex cases), within the rule's maximum."""
    _check_actor(actor, petition)
    _check_date(on, petition)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Lý do gia hạn: bắt buộc.", field="reason")
    with transaction.atomic():
        petition, before = _move(
            actor=actor,
            petition=petition,
            allowed=[Status.ACCEPTED, Status.RESOLVING],
            to_status=petition.status,
            on=on,
        )
        procedure, step = _resolution_step(petition)
        if procedure is None:
            raise ApplicationError("Gia hạn: loại đơn này không có thời hạn giải quyết theo luật.", field="status")
        petition.extensions += 1
        petition.is_complex = True
        _set_deadline(petition, procedure, step, petition.accepted_on)
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=reason, action=Action.PETITION_EXTENDED
        )


def petition_decide(*, actor, petition: Petition, on: dt.date, decision_number: str, note: str = "") -> Petition:
    """The resolution decision (or conclusion) is issued; for complaints it binds after Điều 44's limit."""
    _check_actor(actor, petition)
    _check_date(on, petition)
    decision_number = " ".join((decision_number or "").split())
    if not decision_number:
        raise ApplicationError("Số quyết định / kết luận: bắt buộc.", field="decision_number")
    with transaction.atomic():
        petition, before = _move(
            actor=actor,
            petition=petition,
            allowed=[Status.ACCEPTED, Status.RESOLVING],
            to_status=Status.DECISION,
            on=on,
        )
        petition.decision_number, petition.decision_on = decision_number[:64], on
        if petition.procedure == Procedure.COMPLAINT:
            _set_deadline(petition, Procedure.COMPLAINT, Step.BINDING_FIRST, on)
        else:
            _set_deadline(petition, None, None, None)
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=note, action=Action.PETITION_STATUS_CHANGED
        )


def petition_enforce(*, actor, petition: Petition, on: dt.date, note: str = "") -> Petition:
    _check_actor(actor, petition)
    _check_date(on, petition)
    with transaction.atomic():
        petition, before = _move(
            actor=actor, petition=petition, allowed=[Status.DECISION], to_status=Status.ENFORCEMENT, on=on
        )
        _set_deadline(petition, None, None, None)
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=note, action=Action.PETITION_STATUS_CHANGED
        )


CLOSE_FROM = {
    Status.RESOLVED: [Status.PROCESSED, Status.ACCEPTED, Status.RESOLVING, Status.DECISION, Status.ENFORCEMENT],
    Status.CLOSED_UNRESOLVED: list(Petition.OPEN_STATUSES),
}


def petition_close(*, actor, petition: Petition, on: dt.date, outcome: str, result: str) -> Petition:
    """Close with an honest outcome: resolved, or closed unresolved. Refused without a written result."""
    _check_actor(actor, petition)
    _check_date(on, petition)
    result = (result or "").strip()
    if outcome not in CLOSE_FROM:
        raise ApplicationError("Kết quả: hãy chọn “đã giải quyết” hoặc “đóng, chưa giải quyết được”.", field="outcome")
    if not result:
        raise ApplicationError("Kết quả giải quyết: bắt buộc khi đóng đơn, hãy ghi kết quả.", field="result")
    with transaction.atomic():
        petition, before = _move(actor=actor, petition=petition, allowed=CLOSE_FROM[outcome], to_status=outcome, on=on)
        petition.result, petition.closed_on = result, on
        _set_deadline(petition, None, None, None)
        return _finish(actor=actor, petition=petition, before=before, on=on, note=result, action=Action.PETITION_CLOSED)


def petition_withdraw(*, actor, petition: Petition, on: dt.date, reason: str) -> Petition:
    _check_actor(actor, petition)
    _check_date(on, petition)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Lý do rút đơn: bắt buộc (ví dụ: văn bản rút đơn ngày …).", field="reason")
    with transaction.atomic():
        petition, before = _move(
            actor=actor, petition=petition, allowed=list(Petition.OPEN_STATUSES), to_status=Status.WITHDRAWN, on=on
        )
        petition.result, petition.closed_on = reason, on
        _set_deadline(petition, None, None, None)
        return _finish(
            actor=actor, petition=petition, before=before, on=on, note=reason, action=Action.PETITION_WITHDRAWN
        )


def petition_receive_public(
    *, unit: OrgUnit, field: PetitionField, content: str, full_name: str, phone: str = "", address: str = ""
) -> Petition:
    """A recommendation (kiến nghị, phản ánh) a citizen sent through the public portal, with no account: received
    by `unit` as source "Cổng thông tin", its first deadline set like any other. The caller (portal.services)
    has checked the sender (name, contact, rate limit); the audit event has no actor."""
    content = (content or "").strip()
    if not content:
        raise ApplicationError("Nội dung: bắt buộc.", field="content")
    if field is None or not field.is_active:
        raise ApplicationError("Lĩnh vực: hãy chọn một lĩnh vực trong danh sách.", field="field")
    name = " ".join((full_name or "").split())[:128]
    person = {
        "full_name": name,
        "name_folded": fold(name),
        "cccd": "",
        "phone": clean_phone(phone),
        "address": " ".join((address or "").split())[:255],
        "is_representative": False,
    }
    with transaction.atomic():
        petition = _create_petition(
            actor=None,
            unit=unit,
            people=[person],
            source=Petition.Source.PORTAL,
            category=Petition.Category.PROPOSAL,
            field=field,
            content=content,
            received_on=timezone.localdate(),
        )
        audit_record(
            actor=None,
            system_label="cổng thông tin công dân",
            action=Action.PETITION_RECEIVED,
            unit=unit,
            target=petition,
            after=snapshot(petition, PUBLIC_FIELDS),
        )
    return petition
