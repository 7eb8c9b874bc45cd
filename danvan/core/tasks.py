"""Background jobs of core: housekeeping of finished jobs."""

import datetime as dt

from django.conf import settings
from django.core.management import call_command
from django.tasks import task, task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from danvan.core.services import jobruns_prune as _jobruns_prune


@task()
def jobruns_prune() -> int:
    """Periodic: forget finished jobs older than DANVAN_JOB_RETENTION_DAYS, with their result files, and the
    worker's own finished task rows of the same age (django-tasks-db's pruning command)."""
    days = settings.DANVAN_JOB_RETENTION_DAYS
    count = _jobruns_prune(older_than=timezone.now() - dt.timedelta(days=days))
    if isinstance(task_backends["default"], DatabaseBackend):
        call_command("prune_db_task_results", "--min-age-days", str(days), verbosity=0)
    return count
