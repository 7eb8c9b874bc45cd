"""/api/v1/: the same scope as the pages, one error shape, and no way to a denouncer's identity."""

import pytest
from django.test import Client

from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db
SECRET_NAME = "Nguyễn Văn An"
SECRET_ID = "024123456789"


def test_units_by_code_search_and_children(client_for, officer_a):
    client = client_for(officer_a)
    unit = client.get("/api/v1/units/P24-TGDV").json()
    assert unit == {
        "code": "P24-TGDV",
        "name": "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh",
        "kind": "tgdv_board",
        "level": "province",
        "has_danvan_function": True,
        "parent": "P24-TU",
        "admin_unit": "P24",
    }
    assert client.get("/api/v1/units/search", {"q": "dan van bac giang"}).json()[0]["code"] == "P24-TGDV"
    assert "C7288-KDV" in {u["code"] for u in client.get("/api/v1/units/C7288-DU/children").json()}


def test_out_of_scope_and_missing_answer_the_same_404(client_for, officer_b):
    client = client_for(officer_b)
    forbidden = client.get("/api/v1/units/P24-TGDV")
    missing = client.get("/api/v1/units/NOPE")
    assert forbidden.status_code == missing.status_code == 404
    assert (
        forbidden.json()
        == missing.json()
        == {"error": {"code": "not_found", "message": "Không tìm thấy.", "field": None}}
    )


def test_the_api_needs_a_login():
    assert Client().get("/api/v1/units/TW").status_code == 401


def test_the_api_never_returns_a_denouncers_identity_even_to_a_handler(client_for, officer_a):
    denunciation = receive(officer_a, category="to_cao")  # officer_a receives it: its first handler
    response = client_for(officer_a).get(f"/api/v1/petitions/{denunciation.code}")
    assert response.status_code == 200
    body = response.content.decode()
    assert denunciation.code in body
    assert SECRET_NAME not in body and SECRET_ID not in body


def test_the_openapi_schema_has_no_field_for_petitioners(client_for, officer_a):
    schema = client_for(officer_a).get("/api/v1/openapi.json").json()
    fields = set(schema["components"]["schemas"]["PetitionOut"]["properties"])
    assert not fields & {"petitioners", "petitioner", "denouncer", "identity", "full_name", "cccd", "phone"}


def test_children_take_the_same_number_of_queries_however_many_there_are(
    client_for, officer_a, django_assert_num_queries
):
    from danvan.organisations.models import OrgUnit

    client = client_for(officer_a)
    client.get("/api/v1/units/P24-TU/children")  # warm the session
    count = OrgUnit.objects.filter(parent__code="P24-TU").count()
    assert count > 3
    with django_assert_num_queries(5):
        assert len(client.get("/api/v1/units/P24-TU/children").json()) == count


def test_no_login_answers_in_the_error_shape():
    response = Client().get("/api/v1/units/TW")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert set(response.json()["error"]) == {"code", "message", "field"}


def test_a_missing_or_too_long_search_query_answers_422_in_the_error_shape(client_for, officer_a):
    client = client_for(officer_a)
    missing = client.get("/api/v1/units/search")
    assert missing.status_code == 422
    assert missing.json() == {"error": {"code": "invalid", "message": "Tham số “q”: bắt buộc.", "field": "q"}}
    long = client.get("/api/v1/units/search", {"q": "dan van " * 50})
    assert long.status_code == 422
    assert long.json()["error"]["field"] == "q" and "100" in long.json()["error"]["message"]
    assert client.get("/api/v1/units/search", {"q": "dan van"}).status_code == 200
