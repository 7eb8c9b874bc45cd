"""Reports through the API: forms, periods, a unit's reports, the roll-up, and saving + submitting with the version."""

import pytest
from django.test import Client

from danvan.api.services import api_token_create
from danvan.audit.models import Action, AuditEvent
from danvan.reports.models import ReportForm, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


def bearer(user) -> Client:
    _token, key = api_token_create(actor=user, user=user, name="Phần mềm báo cáo")
    return Client(headers={"Authorization": f"Bearer {key}"})


def post(client, body):
    return client.post("/api/v1/reports/submissions", body, content_type="application/json")


@pytest.fixture
def quarterly(db):
    return ReportForm.objects.get(code="dan-van-quy")


def test_a_commune_saves_then_submits_a_report_and_the_province_sees_it_rolled_up(
    commune_officer_a, officer_a, quarterly
):
    client = bearer(commune_officer_a)
    form = client.get(f"/api/v1/reports/forms/{quarterly.pk}").json()
    codes = [i["code"] for s in form["sections"] for i in s["indicators"]]
    assert "doi_thoai_cuoc" in codes
    body = {
        "form": quarterly.pk,
        "period": "quarter-2026-1",
        "unit": "C7288-KDV",
        "values": {"doi_thoai_cuoc": "3", "tuyen_truyen_hoi_nghi": 2},
        "version": 0,
    }
    saved = post(client, body)
    assert saved.status_code == 200, saved.content
    assert saved.json()["status"] == "draft" and saved.json()["values"]["doi_thoai_cuoc"] == "3"
    submitted = post(client, {**body, "version": saved.json()["version"], "submit": True})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert AuditEvent.objects.filter(action=Action.REPORT_SUBMITTED, actor=commune_officer_a).count() == 1
    listed = client.get("/api/v1/reports/units/C7288-KDV/submissions").json()
    assert [s["id"] for s in listed["items"]] == [submitted.json()["id"]] and listed["next_offset"] is None
    rollup = bearer(officer_a).get(
        "/api/v1/reports/rollup", {"form": quarterly.pk, "period": "quarter-2026-1", "unit": "P24-TU"}
    )
    assert rollup.status_code == 200
    assert {r["indicator"]: r["value"] for r in rollup.json()["rows"]}["doi_thoai_cuoc"] == "3"


def test_a_save_from_an_old_version_answers_409_and_changes_nothing(commune_officer_a, quarterly):
    client = bearer(commune_officer_a)
    body = {
        "form": quarterly.pk,
        "period": "quarter-2026-1",
        "unit": "C7288-KDV",
        "values": {"doi_thoai_cuoc": "3"},
        "version": 0,
    }
    first = post(client, body).json()
    post(client, {**body, "values": {"doi_thoai_cuoc": "4"}, "version": first["version"]})
    stale = post(client, {**body, "values": {"doi_thoai_cuoc": "9"}, "version": first["version"]})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    assert Submission.objects.get().values.get(indicator__code="doi_thoai_cuoc").value == 4


def test_a_bad_figure_answers_400_naming_it_and_saves_nothing(commune_officer_a, quarterly):
    response = post(
        bearer(commune_officer_a),
        {
            "form": quarterly.pk,
            "period": "quarter-2026-1",
            "unit": "C7288-KDV",
            "values": {"doi_thoai_cuoc": "ba"},
            "version": 0,
        },
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == "values.doi_thoai_cuoc" and "không phải là số" in error["message"]
    assert not Submission.objects.exists()


def test_a_unit_out_of_scope_or_only_read_is_not_found_for_writing(officer_b, quarterly, db):
    from conftest import make_user

    viewer = make_user("viewer.a", "viewer", "C7288-DU")
    body = {"form": quarterly.pk, "period": "quarter-2026-1", "unit": "C7288-KDV", "values": {}, "version": 0}
    assert post(bearer(officer_b), body).status_code == 404
    assert post(bearer(viewer), body).status_code == 404
    assert bearer(officer_b).get("/api/v1/reports/units/C7288-KDV/submissions").status_code == 404


def test_a_period_the_form_does_not_have_is_a_clear_400(officer_a, quarterly):
    response = bearer(officer_a).get(
        "/api/v1/reports/rollup", {"form": quarterly.pk, "period": "month-2026-1", "unit": "P24-TU"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "period"


def test_forms_and_periods_are_listed(officer_a, quarterly):
    client = bearer(officer_a)
    forms = client.get("/api/v1/reports/forms", {"limit": 100}).json()
    assert quarterly.pk in {f["id"] for f in forms["items"]}
    periods = client.get(f"/api/v1/reports/forms/{quarterly.pk}/periods", {"count": 3}).json()
    assert len(periods) == 3 and all(p["key"].startswith("quarter-") for p in periods)
