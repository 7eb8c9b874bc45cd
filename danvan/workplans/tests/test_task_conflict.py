"""Two people reporting on the same task: the second is told, keeps what they typed, and overwrites nothing."""

import datetime as dt

import pytest

from conftest import make_user
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task
from danvan.workplans.services import task_assign

pytestmark = pytest.mark.django_db


def test_the_second_progress_report_from_a_stale_page_is_a_conflict(client_for, officer_a, commune_officer_a):
    task = task_assign(
        actor=officer_a,
        assigned_by=OrgUnit.objects.get(code="P24-TU"),
        assignee=OrgUnit.objects.get(code="C7288-DU"),
        title="Nắm tình hình nhân dân",
        deadline=dt.date(2026, 12, 31),
    )
    url = f"/nhiem-vu/{task.public_id}/"
    first = client_for(commune_officer_a)
    opened = first.get(url).context["form"].initial["expected_version"]
    sent = {"status": "in_progress", "progress": "40", "note": "Đã họp thôn", "expected_version": opened}
    assert first.post(url, sent).status_code == 302
    colleague = make_user("xa.khac", "officer", "C7288-DU")
    page = client_for(colleague).post(url, {**sent, "progress": "70", "note": "Ghi chú của tôi"})
    assert page.status_code == 200
    assert "vừa được" in page.content.decode() and "Ghi chú của tôi" in page.content.decode()
    task.refresh_from_db()
    assert (task.progress, task.last_note, task.updates.count()) == (40, "Đã họp thôn", 1)
    assert Task.objects.get(pk=task.pk).version == 2
