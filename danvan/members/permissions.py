"""Who sees what of the members (issue 12, "Personal data").

An organisation's own people see its members' details: a role on the body that owns the branch (say, Hội Nông dân
xã Yên Thế) or on a body of the same organisation above it (the province's Hội Nông dân, the central one). The Ban and the Front hold roles on other kinds of
unit: they see the counts (statistics), never the lists. Officers (data-entry roles) of the organisation see a
CCCD in full and import; a viewer sees it masked.
"""

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES, can_view_unit


def own_line(user, roles, *, owner: str = "owner", province: str = "commune__parent_id"):
    """The one rule of whose members `user` sees, as a condition on the bodies that own branches: the bodies of the
    same organisation (same kind of unit) as one of the user's `roles`, and
      - under the role's unit in the tree (the body itself or one below it),
      - or in the province of a provincial role (the tree hangs a commune's Hội under the commune's Front, not under
        the provincial Hội, so the organisation's own line is found by kind and place),
      - or anywhere, for a central role.
    The user's few role assignments are read first (one query, kept on the user for the request) and turned into
    plain conditions: no correlated test per branch. None when the user holds none of `roles`. `owner` is the path to the owning body from the model filtered
    ("owner" for Branch, "" for OrgUnit itself), `province` the path to its province's AdminUnit id. Used by the
    branch list (`selectors.branches_for_user`) and by every check of one branch or body below."""
    from django.db.models import Q

    from danvan.organisations.models import OrgUnit, OrgUnitClosure

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = user.__dict__.setdefault("_danvan_member_roles", {})
    key = tuple(sorted(roles))
    if key not in cache:
        cache[key] = list(
            RoleAssignment.objects.filter(user=user, role__in=roles).values_list(
                "unit_id", "unit__kind", "unit__level", "unit__admin_unit_id"
            )
        )
    under: dict[str, set[int]] = {}
    provinces: dict[str, set[int]] = {}
    central: set[str] = set()
    for unit_id, kind, level, admin_unit_id in cache[key]:
        under.setdefault(kind, set()).add(unit_id)
        if level == OrgUnit.Level.PROVINCE and admin_unit_id:
            provinces.setdefault(kind, set()).add(admin_unit_id)
        elif level == OrgUnit.Level.CENTRAL:
            central.add(kind)
    if not cache[key]:
        return None
    kind_field = f"{owner}__kind" if owner else "kind"
    owner_in = f"{owner}_id__in" if owner else "pk__in"
    visible = Q(pk__in=[])
    if central:
        visible |= Q(**{f"{kind_field}__in": central})
    for kind, unit_ids in under.items():
        if kind in central:
            continue
        below = OrgUnitClosure.objects.filter(ancestor_id__in=unit_ids).values("descendant_id")
        visible |= Q(**{kind_field: kind, owner_in: below})
        if kind in provinces:
            visible |= Q(**{kind_field: kind, f"{province}__in": provinces[kind]})
    return visible


def _covers_branch(user, branch, roles) -> bool:
    from danvan.members.models import Branch

    if not getattr(user, "is_authenticated", False):
        return False
    cache = user.__dict__.setdefault("_danvan_member_branches", {})
    key = (branch.pk, tuple(sorted(roles)))
    if key not in cache:
        condition = own_line(user, roles)
        cache[key] = condition is not None and Branch.objects.filter(condition, pk=branch.pk).exists()
    return cache[key]


def can_see_members(user, branch) -> bool:
    """Names, dates of birth and memberships of the branch's members (CCCD masked)."""
    return _covers_branch(user, branch, READ_ROLES)


def can_manage_branch(user, branch) -> bool:
    """The branch's own officers: import, add and end memberships, see the CCCD in full, export the list."""
    return _covers_branch(user, branch, DATA_ENTRY_ROLES)


def can_create_branch(user, owner) -> bool:
    """A data-entry role on `owner`'s own line (the same rule; `owner` a body at commune level or below)."""
    from danvan.organisations.models import OrgUnit

    condition = own_line(user, DATA_ENTRY_ROLES, owner="", province="admin_unit__parent_id")
    return condition is not None and OrgUnit.objects.filter(condition, pk=owner.pk).exists()


def can_view_counts(user, unit) -> bool:
    """Counted-once statistics of the area of `unit` (no personal data)."""
    return can_view_unit(user, unit)
