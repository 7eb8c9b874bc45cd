"""Per-address login throttling and the maximum password length, through the login page."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from conftest import PASSWORD, make_user
from danvan.accounts.models import LoginFailure
from danvan.audit.middleware import client_ip

pytestmark = pytest.mark.django_db


def post_login(client, username, password, ip="203.0.113.7", **headers):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


def test_a_script_trying_many_names_from_one_address_is_throttled_and_locks_no_account(client, officer_a, settings):
    settings.DANVAN_LOGIN_IP_ATTEMPTS = 6
    for i in range(6):
        post_login(client, f"ten.doan.{i}", "sai-mat-khau")
    response = post_login(client, "officer.a", "sai-mat-khau")
    message = response.context["form"].non_field_errors()[0]
    assert "quá nhiều lần đăng nhập sai từ địa chỉ mạng này" in message
    # Throttled tries are not counted against the name they named.
    assert not LoginFailure.objects.filter(username="officer.a").exists()
    # Even the right password is refused from that address for now, while another address logs in.
    assert post_login(client, "officer.a", PASSWORD).status_code == 200
    assert post_login(client, "officer.a", PASSWORD, ip="198.51.100.2").status_code == 302


def test_the_address_threshold_leaves_room_for_an_office_behind_one_address(client, officer_a, settings):
    settings.DANVAN_LOGIN_IP_ATTEMPTS = 6
    for i in range(5):
        post_login(client, f"dong.nghiep.{i}", "go-nham-mat-khau")
    assert post_login(client, "officer.a", PASSWORD).status_code == 302


def test_the_count_is_kept_in_the_database_so_every_process_sees_it(officer_a, settings):
    settings.DANVAN_LOGIN_IP_ATTEMPTS = 3
    LoginFailure.objects.bulk_create([LoginFailure(username=f"x{i}", ip="203.0.113.9") for i in range(3)])
    request = RequestFactory().post("/dang-nhap/", REMOTE_ADDR="203.0.113.9")
    assert authenticate(request, username="officer.a", password=PASSWORD) is None
    request = RequestFactory().post("/dang-nhap/", REMOTE_ADDR="203.0.113.10")
    assert authenticate(request, username="officer.a", password=PASSWORD) == officer_a


def test_x_forwarded_for_counts_only_behind_the_configured_proxies(settings):
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    settings.DANVAN_TRUSTED_PROXIES = 0
    assert client_ip(spoofed) == "10.0.0.5"
    settings.DANVAN_TRUSTED_PROXIES = 1
    assert client_ip(spoofed) == "203.0.113.7"  # what our proxy saw; "1.2.3.4" is the client's own claim
    settings.DANVAN_TRUSTED_PROXIES = 2
    assert client_ip(spoofed) == "1.2.3.4"
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-ip")) == "10.0.0.5"


def test_behind_a_proxy_the_throttle_follows_the_forwarded_address(client, officer_a, settings):
    settings.DANVAN_TRUSTED_PROXIES = 1
    settings.DANVAN_LOGIN_IP_ATTEMPTS = 2
    for _ in range(2):
        post_login(client, "ai.do", "sai-mat-khau", ip="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        post_login(client, "officer.a", PASSWORD, ip="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    )
    assert (
        post_login(client, "officer.a", PASSWORD, ip="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    )


def test_a_100000_character_password_is_refused_at_login_without_reaching_the_hasher(client, officer_a):
    officer_a.set_password("x" * 129)  # as if it had been set before the limit existed
    officer_a.save()
    response = post_login(client, "officer.a", "x" * 100_000)
    assert response.status_code == 200
    assert "dài quá 128 ký tự" in response.context["form"].non_field_errors()[0]
    assert authenticate(RequestFactory().post("/"), username="officer.a", password="x" * 129) is None


def test_a_new_password_longer_than_128_characters_is_refused(client_for, admin_a):
    user = make_user("dai.qua", "officer", "P24-TU")
    response = client_for(admin_a).post(
        f"/tai-khoan/{user.public_id}/", {"form": "reset", "password": "Mot-cau-rat-dai-" * 20}
    )
    assert "quá mức 128: hãy chọn mật khẩu ngắn hơn" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


REAL_HASHERS = ["danvan.accounts.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_new_hashes_use_19_mib_and_one_lane(settings):
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = REAL_HASHERS
    encoded = make_password("Mat-khau-thu-2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Mat-khau-thu-2026", encoded) and not check_password("Mat-khau-sai-2026", encoded)


def test_a_hash_made_with_djangos_parameters_still_logs_in_and_is_rehashed(client, officer_a, settings):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    officer_a.password = Argon2PasswordHasher().encode(PASSWORD, "somesaltsomesalt")
    officer_a.save()
    assert "m=102400,t=2,p=8" in officer_a.password
    settings.PASSWORD_HASHERS = REAL_HASHERS
    assert post_login(client, "officer.a", PASSWORD).status_code == 302
    officer_a.refresh_from_db()
    assert "m=19456,t=2,p=1" in officer_a.password
