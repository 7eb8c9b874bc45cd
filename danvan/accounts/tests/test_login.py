import pytest
from django.conf import settings

from conftest import PASSWORD
from danvan.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_a_right_login_goes_home_and_is_audited(client, officer_a):
    response = post_login(client, "officer.a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert AuditEvent.objects.filter(action=Action.LOGIN, actor=officer_a).count() == 1


def test_the_username_is_not_case_sensitive(client, officer_a):
    assert post_login(client, "Officer.A", PASSWORD).status_code == 302


def test_a_wrong_login_says_so_and_counts_down(client, officer_a):
    response = post_login(client, "officer.a", "wrong-password")
    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    assert "4" in message  # attempts left
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, details__username="officer.a").count() == 1


def test_the_account_locks_after_repeated_failures_even_for_the_right_password(client, officer_a):
    for _ in range(settings.DANVAN_LOCKOUT_ATTEMPTS):
        post_login(client, "officer.a", "wrong-password")
    response = post_login(client, "officer.a", PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"][0]
    assert "_auth_user_id" not in client.session


def test_a_password_reset_by_an_admin_lifts_the_lock(client, officer_a, admin_a):
    from danvan.accounts.services import user_reset_password

    for _ in range(settings.DANVAN_LOCKOUT_ATTEMPTS):
        post_login(client, "officer.a", "wrong-password")
    user_reset_password(actor=admin_a, user=officer_a, password="Mot-mat-khau-moi-2026")
    assert post_login(client, "officer.a", "Mot-mat-khau-moi-2026").status_code == 302


def test_an_inactive_account_cannot_log_in(client, officer_a):
    officer_a.is_active = False
    officer_a.save()
    assert post_login(client, "officer.a", PASSWORD).status_code == 200


def test_next_is_followed_only_on_this_site(client, officer_a):
    response = client.post("/dang-nhap/?next=https://evil.example/", {"username": "officer.a", "password": PASSWORD})
    assert response["Location"] == "/"
    client.logout()
    response = client.post("/dang-nhap/?next=/don-vi/", {"username": "officer.a", "password": PASSWORD})
    assert response["Location"] == "/don-vi/"


def test_logout_is_post_only_and_audited(client, officer_a):
    client.force_login(officer_a)
    assert client.get("/dang-xuat/").status_code == 405
    assert client.post("/dang-xuat/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.LOGOUT, actor=officer_a).exists()


def test_pages_need_a_login(client):
    response = client.get("/don-vi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_passwords_are_hashed_with_argon2_and_sessions_expire():
    from danvan import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0] == "danvan.accounts.hashers.Argon2PasswordHasher"
    assert real_settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert real_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_argon2_hashes_and_checks(settings):
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    encoded = make_password("Mat-khau-thu-2026")
    assert encoded.startswith("argon2")
    assert check_password("Mat-khau-thu-2026", encoded)


def test_changing_ones_own_password_checks_the_policy(client, officer_a):
    client.force_login(officer_a)
    weak = client.post(
        "/mat-khau/", {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200
    assert "new_password1" in weak.context["form"].errors
    good = client.post(
        "/mat-khau/",
        {"old_password": PASSWORD, "new_password1": "Mat-khau-rat-moi-2026", "new_password2": "Mat-khau-rat-moi-2026"},
    )
    assert good.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.check_password("Mat-khau-rat-moi-2026")


def test_in_production_a_demo_account_is_refused_at_login_with_a_clear_message(client, settings):
    from danvan.accounts.demo import DEMO_PASSWORD, demo_data_load

    demo_data_load()
    settings.PRODUCTION = True
    response = post_login(client, "admin", DEMO_PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"] == [
        "Không dùng được tài khoản mẫu và mật khẩu mẫu khi danvan chạy chính thức (production)."
    ]
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, details__username="admin").count() == 1


def test_in_production_a_demo_account_stays_refused_after_its_password_is_changed(client, settings):
    from django.contrib.auth import authenticate

    from danvan.accounts.demo import demo_data_load
    from danvan.accounts.models import User

    demo_data_load()
    user = User.objects.get(username="admin")
    user.set_password("Mot-mat-khau-rieng-2026")
    user.save()
    settings.PRODUCTION = True
    assert post_login(client, "admin", "Mot-mat-khau-rieng-2026").status_code == 200
    assert "_auth_user_id" not in client.session
    # Every other path that authenticates (the API, scripts) goes through the same backend.
    assert authenticate(None, username="admin", password="Mot-mat-khau-rieng-2026") is None
    settings.PRODUCTION = False
    assert authenticate(None, username="admin", password="Mot-mat-khau-rieng-2026") == user


def test_in_production_the_published_demo_password_is_refused_for_any_account(client, settings, officer_a):
    from danvan.accounts.demo import DEMO_PASSWORD

    officer_a.set_password(DEMO_PASSWORD)
    officer_a.save()
    settings.PRODUCTION = True
    assert post_login(client, "officer.a", DEMO_PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_in_production_a_real_administrator_named_admin_logs_in(client, settings):
    from django.core.management import call_command

    call_command("create_system_admin", "admin", password=PASSWORD, stdout=None)
    settings.PRODUCTION = True
    assert post_login(client, "admin", PASSWORD).status_code == 302


def test_outside_production_the_demo_accounts_log_in(client):
    from danvan.accounts.demo import DEMO_PASSWORD, demo_data_load

    demo_data_load()
    assert post_login(client, "admin", DEMO_PASSWORD).status_code == 302
