"""Delegating the issuing of documents (ủy quyền ban hành): a leader lets a person issue, for one issuing body and a
period, the documents the leader is chosen to sign. Created and ended, both audited; never deleted."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.accounts.permissions import can_view_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.documents import permissions as perms
from danvan.documents.models import Delegation
from danvan.organisations.models import OrgUnit

MAX_DAYS = 366


def delegation_create(
    *, actor, unit: OrgUnit, delegate, starts_on: dt.date | None, ends_on: dt.date | None
) -> Delegation:
    """`actor`, a leader of the issuing body `unit`, lets `delegate` issue the documents `actor` signs, from
    `starts_on` to `ends_on` (both included)."""
    if unit is None or not unit.has_danvan_function:
        raise ApplicationError(
            "Cơ quan ban hành: hãy chọn Ban hoặc Khối dân vận mà đồng chí là lãnh đạo.", field="unit"
        )
    if not perms.can_delegate_for(actor, unit):
        raise ApplicationError(
            f"Cơ quan ban hành: chỉ lãnh đạo của {unit.name} được ủy quyền ban hành văn bản.",
            code="forbidden",
            field="unit",
        )
    if delegate is None:
        raise ApplicationError("Người được ủy quyền: hãy chọn một người trong danh sách.", field="delegate")
    if delegate.pk == actor.pk:
        raise ApplicationError(
            "Người được ủy quyền: hãy chọn một người khác, không phải chính đồng chí.", field="delegate"
        )
    if not can_view_unit(delegate, unit):
        raise ApplicationError(
            f"Người được ủy quyền: {delegate.get_full_name()} không thuộc {unit.name}; hãy chọn cán bộ của cơ quan.",
            field="delegate",
        )
    if starts_on is None or ends_on is None:
        raise ApplicationError(
            "Thời hạn ủy quyền: hãy nhập ngày bắt đầu và ngày kết thúc (dd/mm/yyyy).", field="ends_on"
        )
    if ends_on < starts_on:
        raise ApplicationError("Đến ngày: phải từ ngày bắt đầu trở đi.", field="ends_on")
    if (ends_on - starts_on).days > MAX_DAYS:
        raise ApplicationError("Thời hạn ủy quyền: tối đa một năm; hãy chọn ngày kết thúc sớm hơn.", field="ends_on")
    with transaction.atomic():
        delegation = Delegation.objects.create(
            unit=unit,
            delegator=actor,
            delegate=delegate,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.DELEGATION_CREATED,
            unit=unit,
            target=delegation,
            after={
                "delegate": delegate.get_full_name(),
                "from": f"{starts_on:%d/%m/%Y}",
                "to": f"{ends_on:%d/%m/%Y}",
            },
        )
    return delegation


def delegation_end(*, actor, delegation: Delegation) -> Delegation:
    """End a delegation now (the leader who gave it, or another leader of the body)."""
    if not (actor.pk == delegation.delegator_id or perms.can_delegate_for(actor, delegation.unit)):
        raise ApplicationError("Chỉ lãnh đạo đã ủy quyền được chấm dứt ủy quyền này.", code="forbidden")
    with transaction.atomic():
        locked = Delegation.objects.select_for_update().get(pk=delegation.pk)
        if locked.ended_at is not None:
            raise ApplicationError("Ủy quyền này đã được chấm dứt trước đó.", field="ended_at")
        locked.ended_at = timezone.now()
        locked.ended_by = actor
        locked.save(update_fields=["ended_at", "ended_by"])
        audit_record(
            actor=actor,
            action=Action.DELEGATION_ENDED,
            unit=locked.unit,
            target=locked,
            before={"to": f"{locked.ends_on:%d/%m/%Y}", "ended": False},
            after={"ended": True},
        )
    return locked


def delegations_for_user(*, user):
    """Delegations the person gave or received, and those of the issuing bodies the person leads; newest first."""
    from danvan.accounts.models import Role

    led = OrgUnit.objects.filter(role_assignments__user=user, role_assignments__role=Role.LEADER)
    return (
        Delegation.objects.filter(Q(delegator=user) | Q(delegate=user) | Q(unit__in=led) | Q(unit__parent__in=led))
        .select_related("unit", "delegator", "delegate")
        .distinct()
        .order_by("-starts_on", "-id")[:200]
    )


def delegation_get_for_user(*, user, public_id) -> Delegation:
    from django.http import Http404

    delegation = Delegation.objects.select_related("unit").filter(public_id=public_id).first()
    if delegation is None or not (
        user.pk in (delegation.delegator_id, delegation.delegate_id) or perms.can_delegate_for(user, delegation.unit)
    ):
        raise Http404
    return delegation


def units_led(user) -> list[OrgUnit]:
    """The issuing bodies (with a dân vận function) for which the person may delegate."""
    from danvan.accounts.models import Role

    led = list(OrgUnit.objects.filter(role_assignments__user=user, role_assignments__role=Role.LEADER))
    bodies = {u.pk: u for u in led if u.has_danvan_function}
    for child in OrgUnit.objects.filter(parent__in=led, has_danvan_function=True):
        bodies[child.pk] = child
    return sorted(bodies.values(), key=lambda u: (u.depth, u.name))
