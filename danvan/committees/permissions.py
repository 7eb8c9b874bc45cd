"""Who may do what with steering committees, built on danvan.accounts.permissions.

A committee follows the unit-scope rule of the body that set it up: its subtree reads it; editors of that body (and
of the units above) set it up, correct it, reorganise it, give its tasks and link its meetings.
"""

from danvan.accounts.permissions import can_edit_unit, can_view_unit


def can_view_committee(user, committee) -> bool:
    return can_view_unit(user, committee.unit)


def can_manage_committee(user, committee) -> bool:
    return can_edit_unit(user, committee.unit)


def can_set_up_for(user, unit) -> bool:
    return can_edit_unit(user, unit)
