"""Who sees what of the members (issue 12, "Personal data").

An organisation's own people see its members' details: a role on the body that owns the branch (say, Hội Nông dân
xã Yên Thế) or on a body of the same organisation above it (the province's Hội Nông dân, the central one). The Ban and the Front hold roles on other kinds of
unit: they see the counts (statistics), never the lists. Officers (data-entry roles) of the organisation see a
CCCD in full and import; a viewer sees it masked.
"""

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES, can_view_unit


def own_line_roles(user, owner, roles):
    """The user's role assignments, among `roles`, on bodies of the same organisation as `owner` (same kind) that
    cover it: its ancestors in the tree, the organisation's provincial body of the province `owner` lies in, and
    its central body. (The tree hangs a commune's Hội under the commune's Front, not under the provincial Hội, so
    the organisation's own line is found by kind and place.)"""
    from django.db.models import Q

    from danvan.organisations.models import AdminUnit, OrgUnit

    province_id = None
    if owner.admin_unit_id:
        level, parent_id = AdminUnit.objects.filter(pk=owner.admin_unit_id).values_list("level", "parent_id").get()
        province_id = parent_id if level == AdminUnit.Level.COMMUNE else owner.admin_unit_id
    covering = Q(unit__descendant_links__descendant=owner) | Q(unit__level=OrgUnit.Level.CENTRAL)
    if province_id:
        covering |= Q(unit__level=OrgUnit.Level.PROVINCE, unit__admin_unit_id=province_id)
    return RoleAssignment.objects.filter(covering, user=user, role__in=roles, unit__kind=owner.kind)


def _holds_on_own_line(user, owner, roles) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_danvan_member_roles", {})
    key = (owner.pk, tuple(sorted(roles)))
    if key not in cache:
        cache[key] = own_line_roles(user, owner, roles).exists()
    return cache[key]


def can_see_members(user, branch) -> bool:
    """Names, dates of birth and memberships of the branch's members (CCCD masked)."""
    return _holds_on_own_line(user, branch.owner, READ_ROLES)


def can_manage_branch(user, branch) -> bool:
    """The branch's own officers: import, add and end memberships, see the CCCD in full, export the list."""
    return _holds_on_own_line(user, branch.owner, DATA_ENTRY_ROLES)


def can_create_branch(user, owner) -> bool:
    return _holds_on_own_line(user, owner, DATA_ENTRY_ROLES)


def can_view_counts(user, unit) -> bool:
    """Counted-once statistics of the area of `unit` (no personal data)."""
    return can_view_unit(user, unit)
