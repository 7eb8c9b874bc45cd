"""A password an administrator chose is changed by its owner at the first login, before anything else."""

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import user_reset_password
from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token

pytestmark = pytest.mark.django_db

FIRST = "Mat-khau-ban-dau-2026"
OWN = "Mat-khau-cua-toi-2026"


def created_by_admin(client_for, admin_a) -> User:
    new = {"username": "xa.botha", "full_name": "Lý Thị Hạnh", "email": "", "role": "officer", "password": FIRST}
    client_for(admin_a).post("/don-vi/C7294-DU/tai-khoan-moi/", {**new, "unit": "C7294-DU"})
    return User.objects.get(username="xa.botha")


def test_a_new_account_must_choose_its_own_password_before_any_page(client_for, admin_a):
    user = created_by_admin(client_for, admin_a)
    assert user.must_change_password
    client = Client()
    login = client.post("/dang-nhap/", {"username": "xa.botha", "password": FIRST})
    assert login.status_code == 302
    for path in ["/", "/don-thu/", "/bao-cao/", "/viec-cua-toi/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/mat-khau/", path
    page = client.get("/mat-khau/")
    assert page.status_code == 200
    assert "Mật khẩu của đồng chí do quản trị viên đặt" in page.content.decode()
    # A POST elsewhere writes nothing either: it is sent to the same page.
    assert client.post("/viec-cua-toi/da-doc/", {TOKEN_FIELD: new_form_token()})["Location"] == "/mat-khau/"


def test_after_the_change_the_person_works_and_the_change_is_audited(client_for, admin_a):
    user = created_by_admin(client_for, admin_a)
    client = Client()
    client.post("/dang-nhap/", {"username": "xa.botha", "password": FIRST})
    same = client.post(
        "/mat-khau/",
        {"old_password": FIRST, "new_password1": FIRST, "new_password2": FIRST, TOKEN_FIELD: new_form_token()},
    )
    assert same.status_code == 200
    assert "Mật khẩu mới: phải khác mật khẩu hiện tại." in same.content.decode()
    changed = client.post(
        "/mat-khau/", {"old_password": FIRST, "new_password1": OWN, "new_password2": OWN, TOKEN_FIELD: new_form_token()}
    )
    assert changed.status_code == 302 and changed["Location"] == "/"
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password(OWN)
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.PASSWORD_CHANGED, target_id=str(user.public_id)).count() == 1


def test_a_reset_by_an_administrator_asks_for_a_new_own_password_again(client, officer_a, admin_a):
    assert not officer_a.must_change_password
    user_reset_password(actor=admin_a, user=officer_a, password="Mot-mat-khau-moi-2026")
    officer_a.refresh_from_db()
    assert officer_a.must_change_password
    client.post("/dang-nhap/", {"username": "officer.a", "password": "Mot-mat-khau-moi-2026"})
    assert client.get("/")["Location"] == "/mat-khau/"
    # Logging out stays possible.
    assert client.post("/dang-xuat/")["Location"] == "/dang-nhap/"
