"""Writes of the petitions app. Each is one transaction with one audit event; rule violations raise ApplicationError."""

import datetime as dt
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.files import DOCUMENT_TYPES, MAX_BYTES
from danvan.core.sequences import next_in_sequence
from danvan.core.text import fold
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.organisations.selectors import orgunit_is_within
from danvan.petitions import permissions as perms
from danvan.petitions.deadlines import deadline_for
from danvan.petitions.models import (
    Case,
    CaseEvent,
    CaseMember,
    Commitment,
    ConfidentialIdentity,
    DeadlineRule,
    Dialogue,
    Holiday,
    Petition,
    PetitionAttachment,
    Petitioner,
    PetitionEvent,
    PetitionField,
    PetitionHandler,
    PetitionTransfer,
    Procedure,
    ReceptionDuty,
    ReceptionDutyRule,
    ReceptionSession,
    Step,
)

Status = Petition.Status

# --- The rules table and the holiday calendar -------------------------------------------------------

RULE_FIELDS = [
    "procedure",
    "step",
    "variant",
    "days",
    "day_type",
    "extension_days",
    "max_extensions",
    "remote_area_days",
    "remote_area_extension_days",
    "legal_basis",
    "effective_from",
    "effective_to",
]


def _raise_first(exc: ValidationError):
    for field, messages in exc.message_dict.items():
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from exc


def deadline_rule_create(*, actor, **fields) -> DeadlineRule:
    """Add a rule (e.g. a Luật 136/2025 limit from 1/7/2026). It may not overlap a rule with the same key."""
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa bảng quy định thời hạn.", code="forbidden")
    with transaction.atomic():
        rule = DeadlineRule(**fields)
        # Lock the key's rows so two concurrent additions cannot both pass the overlap check.
        list(
            DeadlineRule.objects.select_for_update().filter(
                procedure=rule.procedure, step=rule.step, variant=rule.variant
            )
        )
        try:
            rule.full_clean()
        except ValidationError as exc:
            _raise_first(exc)
        rule.save()
        audit_record(actor=actor, action=Action.DEADLINE_RULE_CREATED, target=rule, after=snapshot(rule, RULE_FIELDS))
    return rule


def deadline_rule_end(*, actor, rule: DeadlineRule, effective_to: dt.date) -> DeadlineRule:
    """Close a rule's validity (the day before its replacement takes effect)."""
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa bảng quy định thời hạn.", code="forbidden")
    with transaction.atomic():
        rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(rule, ["effective_to"])
        rule.effective_to = effective_to
        try:
            rule.full_clean()
        except ValidationError as exc:
            _raise_first(exc)
        rule.save(update_fields=["effective_to"])
        audit_record(
            actor=actor,
            action=Action.DEADLINE_RULE_ENDED,
            target=rule,
            before=before,
            after=snapshot(rule, ["effective_to"]),
        )
    return rule


def holiday_set(*, actor, date: dt.date, name: str, is_estimate: bool = False) -> Holiday:
    """Add or rename a day off (the government announces Tết and substitute days yearly)."""
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa lịch ngày nghỉ.", code="forbidden")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("Tên ngày nghỉ: bắt buộc, ví dụ “Tết Nguyên đán”.", field="name")
    with transaction.atomic():
        holiday, _ = Holiday.objects.update_or_create(date=date, defaults={"name": name, "is_estimate": is_estimate})
        audit_record(actor=actor, action=Action.HOLIDAY_SET, target=holiday, after=snapshot(holiday, ["date", "name"]))
    return holiday


def holiday_remove(*, actor, holiday: Holiday) -> None:
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa lịch ngày nghỉ.", code="forbidden")
    with transaction.atomic():
        audit_record(actor=actor, action=Action.HOLIDAY_REMOVED, target=holiday, before=snapshot(holiday, ["date"]))
        holiday.delete()


# --- People -----------------------------------------------------------------------------------------

_PHONE_JUNK = re.compile(r"[\s.\-()]")
PERSON_KEYS = ("full_name", "cccd", "phone", "address", "is_representative")


