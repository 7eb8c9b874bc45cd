"""The level above inspects how communes carry out grassroots democracy; a required remedy becomes a task of the
commune; the bases asked for a remedy are re-inspected."""

import datetime as dt

import pytest

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.democracy import services
from danvan.democracy.models import Inspection, InspectionResult
from danvan.democracy.tests.factories import commune_base
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task

pytestmark = pytest.mark.django_db


def test_the_province_plans_an_inspection_records_findings_and_the_remedy_becomes_a_task(client_for, officer_a):
    client = client_for(officer_a)
    response = client.post(
        "/dan-chu/kiem-tra/",
        {
            "unit": "P24-TU",
            "title": "Kiểm tra thực hiện QCDC năm 2026",
            "planned_from": "01/03/2026",
            "planned_to": "30/04/2026",
            "communes": "C7288-DU",
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and inspection.bases.get().name == "Xã Yên Thế"
    url = f"/dan-chu/kiem-tra/{inspection.public_id}/"
    base = inspection.bases.get()
    data = {
        "form": "result",
        "r-base": str(base.public_id),
        "r-inspected_on": "15/03/2026",
        "r-findings": "Chưa niêm yết dự toán ngân sách quý I.",
        "r-remedy": "Niêm yết dự toán ngân sách quý I đủ 30 ngày",
        "r-remedy_deadline": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Thời hạn khắc phục" in response.content.decode()
    assert InspectionResult.objects.count() == 0
    response = client.post(url, {**data, "r-remedy_deadline": "31/03/2026"})
    assert response.status_code == 302
    result = InspectionResult.objects.get()
    task = result.task
    assert task.assignee.code == "C7288-DU" and task.assigned_by.code == "P24-TU"
    assert task.deadline == dt.date(2026, 3, 31) and "Niêm yết dự toán" in task.title
    assert "Chưa niêm yết" in client.get(url).content.decode()

    response = client.post(url, {"form": "reinspect", "t-planned_from": "01/05/2026", "t-planned_to": "15/05/2026"})
    again = Inspection.objects.exclude(pk=inspection.pk).get()
    assert again.reinspection_of == inspection and list(again.bases.all()) == [base]


def test_an_inspection_must_be_of_bases_below_the_inspecting_unit(commune_officer_a, officer_b):
    base = commune_base(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.inspection_plan(
            actor=commune_officer_a,
            unit=OrgUnit.objects.get(code="C7288-DU"),
            title="Tự kiểm tra",
            planned_from=dt.date(2026, 3, 1),
            planned_to=dt.date(2026, 3, 2),
            bases=[base],
        )
    assert exc.value.field == "bases"
    with pytest.raises(ApplicationError) as exc:
        services.inspection_plan(
            actor=officer_b,
            unit=OrgUnit.objects.get(code="P24-TU"),
            title="x",
            planned_from=dt.date(2026, 3, 1),
            planned_to=dt.date(2026, 3, 2),
            bases=[base],
        )
    assert exc.value.field == "unit"
    assert Task.objects.count() == 0 and Inspection.objects.count() == 0


def test_the_provinces_ban_tuyen_giao_dan_van_inspects_the_communes_of_its_committee(officer_a, commune_officer_a):
    # The Ban is an advisory board of the Thành ủy: no commune lies below it, it inspects for its committee.
    base = commune_base(commune_officer_a)
    board = OrgUnit.objects.get(code="P24-TGDV")
    inspection = services.inspection_plan(
        actor=officer_a,
        unit=board,
        title="Kiểm tra thực hiện QCDC năm 2026",
        planned_from=dt.date(2026, 3, 1),
        planned_to=dt.date(2026, 3, 20),
        bases=[base],
    )
    result = services.inspection_result_record(
        actor=officer_a,
        inspection=inspection,
        base=base,
        inspected_on=dt.date(2026, 3, 5),
        findings="Chưa niêm yết dự toán ngân sách quý I.",
        remedy="Niêm yết dự toán ngân sách quý I đủ 30 ngày",
        remedy_deadline=dt.date(2026, 4, 5),
        today=dt.date(2026, 3, 10),
    )
    assert result.task.assignee == base.unit and result.task.assigned_by == board
    # Still nothing outside the committee: a commune of another province is refused, naming the committee.
    other = services.base_for_commune(
        actor=make_user("commune.ag", "officer", "C30463-DU"), unit=OrgUnit.objects.get(code="C30463-DU")
    )
    with pytest.raises(ApplicationError) as exc:
        services.inspection_plan(
            actor=officer_a,
            unit=board,
            title="x",
            planned_from=dt.date(2026, 3, 1),
            planned_to=dt.date(2026, 3, 2),
            bases=[other],
        )
    assert exc.value.field == "bases" and "Thành ủy Bắc Ninh" in exc.value.message


def test_the_commune_sees_the_inspection_and_another_province_does_not(
    client_for, officer_a, commune_officer_a, officer_b
):
    base = commune_base(commune_officer_a)
    inspection = services.inspection_plan(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        title="Kiểm tra QCDC",
        planned_from=dt.date(2026, 3, 1),
        planned_to=dt.date(2026, 3, 2),
        bases=[base],
    )
    url = f"/dan-chu/kiem-tra/{inspection.public_id}/"
    assert client_for(commune_officer_a).get(url).status_code == 200
    assert client_for(officer_b).get(url).status_code == 404
