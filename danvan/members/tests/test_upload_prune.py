"""Member lists left at the confirmation of likely duplicates are removed by the scheduled job after the age limit
(DANVAN_MEMBER_UPLOAD_RETENTION_HOURS), on the production path: `run_scheduled` enqueues it, `db_worker` runs it."""

import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import Action, AuditEvent
from danvan.core.models import JobRun, StoredFile
from danvan.core.services import job_file_store
from danvan.members.import_job import members_upload_keep

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 7, 3, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def clock(monkeypatch, settings):
    now = [NOW]
    monkeypatch.setattr("django.utils.timezone.now", lambda: now[0])
    settings.DANVAN_PERIODIC_JOBS = {
        "member_uploads_prune": django_settings.DANVAN_PERIODIC_JOBS["member_uploads_prune"]
    }
    settings.DANVAN_MEMBER_UPLOAD_RETENTION_HOURS = 48
    return now


def _kept(user, name: str, hours_ago: int) -> StoredFile:
    stored = members_upload_keep(actor=user, filename=name, content=b"Ho ten,Ngay sinh\nNguyen Van A,01/01/1980\n")
    StoredFile.objects.filter(pk=stored.pk).update(uploaded_at=NOW - dt.timedelta(hours=hours_ago))
    return stored


def test_lists_left_at_the_confirmation_step_are_removed_after_the_age_limit(
    clock, hnd_officer, hpn_officer, hpn_branch, client, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    left = _kept(hnd_officer, "ds-cu.csv", hours_ago=60)
    # A large list whose job stopped to ask about likely duplicates, and the officer never answered.
    asked = _kept(hpn_officer, "ds-tinh.csv", hours_ago=50)
    stopped = JobRun.objects.create(
        kind="members.import",
        title="Nhập",
        owner=hpn_officer,
        status=JobRun.Status.SUCCEEDED,
        params={"file": asked.pk, "decisions": None, "proposals": [], "branch": hpn_branch.code},
    )
    recent = _kept(hnd_officer.__class__.objects.create_user(username="hnd.other"), "ds-moi.csv", hours_ago=2)
    # An import queued on an old file (a slow queue) still needs it.
    queued = _kept(hpn_officer.__class__.objects.create_user(username="hpn.other"), "ds-cho.csv", hours_ago=70)
    JobRun.objects.create(
        kind="members.import", title="Nhập", owner=None, status=JobRun.Status.QUEUED, params={"file": queued.pk}
    )
    other = job_file_store(
        owner=hnd_officer, name="bao-cao.docx", content_type="application/octet-stream", content=b"x"
    )
    StoredFile.objects.filter(pk=other.pk).update(uploaded_at=NOW - dt.timedelta(days=5))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduled", stdout=io.StringIO())
    run_worker()

    assert set(StoredFile.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk, other.pk}
    assert not StoredFile.objects.filter(pk__in=[left.pk, asked.pk]).exists()
    event = AuditEvent.objects.get(action=Action.MEMBER_UPLOADS_PRUNED)
    assert event.actor is None and event.details["files"] == 2
    assert event.details["uploaded_by"] == ["hnd.yenthe", "hpn.yenthe"]

    # The officer who comes back to the confirmation is told to upload the list again, not shown a missing page.
    client.force_login(hpn_officer)
    response = client.get(reverse("members:import_confirm", kwargs={"public_id": stopped.public_id}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("members:branch_import", kwargs={"code": hpn_branch.code})
    assert "tải tệp lên lại" in response.content.decode() or "Upload the file again" in response.content.decode()

    # The next day nothing is left to remove: no second event.
    clock[0] = NOW + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduled", stdout=io.StringIO())
    run_worker()
    assert AuditEvent.objects.filter(action=Action.MEMBER_UPLOADS_PRUNED).count() == 1
    assert timezone.now() == NOW + dt.timedelta(days=1)


def test_population_files_are_not_kept_after_a_refused_import_and_left_ones_are_pruned(
    clock, settings, officer_a, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    from danvan import settings as project_settings
    from danvan.members.population import PENDING_PREFIX, population_import_start

    # The project's schedule as configured (the `clock` fixture narrowed the test's settings to the member lists).
    settings.DANVAN_PERIODIC_JOBS = {
        "population_uploads_prune": project_settings.DANVAN_PERIODIC_JOBS["population_uploads_prune"]
    }
    # A file the job refuses (a commune that does not exist): the job fails, its file is gone with it.
    with django_capture_on_commit_callbacks(execute=True):
        job = population_import_start(
            actor=officer_a, year=2026, filename="dan-so.csv", content="Xã,Nam,Nữ,Tổng\nXã Không Có,1,1,2\n".encode()
        )
    run_worker()
    job.refresh_from_db()
    assert job.status == JobRun.Status.FAILED and "Xã Không Có" in str(job.errors or job.message)
    assert not StoredFile.objects.filter(name__startswith=PENDING_PREFIX).exists()

    def left(name, hours_ago):
        stored = job_file_store(
            owner=officer_a, name=f"{PENDING_PREFIX}{name}", content_type="application/octet-stream", content=b"x"
        )
        StoredFile.objects.filter(pk=stored.pk).update(uploaded_at=NOW - dt.timedelta(hours=hours_ago))
        return stored

    stopped = left("worker-died.csv", hours_ago=60)  # a worker that died mid-job
    recent = left("moi.csv", hours_ago=3)
    queued = left("cho.csv", hours_ago=70)
    JobRun.objects.create(
        kind="members.population_import",
        title="Nhập dân số",
        owner=officer_a,
        status=JobRun.Status.QUEUED,
        params={"file": queued.pk, "year": 2026},
    )
    member_list = _kept(officer_a, "ds.csv", hours_ago=5)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduled", stdout=io.StringIO())
    run_worker()
    assert not StoredFile.objects.filter(pk=stopped.pk).exists()
    assert set(StoredFile.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk, member_list.pk}
    event = AuditEvent.objects.get(action=Action.POPULATION_UPLOADS_PRUNED)
    assert event.actor is None and event.details["files"] == 1 and event.details["uploaded_by"] == [officer_a.username]
