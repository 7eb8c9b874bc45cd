"""The production path: a task enqueued on the database backend (django-tasks-db) and run by its real worker
(`manage.py db_worker --batch`), on SQLite and PostgreSQL alike."""

import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_an_export_waits_in_the_database_until_the_worker_runs_it(
    client_for, admin_a, officer_a, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from danvan.organisations.models import OrgUnit
    from danvan.organisations.services import orgunit_update

    orgunit_update(actor=officer_a, unit=OrgUnit.objects.get(code="C7288-KDV"), name="Khối dân vận", is_active=True)
    client = client_for(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        job_url = client.post("/nhat-ky/xuat.xlsx?unit_code=C7288-KDV")["Location"]

    job = client.get(job_url).context["job"]
    row = DBTaskResult.objects.get()
    assert (job.status, row.status, row.task_path) == ("queued", "READY", "danvan.audit.tasks.audit_export_run")
    assert job.task_id == str(row.id)
    assert 'hx-trigger="every 2s"' in client.get(job_url + "trang-thai/").content.decode()

    run_worker()

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    job = client.get(job_url).context["job"]
    assert (job.status, job.done, job.total) == ("succeeded", 1, 1)
    rows = list(load_workbook(io.BytesIO(client.get(job_url + "tai-ve/").content)).active.iter_rows(values_only=True))
    assert rows[1][4] == "Khối dân vận"


def test_a_task_that_breaks_is_recorded_failed_by_the_worker_and_on_the_job(
    officer_a, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from danvan.audit.tasks import audit_export_run
    from danvan.core.services import job_start

    with django_capture_on_commit_callbacks(execute=True):
        # A filter the selector does not know: the work raises TypeError inside the worker.
        job = job_start(actor=officer_a, kind="audit.export", title="x", task=audit_export_run, params={"nope": "1"})
    run_worker()
    job.refresh_from_db()
    assert job.status == "failed"
    assert DBTaskResult.objects.get().status == "FAILED"