def clean_cccd(value: str, *, field: str = "cccd") -> str:
    value = (value or "").strip()
    if value and not re.fullmatch(r"\d{12}", value):
        raise ApplicationError("Số CCCD: phải gồm đúng 12 chữ số, ví dụ 001203004567.", field=field)
    return value


def clean_phone(value: str, *, field: str = "phone") -> str:
    value = _PHONE_JUNK.sub("", value or "")
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    if value and not re.fullmatch(r"0\d{9,10}", value):
        raise ApplicationError(
            "Số điện thoại: 10 chữ số bắt đầu bằng 0 (hoặc +84), ví dụ 0912 345 678.",
            field=field,
        )
    return value


def _clean_people(people: list[dict], *, anonymous: bool, group: bool) -> list[dict]:
    cleaned = []
    for i, person in enumerate(people):
        prefix = f"petitioners-{i}-"
        name = " ".join((person.get("full_name") or "").split())
        row = {
            "full_name": name,
            "name_folded": fold(name),
            "cccd": clean_cccd(person.get("cccd", ""), field=prefix + "cccd"),
            "phone": clean_phone(person.get("phone", ""), field=prefix + "phone"),
            "address": " ".join((person.get("address") or "").split())[:255],
            "is_representative": bool(person.get("is_representative")),
        }
        if not any(row[k] for k in ("full_name", "cccd", "phone", "address")):
            continue  # an empty form row
        if not name:
            raise ApplicationError(
                "Họ và tên người gửi đơn: bắt buộc khi đã nhập thông tin khác.", field=prefix + "full_name"
            )
        cleaned.append(row)
    if not anonymous and not cleaned:
        raise ApplicationError(
            "Người gửi đơn: hãy nhập ít nhất một người (hoặc đánh dấu đơn nặc danh).", field="petitioners"
        )
    if group and cleaned and not any(p["is_representative"] for p in cleaned):
        raise ApplicationError("Đơn tập thể: hãy đánh dấu ít nhất một người đại diện.", field="petitioners")
    return cleaned


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
        raise ApplicationError("Bạn không có quyền tiếp nhận đơn cho đơn vị này.", code="forbidden", field="unit")
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
        raise ApplicationError("Bạn không có quyền xử lý đơn này.", code="forbidden")


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


def petition_transfer(
    *,
    actor,
    petition: Petition,
    on: dt.date,
    letter_number: str,
    letter_date: dt.date | None = None,
    to_unit: OrgUnit | None = None,
    to_body_name: str = "",
) -> PetitionTransfer:
    """Route to the competent body with a transfer letter. A unit inside danvan gets its own record, linked."""
    _check_actor(actor, petition)
    _check_date(on, petition)
    letter_number = " ".join((letter_number or "").split())
    to_body_name = " ".join((to_body_name or "").split())
    if not letter_number:
        raise ApplicationError("Số văn bản chuyển đơn: bắt buộc, ví dụ 125/CV-BDV.", field="letter_number")
    if to_unit is None and not to_body_name:
        raise ApplicationError("Nơi nhận: chọn đơn vị có thẩm quyền hoặc ghi tên cơ quan nhận.", field="to_unit")
    if to_unit is not None and to_unit.pk == petition.unit_id:
        raise ApplicationError("Nơi nhận: phải khác đơn vị đang giữ đơn.", field="to_unit")
    with transaction.atomic():
        petition, before = _move(
            actor=actor,
            petition=petition,
            allowed=[Status.RECEIVED, Status.PROCESSED],
            to_status=Status.TRANSFERRED,
            on=on,
        )
        petition.closed_on = on
        petition.result = f"Chuyển đơn theo văn bản số {letter_number}"
        _set_deadline(petition, None, None, None)
        new = None
        if to_unit is not None:
            model = ConfidentialIdentity if petition.is_denunciation else Petitioner
            people = model.objects.filter(petition=petition).values(*PERSON_KEYS, "name_folded")
            new = _create_petition(
                actor=actor,
                unit=to_unit,
                people=people,
                transferred_from=petition,
                source=Petition.Source.TRANSFERRED,
                category=petition.category,
                field=petition.field,
                content=petition.content,
                received_on=on,
                petitioner_kind=petition.petitioner_kind,
                group_size=petition.group_size,
                respondent=petition.respondent,
                is_anonymous=petition.is_anonymous,
                is_over_level=False,
                is_complex=petition.is_complex,
                is_remote_area=petition.is_remote_area,
            )
        transfer = PetitionTransfer.objects.create(
            petition=petition,
            to_unit=to_unit,
            to_body_name=to_body_name or to_unit.name,
            letter_number=letter_number[:64],
            letter_date=letter_date or on,
            new_petition=new,
        )
        _finish(
            actor=actor,
            petition=petition,
            before=before,
            on=on,
            note=petition.result,
            action=Action.PETITION_TRANSFERRED,
            extra={"to": transfer.to_body_name, "letter": letter_number, "new_code": new.code if new else ""},
        )
    return transfer


