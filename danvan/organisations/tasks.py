"""Background jobs of the organisations app."""

from django.tasks import task

from danvan.core.services import job_run


@task()
def villages_import_run(job_id: int) -> bool:
    """Import the thôn / tổ dân phố file of job `job_id`, with progress on the job's page."""
    from danvan.organisations.imports import villages_import_job

    return job_run(job_id=job_id, work=villages_import_job)
