"""Every role, placed on a commune's Party committee, against five relations, for read, write and data entry.

Each cell is asserted twice: through the predicates and through HTTP (unit page → 200/404, edit → 302/404).
"""

import pytest

from conftest import make_user
from danvan.accounts.permissions import can_edit_unit, can_enter_data, can_manage_accounts, can_view_unit
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db

OWN, CHILD, SIBLING, PARENT, OTHER_PROVINCE = "own", "child", "sibling", "parent", "other_province"
TARGETS = {
    OWN: "C7288-DU",  # Đảng ủy xã Yên Thế, where the role is held
    CHILD: "C7288-KDV",  # its Khối dân vận
    SIBLING: "C7294-DU",  # Đảng ủy xã Bố Hạ, same province
    PARENT: "P24-TU",  # Thành ủy Bắc Ninh
    OTHER_PROVINCE: "C30463-DU",  # Đảng ủy xã Châu Phú, An Giang
}
IN_SCOPE = {OWN, CHILD}

#            role:      read      write (edit units)   data entry     accounts
EXPECTED = {
    "admin": (IN_SCOPE, IN_SCOPE, IN_SCOPE, IN_SCOPE),
    "leader": (IN_SCOPE, IN_SCOPE, IN_SCOPE, set()),
    "officer": (IN_SCOPE, IN_SCOPE, IN_SCOPE, set()),
    "reporter": (IN_SCOPE, set(), IN_SCOPE, set()),
    "viewer": (IN_SCOPE, set(), set(), set()),
}
CELLS = [(role, relation) for role in EXPECTED for relation in TARGETS]


@pytest.mark.parametrize(("role", "relation"), CELLS)
def test_predicates_follow_the_matrix(role, relation):
    user = make_user(f"u.{role}", role, TARGETS[OWN])
    target = OrgUnit.objects.get(code=TARGETS[relation])
    read, write, entry, accounts = EXPECTED[role]
    assert can_view_unit(user, target) is (relation in read)
    assert can_edit_unit(user, target) is (relation in write)
    assert can_enter_data(user, target) is (relation in entry)
    assert can_manage_accounts(user, target) is (relation in accounts)


@pytest.mark.parametrize(("role", "relation"), CELLS)
def test_http_follows_the_matrix(client, role, relation):
    user = make_user(f"h.{role}", role, TARGETS[OWN])
    client.force_login(user)
    code = TARGETS[relation]
    read, write, _entry, _accounts = EXPECTED[role]

    page = client.get(f"/don-vi/{code}/")
    assert page.status_code == (200 if relation in read else 404)

    edit = client.post(f"/don-vi/{code}/sua/", {"name": "Tên mới", "is_active": "on"})
    assert edit.status_code == (302 if relation in write else 404)
    expected_name = "Tên mới" if relation in write else OrgUnit.objects.get(code=code).name
    assert OrgUnit.objects.get(code=code).name == expected_name


def test_a_user_without_any_role_sees_no_unit(client, citizen):
    client.force_login(citizen)
    assert client.get("/don-vi/TW/").status_code == 404
    assert client.get("/don-vi/C7288-DU/").status_code == 404


def test_an_inactive_user_has_no_rights():
    user = make_user("gone", "admin", "TW")
    user.is_active = False
    user.save()
    assert not can_view_unit(user, OrgUnit.objects.get(code="TW"))


def test_roles_on_several_units_add_up():
    from danvan.accounts.models import RoleAssignment

    user = make_user("two.places", "viewer", "C7288-DU")
    RoleAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="C30463-DU"), role="officer")
    assert can_view_unit(user, OrgUnit.objects.get(code="C7288-KDV"))
    assert not can_edit_unit(user, OrgUnit.objects.get(code="C7288-KDV"))
    assert can_edit_unit(user, OrgUnit.objects.get(code="C30463-KDV"))


# --- Who may give work to whom (tasks, a meeting's conclusions) ---------------------------------------------
# The dân vận body of a Party committee acts for the committee over its subtree; every other unit gives work
# to itself and the units below it only.
ASSIGNING = {
    "P24-TGDV": {"P24-TGDV", "P24-TU", "P24-MTTQ", "P24-HND", "C7288-DU", "C7288-KDV", "C7288-MTTQ", "C7288-HND"}
    | {"C7294-DU"},
    "C7288-KDV": {"C7288-KDV", "C7288-DU", "C7288-MTTQ", "C7288-HND"},
    "TW-TGDV": "everything",  # the central Ban acts for the Central Committee, the root of the tree
    "P24-MTTQ": {"P24-MTTQ", "P24-HND"},
    "C7288-DU": {"C7288-DU", "C7288-KDV", "C7288-MTTQ", "C7288-HND"},
}
CANDIDATES = sorted(
    {"P24-TGDV", "P24-TU", "P24-MTTQ", "P24-HND", "C7288-DU", "C7288-KDV", "C7288-MTTQ", "C7288-HND", "C7294-DU"}
    | {"C30463-DU", "P91-TU", "TW-TGDV"}
)


@pytest.mark.parametrize("assigning", sorted(ASSIGNING))
def test_who_may_give_work_to_whom(assigning):
    from danvan.accounts.permissions import can_assign_to

    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*CANDIDATES, assigning])}
    allowed = {code for code in CANDIDATES if can_assign_to(units[assigning], units[code])}
    expected = set(CANDIDATES) if ASSIGNING[assigning] == "everything" else ASSIGNING[assigning] & set(CANDIDATES)
    assert allowed == expected
