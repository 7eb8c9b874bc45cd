"""The compliance table exported as XLSX by a background job: the country (provinces, then every commune) for the
centre, one province for its officer, never beyond the person's subtree; audited; safe against a double submit."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from danvan.audit.models import Action, AuditEvent
from danvan.core.models import JobRun
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.democracy.tests.factories import commune_base, disclose
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db


def export(client, data, capture):
    """Ask for the export, let the job run, and download its file from the job's page."""
    with capture(execute=True):
        response = client.post("/dan-chu/tong-hop/xuat/", {**data, TOKEN_FIELD: new_form_token()})
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    assert job_page.context["job"].status == "succeeded", job_page.context["job"].message
    return job_page.context["job"], client.get(response["Location"] + "tai-ve/")


def test_the_centre_exports_the_country_by_province_and_by_commune(
    client_for, sysadmin, commune_officer_a, django_capture_on_commit_callbacks
):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 1, 20))
    job, response = export(
        client_for(sysadmin), {"unit": "TW", "period": "quarter-2026-1"}, django_capture_on_commit_callbacks
    )
    communes = OrgUnit.objects.filter(level="commune", parent__level="province").count()
    assert job.total == job.done == communes
    book = load_workbook(io.BytesIO(response.content))
    provinces = list(book["Theo tỉnh"].iter_rows(values_only=True))
    assert provinces[0][0] == "Tỉnh, thành phố" and len(provinces) == 1 + 34 + 1
    total = provinces[-1]
    assert total[0] == "Cộng" and total[1] == communes and total[4] == 1 and total[6] == communes - 1
    detail = list(book["Chi tiết"].iter_rows(values_only=True))
    assert len(detail) == 1 + communes
    yen_the = next(r for r in detail if r[1] == "Xã Yên Thế")
    # Disclosed on time, but taken down after 16 days: short of the item's 30.
    assert yen_the[2:8] == (1, 1, 0, 0, 1, "Chậm, thiếu")
    event = AuditEvent.objects.get(action=Action.COMPLIANCE_EXPORTED)
    assert event.details["area"] == "TW" and event.details["period"] == "quarter-2026-1"


def test_a_provincial_officer_asking_for_the_country_gets_their_province(
    client_for, officer_a, django_capture_on_commit_callbacks
):
    job, response = export(
        client_for(officer_a), {"unit": "TW", "period": "quarter-2026-1"}, django_capture_on_commit_callbacks
    )
    assert job.params["area"] == "P24-TU"
    book = load_workbook(io.BytesIO(response.content))
    provinces = list(book["Theo tỉnh"].iter_rows(values_only=True))
    assert len(provinces) == 2  # its one province, no total line


def test_the_same_form_sent_twice_starts_one_job(client_for, officer_a, django_capture_on_commit_callbacks):
    client = client_for(officer_a)
    data = {"unit": "P24-TU", "period": "quarter-2026-1", TOKEN_FIELD: new_form_token()}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dan-chu/tong-hop/xuat/", data)
        client.post("/dan-chu/tong-hop/xuat/", data)
    assert JobRun.objects.filter(kind="democracy.compliance_export").count() == 1


def test_a_commune_officer_has_no_area_to_export(client_for, commune_officer_a):
    response = client_for(commune_officer_a).post(
        "/dan-chu/tong-hop/xuat/", {"period": "quarter-2026-1", TOKEN_FIELD: new_form_token()}
    )
    assert response.status_code == 404
    assert not JobRun.objects.exists()


def test_the_roll_up_page_offers_the_export(client_for, officer_a):
    body = client_for(officer_a).get("/dan-chu/tong-hop/", {"period": "quarter-2026-1"}).content.decode()
    assert "/dan-chu/tong-hop/xuat/" in body and 'name="period" value="quarter-2026-1"' in body
