"""Which branches a person's member pages list: the person's roles read first, then plain conditions, giving exactly
the branches the earlier per-branch test gave (kept here as the reference)."""

import pytest
from django.db.models import Exists, OuterRef

from conftest import make_user
from danvan.accounts.demo import demo_data_load
from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import READ_ROLES
from danvan.members.demo import demo_members_load
from danvan.members.models import Branch
from danvan.members.selectors import branches_for_user
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db


def reference(user):
    """The earlier selector: for every branch, whether the person holds a role on its organisation's own line."""
    same_kind = RoleAssignment.objects.filter(user=user, role__in=READ_ROLES, unit__kind=OuterRef("owner__kind"))
    above = same_kind.filter(unit__descendant_links__descendant=OuterRef("owner"))
    province = same_kind.filter(unit__level=OrgUnit.Level.PROVINCE, unit__admin_unit_id=OuterRef("commune__parent_id"))
    central = same_kind.filter(unit__level=OrgUnit.Level.CENTRAL)
    return Branch.objects.filter(Exists(above) | Exists(province) | Exists(central))


def test_each_role_lists_the_same_branches_as_the_per_branch_test(django_assert_max_num_queries):
    demo_data_load()
    demo_members_load()
    assert Branch.objects.count() >= 8
    two_roles = make_user("two.roles", "officer", "C7288-HND")
    RoleAssignment.objects.create(user=two_roles, unit=OrgUnit.objects.get(code="P24-HPN"), role="viewer")
    people = {
        "commune farmers": make_user("c.hnd", "officer", "C7288-HND"),
        "commune women": make_user("c.hpn", "reporter", "C7288-HPN"),
        "commune front (another organisation)": make_user("c.mttq", "officer", "C7288-MTTQ"),
        "province farmers": make_user("p.hnd", "viewer", "P24-HND"),
        "another province's farmers": make_user("p1.hnd", "officer", "P1-HND"),
        "central farmers": make_user("tw.hnd", "leader", "TW-HND"),
        "a commune role and a province role": two_roles,
        "no role": make_user("nobody", None, None),
    }
    seen = {}
    for name, user in people.items():
        expected = set(reference(user).values_list("pk", flat=True))
        got = set(branches_for_user(user=user).values_list("pk", flat=True))
        assert got == expected, name
        seen[name] = len(got)
    # The cases are not all empty or all full: the comparison above means something.
    assert seen["commune farmers"] == 3
    assert seen["commune front (another organisation)"] == seen["no role"] == seen["another province's farmers"] == 0
    assert seen["province farmers"] == seen["central farmers"] > seen["commune farmers"]
    assert seen["a commune role and a province role"] == 3 + seen["commune women"] == 5
    # One query for the roles, one for the page, whatever the number of branches.
    with django_assert_max_num_queries(2):
        list(branches_for_user(user=people["central farmers"]))
