"""Background jobs of the members app."""

from django.tasks import task

from danvan.core.services import job_run


@task()
def members_import_run(job_id: int) -> bool:
    """Import the member list of job `job_id`, with progress on the job's page."""
    from danvan.members.import_job import members_import_job

    return job_run(job_id=job_id, work=members_import_job)


@task()
def population_import_run(job_id: int) -> bool:
    """Import the population figures of job `job_id`, with progress on the job's page."""
    from danvan.members.population import population_import_job

    return job_run(job_id=job_id, work=population_import_job)


@task()
def member_uploads_prune() -> int:
    """Periodic (settings.DANVAN_PERIODIC_JOBS): remove the member lists left at the confirmation step for longer
    than DANVAN_MEMBER_UPLOAD_RETENTION_HOURS."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from danvan.members.import_job import member_uploads_prune as prune

    hours = settings.DANVAN_MEMBER_UPLOAD_RETENTION_HOURS
    return prune(older_than=timezone.now() - dt.timedelta(hours=hours))


@task()
def population_uploads_prune() -> int:
    """Periodic (settings.DANVAN_PERIODIC_JOBS): remove the population files a stopped import left behind, older
    than DANVAN_MEMBER_UPLOAD_RETENTION_HOURS."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from danvan.members.population import population_uploads_prune as prune

    hours = settings.DANVAN_MEMBER_UPLOAD_RETENTION_HOURS
    return prune(older_than=timezone.now() - dt.timedelta(hours=hours))
