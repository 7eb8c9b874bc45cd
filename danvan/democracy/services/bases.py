"""Registering grassroots bases: a commune's own, agencies and enterprises."""

from django.db import transaction

from danvan.accounts.permissions import can_enter_data
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.text import fold
from danvan.democracy.compliance_store import summary_base_added
from danvan.democracy.models import (
    Base,
    BaseKind,
)
from danvan.democracy.services.common import (
    _forbidden,
    _province_of,
    commune_head_unit,
)
from danvan.organisations.models import OrgUnit


def base_for_commune(*, actor, unit: OrgUnit) -> Base:
    """The commune's base, registered on first use. `unit` is any body of the commune."""
    head = commune_head_unit(unit)
    if head is None or head.admin_unit_id is None:
        raise ApplicationError("Xã/phường: hãy chọn một đơn vị cấp xã.", field="unit")
    existing = Base.objects.filter(kind=BaseKind.COMMUNE, admin_unit_id=head.admin_unit_id).first()
    if existing:
        return existing
    if not can_enter_data(actor, head):
        raise _forbidden()
    with transaction.atomic():
        base, created = Base.objects.get_or_create(
            kind=BaseKind.COMMUNE,
            admin_unit_id=head.admin_unit_id,
            defaults={
                "name": head.admin_unit.name,
                "name_folded": fold(head.admin_unit.name),
                "unit": head,
                "province": _province_of(head),
                "created_by": actor,
            },
        )
        if created:
            summary_base_added(base=base)
            audit_record(actor=actor, action=Action.DEMOCRACY_BASE_REGISTERED, unit=head, target=base)
    return base


def base_register(*, actor, kind: str, name: str, unit: OrgUnit) -> Base:
    """Register an agency or enterprise base under the unit that oversees it."""
    if kind not in (BaseKind.AGENCY, BaseKind.ENTERPRISE):
        raise ApplicationError("Loại cơ sở: hãy chọn cơ quan, đơn vị hoặc doanh nghiệp.", field="kind")
    name = " ".join((name or "").split())[:255]
    if not name:
        raise ApplicationError("Tên cơ sở: bắt buộc.", field="name")
    if not can_enter_data(actor, unit):
        raise ApplicationError("Đơn vị quản lý: đồng chí không có quyền với đơn vị này.", field="unit")
    with transaction.atomic():
        base = Base.objects.create(
            kind=kind,
            name=name,
            name_folded=fold(name),
            unit=unit,
            province=_province_of(unit),
            created_by=actor,
        )
        summary_base_added(base=base)
        audit_record(actor=actor, action=Action.DEMOCRACY_BASE_REGISTERED, unit=unit, target=base)
    return base
