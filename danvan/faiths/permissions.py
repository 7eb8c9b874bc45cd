"""Who may do what in the ethnic and religious registers, built on danvan.accounts.permissions.

Everything follows the unit-scope rule (404 outside). Dignitaries' names and years of birth are personal data
(NĐ 13/2023/NĐ-CP): only the data-entry roles of the commune and of the levels above see them; a viewer in scope sees
the positions with the names masked.
"""

from danvan.accounts.permissions import can_enter_data, can_view_unit
from danvan.organisations.models import OrgUnit


def can_view_register(user, unit: OrgUnit) -> bool:
    return can_view_unit(user, unit)


def can_edit_register(user, unit: OrgUnit) -> bool:
    """Register and correct establishments, dignitaries, figures, areas, visits and commendations of `unit`."""
    return can_enter_data(user, unit)


def can_see_dignitaries(user, establishment) -> bool:
    """Names and years of birth of an establishment's dignitaries: data-entry roles on its commune or above."""
    return can_enter_data(user, establishment.unit)


def can_export(user, unit: OrgUnit) -> bool:
    """An XLSX of the register holds personal data: the same roles that may see the dignitaries."""
    return can_enter_data(user, unit)
