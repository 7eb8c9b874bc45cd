"""Background jobs of the accounts app."""

from django.tasks import task

from danvan.core.services import job_run


@task()
def accounts_import_run(job_id: int) -> bool:
    """Create the accounts of the import job `job_id`, with progress on the job's page."""
    from danvan.accounts.imports import accounts_import_job

    return job_run(job_id=job_id, work=accounts_import_job)
