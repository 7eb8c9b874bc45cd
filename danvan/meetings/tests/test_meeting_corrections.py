"""Saving a meeting's results again corrects them: conclusions in place, their tasks following, nothing doubled;
two people saving at once never overwrite each other silently."""

import datetime as dt
import zoneinfo

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.meetings.models import Meeting
from danvan.meetings.services import meeting_schedule
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def briefing(officer_a):
    return meeting_schedule(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="giao_ban",
        title="Giao ban quý I/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
    )


FIRST = "Nắm tình hình nhân dân | C7288-DU | 30/06/2026"
SECOND = "Đổi mới tuyên truyền | C7294-DU | 30/09/2026"
THIRD = "Tổng kết mô hình"


def _save(client, meeting, conclusions, **extra):
    page = client.get(f"/hoi-nghi/{meeting.public_id}/")
    data = {
        "minutes": "Biên bản",
        "conclusions": conclusions,
        "expected_version": page.context["form"].initial["expected_version"],
        **extra,
    }
    return client.post(f"/hoi-nghi/{meeting.public_id}/", data)


def test_saving_the_same_results_twice_keeps_one_set_of_conclusions_and_tasks(client_for, officer_a, briefing):
    client = client_for(officer_a)
    assert _save(client, briefing, f"{FIRST}\n{SECOND}\n{THIRD}").status_code == 302
    page = client.get(f"/hoi-nghi/{briefing.public_id}/")
    # The form comes back filled with what was recorded; saving it unchanged changes nothing.
    assert page.context["form"].initial["conclusions"] == f"{FIRST}\n{SECOND}\n{THIRD}"
    assert _save(client, briefing, page.context["form"].initial["conclusions"]).status_code == 302
    assert briefing.conclusions.count() == 3
    assert Task.objects.count() == 2


def test_correcting_a_conclusion_updates_its_task_and_removing_one_cancels_its_task(client_for, officer_a, briefing):
    client = client_for(officer_a)
    _save(client, briefing, f"{FIRST}\n{SECOND}\n{THIRD}")
    first_task = briefing.conclusions.get(order=1).task
    second_task = briefing.conclusions.get(order=2).task
    # The first gets a new deadline and wording; the second is removed; the third gets a lead unit.
    corrected = "Nắm chắc tình hình nhân dân | C7288-DU | 31/07/2026\nTổng kết mô hình | C7294-DU | 30/11/2026"
    assert _save(client, briefing, corrected).status_code == 302
    first_task.refresh_from_db()
    second_task.refresh_from_db()
    assert first_task.title == "Nắm chắc tình hình nhân dân" and first_task.deadline == dt.date(2026, 7, 31)
    assert second_task.status == Task.Status.CANCELLED
    assert [c.text for c in briefing.conclusions.all()] == ["Nắm chắc tình hình nhân dân", "Tổng kết mô hình"]
    third = briefing.conclusions.get(order=2)
    assert third.task.assignee.code == "C7294-DU" and third.task.status == Task.Status.TODO
    assert Task.objects.count() == 3  # two kept, one cancelled: none doubled
    revised = AuditEvent.objects.get(action=Action.TASK_REVISED)
    assert revised.before["deadline"] == "2026-06-30" and revised.after["deadline"] == "2026-07-31"
    assert AuditEvent.objects.filter(action=Action.TASK_CANCELLED).count() == 1


def test_a_conclusion_no_longer_assigned_cancels_its_task(client_for, officer_a, briefing):
    client = client_for(officer_a)
    _save(client, briefing, FIRST)
    task = briefing.conclusions.get().task
    _save(client, briefing, "Nắm tình hình nhân dân")
    task.refresh_from_db()
    assert task.status == Task.Status.CANCELLED and briefing.conclusions.count() == 1


def test_the_second_of_two_people_saving_gets_a_conflict_and_keeps_their_text(
    client_for, officer_a, leader_a, briefing
):
    first, second = client_for(officer_a), None
    opened = first.get(f"/hoi-nghi/{briefing.public_id}/").context["form"].initial["expected_version"]
    first.post(
        f"/hoi-nghi/{briefing.public_id}/",
        {"minutes": "Bản của chuyên viên", "conclusions": THIRD, "expected_version": opened},
    )
    second = client_for(leader_a)
    page = second.post(
        f"/hoi-nghi/{briefing.public_id}/",
        {"minutes": "Bản của lãnh đạo", "conclusions": "Kết luận của lãnh đạo", "expected_version": opened},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "vừa được" in text and "Bản của lãnh đạo" in text and "Kết luận của lãnh đạo" in text
    briefing.refresh_from_db()
    assert briefing.minutes == "Bản của chuyên viên"
    assert [c.text for c in briefing.conclusions.all()] == [THIRD]
    # The page now carries the version saved by the other person: saving again is a deliberate overwrite.
    assert page.context["form"]["expected_version"].value() == str(briefing.version)
    again = second.post(
        f"/hoi-nghi/{briefing.public_id}/",
        {"minutes": "Bản của lãnh đạo", "conclusions": "Kết luận của lãnh đạo", "expected_version": briefing.version},
    )
    assert again.status_code == 302
    assert Meeting.objects.get(pk=briefing.pk).minutes == "Bản của lãnh đạo"
