"""Who may read documents into records, and who sees them. Built on the one organisation rule."""

from danvan.accounts.permissions import DATA_ENTRY_ROLES, can_enter_data, can_view_unit, scope_roots


def can_view_ingest(user, unit) -> bool:
    return can_view_unit(user, unit)


def can_ingest(user, unit) -> bool:
    """Upload or paste a document for `unit`, and confirm its record: whoever enters the unit's data."""
    return can_enter_data(user, unit)


def ingest_units_for(user):
    """The units a user can file documents under: where their data-entry roles are attached."""
    return scope_roots(user, DATA_ENTRY_ROLES).order_by("depth", "name")
