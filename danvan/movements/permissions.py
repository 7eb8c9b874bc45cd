"""Who may do what with movements, built on danvan.accounts.permissions.

- Draft a movement and manage its targets, reporting rounds and activities: admin, leader or officer on the
  launching unit or an ancestor (the officers who prepare the plan).
- Launch, edit once launched, close, give awards: leader or admin on the launching unit or an ancestor.
- See: anyone whose scope includes the launching unit, and — once launched — anyone with a role in the
  movement's scope (participants see movements launched above them). Anything else is 404.
- Register a unit, report its results: data-entry rights on that unit (it registers itself); the launching
  unit's admin, leader or officer may also register units of the scope in bulk.
"""

from danvan.accounts.permissions import (
    can_approve_for,
    can_edit_unit,
    can_enter_data,
    can_view_unit,
    has_role_within,
)
from danvan.movements.models import Movement
from danvan.organisations.models import OrgUnit


def can_view_movement(user, movement: Movement) -> bool:
    if can_view_unit(user, movement.unit):
        return True
    return movement.status != Movement.Status.DRAFT and has_role_within(user, movement.scope_unit)


def can_create_for(user, unit: OrgUnit) -> bool:
    return can_edit_unit(user, unit)


def can_manage(user, movement: Movement) -> bool:
    """Targets, reporting rounds, activities, bulk registration: admin, leader or officer of the launcher."""
    return movement.status != Movement.Status.CLOSED and can_edit_unit(user, movement.unit)


def can_lead(user, movement: Movement) -> bool:
    """Launch, close, award: leader or admin of the launching unit or above."""
    return can_approve_for(user, movement.unit)


def can_edit(user, movement: Movement) -> bool:
    if movement.status == Movement.Status.DRAFT:
        return can_edit_unit(user, movement.unit)
    return movement.status == Movement.Status.LAUNCHED and can_lead(user, movement)


def can_register_unit(user, unit: OrgUnit) -> bool:
    return can_enter_data(user, unit)


def can_report_for(user, unit: OrgUnit) -> bool:
    return can_enter_data(user, unit)
