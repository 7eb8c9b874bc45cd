"""run_scheduled: each periodic job is enqueued once per day, whoever runs it and how often."""

import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from danvan.core.models import PeriodicJob
from danvan.core.scheduling import next_slot_after, scheduled_jobs_run

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
CONFIGURED = dict(django_settings.DANVAN_PERIODIC_JOBS)
JOBS = {
    "report_reminders": {"task": "danvan.reports.tasks.overdue_reports_remind", "hour": 7},
    "job_cleanup": {"task": "danvan.core.tasks.jobruns_prune", "hour": 2},
}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 5, day, hour, minute, tzinfo=TZ)


@pytest.fixture(autouse=True)
def jobs(settings):
    settings.DANVAN_PERIODIC_JOBS = JOBS


def enqueued(runs):
    return sorted(r.name for r in runs if r.enqueued)


def test_a_job_is_enqueued_once_at_its_hour_however_often_the_runner_is_called(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueued(scheduled_jobs_run(now=at(4, 6, 30))) == ["job_cleanup"]  # 02:00 has passed, 07:00 not
        assert enqueued(scheduled_jobs_run(now=at(4, 6, 35))) == []
        assert enqueued(scheduled_jobs_run(now=at(4, 7, 0))) == ["report_reminders"]
        assert enqueued(scheduled_jobs_run(now=at(4, 7, 5))) == []
        assert enqueued(scheduled_jobs_run(now=at(5, 8, 0))) == ["job_cleanup", "report_reminders"]
    reminders = PeriodicJob.objects.get(name="report_reminders")
    assert reminders.next_run_at == at(6, 7)
    assert reminders.last_run_at == at(5, 8)
    assert reminders.last_task_id


def test_two_runners_that_read_the_same_row_enqueue_once(django_capture_on_commit_callbacks):
    scheduled_jobs_run(now=at(4, 1), dry_run=False)  # creates the rows, nothing due yet
    stale = PeriodicJob.objects.get(name="report_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        assert "report_reminders" in enqueued(scheduled_jobs_run(now=at(4, 7, 1)))
    # A second runner still holding the old next_run_at loses the conditional update.
    assert PeriodicJob.objects.filter(pk=stale.pk, next_run_at=stale.next_run_at).update(last_run_at=at(4, 7)) == 0


def test_a_runner_that_was_down_for_days_runs_a_job_once_not_once_per_missed_day(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scheduled_jobs_run(now=at(1, 8))
        assert enqueued(scheduled_jobs_run(now=at(9, 9))) == ["job_cleanup", "report_reminders"]
        assert enqueued(scheduled_jobs_run(now=at(9, 9, 1))) == []
    assert PeriodicJob.objects.get(name="report_reminders").next_run_at == at(10, 7)


def test_dry_run_says_what_is_due_and_changes_nothing():
    runs = scheduled_jobs_run(now=at(4, 8), dry_run=True)
    assert [(r.name, r.due, r.enqueued) for r in runs] == [
        ("job_cleanup", True, False),
        ("report_reminders", True, False),
    ]
    assert not PeriodicJob.objects.exists()


def test_the_command_with_dry_run_lists_the_due_jobs_and_leaves_them_due():
    long_ago = dt.datetime(2020, 1, 1, 7, tzinfo=TZ)
    PeriodicJob.objects.create(name="report_reminders", next_run_at=long_ago)
    PeriodicJob.objects.create(name="job_cleanup", next_run_at=dt.datetime(2999, 1, 1, tzinfo=TZ))
    out = io.StringIO()
    call_command("run_scheduled", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "job_cleanup: chưa đến hạn (lần tới 01/01/2999 00:00).",
        "report_reminders: đến hạn (từ 01/01/2020 07:00); --dry-run: chưa đưa vào hàng đợi.",
    ]
    assert PeriodicJob.objects.get(name="report_reminders").next_run_at == long_ago


def test_the_command_enqueues_a_due_job(django_capture_on_commit_callbacks):
    PeriodicJob.objects.create(name="job_cleanup", next_run_at=dt.datetime(2020, 1, 1, 2, tzinfo=TZ))
    PeriodicJob.objects.create(name="report_reminders", next_run_at=dt.datetime(2999, 1, 1, tzinfo=TZ))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduled", stdout=out)
    assert out.getvalue().startswith("job_cleanup: đã đưa vào hàng đợi (")
    assert PeriodicJob.objects.get(name="job_cleanup").next_run_at > timezone.now()


def test_the_next_slot_is_strictly_after_now():
    assert next_slot_after(at(4, 6, 59), 7) == at(4, 7)
    assert next_slot_after(at(4, 7, 0), 7) == at(5, 7)


def test_every_configured_job_runs_in_the_real_worker(
    settings, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.DANVAN_PERIODIC_JOBS = CONFIGURED
    with django_capture_on_commit_callbacks(execute=True):
        scheduled_jobs_run(now=at(4, 8))
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(
        spec["task"] for spec in CONFIGURED.values()
    )
    run_worker()
    failed = list(DBTaskResult.objects.filter(status="FAILED").values_list("task_path", "traceback"))
    assert failed == []
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
