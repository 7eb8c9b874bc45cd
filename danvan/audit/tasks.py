"""Background jobs of the audit app."""

from django.tasks import task

from danvan.core.services import job_run


@task()
def audit_export_run(job_id: int) -> bool:
    """Write the audit log export of job `job_id` (its owner's scope and filters) to an XLSX file."""
    from danvan.audit.exports import audit_export_build

    return job_run(job_id=job_id, work=audit_export_build)