def transfer_track(*, actor, transfer: PetitionTransfer, tracking: str, note: str = "") -> PetitionTransfer:
    _check_actor(actor, transfer.petition)
    if tracking not in PetitionTransfer.Tracking.values:
        raise ApplicationError("Tình trạng chuyển đơn: hãy chọn trong danh sách.", field="tracking")
    with transaction.atomic():
        transfer = PetitionTransfer.objects.select_for_update().get(pk=transfer.pk)
        before = {"tracking": transfer.tracking}
        transfer.tracking, transfer.tracking_note = tracking, (note or "").strip()
        transfer.save(update_fields=["tracking", "tracking_note"])
        audit_record(
            actor=actor,
            action=Action.PETITION_TRANSFER_TRACKED,
            unit=transfer.petition.unit,
            target=transfer.petition,
            before=before,
            after={"tracking": tracking},
        )
    return transfer


def petition_handler_assign(*, actor, petition: Petition, user) -> PetitionHandler:
    """Assign a handler. They must hold an editing role inside the petition unit's subtree.

    For a denunciation, the handler will read the denouncer's identity: unless the actor may decide that
    (permissions.can_decide_denunciation_handler — a leader, not assigning themself), the assignment is only a
    proposal, waiting for a leader's approval (`petition_handler_approve`). The new handler is notified."""
    if not perms.can_assign_handlers(actor, petition):
        raise ApplicationError("Bạn không có quyền phân công người xử lý đơn này.", code="forbidden")
    if user is None or not perms.may_handle(user, petition.unit):
        raise ApplicationError(
            f"Người xử lý: phải là cán bộ của {petition.unit.name} hoặc đơn vị trực thuộc; hãy chọn người khác.",
            field="user",
        )
    pending = petition.is_denunciation and not perms.can_decide_denunciation_handler(actor, petition, user)
    with transaction.atomic():
        handler, created = PetitionHandler.objects.get_or_create(
            petition=petition,
            user=user,
            defaults={
                "assigned_by": actor,
                "pending": pending,
                "approved_by": None if pending else actor,
                "approved_at": None if pending else timezone.now(),
            },
        )
        if not created:
            raise ApplicationError(
                "Người xử lý: người này đã được đề xuất, đang chờ lãnh đạo duyệt."
                if handler.pending
                else "Người xử lý: người này đã được phân công.",
                field="user",
            )
        audit_record(
            actor=actor,
            action=Action.PETITION_HANDLER_PROPOSED if pending else Action.PETITION_HANDLER_ASSIGNED,
            unit=petition.unit,
            target=petition,
            after={"handler": user.get_username(), "pending": pending},
        )
        if pending:
            _notify(
                actor=actor,
                petition=petition,
                units=[petition.unit],
                text=f"Đơn {petition.code}: có đề xuất phân công người xử lý, chờ lãnh đạo duyệt.",
            )
        else:
            _notify_handler(actor=actor, petition=petition, user=user)
    return handler


