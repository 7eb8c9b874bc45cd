import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import OrgUnit
from danvan.reports.models import Indicator, ReportForm
from danvan.reports.permissions import form_applies_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


def post_indicator(client, **overrides):
    data = {
        "which": "indicator",
        "owner": "P24-TU",
        "code": "hoi_thi_doi",
        "name": "Đội dự Hội thi Dân vận khéo",
        "unit_label": "đội",
        "aggregation": "sum",
        "decimal_places": "0",
        **overrides,
    }
    return client.post("/bao-cao/chi-tieu-bieu-mau/", data)


def test_a_provincial_officer_defines_an_indicator_and_a_form_for_the_province(client_for, officer_a):
    client = client_for(officer_a)
    assert post_indicator(client).status_code == 302
    indicator = Indicator.objects.get(code="hoi_thi_doi")
    assert indicator.owner.code == "P24-TU"
    response = client.post(
        "/bao-cao/chi-tieu-bieu-mau/",
        {
            "which": "form",
            "owner": "P24-TU",
            "code": "hoi-thi-dvk",
            "name": "Báo cáo Hội thi Dân vận khéo",
            "frequency": "year",
            "unit_kinds": ["danvan_bloc"],
            "due_working_days": "5",
            "cutoff_day": "0",
            "indicators": [str(indicator.pk), str(Indicator.objects.get(code="mo_hinh_dang_ky").pk)],
            "narrative_keys": ["ket_qua", "kien_nghi"],
        },
    )
    assert response.status_code == 302
    form = ReportForm.objects.get(code="hoi-thi-dvk")
    assert [s.kind for s in form.sections.order_by("order")] == ["figures", "narrative", "narrative"]
    assert form_applies_to(form, OrgUnit.objects.get(code="C7288-KDV"))
    assert not form_applies_to(form, OrgUnit.objects.get(code="C30463-KDV"))  # An Giang is outside its scope
    assert AuditEvent.objects.filter(action=Action.REPORT_FORM_CREATED, unit__code="P24-TU").count() == 1


def test_a_commune_cannot_define_forms(client_for, commune_officer_a):
    response = post_indicator(client_for(commune_officer_a), owner="C7288-DU")
    assert "owner" in response.context["indicator_form"].errors
    assert not Indicator.objects.filter(code="hoi_thi_doi").exists()


def test_another_province_is_not_a_possible_owner(client_for, officer_b):
    response = post_indicator(client_for(officer_b), owner="P24-TU")
    assert "owner" in response.context["indicator_form"].errors


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "doi_thoai_cuoc"}, "code"),
        ({"aggregation": "wavg"}, "weight"),
        ({"is_percentage": "on", "unit_label": "%"}, "aggregation"),
        ({"code": "Mã có dấu"}, "code"),
    ],
)
def test_bad_indicator_definitions_name_the_field(client_for, officer_a, overrides, field):
    response = post_indicator(client_for(officer_a), **overrides)
    assert response.status_code == 200
    assert field in response.context["indicator_form"].errors


def test_my_reports_due_does_not_query_per_unit_for_a_scoped_form(client_for, officer_a):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.reports.definitions import reportform_create
    from danvan.reports.selectors import reports_due_for_user

    reportform_create(
        actor=officer_a,
        owner=OrgUnit.objects.get(code="P24-TU"),
        code="rieng-tinh",
        name="Báo cáo riêng của tỉnh",
        frequency="quarter",
        unit_kinds=["party_committee"],
        due_working_days=2,
        indicators=[Indicator.objects.get(code="doi_thoai_cuoc")],
        narrative_keys=[],
    )
    with CaptureQueriesContext(connection) as queries:
        rows = reports_due_for_user(user=officer_a, today=dt.date(2026, 4, 20))
    scoped = [r for r in rows if r.form.code == "rieng-tinh"]
    assert len(scoped) > 100  # the province's party committee and every commune's, two periods
    assert len(queries) < 25


def test_another_provinces_forms_and_indicators_are_not_offered(client_for, officer_a, officer_b):
    post_indicator(client_for(officer_a))
    page = client_for(officer_b).get("/bao-cao/chi-tieu-bieu-mau/")
    assert "hoi_thi_doi" not in {i.code for i in page.context["indicators"]}
    assert "doi_thoai_cuoc" in {i.code for i in page.context["indicators"]}
    choices = {i.code for i in page.context["report_form"].fields["indicators"].queryset}
    assert "hoi_thi_doi" not in choices


def test_an_unknown_owner_unit_is_refused_under_its_field(client_for, officer_a):
    response = post_indicator(client_for(officer_a), owner="p99-khong-co")
    assert response.status_code == 200
    assert "chọn đơn vị trong danh sách" in response.context["indicator_form"].errors["owner"][0]
    assert not Indicator.objects.filter(code="hoi_thi_doi").exists()
