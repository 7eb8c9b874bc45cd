"""Petitions handled elsewhere: transfers, handlers and their approval, notices, the confidential identity, repeats, exports."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions import permissions as perms
from danvan.petitions.models import (
    ConfidentialIdentity,
    Petition,
    Petitioner,
    PetitionHandler,
    PetitionTransfer,
)
from danvan.petitions.services.intake import _check_actor, _check_date, _create_petition, _finish, _move, _set_deadline
from danvan.petitions.services.people import PERSON_KEYS

Status = Petition.Status


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
        raise ApplicationError("Đồng chí không có quyền phân công người xử lý đơn này.", code="forbidden")
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
