"""The periodic jobs of settings.DANVAN_PERIODIC_JOBS: which are due, and enqueueing each due one exactly once.

`manage.py run_scheduled` calls `scheduled_jobs_run` every few minutes (cron or a systemd timer; any number of
machines may do so). A job is due when its `next_run_at` has passed; the runner moves `next_run_at` to the next
day's slot with a conditional UPDATE (WHERE next_run_at = the value it read) and enqueues only if that UPDATE
changed a row, so two runners at the same minute enqueue it once. A runner that was down for days runs a job
once, not once per missed day.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from danvan.core.models import PeriodicJob


@dataclass
class ScheduledRun:
    name: str
    due: bool
    next_run_at: dt.datetime
    enqueued: bool = False
    task_id: str = ""


def _slot(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def next_slot_after(now: dt.datetime, hour: int) -> dt.datetime:
    """The first HH:00 (local time) strictly after `now`."""
    today = timezone.localtime(now).date()
    slot = _slot(today, hour)
    return slot if slot > now else _slot(today + dt.timedelta(days=1), hour)


def scheduled_jobs_run(*, now: dt.datetime, dry_run: bool = False) -> list[ScheduledRun]:
    """Enqueue every periodic job that is due at `now` (none with `dry_run`: then only say which are due)."""
    runs = []
    for name, spec in sorted(settings.DANVAN_PERIODIC_JOBS.items()):
        hour = int(spec.get("hour", 0))
        # A job seen for the first time is due at today's slot (at once, if that has passed).
        first = _slot(timezone.localtime(now).date(), hour)
        row = PeriodicJob.objects.filter(name=name).first()
        if row is None and not dry_run:
            row, _ = PeriodicJob.objects.get_or_create(name=name, defaults={"next_run_at": first})
        next_run_at = row.next_run_at if row else first
        run = ScheduledRun(name=name, due=next_run_at <= now, next_run_at=next_run_at)
        runs.append(run)
        if not run.due or dry_run:
            continue
        task = import_string(spec["task"])
        with transaction.atomic():
            # The conditional UPDATE is the lock: only the runner that moves next_run_at enqueues.
            won = PeriodicJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=next_slot_after(now, hour), last_run_at=now
            )
            if won:
                run.enqueued = True
                transaction.on_commit(lambda task=task, row=row, run=run: _enqueue(task, row, run))
    return runs


def _enqueue(task, row: PeriodicJob, run: ScheduledRun) -> None:
    result = task.enqueue()
    run.task_id = str(result.id)
    PeriodicJob.objects.filter(pk=row.pk).update(last_task_id=run.task_id[:64])
