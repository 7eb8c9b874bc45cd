"""Background jobs: the status page its owner follows, and what job_run records."""

import pytest

from danvan.core.errors import ApplicationError
from danvan.core.models import JobRun
from danvan.core.services import JobOutcome, job_progress, job_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(officer_a):
    return JobRun.objects.create(kind="test", title="Xuất thử", owner=officer_a)


def test_the_owner_sees_a_running_job_polled_every_two_seconds(client_for, officer_a, job):
    job_progress(job_id=job.pk, done=40, total=160, message="Đang ghi…")
    JobRun.objects.filter(pk=job.pk).update(status=JobRun.Status.RUNNING)
    page = client_for(officer_a).get(f"/cong-viec/{job.public_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'hx-get="/cong-viec/{job.public_id}/trang-thai/" hx-trigger="every 2s"' in html
    assert 'value="25" max="100"' in html and "40 / 160" in html and "Đang ghi…" in html
    # No inline script: the page works under the CSP with nonces.
    assert "<script>" not in html


def test_the_status_block_stops_polling_once_the_job_is_done(client_for, officer_a, job):
    job_run(job_id=job.pk, work=lambda j: JobOutcome(message="Xong.", result_url="/don-vi/P24-TU/"))
    block = client_for(officer_a).get(f"/cong-viec/{job.public_id}/trang-thai/")
    html = block.content.decode()
    assert html.lstrip().startswith('<section id="job-status"')
    assert "hx-trigger" not in html
    assert "Xong." in html and 'href="/don-vi/P24-TU/"' in html


@pytest.mark.parametrize("suffix", ["", "trang-thai/", "tai-ve/"])
def test_anyone_but_the_owner_gets_404(client_for, officer_b, job, suffix):
    assert client_for(officer_b).get(f"/cong-viec/{job.public_id}/{suffix}").status_code == 404


def test_someone_logged_out_is_sent_to_log_in(client, job):
    assert client.get(f"/cong-viec/{job.public_id}/").status_code == 302


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(job):
    calls = []
    assert job_run(job_id=job.pk, work=lambda j: calls.append(1) or JobOutcome()) is True
    assert job_run(job_id=job.pk, work=lambda j: calls.append(1) or JobOutcome()) is False
    assert calls == [1]


def test_a_rule_violation_fails_the_job_with_its_message_and_row_errors(job):
    def work(j):
        raise ApplicationError("Không nhập được: 1 lỗi.", extra={"errors": ["Dòng 2, cột “Tên”: bắt buộc."]})

    job_run(job_id=job.pk, work=work)
    job.refresh_from_db()
    assert (job.status, job.message, job.errors) == (
        "failed",
        "Không nhập được: 1 lỗi.",
        ["Dòng 2, cột “Tên”: bắt buộc."],
    )
    assert job.finished_at is not None


def test_an_unexpected_error_fails_the_job_and_reaches_the_worker(job):
    def work(j):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        job_run(job_id=job.pk, work=work)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "lỗi hệ thống" in job.message and "disk full" not in job.message


def test_old_finished_jobs_are_pruned_with_their_files(officer_a, job):
    import datetime as dt

    from django.utils import timezone

    from danvan.core.models import StoredFile
    from danvan.core.services import job_file_store, jobruns_prune

    stored = job_file_store(owner=officer_a, name="a.xlsx", content_type="application/x", content=b"x")
    job_run(job_id=job.pk, work=lambda j: JobOutcome(result_file=stored))
    fresh = JobRun.objects.create(kind="test", title="Mới", owner=officer_a)
    assert jobruns_prune(older_than=timezone.now() - dt.timedelta(days=1)) == 0
    assert jobruns_prune(older_than=timezone.now() + dt.timedelta(seconds=1)) == 1
    assert list(JobRun.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not StoredFile.objects.filter(pk=stored.pk).exists()
