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


def can_set_friendly_scheme(user, province) -> bool:
    """A province's criteria are set by those who edit the province."""
    return can_edit_unit(user, province)


def can_score_friendly(user, assessment) -> bool:
    """The steering committee's score and the recognition: edit rights on the scheme's province."""
    return can_edit_unit(user, assessment.scheme.province)


def can_view_project(user, project, bases=None) -> bool:
    """The running unit's people, and the people of any commune the project touches."""
    if can_view_unit(user, project.unit):
        return True
    return any(can_view_unit(user, b.unit) for b in (bases if bases is not None else project.bases.all()))


def can_manage_project(user, project) -> bool:
    return can_enter_data(user, project.unit)


def can_publish_project(user, project) -> bool:
    return can_edit_unit(user, project.unit)


def can_record_household(user, project, base) -> bool:
    """Contacts are recorded by the commune where the household lives, or by the running unit."""
    return can_enter_data(user, base.unit) or can_enter_data(user, project.unit)


def can_start_project(user, unit) -> bool:
    return can_enter_data(user, unit)