def petition_handler_approve(*, actor, handler: PetitionHandler) -> PetitionHandler:
    """A leader approves a proposed handler of a denunciation; from then on they handle it and may read the
    denouncer's identity. The handler is notified."""
    petition = handler.petition
    if not perms.can_decide_denunciation_handler(actor, petition, handler.user):
        raise ApplicationError(
            "Chỉ lãnh đạo đơn vị (hoặc đơn vị cấp trên), không phải chính người được đề xuất, duyệt người xử lý "
            "đơn tố cáo.",
            code="forbidden",
        )
    with transaction.atomic():
        handler = PetitionHandler.objects.select_for_update().get(pk=handler.pk)
        if not handler.pending:
            return handler
        if not perms.may_handle(handler.user, petition.unit):
            raise ApplicationError(
                "Người được đề xuất không còn là cán bộ của đơn vị xử lý đơn; hãy đề xuất người khác.", field="user"
            )
        handler.pending, handler.approved_by, handler.approved_at = False, actor, timezone.now()
        handler.save(update_fields=["pending", "approved_by", "approved_at"])
        audit_record(
            actor=actor,
            action=Action.PETITION_HANDLER_APPROVED,
            unit=petition.unit,
            target=petition,
            after={"handler": handler.user.get_username(), "proposed_by": getattr(handler.assigned_by, "username", "")},
        )
        _notify_handler(actor=actor, petition=petition, user=handler.user)
    return handler


def _notify(*, actor, petition: Petition, units, text: str) -> None:
    from django.urls import reverse

    from danvan.reports.models import Notice

    link = reverse("petitions:detail", args=[petition.code])
    Notice.objects.bulk_create([Notice(unit=u, text=text[:500], link=link, created_by=actor) for u in units])


def _notify_handler(*, actor, petition: Petition, user) -> None:
    """An in-app notice on the handler's unit and, after commit, an e-mail to the handler. Neither names the sender
    nor says more than the petition's code (the notice is seen by the whole unit)."""
    from danvan.accounts.models import RoleAssignment

    unit = (
        RoleAssignment.objects.filter(
            user=user, role__in=perms.HANDLER_ROLES, unit__ancestor_links__ancestor=petition.unit
        )
        .select_related("unit")
        .order_by("unit__depth")
        .first()
    )
    name = user.get_full_name() or user.get_username()
    text = f"Đồng chí {name} được phân công xử lý đơn {petition.code}."
    _notify(actor=actor, petition=petition, units=[unit.unit if unit else petition.unit], text=text)
    if user.email and not user.email.endswith(".invalid"):
        from danvan.petitions.tasks import send_handler_email

        user_id, code = user.pk, petition.code
        transaction.on_commit(lambda: send_handler_email(user_id=user_id, code=code))


def confidential_identity_reveal(*, actor, petition: Petition) -> list[ConfidentialIdentity]:
    """The denouncer's identity, for an assigned handler only; every reveal is audited."""
    if not perms.can_see_denouncer(actor, petition):
        raise ApplicationError("Thông tin người tố cáo được bảo mật.", code="forbidden")
    with transaction.atomic():
        rows = list(ConfidentialIdentity.objects.filter(petition=petition).order_by("id"))
        audit_record(
            actor=actor,
            action=Action.PETITION_IDENTITY_VIEWED,
            unit=petition.unit,
            target=petition,
            details={"count": len(rows)},
        )
    return rows


