"""Report reminders: notices at once, e-mails by a background task in one SMTP connection, and the daily
reminder of overdue units."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.reports.models import Notice, ReportForm
from danvan.reports.services import reports_overdue_remind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]

REMIND = "/bao-cao/tien-do/?form={form}&period=quarter-2026-1&unit=C7288-DU"


class CountingBackend(EmailBackend):
    """The test outbox (locmem), also counting how many times messages were handed over: one call to
    send_messages is one SMTP connection for the real backend."""

    batches: list[int] = []

    def send_messages(self, messages):
        CountingBackend.batches.append(len(messages))
        return super().send_messages(messages)


@pytest.fixture
def kdv_people(db):
    people = []
    for username, email, active in [
        ("kdv.mot", "mot@example.vn", True),
        ("kdv.hai", "hai@example.vn", True),
        ("kdv.demo", "demo@danvan.invalid", True),
        ("kdv.nghi", "nghi@example.vn", False),
    ]:
        user = make_user(username, "officer", "C7288-KDV")
        user.email, user.is_active = email, active
        user.save()
        people.append(user)
    return people


@pytest.fixture
def counting_mail(settings):
    CountingBackend.batches = []
    settings.MAILERS = {"default": {"BACKEND": "danvan.reports.tests.test_report_reminders.CountingBackend"}}
    return CountingBackend.batches


def test_reminder_emails_go_to_each_address_once_through_one_connection(
    client_for, officer_a, quarterly, kdv_people, counting_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer_a).post(REMIND.format(form=quarterly.pk))
    assert sorted(m.to[0] for m in mail.outbox) == ["hai@example.vn", "mot@example.vn"]
    assert mail.outbox[0].subject == "[danvan] Nhắc gửi báo cáo"
    assert counting_mail == [2]


def test_the_notice_is_kept_when_the_emails_are_not_yet_sent(client_for, officer_a, quarterly, kdv_people):
    # Without the commit, the e-mail task is not even enqueued; the notice is already there.
    client_for(officer_a).post(REMIND.format(form=quarterly.pk))
    assert Notice.objects.filter(unit__code="C7288-KDV").count() == 1
    assert mail.outbox == []


def test_reminder_emails_wait_in_the_database_for_the_real_worker(
    client_for, officer_a, quarterly, kdv_people, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer_a).post(REMIND.format(form=quarterly.pk))
    assert DBTaskResult.objects.get().task_path == "danvan.reports.tasks.report_reminder_emails_send"
    assert mail.outbox == []
    run_worker()
    assert len(mail.outbox) == 2
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.fixture
def only_quarterly(quarterly):
    ReportForm.objects.exclude(pk=quarterly.pk).update(is_active=False)
    return quarterly


def test_the_daily_reminder_reaches_units_behind_after_the_deadline(
    only_quarterly, report, commune_officer_a, kdv_people, django_capture_on_commit_callbacks
):
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": 1})  # submitted for quarter 1
    with django_capture_on_commit_callbacks(execute=True):
        count = reports_overdue_remind(today=dt.date(2026, 4, 20))  # quarter 1 was due in March
    assert count == Notice.objects.count() > 100
    assert not Notice.objects.filter(unit__code="C7288-KDV").exists()
    event = AuditEvent.objects.get(action=Action.REPORT_REMINDED)
    assert event.actor is None and event.actor_label == "hệ thống: nhắc báo cáo quá hạn hằng ngày"
    assert mail.outbox == []  # the submitting unit's people are not reminded


def test_the_daily_reminder_waits_for_the_deadline(only_quarterly):
    # 16/03/2026: quarter 1 ended on 14/03 and is due two working days later.
    assert reports_overdue_remind(today=dt.date(2026, 3, 16)) == 0
    assert not Notice.objects.exists()
