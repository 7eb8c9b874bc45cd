"""Who may do what in grassroots democracy, built on danvan.accounts.permissions.

A base belongs to a unit (the commune's Đảng ủy, or the unit overseeing an agency or enterprise): the unit-scope
rule applies to it. Recording needs data-entry rights; publishing to the portal and moderating need edit rights.
"""

from danvan.accounts.permissions import can_edit_unit, can_enter_data, can_view_unit


def can_view_base(user, base) -> bool:
    return can_view_unit(user, base.unit)


def can_record_for(user, base) -> bool:
    return can_enter_data(user, base.unit)


def can_publish_for(user, base) -> bool:
    return can_edit_unit(user, base.unit)


def can_edit_catalogue(user) -> bool:
    """The catalogue is national data: admins and leaders at central or provincial level correct it."""
    from danvan.accounts.models import Role, RoleAssignment

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return RoleAssignment.objects.filter(
        user=user, role__in=(Role.ADMIN, Role.LEADER), unit__level__in=("central", "province")
    ).exists()