def petition_link_repeat(*, actor, petition: Petition, earlier: Petition | None) -> Petition:
    """Link to an earlier petition about the same matter (earlier=None: the officer confirms it is new)."""
    _check_actor(actor, petition)
    if earlier is not None and (earlier.pk == petition.pk or not perms.can_view_petition(actor, earlier)):
        raise ApplicationError("Đơn trước: không tìm thấy đơn này.", field="earlier")
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        before = {"repeat_of": petition.repeat_of.code if petition.repeat_of else None}
        petition.repeat_of = earlier
        petition.repeat_checked = True
        petition.save(update_fields=["repeat_of", "repeat_checked", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.PETITION_REPEAT_LINKED if earlier else Action.PETITION_REPEAT_CLEARED,
            unit=petition.unit,
            target=petition,
            before=before,
            after={"repeat_of": earlier.code if earlier else None},
        )
    return petition


def petitions_export(*, actor, petitions: list[Petition], unit: OrgUnit | None = None) -> list[list]:
    """Rows for an export, audited; a denunciation's sender is always hidden, whoever exports."""
    from danvan.petitions.exports import petition_rows

    rows = petition_rows(petitions=petitions)
    with transaction.atomic():
        audit_record(actor=actor, action=Action.PETITIONS_EXPORTED, unit=unit, details={"count": len(rows)})
    return rows


# --- Citizen reception ------------------------------------------------------------------------------------


def reception_duty_set(*, actor, unit: OrgUnit, holder_name: str, position: str, user=None) -> ReceptionDuty:
    """Record that a leader of `unit` must receive citizens, at the frequency of `position`'s rule."""
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError("Bạn không có quyền cập nhật lịch tiếp dân của đơn vị này.", code="forbidden")
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
        raise ApplicationError("Bạn không có quyền ghi sổ tiếp dân cho đơn vị này.", code="forbidden", field="unit")
    leader_name = " ".join((leader_name or "").split())
    content = (content or "").strip()
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
    if duty is not None and duty.unit_id != unit.pk:
        raise ApplicationError("Lịch tiếp dân: không thuộc đơn vị này.", field="duty")
    group = citizen_kind == Petition.PetitionerKind.GROUP
    if (citizen_count or 0) < (2 if group else 1):
        raise ApplicationError("Số người: đoàn đông người phải có từ 2 người trở lên.", field="citizen_count")
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


# --- Prolonged complex cases --------------------------------------------------------------------------------


def case_open(*, actor, unit: OrgUnit, title: str, opened_on: dt.date, summary: str = "") -> Case:
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError("Bạn không có quyền mở vụ việc cho đơn vị này.", code="forbidden")
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
        raise ApplicationError("Bạn không có quyền cập nhật vụ việc này.", code="forbidden")


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


# --- Dialogues -----------------------------------------------------------------------------------------------


def dialogue_record(
    *,
    actor,
    unit: OrgUnit,
    held_on: dt.date | None,
    place: str,
    leaders: str,
    participants: str = "",
    participant_count: int = 0,
    issues: list[dict],
) -> Dialogue:
    """Record a dialogue; each issue raised becomes a commitment with an owner unit and a deadline."""
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError("Bạn không có quyền ghi đối thoại cho đơn vị này.", code="forbidden")
    place, leaders = " ".join((place or "").split()), " ".join((leaders or "").split())
    if held_on is None:
        raise ApplicationError("Ngày đối thoại: bắt buộc (dd/mm/yyyy).", field="held_on")
    if not place:
        raise ApplicationError("Địa điểm: bắt buộc.", field="place")
    if not leaders:
        raise ApplicationError("Lãnh đạo chủ trì: bắt buộc.", field="leaders")
    rows = []
    for i, item in enumerate(issues):
        text = (item.get("issue") or "").strip()
        if not text:
            continue
        if item.get("owner_unit") is None:
            raise ApplicationError("Đơn vị thực hiện: bắt buộc cho mỗi kiến nghị.", field=f"issues-{i}-owner_unit")
        if not orgunit_is_within(item["owner_unit"], unit):
            raise ApplicationError(
                f"Đơn vị thực hiện: phải là {unit.name} hoặc đơn vị trực thuộc; đồng chí hãy chọn đơn vị khác.",
                field=f"issues-{i}-owner_unit",
            )
        if item.get("due_on") is None:
            raise ApplicationError("Hạn thực hiện: bắt buộc cho mỗi kiến nghị.", field=f"issues-{i}-due_on")
        if item["due_on"] < held_on:
            raise ApplicationError("Hạn thực hiện: phải sau ngày đối thoại.", field=f"issues-{i}-due_on")
        rows.append(item | {"issue": text})
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            unit=unit,
            held_on=held_on,
            place=place,
            leaders=leaders,
            participants=(participants or "").strip(),
            participant_count=participant_count or 0,
            created_by=actor,
        )
        Commitment.objects.bulk_create(
            [
                Commitment(dialogue=dialogue, issue=r["issue"], owner_unit=r["owner_unit"], due_on=r["due_on"])
                for r in rows
            ]
        )
        audit_record(
            actor=actor,
            action=Action.DIALOGUE_RECORDED,
            unit=unit,
            target=dialogue,
            after={"held_on": held_on.isoformat(), "commitments": len(rows)},
        )
    return dialogue


