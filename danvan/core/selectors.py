from django.http import Http404

from danvan.core.models import JobRun


def jobrun_get_for_user(*, user, public_id) -> JobRun:
    """The job, for its owner only: anyone else (and a missing job) gets 404."""
    # The status page polls every 2 s: never load the result file's bytes for it.
    job = (
        JobRun.objects.select_related("result_file")
        .defer("result_file__content")
        .filter(public_id=public_id, owner=user)
        .first()
    )
    if job is None or not user.is_authenticated:
        raise Http404
    return job
