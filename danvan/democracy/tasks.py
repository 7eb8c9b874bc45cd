"""Background jobs of the democracy app."""

from django.tasks import task
from django.utils import timezone

from danvan.core.services import job_run


@task()
def compliance_export_run(job_id: int) -> bool:
    """Write the compliance table of job `job_id` (its owner's area, kind and period) to an XLSX file."""
    from danvan.democracy.exports_compliance import compliance_export_build

    return job_run(job_id=job_id, work=compliance_export_build)


@task()
def supervision_overdue_remind() -> int:
    """Periodic (daily): remind communes, once per item, of supervision plan items past their time without result."""
    from danvan.democracy.services import supervision_overdue_remind as remind

    return remind(today=timezone.localdate())
