"""Grassroots democracy through the API: supervision plans and the compliance roll-up, scoped as on the pages."""

import datetime as dt

import pytest
from django.test import Client

from danvan.api.services import api_token_create
from danvan.democracy import services
from danvan.democracy.services import PlanRow
from danvan.democracy.tests.factories import commune_base, disclose

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year


def bearer(user) -> Client:
    _token, key = api_token_create(actor=user, user=user, name="Hệ thống khác")
    return Client(headers={"Authorization": f"Bearer {key}"})


def _plan(actor):
    base = commune_base(actor)
    board = services.board_create(actor=actor, base=base, kind="ttnd", term_start=dt.date(YEAR - 1, 1, 1))
    rows = [
        PlanRow("Giám sát việc thu, chi quỹ đóng góp làm đường", dt.date(YEAR, 3, 15), "UBND xã"),
        PlanRow("Giám sát việc bình xét hộ nghèo", dt.date(YEAR, 9, 30), "Thôn Đồng"),
    ]
    return services.supervision_plan_create(
        actor=actor, board=board, year=YEAR, title="", rows=rows, today=dt.date(YEAR, 1, 5)
    )


def test_the_province_lists_its_communes_plans_and_reads_one_with_its_items(
    commune_officer_a, officer_a, django_assert_max_num_queries
):
    plan = _plan(commune_officer_a)
    item = plan.items.get(number=1)
    services.supervision_result_record(
        actor=commune_officer_a,
        item=item,
        result_on=dt.date(YEAR, 1, 6),
        findings="Thu đúng.",
        recommendations="Đề nghị công khai chứng từ.",
    )
    client = bearer(officer_a)
    listing = client.get("/api/v1/democracy/supervision-plans", {"year": YEAR})
    assert listing.status_code == 200
    [row] = listing.json()["items"]
    assert row["id"] == str(plan.public_id) and row["item_count"] == 2 and row["done_count"] == 1
    assert row["unit"] == "C7288-DU" and row["board_kind"] == "ttnd"
    with django_assert_max_num_queries(6):
        detail = client.get(f"/api/v1/democracy/supervision-plans/{plan.public_id}")
    assert detail.status_code == 200
    items = detail.json()["items"]
    assert [i["number"] for i in items] == [1, 2]
    assert items[0]["result_on"] == f"{YEAR}-01-06" and items[0]["finding"] is not None
    assert items[1]["result_on"] is None and items[1]["finding"] is None


def test_a_plan_of_another_province_is_not_found_and_not_listed(commune_officer_a, officer_b):
    plan = _plan(commune_officer_a)
    client = bearer(officer_b)
    assert client.get("/api/v1/democracy/supervision-plans").json()["items"] == []
    response = client.get(f"/api/v1/democracy/supervision-plans/{plan.public_id}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_the_compliance_roll_up_pages_the_province_and_refuses_a_period_naming_it(commune_officer_a, officer_a):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    client = bearer(officer_a)
    first = client.get("/api/v1/democracy/compliance", {"period": "quarter-2026-1", "limit": 100}).json()
    assert first["area"] == "P24-TU" and first["total"] > 50
    assert len(first["items"]) == min(100, first["total"])
    everything = client.get(
        "/api/v1/democracy/compliance", {"period": "quarter-2026-1", "limit": 100, "offset": first["total"] - 1}
    ).json()
    last = everything["items"][-1]
    assert last["unit"] == "C7288-DU" and last["disclosed"] == 1 and not last["behind"]
    bad = client.get("/api/v1/democracy/compliance", {"period": "quarter-2026-5"})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "period"
    # The country is outside a provincial officer's scope: the same 404 as a unit that does not exist.
    assert client.get("/api/v1/democracy/compliance", {"unit": "TW"}).status_code == 404
