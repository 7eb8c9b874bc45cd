"""Every permission rule in danvan, as plain predicates on (user, unit).

One rule underlies them all: a role held on a unit applies to that unit and everything below it.
Views, templates, selectors and services call these; none of them re-implements a check.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from danvan.accounts.models import Role, RoleAssignment
from danvan.organisations.models import OrgUnit, OrgUnitClosure

READ_ROLES = frozenset(Role.values)
EDIT_ROLES = frozenset({Role.ADMIN, Role.LEADER, Role.OFFICER})
DATA_ENTRY_ROLES = frozenset({Role.ADMIN, Role.LEADER, Role.OFFICER, Role.REPORTER})
APPROVE_ROLES = frozenset({Role.ADMIN, Role.LEADER})
ACCOUNT_ROLES = frozenset({Role.ADMIN})
AUDIT_ROLES = frozenset({Role.ADMIN})


def roles_on(user, unit: OrgUnit) -> frozenset[str]:
    """The roles `user` holds on `unit` or any of its ancestors (one indexed query, cached per user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache = user.__dict__.setdefault("_danvan_roles_on", {})
    if unit.pk not in cache:
        cache[unit.pk] = frozenset(
            RoleAssignment.objects.filter(user=user, unit__descendant_links__descendant=unit).values_list(
                "role", flat=True
            )
        )
    return cache[unit.pk]


def has_role_within(user, unit: OrgUnit) -> bool:
    """The user holds some role on `unit` or a unit below it — the test for "work launched above you reaches
    you" (a movement or contest of the province seen from a commune). One query, cached per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_danvan_role_within", {})
    if unit.pk not in cache:
        cache[unit.pk] = RoleAssignment.objects.filter(user=user, unit__ancestor_links__ancestor=unit).exists()
    return cache[unit.pk]


# The dân vận body of a Party committee (the Ban Tuyên giáo và Dân vận of a province or the centre, a Ban Dân vận,
# the khối dân vận of a commune's Đảng ủy) works for that committee: the work it gives out reaches the
# committee's whole subtree (the communes, the Front and the organisations at its level), as in real life.
ACTS_FOR_ITS_COMMITTEE = frozenset(
    {
        OrgUnit.Kind.PROPAGANDA_MOBILISATION_BOARD,
        OrgUnit.Kind.MOBILISATION_BOARD,
        OrgUnit.Kind.MOBILISATION_BLOC,
    }
)


def assignment_scope(unit: OrgUnit) -> OrgUnit:
    """The unit whose subtree `unit` may give work to (tasks, a meeting's conclusions): the unit itself, or for
    the dân vận body of a Party committee, that committee."""
    if unit.kind in ACTS_FOR_ITS_COMMITTEE and unit.parent_id is not None:
        parent = unit.parent
        if parent.kind == OrgUnit.Kind.PARTY_COMMITTEE:
            return parent
    return unit


def can_assign_to(assigning: OrgUnit, target: OrgUnit) -> bool:
    """`assigning` may give `target` work: `target` lies in its assignment scope (one indexed lookup)."""
    scope = assignment_scope(assigning)
    return OrgUnitClosure.objects.filter(ancestor=scope, descendant=target).exists()


def can_view_unit(user, unit: OrgUnit) -> bool:
    return bool(roles_on(user, unit) & READ_ROLES)


def can_edit_unit(user, unit: OrgUnit) -> bool:
    """Edit the unit, add units below it, manage its positions."""
    return bool(roles_on(user, unit) & EDIT_ROLES)


def can_enter_data(user, unit: OrgUnit) -> bool:
    """Enter the unit's own data (reports, records): the reporter's right."""
    return bool(roles_on(user, unit) & DATA_ENTRY_ROLES)


def can_approve_for(user, unit: OrgUnit) -> bool:
    return bool(roles_on(user, unit) & APPROVE_ROLES)


def can_revoke_number(user, issuer: OrgUnit) -> bool:
    """Revoke an issued number (thu hồi văn bản): a leader of the issuing body itself or of the Party committee it
    works for, the people who could have signed it. A leader higher up does not revoke a commune's numbers; they
    ask the commune to (the role above does not flow down here, unlike reading and approving)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    own = {issuer.pk, issuer.parent_id}
    return any(role in APPROVE_ROLES and unit_id in own for role, unit_id, _depth in _assignments(user))


def can_manage_accounts(user, unit: OrgUnit) -> bool:
    return bool(roles_on(user, unit) & ACCOUNT_ROLES)


def can_manage_user(actor, user) -> bool:
    """`actor` administers accounts on every unit `user` holds a role on.

    A user with a role outside the actor's subtree (say, in another province too) is not theirs to change;
    nor is an account without any role, which no unit admin answers for."""
    assignments = list(user.role_assignments.select_related("unit"))
    return bool(assignments) and all(can_manage_accounts(actor, a.unit) for a in assignments)


def can_view_audit(user, unit: OrgUnit) -> bool:
    return bool(roles_on(user, unit) & AUDIT_ROLES)


def _assignments(user) -> tuple[tuple[str, int, int], ...]:
    """The person's role assignments as (role, unit id, unit depth): one query, kept on the user object.

    Django builds a new user object for every request, so this lives exactly one request (or one task, one
    command); nothing is shared between requests, processes or machines. A page asks for the person's scope
    from the menu, the inbox's sections and the selectors: it used to read it once for each."""
    cached = user.__dict__.get("_danvan_assignments")
    if cached is None:
        cached = tuple(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id", "unit__depth"))
        user.__dict__["_danvan_assignments"] = cached
    return cached


def units_around(user) -> tuple[OrgUnit, ...]:
    """The units the person's roles are attached to and the units directly below them (a commune's khối dân vận,
    a province's Front), with their administrative unit, in the units' own order (sort_order, name): one query, kept on
    the user object like the assignments, so for one request. The home page's roots, the inbox's reports, tasks
    and received documents all start from these units; each used to read them again."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    roots = tuple(scope_root_ids(user))
    cached = user.__dict__.get("_danvan_units_around")
    if cached is None or cached[0] != roots:
        units = ()
        if roots:
            units = tuple(
                OrgUnit.objects.filter(Q(pk__in=roots) | Q(parent_id__in=roots))
                .select_related("admin_unit")
                .order_by("sort_order", "name", "pk")
            )
        cached = (roots, units)
        user.__dict__["_danvan_units_around"] = cached
    return cached[1]


def roles_key(user) -> tuple:
    """Everything of the person's roles that a selector may build a query from: their assignments (role, unit,
    depth) and the units around them (id, kind, parent). With the person's id and the day, the key of a compiled
    query kept between requests (core.inbox); the rows themselves are always read from the database."""
    return (
        _assignments(user),
        tuple((unit.pk, unit.kind, unit.parent_id) for unit in units_around(user)),
    )


def forget_roles(user) -> None:
    """Drop what this user object remembers of its roles (after a service changed them)."""
    for key in ("_danvan_assignments", "_danvan_roles_on", "_danvan_role_within", "_danvan_units_around"):
        user.__dict__.pop(key, None)


def has_any_role(user, roles: frozenset[str]) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(role in roles for role, _unit, _depth in _assignments(user))


def units_in_scope(user, roles: frozenset[str] = READ_ROLES) -> QuerySet[OrgUnit]:
    """All units on which `user` holds one of `roles`, directly or through an ancestor."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return OrgUnit.objects.none()
    covering = OrgUnitClosure.objects.filter(
        descendant=OuterRef("pk"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=roles,
    )
    return OrgUnit.objects.filter(Exists(covering))


def scope_root_depths(user, roles: frozenset[str] = READ_ROLES) -> list[tuple[int, int]]:
    """(unit id, depth) of the units the user's roles are attached to, by id; no query after the first."""
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted({(unit, depth) for role, unit, depth in _assignments(user) if role in roles})


def scope_root_ids(user, roles: frozenset[str] = READ_ROLES) -> list[int]:
    """Ids of the units the user's roles are attached to (the tops of their scope); no query after the first."""
    return [unit for unit, _depth in scope_root_depths(user, roles)]


def scope_roots(user, roles: frozenset[str] = READ_ROLES) -> QuerySet[OrgUnit]:
    """The units the user's roles are attached to (the tops of their scope), as a query on their ids."""
    ids = scope_root_ids(user, roles)
    return OrgUnit.objects.filter(pk__in=ids) if ids else OrgUnit.objects.none()
