import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task
from danvan.workplans.selectors import completion_by_assignee, tasks_assigned_by, tasks_assigned_to
from danvan.workplans.services import task_assign, task_update_progress, workplan_create

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


def unit(code):
    return OrgUnit.objects.get(code=code)


@pytest.fixture
def plan(officer_a):
    return workplan_create(
        actor=officer_a,
        unit=unit("P24-TU"),
        kind="plan",
        title="Kế hoạch tổ chức Tháng Dân vận 2026",
        year=2026,
        reference="24-KH/BTGDVTU",
    )


def test_a_plan_item_is_assigned_down_the_tree_with_one_audit_event(plan, officer_a):
    task = task_assign(
        actor=officer_a,
        assigned_by=plan.unit,
        assignee=unit("C7288-DU"),
        plan=plan,
        title="Tổ chức gặp mặt kỷ niệm Ngày Dân vận 15/10",
        deadline=dt.date(2026, 10, 15),
        expected_output="Báo cáo kết quả",
    )
    assert task.plan == plan
    assert AuditEvent.objects.filter(action=Action.TASK_ASSIGNED, target_id=str(task.public_id)).count() == 1


def test_a_task_outside_the_assigners_subtree_is_refused(officer_a, commune_officer_a):
    with pytest.raises(ApplicationError) as error:
        task_assign(actor=officer_a, assigned_by=unit("P24-TU"), assignee=unit("C30463-DU"), title="X", deadline=TODAY)
    assert error.value.field == "assignee"
    with pytest.raises(ApplicationError):  # a commune cannot assign to its province
        task_assign(
            actor=commune_officer_a, assigned_by=unit("C7288-DU"), assignee=unit("P24-TU"), title="X", deadline=TODAY
        )


def test_the_assignee_reports_progress_and_100_percent_means_done(officer_a, commune_officer_a):
    task = task_assign(
        actor=officer_a, assigned_by=unit("P24-TU"), assignee=unit("C7288-DU"), title="X", deadline=TODAY
    )
    task = task_update_progress(
        actor=commune_officer_a, task=task, progress=40, status="in_progress", note="Đã họp triển khai"
    )
    assert (task.status, task.progress) == ("in_progress", 40)
    task = task_update_progress(actor=commune_officer_a, task=task, progress=100, status="in_progress")
    assert task.status == "done"
    assert task.updates.count() == 2


def test_only_the_assignee_updates_progress(officer_a, officer_b):
    task = task_assign(
        actor=officer_a, assigned_by=unit("P24-TU"), assignee=unit("C7288-DU"), title="X", deadline=TODAY
    )
    with pytest.raises(ApplicationError):
        task_update_progress(actor=officer_b, task=task, progress=10, status="in_progress")
    with pytest.raises(ApplicationError) as error:
        task_update_progress(actor=officer_a, task=task, progress=140, status="in_progress")
    assert error.value.field == "progress"


def test_assigned_to_us_assigned_by_us_and_completion_rates(officer_a, commune_officer_a):
    done = task_assign(
        actor=officer_a,
        assigned_by=unit("P24-TU"),
        assignee=unit("C7288-DU"),
        title="A",
        deadline=TODAY - dt.timedelta(days=3),
    )
    task_assign(
        actor=officer_a,
        assigned_by=unit("P24-TU"),
        assignee=unit("C7288-DU"),
        title="B",
        deadline=TODAY - dt.timedelta(days=1),
    )
    task_assign(
        actor=officer_a,
        assigned_by=unit("P24-TU"),
        assignee=unit("C7294-DU"),
        title="C",
        deadline=TODAY + dt.timedelta(days=5),
    )
    task_update_progress(actor=commune_officer_a, task=done, progress=100, status="done")
    assert {t.title for t in tasks_assigned_to(user=commune_officer_a)} == {"A", "B"}
    assert {t.title for t in tasks_assigned_by(user=officer_a)} == {"A", "B", "C"}
    rows = {
        r.unit.code: (r.total, r.done, r.overdue, r.rate)
        for r in completion_by_assignee(unit=unit("P24-TU"), today=TODAY)
    }
    assert rows == {"C7288-DU": (2, 1, 1, 50), "C7294-DU": (1, 0, 0, 0)}


