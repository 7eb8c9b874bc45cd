"""run_scheduled with `every_minutes`: a job on a grid of N minutes from local midnight, enqueued once per slot."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from danvan.core.models import PeriodicJob
from danvan.core.scheduling import next_interval_after, scheduled_jobs_run

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
JOBS = {
    "hotspot_escalation": {"task": "danvan.situation.tasks.hotspot_alerts_escalate", "every_minutes": 60},
    "job_cleanup": {"task": "danvan.core.tasks.jobruns_prune", "hour": 2},
}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 5, day, hour, minute, tzinfo=TZ)


@pytest.fixture(autouse=True)
def jobs(settings):
    settings.DANVAN_PERIODIC_JOBS = JOBS


def enqueued(runs):
    return sorted(r.name for r in runs if r.enqueued)


def test_the_next_slot_is_the_next_multiple_of_the_step_from_local_midnight():
    assert next_interval_after(at(4, 6, 30), 60) == at(4, 7)
    assert next_interval_after(at(4, 7, 0), 60) == at(4, 8)
    assert next_interval_after(at(4, 7, 14), 15) == at(4, 7, 15)
    assert next_interval_after(at(4, 23, 59), 60) == at(5, 0)


def test_an_hourly_job_runs_once_in_each_hour_however_often_the_runner_is_called(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        # Seen for the first time at 06:30: its current slot (06:00) has passed, so it runs at once.
        assert "hotspot_escalation" in enqueued(scheduled_jobs_run(now=at(4, 6, 30)))
        assert enqueued(scheduled_jobs_run(now=at(4, 6, 45))) == []
        assert enqueued(scheduled_jobs_run(now=at(4, 7, 0))) == ["hotspot_escalation"]
        assert enqueued(scheduled_jobs_run(now=at(4, 7, 55))) == []
        assert enqueued(scheduled_jobs_run(now=at(4, 8, 5))) == ["hotspot_escalation"]
    job = PeriodicJob.objects.get(name="hotspot_escalation")
    assert job.next_run_at == at(4, 9) and job.last_run_at == at(4, 8, 5)


def test_a_runner_down_for_hours_runs_the_job_once_not_once_per_missed_hour(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scheduled_jobs_run(now=at(4, 6, 30))
        runs = [r for r in scheduled_jobs_run(now=at(4, 13, 20)) if r.name == "hotspot_escalation"]
        assert [r.enqueued for r in runs] == [True]
        assert enqueued(scheduled_jobs_run(now=at(4, 13, 40))) == []
    assert PeriodicJob.objects.get(name="hotspot_escalation").next_run_at == at(4, 14)


def test_two_runners_that_read_the_same_row_enqueue_an_hourly_job_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scheduled_jobs_run(now=at(4, 6, 30))
    PeriodicJob.objects.filter(name="hotspot_escalation").update(next_run_at=at(4, 7))
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueued(scheduled_jobs_run(now=at(4, 7, 1)))
        second = enqueued(scheduled_jobs_run(now=at(4, 7, 1)))
    assert first == ["hotspot_escalation"] and second == []


def test_a_step_that_does_not_divide_the_day_is_refused(settings):
    settings.DANVAN_PERIODIC_JOBS = {"odd": {"task": "danvan.core.tasks.jobruns_prune", "every_minutes": 7}}
    with pytest.raises(ValueError, match="every_minutes"):
        scheduled_jobs_run(now=at(4, 6), dry_run=True)


def test_the_settings_run_the_hotspot_escalation_every_hour():
    assert django_settings.DANVAN_PERIODIC_JOBS["hotspot_escalation"]["every_minutes"] == 60
