"""A list too large to check in the request (a province's, up to 600,000 rows) is checked and written by the
background job, on the real worker (issue 12, "Scale and speed"; decision 0058): every row checked before anything
is written, progress on the job's page, likely duplicates confirmed by the officer, written in batches whose counts
equal a full recount, and the same file again changing nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import Action, AuditEvent
from danvan.core.models import JobRun
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.models import Membership, MemberTally, Person
from danvan.members.services import branch_create, member_add
from danvan.members.tally import tally_verify

from .conftest import BORN_1980

pytestmark = pytest.mark.django_db

HEADER = "Họ tên,Ngày sinh,Giới tính,CCCD,Chi hội,Xã\n"


@pytest.fixture
def province(org, unit, monkeypatch):
    """Bắc Ninh's Hội Nông dân officer and a branch of Xã Yên Thế; the request's limit lowered to 5 rows and a
    batch to 4 rows, so that a list of a dozen rows takes the job's path and is written in several batches."""
    from conftest import make_user

    monkeypatch.setattr("danvan.members.imports.MAX_ROWS", 5)
    monkeypatch.setattr("danvan.members.imports.WRITE_BATCH", 4)
    # Every batch moves the counts by the upsert a large batch uses.
    monkeypatch.setattr("danvan.members.tally.UPSERT_FROM", 0)
    officer = make_user("hnd.bacninh", "officer", "P24-HND")
    branch = branch_create(actor=officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Đông")
    return officer, unit("P24-HND"), branch


def _men(count: int) -> str:
    # Men born in 1975 whose birth was registered in Bắc Giang (024): CCCD 024 0 75 nnnnnn.
    return "".join(
        f"Nguyễn Văn Số {i},02/07/1975,Nam,024075{i:06d},Chi hội thôn Đông,Yên Thế\n" for i in range(1, count + 1)
    )


def _upload(client, body, text: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/hoi-vien/nhap/",
            {"owner": body.pk, "file": SimpleUploadedFile("ds.csv", text.encode()), TOKEN_FIELD: new_form_token()},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_a_large_list_is_checked_and_written_by_the_worker_with_progress_and_counts_equal_to_a_recount(
    client_for, province, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    officer, body, branch = province
    client = client_for(officer)
    job_url = _upload(client, body, HEADER + _men(12), django_capture_on_commit_callbacks)
    # Nothing is read or written in the request: the job waits for the worker, and its page says so.
    assert Membership.objects.count() == 0
    page = client.get(job_url)
    assert page.context["job"].status == "queued" and 'hx-trigger="every 2s"' in page.content.decode()

    run_worker()

    page = client.get(job_url)
    job = page.context["job"]
    assert (job.status, job.done, job.total) == ("succeeded", 12, 12), job.message
    assert "12 / 12" in page.content.decode()
    assert "12 người mới" in job.message
    assert Membership.objects.filter(branch=branch).count() == 12 and Person.objects.count() == 12
    # Three batches of 4, each its own transaction with its counts and its audit event.
    events = AuditEvent.objects.filter(action=Action.MEMBERS_IMPORTED).order_by("pk")
    assert [(e.details["batch"], e.details["new"]) for e in events] == [(1, 4), (2, 4), (3, 4)]
    assert events[0].unit_id == body.pk
    assert MemberTally.objects.filter(scope="C7288").exists()
    assert tally_verify()["differences"] == []
    # The kept copy of the file is gone once imported.
    from danvan.core.models import StoredFile

    assert not StoredFile.objects.filter(pk=job.params["file"]).exists()


def test_a_large_list_with_one_bad_row_writes_nothing_and_names_the_row_and_column(
    client_for, province, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    officer, body, _branch = province
    client = client_for(officer)
    text = (
        HEADER
        + _men(8)
        + "Trần Văn Sai,31/02/1975,Nam,,Chi hội thôn Đông,Yên Thế\n"
        + "Trần Văn Trùng,02/07/1975,Nam,024075000001,Chi hội thôn Đông,Yên Thế\n"
    )
    job_url = _upload(client, body, text, django_capture_on_commit_callbacks)
    run_worker()
    job = client.get(job_url).context["job"]
    assert job.status == "failed" and "chưa ghi dòng nào" in job.message
    html = client.get(job_url).content.decode()
    assert "Dòng 10, cột Ngày sinh: “31/02/1975” không phải ngày" in html
    assert "Dòng 11, cột CCCD: trùng với dòng 2" in html
    assert Membership.objects.count() == 0 and Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action=Action.MEMBERS_IMPORTED).exists()
    assert tally_verify()["differences"] == []


def test_likely_duplicates_of_a_large_list_are_confirmed_by_the_officer_and_exact_cccd_matches_linked(
    client_for, province, hpn_officer, org, unit, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    officer, body, branch = province
    women = branch_create(actor=hpn_officer, organisation=org("HPN"), owner=unit("C7288-HPN"), name="Chi hội Đông")
    lan = member_add(actor=hpn_officer, branch=women, full_name="Nguyễn Thị Lan", birth_date=BORN_1980, sex="F")
    hoa = member_add(
        actor=hpn_officer, branch=women, full_name="Lê Thị Hoa", birth_date=BORN_1980, sex="F", cccd="024180001234"
    )
    client = client_for(officer)
    text = (
        HEADER
        + _men(6)
        + "NGUYEN THI LAN,15/03/1980,Nữ,,Chi hội thôn Đông,Yên Thế\n"
        + "Lê Thị Hoa,15/03/1980,Nữ,024180001234,Chi hội thôn Đông,Yên Thế\n"
    )
    job_url = _upload(client, body, text, django_capture_on_commit_callbacks)
    run_worker()
    job = client.get(job_url).context["job"]
    # Checked whole, nothing written: the one likely same person (no CCCD) waits for the officer.
    assert job.status == "succeeded" and "chưa ghi dòng nào" in job.message, job.message
    assert Membership.objects.count() == 2
    confirm = client.get(job.result_url)
    html = confirm.content.decode()
    assert 'name="decision_8"' in html and "decision_9" not in html and "Hội Phụ nữ" in html

    token = new_form_token()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(job.result_url, {"decision_8": "same", TOKEN_FIELD: token})
    # The same form sent twice starts one job.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(job.result_url, {"decision_8": "same", TOKEN_FIELD: token})
    assert second.status_code == again.status_code == 302 and second["Location"] == again["Location"]
    assert JobRun.objects.filter(kind="members.import").count() == 2
    run_worker()
    written = client.get(second["Location"]).context["job"]
    assert written.status == "succeeded", written.message
    assert Person.objects.count() == 8
    assert {m.branch for m in Membership.objects.filter(person=lan.person)} == {women, branch}
    assert {m.branch for m in Membership.objects.filter(person=hoa.person)} == {women, branch}
    assert tally_verify()["differences"] == []
    # Once imported, the confirmation page leads to the job that imported the file.
    assert client.get(job.result_url)["Location"] == second["Location"]
    # Nobody else opens the confirmation page.
    assert client_for(hpn_officer).get(job.result_url).status_code == 404


def test_the_same_large_list_again_after_a_part_was_written_writes_only_the_rest(
    client_for, province, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    """What a failure midway leaves (whole batches written and counted) is completed by importing the file again."""
    officer, body, branch = province
    client = client_for(officer)
    _upload(client, body, HEADER + _men(7), django_capture_on_commit_callbacks)
    run_worker()
    job_url = _upload(client, body, HEADER + _men(12), django_capture_on_commit_callbacks)
    run_worker()
    job = client.get(job_url).context["job"]
    assert job.status == "succeeded" and "5 người mới" in job.message and "7 người đã có" in job.message
    assert Membership.objects.filter(branch=branch).count() == Person.objects.count() == 12
    assert tally_verify()["differences"] == []


def test_a_small_list_is_still_checked_in_the_request(client_for, province, django_capture_on_commit_callbacks):
    officer, body, _branch = province
    client = client_for(officer)
    page = client.post(
        "/hoi-vien/nhap/",
        {
            "owner": body.pk,
            "file": SimpleUploadedFile("ds.csv", (HEADER + "A,31/02/1975,Nam,,Chi hội thôn Đông,Yên Thế\n").encode()),
            TOKEN_FIELD: new_form_token(),
        },
    )
    assert page.status_code == 200 and "Dòng 2, cột Ngày sinh" in page.content.decode()
    assert not JobRun.objects.exists()