def test_pages_list_update_and_feed(client_for, officer_a, commune_officer_a, client):
    task = task_assign(
        actor=officer_a,
        assigned_by=unit("P24-TU"),
        assignee=unit("C7288-DU"),
        title="Nắm tình hình nhân dân",
        deadline=dt.date(2026, 12, 1),
    )
    page = client_for(commune_officer_a).get("/nhiem-vu/")
    assert task in list(page.context["page"])
    response = client.post(f"/nhiem-vu/{task.public_id}/", {"status": "in_progress", "progress": "30", "note": "ok"})
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).progress == 30
    calendar = client.get("/nhiem-vu/lich/")
    feed = client.get(calendar.context["ics_url"].replace("http://testserver", ""))
    assert feed["Content-Type"] == "text/calendar"
    assert "BEGIN:VEVENT" in feed.content.decode() and "Nắm tình hình nhân dân" in feed.content.decode()
    assert client.get("/nhiem-vu/lich/not-a-token.ics").status_code == 404


def test_another_province_cannot_see_or_update_a_task(client_for, officer_a, officer_b):
    task = task_assign(
        actor=officer_a, assigned_by=unit("P24-TU"), assignee=unit("C7288-DU"), title="X", deadline=TODAY
    )
    client = client_for(officer_b)
    assert client.get(f"/nhiem-vu/{task.public_id}/").status_code == 404
    assert client.post(f"/nhiem-vu/{task.public_id}/", {"status": "done", "progress": "100"}).status_code == 404


def test_a_new_task_through_the_page_names_the_bad_field(client_for, officer_a):
    response = client_for(officer_a).post(
        "/nhiem-vu/giao/", {"assigned_by": "P24-TU", "assignee": "C30463-DU", "title": "X", "deadline": "01/12/2026"}
    )
    assert response.status_code == 200
    assert "assignee" in response.context["form"].errors
    assert not Task.objects.exists()


def test_progress_can_carry_a_file_and_only_real_documents_are_accepted(client_for, officer_a, commune_officer_a):
    import io

    task = task_assign(
        actor=officer_a,
        assigned_by=unit("P24-TU"),
        assignee=unit("C7288-DU"),
        title="X",
        deadline=TODAY,
        coordinating=[unit("C7288-MTTQ")],
    )
    client = client_for(commune_officer_a)
    fake = io.BytesIO(b"MZ not a pdf")
    fake.name = "bao-cao.pdf"
    refused = client.post(f"/nhiem-vu/{task.public_id}/", {"status": "in_progress", "progress": "50", "upload": fake})
    assert refused.status_code == 200
    assert "upload" in refused.context["form"].errors
    assert task.updates.count() == 0
    pdf = io.BytesIO(b"%PDF-1.4 minimal")
    pdf.name = "bao-cao.pdf"
    client.post(f"/nhiem-vu/{task.public_id}/", {"status": "in_progress", "progress": "50", "upload": pdf})
    update = task.updates.get()
    download = client.get(f"/nhiem-vu/{task.public_id}/tep/{update.pk}/")
    assert download.content == b"%PDF-1.4 minimal"
    assert download["Content-Disposition"].startswith("attachment")
    from conftest import make_user

    outsider = make_user("khac", "officer", "P91-TU")
    assert client_for(outsider).get(f"/nhiem-vu/{task.public_id}/tep/{update.pk}/").status_code == 404


def test_coordinating_units_must_lie_under_the_assigner(officer_a):
    with pytest.raises(ApplicationError) as error:
        task_assign(
            actor=officer_a,
            assigned_by=unit("C7288-DU"),
            assignee=unit("C7288-KDV"),
            title="X",
            deadline=TODAY,
            coordinating=[unit("C7294-MTTQ")],
        )
    assert error.value.field == "coordinating"


def test_a_new_task_through_the_page_keeps_its_chosen_coordinating_units(client_for, officer_a):
    client = client_for(officer_a)
    # The person works for one unit: it is chosen for them.
    assert 'value="P24-TU"' in client.get("/nhiem-vu/giao/").content.decode()
    response = client.post(
        "/nhiem-vu/giao/",
        {
            "assigned_by": "P24-TU",
            "assignee": "C7288-KDV",
            "coordinating": ["C7288-MTTQ", "C7288-HND"],
            "title": "Rà soát mô hình",
            "deadline": "01/12/2026",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert sorted(task.coordinating.values_list("code", flat=True)) == ["C7288-HND", "C7288-MTTQ"]
