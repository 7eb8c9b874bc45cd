"""A meeting organised by the Ban Tuyên giáo và Dân vận gives its conclusions to the communes and the Front of its
Party committee (the Ban acts for the committee, accounts.permissions.assignment_scope); not to another province."""

import datetime as dt
import zoneinfo

import pytest

from danvan.meetings.services import meeting_schedule
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def ban_briefing(officer_a):
    return meeting_schedule(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TGDV"),
        kind="giao_ban",
        title="Giao ban công tác dân vận quý I/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
    )


def _save(client, meeting, conclusions):
    page = client.get(f"/hoi-nghi/{meeting.public_id}/")
    data = {
        "minutes": "Biên bản",
        "conclusions": conclusions,
        "expected_version": page.context["form"].initial["expected_version"],
    }
    return client.post(f"/hoi-nghi/{meeting.public_id}/", data)


def test_the_ban_gives_conclusions_to_a_commune_and_the_front_of_its_committee(client_for, officer_a, ban_briefing):
    client = client_for(officer_a)
    response = _save(
        client,
        ban_briefing,
        "Nắm tình hình nhân dân | C7288-DU | 30/06/2026\nVận động hội viên | P24-MTTQ | 30/09/2026",
    )
    assert response.status_code == 302
    tasks = Task.objects.order_by("assignee__code")
    assert [(t.assignee.code, t.assigned_by.code) for t in tasks] == [
        ("C7288-DU", "P24-TGDV"),
        ("P24-MTTQ", "P24-TGDV"),
    ]
    # The commune sees the task it was given.
    assert tasks[0] in Task.objects.filter(assignee__code="C7288-DU")


def test_a_commune_of_another_province_is_refused_naming_the_committee(client_for, officer_a, ban_briefing):
    response = _save(client_for(officer_a), ban_briefing, "Nắm tình hình | C30463-DU | 30/06/2026")
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["conclusions"])
    assert "Đảng ủy xã Châu Phú" in message and "không thuộc Thành ủy Bắc Ninh" in message
    assert not Task.objects.exists()
