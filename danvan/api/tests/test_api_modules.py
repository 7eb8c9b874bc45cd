"""Petitions and the other modules through the API: scope as on the pages, pages of results, no denouncer identity."""

import pytest
from django.test import Client

from danvan.api.services import api_token_create
from danvan.petitions.models import ConfidentialIdentity, Petition
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db
SECRET_NAME = "Nguyễn Văn An"
SECRET_ID = "024123456789"


def bearer(user) -> Client:
    _token, key = api_token_create(actor=user, user=user, name="Hệ thống khác")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_the_petition_list_pages_through_the_callers_petitions_only(officer_a, officer_b):
    for _ in range(3):
        receive(officer_a)
    receive(officer_b, unit_code="P91-TU")
    client = bearer(officer_a)
    first = client.get("/api/v1/petitions", {"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    rest = client.get("/api/v1/petitions", {"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    codes = {p["code"] for p in first["items"] + rest["items"]}
    assert codes == set(Petition.objects.filter(unit__code="P24-TU").values_list("code", flat=True))
    assert client.get("/api/v1/petitions", {"unit": "P91-TU"}).status_code == 404


def test_no_answer_ever_carries_a_denouncers_identity(officer_a):
    denunciation = receive(officer_a, category="to_cao")
    client = bearer(officer_a)
    for url in ("/api/v1/petitions", f"/api/v1/petitions/{denunciation.code}"):
        body = client.get(url).content.decode()
        assert denunciation.code in body
        assert SECRET_NAME not in body and SECRET_ID not in body


def test_intake_of_a_denunciation_keeps_the_identity_apart_and_answers_without_it(officer_a):
    body = {
        "unit": "P24-TU",
        "source": "buu_chinh",
        "category": "to_cao",
        "field": "dat-dai",
        "content": "Tố cáo cán bộ địa chính.",
        "received_on": "2026-03-02",
        "petitioners": [{"full_name": SECRET_NAME, "cccd": SECRET_ID}],
    }
    response = bearer(officer_a).post("/api/v1/petitions", body, content_type="application/json")
    assert response.status_code == 201
    assert SECRET_NAME not in response.content.decode() and SECRET_ID not in response.content.decode()
    assert ConfidentialIdentity.objects.get(petition__code=response.json()["code"]).full_name == SECRET_NAME


def test_intake_refuses_bad_input_with_the_field_and_writes_nothing(officer_a):
    client = bearer(officer_a)
    body = {
        "unit": "P24-TU",
        "source": "buu_chinh",
        "category": "khieu_nai",
        "field": "dat-dai",
        "content": "Khiếu nại.",
        "received_on": "2026-03-02",
        "petitioners": [{"full_name": "A", "cccd": "12"}],
    }
    bad_cccd = client.post("/api/v1/petitions", body, content_type="application/json")
    assert bad_cccd.status_code == 400 and "CCCD" in bad_cccd.json()["error"]["message"]
    future = client.post(
        "/api/v1/petitions",
        {**body, "petitioners": [], "is_anonymous": True, "received_on": "2099-01-01"},
        content_type="application/json",
    )
    assert future.status_code == 400 and future.json()["error"]["field"] == "received_on"
    nul = client.post("/api/v1/petitions", {**body, "content": "a\x00b"}, content_type="application/json")
    assert nul.status_code == 422 and nul.json()["error"]["field"] == "content"
    other = client.post("/api/v1/petitions", {**body, "unit": "P91-TU"}, content_type="application/json")
    assert other.status_code == 404
    assert not Petition.objects.exists()


def test_the_other_modules_list_in_pages_and_hide_what_is_out_of_scope(officer_b):
    client = bearer(officer_b)
    for url in ("/api/v1/meetings", "/api/v1/tasks", "/api/v1/initiatives", "/api/v1/movements", "/api/v1/contests"):
        response = client.get(url, {"limit": 5})
        assert response.status_code == 200, url
        assert set(response.json()) == {"items", "limit", "offset", "next_offset"}
    for url in (
        "/api/v1/meetings/4b8d6c2e-0000-4000-8000-000000000000",
        "/api/v1/initiatives/MH-2026-000001",
        "/api/v1/movements/PT-2026-000001/scoreboard",
        "/api/v1/contests/HT-2026-000001/standings",
    ):
        assert client.get(url).status_code == 404, url


def test_a_limit_beyond_100_is_a_422_naming_it(officer_a):
    response = bearer(officer_a).get("/api/v1/petitions", {"limit": 1000})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "limit"


def test_a_page_of_petitions_takes_the_same_number_of_queries_however_many_rows(officer_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = bearer(officer_a)
    client.get("/api/v1/petitions")  # the token's last-used time is written once a minute: out of the count
    counts = []
    for _ in range(2):
        for _ in range(3):
            receive(officer_a)
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get("/api/v1/petitions").json()["items"]) in {3, 6}
        counts.append(len(queries))
    assert counts[0] == counts[1]
