"""Report rules, built on the organisation-wide predicates in danvan.accounts.permissions."""

from danvan.accounts.permissions import can_approve_for
from danvan.organisations.models import OrgUnit, OrgUnitClosure


def form_applies_to(form, unit: OrgUnit) -> bool:
    """The form is due from `unit`: its kind is assigned, and it lies in the form's scope."""
    if unit.kind not in form.unit_kinds:
        return False
    if form.scope_id is None:
        return True
    return OrgUnitClosure.objects.filter(ancestor_id=form.scope_id, descendant=unit).exists()


def can_decide_submission(user, submission) -> bool:
    """Approve or return: a leader of the unit above (or higher), never the reporting unit itself."""
    parent = submission.unit.parent
    return parent is not None and can_approve_for(user, parent)
