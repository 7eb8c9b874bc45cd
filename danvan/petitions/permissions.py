"""Who may see and act on petitions. Built on danvan.accounts.permissions (a role covers the unit's subtree)."""

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import (
    ACCOUNT_ROLES,
    EDIT_ROLES,
    can_approve_for,
    can_edit_unit,
    can_view_unit,
    roles_on,
)
from danvan.organisations.models import OrgUnit

HANDLER_ROLES = EDIT_ROLES


def is_handler(user, petition, *, handlers=None) -> bool:
    """Assigned to the petition and still able to handle at its unit: a handler whose role moved elsewhere keeps the
    PetitionHandler row (the history) but loses the petition and the denouncer's identity with the role.
    `handlers`: the petition's handler rows when the caller has read them all already (the detail page lists
    them), so that the assignment is not asked again."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_danvan_petition_handler", {})
    if petition.pk not in cache:
        if handlers is not None:
            assigned = any(h.user_id == user.pk and not h.pending for h in handlers)
        else:
            assigned = petition.handlers.filter(user=user, pending=False).exists()
        cache[petition.pk] = assigned and may_handle(user, petition.unit)
    return cache[petition.pk]


def can_view_petition(user, petition) -> bool:
    return can_view_unit(user, petition.unit) or is_handler(user, petition)


def can_act_on_petition(user, petition) -> bool:
    """Move the petition through its lifecycle: an editor of its unit or one of its handlers."""
    return can_edit_unit(user, petition.unit) or is_handler(user, petition)


def can_receive_for(user, unit: OrgUnit) -> bool:
    return can_edit_unit(user, unit)


def can_assign_handlers(user, petition) -> bool:
    """Put a handler forward. For a denunciation this alone is only a proposal: see the next predicate."""
    return can_edit_unit(user, petition.unit)


def can_decide_denunciation_handler(user, petition, handler) -> bool:
    """Who may make `handler` a handler of a denunciation — and so let them read the denouncer's identity: a leader
    (or administrator) of the petition's unit or of a unit above it, other than `handler`. Anyone else who may
    assign handlers only proposes, and the proposal waits for such a leader: one person never decides alone who
    reads the identity (Luật Tố cáo 2018, Điều 47)."""
    return can_approve_for(user, petition.unit) and getattr(user, "pk", None) != getattr(handler, "pk", None)


def can_see_denouncer(user, petition) -> bool:
    """Only the handlers assigned to this petition: not its unit's leaders, not other officers (Luật Tố cáo 2018)."""
    return is_handler(user, petition)


def may_handle(user, unit: OrgUnit) -> bool:
    """A handler must hold an editing role on a unit inside `unit`'s subtree (the unit itself included)."""
    return RoleAssignment.objects.filter(
        user=user, role__in=HANDLER_ROLES, unit__ancestor_links__ancestor=unit, user__is_active=True
    ).exists()


def can_edit_rules(user) -> bool:
    """The legal rules table and the holiday calendar are national: administrators of the root unit."""
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    return root is not None and bool(roles_on(user, root) & ACCOUNT_ROLES)
