"""What the democracy services share: rule figures, the refusal for missing rights, files, publishing and the
locked, audited edit of one row."""

from decimal import Decimal

from django.db import transaction

from danvan.audit.corrections import locked_edit, snap  # noqa: F401 (the democracy services import them from here)
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    Rule,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure

MAX_FILES = 10
CONSULTATION_MIN_DAYS = "consultation_min_days"
VOTE_THRESHOLD = "vote_threshold_percent"
VOTE_QUORUM = "vote_quorum_percent"


def rule_value(code: str, default: Decimal) -> Decimal:
    value = Rule.objects.filter(code=code).values_list("value", flat=True).first()
    return default if value is None else value


def _forbidden(what: str = "cơ sở này") -> ApplicationError:
    return ApplicationError(f"Đồng chí không có quyền cập nhật {what}.", code="forbidden")


def _province_of(unit: OrgUnit) -> OrgUnit | None:
    link = OrgUnitClosure.objects.filter(descendant=unit, ancestor__level=OrgUnit.Level.PROVINCE).first()
    return link.ancestor if link else None


def commune_head_unit(unit: OrgUnit) -> OrgUnit | None:
    """The top body of the commune `unit` belongs to (its Đảng ủy), or None if `unit` is not in a commune."""
    if unit.level not in (OrgUnit.Level.COMMUNE, OrgUnit.Level.VILLAGE):
        return None
    link = (
        OrgUnitClosure.objects.filter(descendant=unit, ancestor__level=OrgUnit.Level.COMMUNE)
        .select_related("ancestor")
        .order_by("-depth")
        .first()
    )
    return link.ancestor if link else None


def _stored_files(uploads, *, actor, field: str):
    from danvan.core.files import stored_file_from_upload

    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_FILES:
        raise ApplicationError(f"Tệp: tối đa {MAX_FILES} tệp một lần.", field=field)
    return [stored_file_from_upload(u, actor=actor, field=field) for u in uploads]


def _publish(*, actor, model, row, publish: bool, note: str, action_on, action_off, what: str):
    """Publish a record on the portal, or withdraw it: a withdrawal needs a reason, shown publicly."""
    if not perms.can_publish_for(actor, row.base):
        raise _forbidden("việc đăng công khai của cơ sở này")
    note = " ".join((note or "").split())[:255]
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=row.pk)
        if not publish and locked.is_published and not note:
            raise ApplicationError(
                f"Lý do gỡ {what}: bắt buộc khi gỡ khỏi cổng thông tin (hiển thị công khai).", field="note"
            )
        locked.is_published = publish
        locked.withdrawn_note = "" if publish else note
        fields = ["is_published", "withdrawn_note", *bump(locked)]
        if hasattr(locked, "updated_by"):
            locked.updated_by = actor
            fields.append("updated_by")
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=action_on if publish else action_off,
            unit=locked.base.unit,
            target=locked,
            details={"note": note} if note else {},
        )
    return locked


TTND_MIN_MEMBERS = "ttnd_min_members"
