"""Who may do what with supervisions, recommendations and critiques, built on danvan.accounts.permissions.

The Front of a level works for its whole area: the Front of a province sees what the communes' Fronts supervise
and the bodies they supervise. So a role on a Front or organisation body reaches the subtree of the Party
committee it sits under (its *area*); any other role reaches its own subtree, as everywhere in danvan.
"""

from django.db.models import Exists, OuterRef, Q

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES, can_enter_data
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.oversight.models import SUPERVISING_KINDS


def area_of(unit: OrgUnit) -> OrgUnit:
    """The subtree a Front or organisation body supervises and is seen from: its Party committee's."""
    if unit.kind in SUPERVISING_KINDS and unit.parent_id is not None:
        # A province's organisations sit under its Front, which sits under the Party committee.
        closest = (
            OrgUnit.objects.filter(
                descendant_links__descendant=unit,
                descendant_links__depth__gt=0,
                kind=OrgUnit.Kind.PARTY_COMMITTEE,
            )
            .order_by("descendant_links__depth")
            .first()
        )
        if closest is not None:
            return closest
    return unit


def roots_of(user, roles=READ_ROLES) -> list[int]:
    """Ids of the units whose subtrees the user's oversight roles reach (a cached list per user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = user.__dict__.setdefault("_oversight_roots", {})
    key = tuple(sorted(roles))
    if key not in cache:
        units = OrgUnit.objects.filter(role_assignments__user=user, role_assignments__role__in=roles).distinct()
        cache[key] = sorted({area_of(u).pk for u in units.select_related("parent")})
    return cache[key]


def reaches(user, unit: OrgUnit | None, roles=READ_ROLES) -> bool:
    if unit is None:
        return False
    roots = roots_of(user, roles)
    return bool(roots) and OrgUnitClosure.objects.filter(ancestor_id__in=roots, descendant=unit).exists()


def in_area(body: OrgUnit, target: OrgUnit) -> bool:
    """`target` lies in the area `body` supervises."""
    return OrgUnitClosure.objects.filter(ancestor=area_of(body), descendant=target).exists()


def visible_q(user, *fields: str) -> Q:
    """A filter: the record's unit in any of `fields` lies under one of the user's oversight roots."""
    roots = roots_of(user)
    q = Q(pk__in=[])
    for field in fields:
        q |= Q(Exists(OrgUnitClosure.objects.filter(ancestor_id__in=roots, descendant=OuterRef(field))))
    return q


def can_record_for(user, unit: OrgUnit) -> bool:
    """Record a programme, a supervision or a critique of a Front or organisation body: its data-entry roles."""
    return unit.kind in SUPERVISING_KINDS and can_enter_data(user, unit)


def can_view_supervision(user, supervision) -> bool:
    return reaches(user, supervision.unit) or reaches(user, supervision.supervised_unit)


def can_edit_supervision(user, supervision) -> bool:
    return can_enter_data(user, supervision.unit)


def can_view_recommendation(user, recommendation) -> bool:
    return can_view_supervision(user, recommendation.supervision) or reaches(user, recommendation.responsible_unit)


def can_answer(user, recommendation) -> bool:
    """The body that must answer records its answer; so does the supervising body (an answer that came by letter)."""
    return can_enter_data(user, recommendation.responsible_unit) or can_enter_data(
        user, recommendation.supervision.unit
    )


def can_view_critique(user, critique) -> bool:
    return reaches(user, critique.unit) or reaches(user, critique.drafting_unit)


def can_edit_critique(user, critique) -> bool:
    return can_enter_data(user, critique.unit)


def can_respond(user, critique) -> bool:
    """The drafting body records its response to the opinions; so does the Front (a response sent by letter)."""
    return can_enter_data(user, critique.drafting_unit) or can_enter_data(user, critique.unit)


def bodies_for(user):
    """The Front and organisation bodies the user enters data for (the choices of a "body" field)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return OrgUnit.objects.none()
    covering = OrgUnitClosure.objects.filter(
        descendant=OuterRef("pk"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=DATA_ENTRY_ROLES,
    )
    return OrgUnit.objects.filter(Exists(covering), kind__in=SUPERVISING_KINDS)


def has_assignment(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and RoleAssignment.objects.filter(user=user).exists()
