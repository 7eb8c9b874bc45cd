"""Who may do what with model initiatives, built on danvan.accounts.permissions.

The rule of the movement: a unit registers its own models; the level above (a role on a strict ancestor of the
registering unit, never on the unit itself) approves, evaluates and recognises them.
"""

from danvan.accounts.models import Role, RoleAssignment
from danvan.accounts.permissions import APPROVE_ROLES, can_enter_data, can_view_unit
from danvan.initiatives.models import RECOGNISED_STATUSES, Initiative, Level, Status
from danvan.organisations.models import OrgUnit

COUNCIL_ROLES = frozenset({Role.ADMIN, Role.LEADER, Role.OFFICER})
_LEVEL_RANK = {OrgUnit.Level.CENTRAL: 0, OrgUnit.Level.PROVINCE: 1, OrgUnit.Level.COMMUNE: 2, OrgUnit.Level.VILLAGE: 3}


def _roles_above(user, unit: OrgUnit) -> list[tuple[str, str]]:
    """(role, level of the unit it is held on) for roles on strict ancestors of `unit`; one query, cached."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = user.__dict__.setdefault("_danvan_roles_above", {})
    if unit.pk not in cache:
        cache[unit.pk] = list(
            RoleAssignment.objects.filter(
                user=user, unit__descendant_links__descendant=unit, unit__descendant_links__depth__gt=0
            ).values_list("role", "unit__level")
        )
    return cache[unit.pk]


def can_register_for(user, unit: OrgUnit) -> bool:
    return can_enter_data(user, unit)


def can_view_initiative(user, initiative: Initiative) -> bool:
    # Recognised models are the showcase: every staff member may read them (and adopt them).
    if initiative.status in RECOGNISED_STATUSES:
        return bool(getattr(user, "is_authenticated", False) and user.is_active)
    return can_view_unit(user, initiative.unit)


def can_decide_registration(user, initiative: Initiative) -> bool:
    """Approve or reject: leader or admin of an ancestor of the registering unit."""
    return any(role in APPROVE_ROLES for role, _ in _roles_above(user, initiative.unit))


def can_approve_initiative(user, initiative: Initiative) -> bool:
    return initiative.status == Status.REGISTERED and can_decide_registration(user, initiative)


def is_council_member(user, initiative: Initiative) -> bool:
    """Evaluation council: leader/officer (or admin) rights on an ancestor of the registering unit."""
    return any(role in COUNCIL_ROLES for role, _ in _roles_above(user, initiative.unit))


def can_evaluate(user, initiative: Initiative) -> bool:
    return initiative.status in EVALUABLE_STATUSES and is_council_member(user, initiative)


def can_recognise_at(user, initiative: Initiative, level: str) -> bool:
    """Recognise at `level`: leader/admin on an ancestor at that level or higher (province level needs province)."""
    needed = _LEVEL_RANK[OrgUnit.Level.PROVINCE if level == Level.PROVINCE else OrgUnit.Level.COMMUNE]
    return any(
        role in APPROVE_ROLES and _LEVEL_RANK.get(unit_level, 9) <= needed
        for role, unit_level in _roles_above(user, initiative.unit)
    )


def can_recognise(user, initiative: Initiative) -> bool:
    return initiative.status in RECOGNISABLE_STATUSES and can_decide_registration(user, initiative)


def can_report_progress(user, initiative: Initiative) -> bool:
    return initiative.status in ACTIVE_STATUSES and can_enter_data(user, initiative.unit)


ACTIVE_STATUSES = (Status.APPROVED, Status.IN_PROGRESS, Status.EVALUATED, *RECOGNISED_STATUSES)
EVALUABLE_STATUSES = (Status.APPROVED, Status.IN_PROGRESS, Status.EVALUATED)
RECOGNISABLE_STATUSES = (Status.EVALUATED, *RECOGNISED_STATUSES)
