"""API tokens: a key acts as its owner (scope and roles), is shown once, stored only as a hash, revocable, audited."""

import pytest
from django.test import Client

from danvan.api.models import ApiToken
from danvan.api.services import api_token_create, hash_key
from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token

pytestmark = pytest.mark.django_db


def bearer(key: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_a_token_reads_with_its_owners_scope_and_nothing_more(officer_a):
    _token, key = api_token_create(actor=officer_a, user=officer_a, name="Một cửa tỉnh")
    client = bearer(key)
    assert client.get("/api/v1/units/P24-TGDV").status_code == 200
    outside = client.get("/api/v1/units/P91-TU")
    assert outside.status_code == 404
    assert outside.json()["error"]["code"] == "not_found"


def test_only_a_hash_of_the_key_is_stored_and_the_key_works_once_created(officer_a):
    token, key = api_token_create(actor=officer_a, user=officer_a, name="Cổng thông tin")
    token.refresh_from_db()
    assert key.startswith("dv_") and len(key) > 40
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    assert token.prefix == key[:11]
    assert token.last_used_at is None
    bearer(key).get("/api/v1/units/P24-TGDV")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_wrong_or_revoked_key_answers_401_in_the_error_shape(officer_a, client_for):
    token, key = api_token_create(actor=officer_a, user=officer_a, name="Tạm")
    wrong = bearer("dv_not-a-real-key").get("/api/v1/units/P24-TGDV")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "unauthenticated"
    client_for(officer_a).post(f"/ma-api/{token.public_id}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(key).get("/api/v1/units/P24-TGDV").status_code == 401


def test_a_deactivated_owner_makes_the_token_useless(officer_a):
    _token, key = api_token_create(actor=officer_a, user=officer_a, name="Tạm")
    officer_a.is_active = False
    officer_a.save(update_fields=["is_active"])
    assert bearer(key).get("/api/v1/units/P24-TGDV").status_code == 401


def test_a_write_with_a_token_needs_no_csrf_and_a_session_write_does(officer_a):
    _token, key = api_token_create(actor=officer_a, user=officer_a, name="Một cửa")
    body = {
        "unit": "P24-TU",
        "source": "buu_chinh",
        "category": "kien_nghi",
        "field": "dat-dai",
        "content": "Đề nghị sửa đường thôn Đông.",
        "received_on": "2026-03-02",
        "petitioners": [{"full_name": "Trần Thị Bình"}],
    }
    with_token = bearer(key).post("/api/v1/petitions", body, content_type="application/json")
    assert with_token.status_code == 201, with_token.content
    session = Client(enforce_csrf_checks=True)
    session.force_login(officer_a)
    refused = session.post("/api/v1/petitions", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"


def test_the_page_creates_a_token_shows_the_key_once_and_audits_it(officer_a, client_for):
    client = client_for(officer_a)
    page = client.post("/ma-api/", {"name": "Phần mềm một cửa"}, follow=True)
    assert page.redirect_chain == [("/ma-api/", 302)]
    token = ApiToken.objects.get(user=officer_a)
    key = page.context["new_key"]
    assert key.startswith(token.prefix) and key in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    again = client.get("/ma-api/").content.decode()
    assert "Phần mềm một cửa" in again and key not in again
    event = AuditEvent.objects.get(action=Action.API_TOKEN_CREATED)
    assert event.actor == officer_a and event.target_id == str(token.public_id)
    assert key not in str(event.after)


def test_a_missing_name_is_refused_with_a_message_and_creates_nothing(officer_a, client_for):
    page = client_for(officer_a).post("/ma-api/", {"name": "  "})
    assert "Tên mã: bắt buộc" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_a_unit_admin_manages_the_tokens_of_accounts_in_their_subtree_only(admin_a, reporter_a, officer_b, client_for):
    client = client_for(admin_a)
    assert client.post(f"/ma-api/tai-khoan/{reporter_a.public_id}/", {"name": "Báo cáo HND"}).status_code == 302
    token = ApiToken.objects.get(user=reporter_a)
    assert token.created_by == admin_a
    assert client.get(f"/ma-api/tai-khoan/{officer_b.public_id}/").status_code == 404
    assert client.post(f"/ma-api/tai-khoan/{officer_b.public_id}/", {"name": "x"}).status_code == 404
    other, _key = api_token_create(actor=officer_b, user=officer_b, name="B")
    assert client.post(f"/ma-api/{other.public_id}/thu-hoi/").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
    assert client.post(f"/ma-api/{token.public_id}/thu-hoi/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.API_TOKEN_REVOKED, actor=admin_a).count() == 1


def test_a_person_cannot_see_or_revoke_anothers_tokens(officer_a, leader_a, client_for):
    token, _key = api_token_create(actor=leader_a, user=leader_a, name="Lãnh đạo")
    client = client_for(officer_a)
    assert client.get(f"/ma-api/tai-khoan/{leader_a.public_id}/").status_code == 404
    assert client.post(f"/ma-api/{token.public_id}/thu-hoi/").status_code == 404


def test_each_write_through_a_token_is_audited_as_its_owner(officer_a):
    _token, key = api_token_create(actor=officer_a, user=officer_a, name="Một cửa")
    body = {
        "unit": "P24-TU",
        "source": "buu_chinh",
        "category": "khieu_nai",
        "field": "dat-dai",
        "content": "Khiếu nại quyết định thu hồi đất.",
        "received_on": "2026-03-02",
        "petitioners": [{"full_name": "Lê Văn Cường"}],
    }
    code = bearer(key).post("/api/v1/petitions", body, content_type="application/json").json()["code"]
    event = AuditEvent.objects.get(action=Action.PETITION_RECEIVED, target_id=code)
    assert event.actor == officer_a


def test_the_create_form_sent_twice_makes_one_token(officer_a, client_for):
    client = client_for(officer_a)
    data = {"name": "Một cửa", TOKEN_FIELD: new_form_token()}
    first, second = client.post("/ma-api/", data), client.post("/ma-api/", data)
    assert first.status_code == second.status_code == 302
    assert ApiToken.objects.filter(user=officer_a).count() == 1
