import pytest

from danvan.accounts.models import RoleAssignment, User
from danvan.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

NEW = {
    "username": "xa.botha",
    "full_name": "Lý Thị Hạnh",
    "email": "",
    "role": "officer",
    "password": "Mat-khau-ban-dau-2026",
}


def test_a_unit_admin_creates_an_account_in_a_commune_of_the_province(client_for, admin_a):
    client = client_for(admin_a)
    response = client.post("/don-vi/C7294-DU/tai-khoan-moi/", NEW)
    user = User.objects.get(username="xa.botha")
    assert response.status_code == 302
    assert list(user.role_assignments.values_list("unit__code", "role")) == [("C7294-DU", "officer")]
    assert AuditEvent.objects.filter(action=Action.USER_CREATED, target_id=str(user.public_id)).count() == 1


def test_a_unit_admin_cannot_create_accounts_in_another_province(client_for, admin_a):
    response = client_for(admin_a).post("/don-vi/C30463-DU/tai-khoan-moi/", NEW)
    assert response.status_code == 404
    assert not User.objects.filter(username="xa.botha").exists()


def test_an_officer_is_not_an_account_admin(client_for, officer_a):
    client = client_for(officer_a)
    assert client.get("/don-vi/C7294-DU/tai-khoan-moi/").status_code == 404
    assert client.get("/tai-khoan/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "Lý Hạnh"),
        ("username", "ab"),
        ("full_name", " "),
        ("password", "12345678901"),
        ("password", "short"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(client_for, admin_a, field, value):
    response = client_for(admin_a).post("/don-vi/C7294-DU/tai-khoan-moi/", {**NEW, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.filter(full_name="Lý Thị Hạnh").count() == 0


def test_a_taken_username_is_refused(client_for, admin_a, officer_a):
    response = client_for(admin_a).post("/don-vi/C7294-DU/tai-khoan-moi/", {**NEW, "username": "officer.a"})
    assert "username" in response.context["form"].errors


def test_the_account_list_shows_only_accounts_in_the_admins_subtree(client_for, admin_a, officer_a, officer_b):
    page = client_for(admin_a).get("/tai-khoan/")
    usernames = {u.username for u in page.context["users"]}
    assert "officer.a" in usernames
    assert "officer.b" not in usernames


def test_an_admin_cannot_open_an_account_of_another_province(client_for, admin_a, officer_b):
    assert client_for(admin_a).get(f"/tai-khoan/{officer_b.public_id}/").status_code == 404


def test_granting_a_role_outside_the_subtree_is_refused(client_for, admin_a, officer_a):
    client = client_for(admin_a)
    response = client.post(
        f"/tai-khoan/{officer_a.public_id}/", {"form": "grant", "unit_code": "P91-TU", "role": "viewer"}
    )
    assert response.status_code == 200
    assert "unit_code" in response.context["grant_form"].errors
    assert not RoleAssignment.objects.filter(user=officer_a, unit__code="P91-TU").exists()


def test_granting_and_revoking_a_role(client_for, admin_a, officer_a):
    client = client_for(admin_a)
    client.post(f"/tai-khoan/{officer_a.public_id}/", {"form": "grant", "unit_code": "c7288-kdv", "role": "reporter"})
    assignment = RoleAssignment.objects.get(user=officer_a, unit__code="C7288-KDV")
    assert assignment.role == "reporter"
    client.post(f"/tai-khoan/{officer_a.public_id}/vai-tro/{assignment.pk}/thu-hoi/")
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(action=Action.ROLE_REVOKED, target_id=str(officer_a.public_id)).count() == 1


def test_locking_an_account(client_for, admin_a, officer_a):
    client_for(admin_a).post(f"/tai-khoan/{officer_a.public_id}/", {"form": "deactivate"})
    officer_a.refresh_from_db()
    assert not officer_a.is_active


def test_the_services_themselves_refuse_an_account_outside_the_admins_subtree(admin_a, officer_b):
    from danvan.accounts.services import user_reset_password, user_set_active
    from danvan.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as info:
        user_set_active(actor=admin_a, user=officer_b, is_active=False)
    assert info.value.code == "forbidden"
    with pytest.raises(ApplicationError) as info:
        user_reset_password(actor=admin_a, user=officer_b, password="Mot-mat-khau-moi-2026")
    assert info.value.code == "forbidden"
    officer_b.refresh_from_db()
    assert officer_b.is_active and not officer_b.check_password("Mot-mat-khau-moi-2026")
    assert not AuditEvent.objects.filter(target_id=str(officer_b.public_id)).exists()


def test_an_account_with_one_role_outside_the_subtree_is_not_the_admins(admin_a, officer_a):
    from danvan.accounts.permissions import can_manage_user
    from danvan.organisations.models import OrgUnit

    assert can_manage_user(admin_a, officer_a)
    RoleAssignment.objects.create(user=officer_a, unit=OrgUnit.objects.get(code="P91-TU"), role="viewer")
    assert not can_manage_user(admin_a, officer_a)
