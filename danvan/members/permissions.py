"""Who sees what of the members (issue 12, "Personal data").

An organisation's own people see its members' details: a role on the body that owns the branch (say, Hội Nông dân
xã Yên Thế) or on a body of the same organisation above it. The Ban and the Front hold roles on other kinds of
unit: they see the counts (statistics), never the lists. Officers (data-entry roles) of the organisation see a
CCCD in full and import; a viewer sees it masked.
"""

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES, can_view_unit


def _holds_on_own_line(user, owner, roles) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_danvan_member_roles", {})
    key = (owner.pk, tuple(sorted(roles)))
    if key not in cache:
        cache[key] = RoleAssignment.objects.filter(
            user=user, role__in=roles, unit__kind=owner.kind, unit__descendant_links__descendant=owner
        ).exists()
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
