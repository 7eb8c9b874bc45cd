"""The periodic jobs of settings.DANVAN_PERIODIC_JOBS: which are due, and enqueueing each due one exactly once.

`manage.py run_scheduled` calls `scheduled_jobs_run` every few minutes (cron or a systemd timer; any number of
machines may do so). A job is due when its `next_run_at` has passed; the runner moves `next_run_at` to the next
day's slot with a conditional UPDATE (WHERE next_run_at = the value it read) and enqueues only if that UPDATE
changed a row, so two runners at the same minute enqueue it once. A runner that was down for days runs a job
once, not once per missed day.

A job runs daily at `"hour"` (local time), or every N minutes with `"every_minutes": N`: its slots are the
multiples of N minutes from local midnight (every 60 → on the hour), and a missed stretch is again run once.
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


def next_interval_after(now: dt.datetime, minutes: int) -> dt.datetime:
    """The first slot strictly after `now` on the grid of `minutes` counted from local midnight."""
    midnight = _slot(timezone.localtime(now).date(), 0)
    passed = int((now - midnight).total_seconds() // 60)
    return midnight + dt.timedelta(minutes=(passed // minutes + 1) * minutes)


def _every_minutes(name: str, spec: dict) -> int | None:
    if "every_minutes" not in spec:
        return None
    minutes = int(spec["every_minutes"])
    # A grid from midnight only repeats each day when the step divides the day.
    if minutes <= 0 or (24 * 60) % minutes:
        raise ValueError(f"DANVAN_PERIODIC_JOBS[{name!r}]: every_minutes must divide 1440, not {minutes}")
    return minutes


def _first_slot(now: dt.datetime, hour: int, minutes: int | None) -> dt.datetime:
    """When a job seen for the first time is due: today's slot for a daily job, the current slot for an interval
    job (both at once if passed)."""
    if minutes is None:
        return _slot(timezone.localtime(now).date(), hour)
    return next_interval_after(now, minutes) - dt.timedelta(minutes=minutes)


def _next_after(now: dt.datetime, hour: int, minutes: int | None) -> dt.datetime:
    return next_slot_after(now, hour) if minutes is None else next_interval_after(now, minutes)


def scheduled_jobs_run(*, now: dt.datetime, dry_run: bool = False) -> list[ScheduledRun]:
    """Enqueue every periodic job that is due at `now` (none with `dry_run`: then only say which are due)."""
    runs = []
    for name, spec in sorted(settings.DANVAN_PERIODIC_JOBS.items()):
        hour = int(spec.get("hour", 0))
        minutes = _every_minutes(name, spec)
        # A job seen for the first time is due at its current slot (at once, if that has passed).
        first = _first_slot(now, hour, minutes)
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
                next_run_at=_next_after(now, hour, minutes), last_run_at=now
            )
            if won:
                run.enqueued = True
                transaction.on_commit(lambda task=task, row=row, run=run: _enqueue(task, row, run))
    return runs


def _enqueue(task, row: PeriodicJob, run: ScheduledRun) -> None:
    result = task.enqueue()
    run.task_id = str(result.id)
    PeriodicJob.objects.filter(pk=row.pk).update(last_task_id=run.task_id[:64])