def commitment_update(
    *, actor, commitment: Commitment, status: str, outcome: str = "", is_published: bool = False
) -> Commitment:
    if not (perms.can_edit_unit(actor, commitment.owner_unit) or perms.can_edit_unit(actor, commitment.dialogue.unit)):
        raise ApplicationError("Bạn không có quyền cập nhật cam kết này.", code="forbidden")
    if status not in Commitment.Status.values:
        raise ApplicationError("Tình trạng: hãy chọn trong danh sách.", field="status")
    outcome = (outcome or "").strip()
    if status != Commitment.Status.OPEN and not outcome:
        raise ApplicationError("Kết quả: bắt buộc khi hoàn thành hoặc không thực hiện được.", field="outcome")
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        before = {"status": commitment.status}
        commitment.status, commitment.outcome, commitment.is_published = status, outcome, is_published
        commitment.save(update_fields=["status", "outcome", "is_published"])
        audit_record(
            actor=actor,
            action=Action.COMMITMENT_UPDATED,
            unit=commitment.owner_unit,
            target=commitment,
            before=before,
            after={"status": status, "published": is_published},
        )
    return commitment


# --- Attachments -----------------------------------------------------------------------------------------------


def petition_attachment_add(*, actor, petition: Petition, upload) -> PetitionAttachment:
    """Store a scanned letter or evidence file (PDF, JPEG, PNG, DOCX, XLSX; at most 10 MB) outside the web root.

    The types, their first bytes and the size limit are core.files'; the file goes to a FileField here, not a
    StoredFile row, hence the check written out rather than core.files.stored_file_from_upload."""
    import os

    _check_actor(actor, petition)
    if upload is None:
        raise ApplicationError("Tệp đính kèm: hãy chọn một tệp.", field="file")
    name = os.path.basename(upload.name or "")[:200]
    ext = os.path.splitext(name)[1].lower()
    if ext not in DOCUMENT_TYPES:
        raise ApplicationError("Tệp đính kèm: chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX.", field="file")
    if upload.size > MAX_BYTES:
        raise ApplicationError("Tệp đính kèm: tối đa 10 MB; hãy quét lại với độ phân giải thấp hơn.", field="file")
    content_type, magics = DOCUMENT_TYPES[ext]
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ApplicationError(f"Tệp đính kèm: nội dung không phải tệp {ext[1:].upper()} hợp lệ.", field="file")
    with transaction.atomic():
        attachment = PetitionAttachment(
            petition=petition, original_name=name, content_type=content_type, size=upload.size, uploaded_by=actor
        )
        # A random stored name: the citizen's file name never becomes a path.
        attachment.file.save(f"{uuid.uuid4().hex}{ext}", upload, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
            audit_record(
                actor=actor,
                action=Action.PETITION_ATTACHMENT_ADDED,
                unit=petition.unit,
                target=petition,
                # A denunciation's file name may name the denouncer: the audit trail keeps only its size and type.
                after={"size": upload.size, "type": content_type}
                if petition.is_denunciation
                else {"file": name, "size": upload.size},
            )
        except Exception:
            attachment.file.storage.delete(stored)
            raise
    return attachment


def petition_attachment_open(*, actor, petition: Petition, attachment_id: int) -> PetitionAttachment:
    """An attachment to download. A denunciation's files are for its handlers only, and each download is audited
    as a view of the denouncer's identity (the scan is the signed letter)."""
    if petition.is_denunciation and not perms.can_see_denouncer(actor, petition):
        raise ApplicationError("Thông tin người tố cáo được bảo mật.", code="forbidden")
    attachment = petition.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise ApplicationError("Tệp đính kèm: không tìm thấy tệp này.", code="not_found")
    if petition.is_denunciation:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=Action.PETITION_IDENTITY_VIEWED,
                unit=petition.unit,
                target=petition,
                details={"attachment": attachment.pk},
            )
    return attachment


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
