"""Who may do what with the yearly assessment, built on danvan.accounts.permissions.

- Run (configure a scheme, choose the bodies, review, rank, issue the report): admin, leader or officer of the
  scheme's unit (the province's Ban) or above it (`can_edit_unit`).
- Self-assess: a person who enters data for the assessed body (`can_enter_data` on the body or above it).
- View a scheme: its unit is in the user's read scope. View an assessment: that, or the body is in scope.
"""

from danvan.accounts.permissions import EDIT_ROLES, can_edit_unit, can_enter_data, can_view_unit, has_any_role
from danvan.assessments.models import Assessment, Scheme


def can_create_schemes(user) -> bool:
    return has_any_role(user, EDIT_ROLES)


def can_run(user, scheme: Scheme) -> bool:
    return can_edit_unit(user, scheme.unit)


def can_view_scheme(user, scheme: Scheme) -> bool:
    return can_view_unit(user, scheme.unit)


def can_self_assess(user, assessment: Assessment) -> bool:
    return can_enter_data(user, assessment.body)


def can_view_assessment(user, assessment: Assessment) -> bool:
    return can_view_unit(user, assessment.body) or can_view_scheme(user, assessment.scheme)
