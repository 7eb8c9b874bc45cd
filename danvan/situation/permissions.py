"""Who may do what with situation reports and hotspots, built on danvan.accounts.permissions.

Reports and hotspots follow the unit-scope rule. A restricted record is narrower: only the leaders of the units
above the reporting unit, the people named on it and its author see it.
"""

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import APPROVE_ROLES, can_enter_data, can_view_unit, roles_on
from danvan.organisations.models import OrgUnit

LEVEL_RANK = {OrgUnit.Level.CENTRAL: 0, OrgUnit.Level.PROVINCE: 1, OrgUnit.Level.COMMUNE: 2, OrgUnit.Level.VILLAGE: 3}


def leads_above(user, unit: OrgUnit) -> bool:
    """The user is a leader (or administrator) of a strict ancestor of `unit`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return RoleAssignment.objects.filter(
        user=user,
        role__in=APPROVE_ROLES,
        unit__descendant_links__descendant=unit,
        unit__descendant_links__depth__gt=0,
    ).exists()


def can_view_record(user, record) -> bool:
    """A report or hotspot: the unit-scope rule, or for a restricted one the leaders above and the people on it."""
    if not record.restricted:
        return can_view_unit(user, record.unit)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if record.created_by_id == user.pk or record.named_people.filter(pk=user.pk).exists():
        return True
    return leads_above(user, record.unit)


def can_report_for(user, unit: OrgUnit) -> bool:
    return can_enter_data(user, unit)


def can_edit_record(user, record) -> bool:
    return can_enter_data(user, record.unit) and can_view_record(user, record)


def can_acknowledge_alert(user, alert) -> bool:
    """A leader (or administrator) of the unit alerted, or of a unit above it."""
    return alert.acknowledged_at is None and bool(roles_on(user, alert.unit) & APPROVE_ROLES)


def can_view_digest(user, digest) -> bool:
    """A digest follows the unit-scope rule of its unit (the centre's, or a province committee's)."""
    return can_view_unit(user, digest.unit)


def can_generate_digest(user, unit: OrgUnit) -> bool:
    """Leaders, administrators and officers of the unit (or above) may make its digest again at once."""
    from danvan.accounts.permissions import EDIT_ROLES

    return bool(roles_on(user, unit) & EDIT_ROLES)


# Meetings that review the period's work and take a digest on their agenda.
DIGEST_MEETING_KINDS = frozenset({"giao_ban", "so_ket", "tong_ket"})


def can_attach_digest(user, meeting, area: OrgUnit | None) -> bool:
    """Whoever writes the meeting and may read the situation data of its area (`area`: the digest unit at or
    above the meeting's unit) attaches and detaches its digests."""
    from danvan.accounts.permissions import can_edit_unit

    return (
        area is not None
        and meeting.kind in DIGEST_MEETING_KINDS
        and can_edit_unit(user, meeting.unit)
        and can_view_unit(user, area)
    )
