"""“Việc của tôi”: each person sees what is due from them, from every module, and nothing outside their scope."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from danvan.audit.models import AuditEvent
from danvan.core.inbox import inbox_for_user, unread_notice_count
from danvan.organisations.models import OrgUnit
from danvan.petitions.tests.factories import receive
from danvan.reports.models import ReportForm
from danvan.reports.periods import period_containing, period_previous
from danvan.reports.services import report_remind, report_save_draft, report_submit
from danvan.workplans.services import task_assign


def _section(inbox, key):
    return next(section for section in inbox.sections if section.key == key)


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def quarterly(db):
    return ReportForm.objects.get(code="dan-van-quy")


def test_a_commune_officer_sees_the_reports_to_enter_with_the_overdue_one_flagged(commune_officer_a, quarterly):
    today = dt.date(2026, 12, 4)
    inbox = inbox_for_user(user=commune_officer_a, today=today)
    reports = _section(inbox, "reports")
    previous = period_previous(period_containing(quarterly.frequency, today, quarterly.cutoff_day))
    overdue = [i for i in reports.items if i.overdue and previous.label in i.title and quarterly.name in i.title]
    assert overdue, [i.title for i in reports.items]
    assert overdue[0].link == reverse(
        "reports:entry", args=[quarterly.pk, previous.key, overdue[0].link.split("/")[-2]]
    )
    assert overdue[0].deadline < today


def test_a_submitted_report_leaves_the_officers_inbox_and_waits_in_the_leaders(
    commune_officer_a, leader_a, officer_b, quarterly
):
    today = dt.date(2026, 12, 4)
    period = period_containing(quarterly.frequency, today, quarterly.cutoff_day)
    unit = OrgUnit.objects.get(code="C7288-KDV")
    submission = report_save_draft(
        actor=commune_officer_a,
        form=quarterly,
        period=period,
        unit=unit,
        values={},
        narratives={},
        expected_version=0,
    )
    report_submit(actor=commune_officer_a, submission=submission)

    mine = _section(inbox_for_user(user=commune_officer_a, today=today), "reports")
    assert not [i for i in mine.items if period.label in i.title and i.unit == unit.name and quarterly.name in i.title]

    waiting = _section(inbox_for_user(user=leader_a, today=today), "approvals")
    assert waiting.total >= 1
    assert any(i.unit == unit.name and period.label in i.title for i in waiting.items)
    # Another province's officer is not shown it.
    assert _section(inbox_for_user(user=officer_b, today=today), "approvals").total == 0


def test_tasks_due_within_a_week_or_overdue_are_listed_soonest_first(officer_a, commune_officer_a):
    today = dt.date(2026, 12, 4)
    province, commune = OrgUnit.objects.get(code="P24-TU"), OrgUnit.objects.get(code="C7288-DU")
    task_assign(actor=officer_a, assigned_by=province, assignee=commune, title="Báo cáo sơ kết", deadline=today)
    task_assign(
        actor=officer_a, assigned_by=province, assignee=commune, title="Tổng kết mô hình", deadline=dt.date(2026, 11, 1)
    )
    task_assign(
        actor=officer_a, assigned_by=province, assignee=commune, title="Việc năm sau", deadline=dt.date(2027, 6, 1)
    )

    tasks = _section(inbox_for_user(user=commune_officer_a, today=today), "tasks")
    assert [i.title for i in tasks.items] == ["Tổng kết mô hình", "Báo cáo sơ kết"]
    assert [i.overdue for i in tasks.items] == [True, False]
    assert tasks.overdue_count == 1


def test_petitions_due_reach_their_handlers_inbox(officer_a, officer_b):
    today = dt.date(2026, 3, 2)
    petition = receive(officer_a)
    later = petition.due_on - dt.timedelta(days=1)
    inbox = inbox_for_user(user=officer_a, today=later)
    assert [i.title.split(" — ")[0] for i in _section(inbox, "petitions").items] == [petition.code]
    assert _section(inbox_for_user(user=officer_b, today=later), "petitions").total == 0
    # Weeks before its deadline it is not yet "due".
    assert petition.due_on - today > dt.timedelta(days=3)
    assert _section(inbox_for_user(user=officer_a, today=today), "petitions").total == 0


def test_a_reminder_rings_the_bell_until_the_notices_are_marked_read(client, leader_a, commune_officer_a, quarterly):
    period = period_containing(quarterly.frequency, timezone.localdate(), quarterly.cutoff_day)
    unit = OrgUnit.objects.get(code="C7288-KDV")
    report_remind(actor=leader_a, form=quarterly, period=period, units=[unit])
    assert unread_notice_count(commune_officer_a) == 1

    _login(client, commune_officer_a)
    page = client.get(reverse("core:home")).content.decode()
    assert 'rounded-pill text-bg-warning">1<span class="visually-hidden"> thông báo mới</span></span>' in page
    inbox = client.get(reverse("core:inbox")).content.decode()
    assert f"Nhắc gửi báo cáo “{quarterly.name}”" in inbox
    assert reverse("reports:entry", args=[quarterly.pk, period.key, unit.code]) in inbox

    response = client.post(reverse("core:inbox_read"))
    assert response.status_code == 302
    assert unread_notice_count(commune_officer_a) == 0
    assert AuditEvent.objects.filter(actor=commune_officer_a, action="inbox.read").count() == 1
    assert 'rounded-pill text-bg-warning"' not in client.get(reverse("core:home")).content.decode()


def test_the_inbox_is_read_only_for_get_and_needs_login(client, commune_officer_a):
    assert client.get(reverse("core:inbox")).status_code == 302
    _login(client, commune_officer_a)
    assert client.get(reverse("core:inbox_read")).status_code == 405


def test_the_home_page_query_count_does_not_grow_with_the_inbox(client, officer_a, commune_officer_a):
    province, commune = OrgUnit.objects.get(code="P24-TU"), OrgUnit.objects.get(code="C7288-DU")
    today = timezone.localdate()
    _login(client, commune_officer_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("core:home")).status_code == 200
        return len(queries)

    task_assign(actor=officer_a, assigned_by=province, assignee=commune, title="Một việc", deadline=today)
    count()  # the first request of a session reads a few things once
    few = count()
    for n in range(15):
        task_assign(actor=officer_a, assigned_by=province, assignee=commune, title=f"Việc {n}", deadline=today)
    assert count() == few
