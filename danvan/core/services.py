"""Background jobs with visible progress: start one, report progress, finish or fail it.

A job is started by a service (inside its transaction, next to its audit event); its task is enqueued after
commit, so a worker never picks up a job whose request rolled back. The task calls `job_run`, which marks the
job running, runs the work and records the outcome. Progress is written outside the work's transaction, so the
owner's status page sees it at once.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from danvan.core.errors import ApplicationError
from danvan.core.models import JobRun, StoredFile

log = logging.getLogger(__name__)

# What a job shows when the failure is ours, not the input's (the details go to the log).
SYSTEM_FAILURE = "Công việc gặp lỗi hệ thống và đã dừng; chưa ghi gì. Hãy thử lại, hoặc báo quản trị hệ thống."


@dataclass
class JobOutcome:
    message: str = ""
    result_file: StoredFile | None = None
    result_url: str = ""


def job_start(*, actor, kind: str, title: str, task, unit=None, params: dict | None = None) -> JobRun:
    """Record a job and enqueue `task(job_id)` once the surrounding transaction commits."""
    with transaction.atomic():
        job = JobRun.objects.create(
            kind=kind, title=title[:255], owner=actor, unit=unit, params=params or {}, status=JobRun.Status.QUEUED
        )
        transaction.on_commit(lambda: job_enqueue(job_id=job.pk, task=task))
    return job


def job_enqueue(*, job_id: int, task) -> None:
    result = task.enqueue(job_id)
    JobRun.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def job_progress(*, job_id: int, done: int, total: int | None = None, message: str | None = None) -> None:
    """Show how far the job got. One UPDATE, outside any transaction of the work."""
    changes: dict = {"done": done}
    if total is not None:
        changes["total"] = total
    if message is not None:
        changes["message"] = message[:500]
    JobRun.objects.filter(pk=job_id).update(**changes)


def job_finish(*, job_id: int, outcome: JobOutcome) -> None:
    JobRun.objects.filter(pk=job_id).update(
        status=JobRun.Status.SUCCEEDED,
        message=outcome.message[:500],
        result_file=outcome.result_file,
        result_url=outcome.result_url,
        finished_at=timezone.now(),
    )


def job_fail(*, job_id: int, message: str, errors: list[str] | None = None) -> None:
    JobRun.objects.filter(pk=job_id).update(
        status=JobRun.Status.FAILED, message=message[:500], errors=errors or [], finished_at=timezone.now()
    )


def job_run(*, job_id: int, work: Callable[[JobRun], JobOutcome]) -> bool:
    """Run `work(job)` as job `job_id`. Only a queued job starts (a conditional UPDATE), so a task delivered
    twice does the work once. A rule violation (ApplicationError) fails the job with its message and row errors;
    anything else fails it with a generic message and is raised again, so the worker records the traceback."""
    started = JobRun.objects.filter(pk=job_id, status=JobRun.Status.QUEUED).update(
        status=JobRun.Status.RUNNING, started_at=timezone.now()
    )
    if not started:
        log.warning("job %s is not queued (already run, or gone): skipped", job_id)
        return False
    job = JobRun.objects.select_related("owner", "unit").get(pk=job_id)
    try:
        outcome = work(job)
    except ApplicationError as exc:
        job_fail(job_id=job_id, message=exc.message, errors=exc.extra.get("errors"))
        return False
    except Exception:
        job_fail(job_id=job_id, message=SYSTEM_FAILURE)
        raise
    job_finish(job_id=job_id, outcome=outcome)
    return True


def job_file_store(*, owner, name: str, content_type: str, content: bytes) -> StoredFile:
    """Keep a job's input (an uploaded file) or result (an export) in the database: any machine's worker can
    read it and any web process serve it."""
    return StoredFile.objects.create(
        name=name[:255], content_type=content_type, size=len(content), content=content, uploaded_by=owner
    )


def jobruns_prune(*, older_than) -> int:
    """Delete finished jobs (and their result files) that finished before `older_than`."""
    with transaction.atomic():
        old = JobRun.objects.filter(finished_at__lt=older_than)
        file_ids = [pk for pk in old.values_list("result_file_id", flat=True) if pk]
        count, _ = old.delete()
        StoredFile.objects.filter(pk__in=file_ids).delete()
    return count
