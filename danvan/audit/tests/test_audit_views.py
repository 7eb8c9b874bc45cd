import io
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import OrgUnit
from danvan.organisations.services import orgunit_update

pytestmark = pytest.mark.django_db


def export(client, query, capture):
    """Ask for the export (a background job), let it run, and download its file from the job's page."""
    with capture(execute=True):
        response = client.post("/nhat-ky/xuat.xlsx?" + urlencode(query))
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    assert job_page.status_code == 200
    assert job_page.context["job"].status == "succeeded", job_page.context["job"].message
    return client.get(response["Location"] + "tai-ve/")


@pytest.fixture
def events(officer_a, officer_b):
    orgunit_update(actor=officer_a, unit=OrgUnit.objects.get(code="C7288-KDV"), name="=HYPERLINK(1)", is_active=True)
    orgunit_update(actor=officer_b, unit=OrgUnit.objects.get(code="C30463-KDV"), name="Khối DV", is_active=True)


def test_a_province_admin_sees_only_events_of_their_subtree(client_for, admin_a, events):
    page = client_for(admin_a).get("/nhat-ky/")
    labels = [e.actor_label for e in page.context["page"]]
    assert "officer.a" in labels
    assert "officer.b" not in labels


def test_the_system_admin_sees_everything_including_logins(client, sysadmin, officer_a, events):
    client.post("/dang-nhap/", {"username": "officer.a", "password": "wrong"})
    client.force_login(sysadmin)
    page = client.get("/nhat-ky/")
    actions = {e.action for e in page.context["page"]}
    assert {Action.ORGUNIT_UPDATED, Action.LOGIN_FAILED} <= actions


def test_filters_by_person_unit_action_and_date(client_for, admin_a, events):
    client = client_for(admin_a)
    assert len(client.get("/nhat-ky/", {"actor": "officer.a"}).context["page"]) == 1
    assert len(client.get("/nhat-ky/", {"unit_code": "c7288-kdv"}).context["page"]) == 1
    assert len(client.get("/nhat-ky/", {"action": "orgunit.created"}).context["page"]) == 0
    assert len(client.get("/nhat-ky/", {"date_from": "01/01/2020", "date_to": "31/12/2020"}).context["page"]) == 0


def test_a_reversed_date_range_says_so(client_for, admin_a):
    page = client_for(admin_a).get("/nhat-ky/", {"date_from": "02/01/2026", "date_to": "01/01/2026"})
    assert page.status_code == 200
    assert "date_to" in page.context["form"].errors


def test_the_export_is_a_real_xlsx_with_formulas_neutralised(
    client_for, admin_a, events, django_capture_on_commit_callbacks
):
    response = export(client_for(admin_a), {"unit_code": "C7288-KDV"}, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Thời gian"
    assert len(rows) == 2
    assert rows[1][4] == "'=HYPERLINK(1)"  # the unit's new name, kept as text
    assert AuditEvent.objects.filter(action=Action.AUDIT_EXPORTED, actor=admin_a).count() == 1


def test_people_without_the_admin_role_get_404(client_for, officer_a):
    client = client_for(officer_a)
    assert client.get("/nhat-ky/").status_code == 404
    assert client.post("/nhat-ky/xuat.xlsx").status_code == 404


@pytest.mark.parametrize("url", ["/nhat-ky/", "/nhat-ky/xuat.xlsx"])
@pytest.mark.parametrize(
    ("date_from", "date_to"), [("", "31/12/9999"), ("01/01/0001", ""), ("01/01/0001", "31/12/9999")]
)
def test_the_first_and_last_possible_days_filter_nothing_out(
    client_for, admin_a, events, url, date_from, date_to, django_capture_on_commit_callbacks
):
    query = {"unit_code": "C7288-KDV", "date_from": date_from, "date_to": date_to}
    if url == "/nhat-ky/":
        response = client_for(admin_a).get(url, query)
        assert response.status_code == 200
        assert len(response.context["page"]) == 1
    else:
        response = export(client_for(admin_a), query, django_capture_on_commit_callbacks)
        assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 2


def test_an_export_with_a_filter_that_cannot_be_read_exports_nothing(client_for, admin_a, events):
    query = {"unit_code": "C7288-KDV", "date_from": "02/01/2026", "date_to": "01/01/2026"}
    client = client_for(admin_a)
    response = client.post("/nhat-ky/xuat.xlsx?" + urlencode(query))
    assert response.status_code == 302
    assert response["Location"].startswith("/nhat-ky/?")
    page = client.get(response["Location"])
    assert "date_to" in page.context["form"].errors
    assert not AuditEvent.objects.filter(action=Action.AUDIT_EXPORTED).exists()


def test_the_export_job_is_seen_only_by_the_person_who_asked_for_it(
    client_for, admin_a, sysadmin, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job_url = client_for(admin_a).post("/nhat-ky/xuat.xlsx")["Location"]
    other = client_for(sysadmin)
    for suffix in ("", "trang-thai/", "tai-ve/"):
        assert other.get(job_url + suffix).status_code == 404


def test_the_export_cannot_be_started_by_a_link(client_for, admin_a):
    assert client_for(admin_a).get("/nhat-ky/xuat.xlsx").status_code == 405


def test_a_change_reads_as_labelled_old_and_new_values_not_a_python_dict(client_for, admin_a):
    from danvan.audit.models import Action
    from danvan.audit.services import audit_record
    from danvan.organisations.models import OrgUnit

    unit = OrgUnit.objects.get(code="P24-TU")
    audit_record(
        actor=admin_a,
        action=Action.ORGUNIT_UPDATED,
        unit=unit,
        target=unit,
        before={"name": "Tỉnh ủy Bắc Giang", "is_active": True, "sort_order": 3},
        after={"name": "Thành ủy Bắc Ninh", "is_active": True, "sort_order": 4},
        details={"codes": ["C7288-DU", "C7294-DU"]},
    )
    page = client_for(admin_a).get("/nhat-ky/").content.decode()
    assert "{&#x27;" not in page and "{'" not in page
    assert "Tên:</span> <del>Tỉnh ủy Bắc Giang</del> → Thành ủy Bắc Ninh" in page
    assert "Sort order:</span> <del>3</del> → 4" in page
    assert "Codes:</span> C7288-DU, C7294-DU" in page
    # An unchanged value is not repeated.
    assert "Đang hoạt động:</span>" not in page and "Active:</span>" not in page
