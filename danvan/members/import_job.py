"""A member list's import as a background job (issue 12; decisions 0048, 0058): the uploaded file kept for the job,
the job started, and its work — read the file (up to JOB_MAX_ROWS rows), check every row, stop for the officer's
confirmation of likely duplicates when it has not been asked yet, then write in batches with progress."""

from django.db import transaction

from danvan.core.errors import ApplicationError
from danvan.members.imports import members_import, read_member_table
from danvan.members.models import Branch
from danvan.organisations.models import OrgUnit

PENDING_PREFIX = "hoi-vien-nhap:"


def members_upload_keep(*, actor, filename: str, content: bytes):
    """Keep an uploaded list for its import job (or its confirmation step). The same person's earlier kept lists
    that no job took (a confirmation step left unanswered) are deleted: personal data is not kept for nothing."""
    from danvan.core.models import JobRun, StoredFile
    from danvan.core.services import job_file_store

    with transaction.atomic():
        taken = {
            params.get("file")
            for params in JobRun.objects.filter(kind="members.import", owner=actor).values_list("params", flat=True)
        }
        StoredFile.objects.filter(uploaded_by=actor, name__startswith=PENDING_PREFIX).exclude(pk__in=taken).delete()
        return job_file_store(
            owner=actor,
            name=f"{PENDING_PREFIX}{filename}"[:255],
            content_type="application/octet-stream",
            content=content,
        )


def member_uploads_prune(*, older_than) -> int:
    """Remove the kept member lists uploaded before `older_than` that no job is about to read: the lists left at the
    confirmation of likely duplicates (a small list's check, or a large list's job that stopped to ask) and never
    confirmed. A queued or running import keeps its file; an imported file is already gone. One audit event per
    run that removes any, with how many and whose; the confirmation page then says to upload the list again."""
    from danvan.audit.models import Action
    from danvan.core.files import kept_uploads_prune

    return kept_uploads_prune(
        prefix=PENDING_PREFIX,
        job_kind="members.import",
        older_than=older_than,
        action=Action.MEMBER_UPLOADS_PRUNED,
        system_label="member_uploads_prune",
    )


def members_import_start(
    *,
    actor,
    upload_id: int,
    decisions: dict[str, str] | None,
    branch: Branch | None = None,
    owner: OrgUnit | None = None,
):
    """Import the kept file in the background (into `branch`, or for the body `owner`); the owner of the job
    follows it on its page. `decisions=None`: a list too large to check in the request, checked by the job first;
    likely duplicates then stop it before anything is written, for the officer to confirm (decision 0058)."""
    from danvan.core.services import job_start
    from danvan.members.tasks import members_import_run

    target = {"branch": branch.code} if branch is not None else {"owner": owner.code}
    return job_start(
        actor=actor,
        kind="members.import",
        title=f"Nhập danh sách hội viên: {(branch or owner).name}",
        unit=branch.owner if branch is not None else owner,
        task=members_import_run,
        params={"file": upload_id, "decisions": decisions} | target,
    )


# Likely duplicates one confirmation page may list (a province's list); more and the list is split by commune.
MAX_PROPOSALS = 5000


def members_import_job(job):
    """The import job's work: read the kept file, check it again and write it as the job's owner. A list the
    officer has not confirmed yet (decisions None) that has likely duplicates stops before writing, the proposals
    kept on the job for the confirmation page (`members:import_confirm`)."""
    from django.urls import reverse

    from danvan.core.models import JobRun, StoredFile
    from danvan.core.services import JobOutcome, job_progress

    branch = owner = None
    if job.params.get("branch"):
        branch = Branch.objects.select_related("organisation", "owner", "commune").get(code=job.params["branch"])
    else:
        owner = OrgUnit.objects.get(code=job.params["owner"])
    upload = StoredFile.objects.get(pk=job.params["file"])
    job_progress(job_id=job.pk, done=0, message="Đang đọc tệp…")
    rows = read_member_table(filename=upload.name, content=bytes(upload.content), in_job=True)
    job_progress(job_id=job.pk, done=0, total=len(rows), message="Đang kiểm tra các dòng…")
    summary = members_import(
        actor=job.owner,
        branch=branch,
        owner=owner,
        rows=rows,
        decisions=job.params.get("decisions"),
        progress=lambda n, message: job_progress(job_id=job.pk, done=min(n, len(rows)), message=message),
    )
    if "proposals" in summary:
        proposals = summary["proposals"]
        if len(proposals) > MAX_PROPOSALS:
            raise ApplicationError(
                f"Tệp hợp lệ nhưng có {len(proposals)} người có thể đã có (cùng họ tên, ngày sinh và xã, không có "
                f"CCCD), quá {MAX_PROPOSALS} người để xác nhận một lần; chưa ghi dòng nào. Hãy điền CCCD cho những "
                "người này, hoặc chia danh sách theo xã rồi tải lên lại.",
                field="file",
                code="too_many_proposals",
            )
        params = job.params | {
            "proposals": [
                {
                    "line": p.line,
                    "full_name": p.full_name,
                    "birth_date": p.birth_date.isoformat(),
                    "person_public_id": p.person_public_id,
                    "organisations": p.organisations,
                }
                for p in proposals
            ]
        }
        JobRun.objects.filter(pk=job.pk).update(params=params)
        return JobOutcome(
            message=(
                f"Tệp hợp lệ ({len(rows)} dòng), chưa ghi dòng nào: {len(proposals)} người có thể đã có trong tổ "
                "chức khác (cùng họ tên, ngày sinh và xã). Hãy mở kết quả và xác nhận từng người; người có cùng "
                f"CCCD ({summary['linked']}) được coi là cùng một người."
            ),
            result_url=reverse("members:import_confirm", kwargs={"public_id": job.public_id}),
        )
    # The list is in the database now; the uploaded copy of personal data is not kept.
    upload.delete()
    return JobOutcome(
        message=(
            f"Đã nhập: {summary['new']} người mới, {summary['linked']} người đã có được nối thêm vào tổ chức; "
            f"{summary['unchanged']} người đã có trong chi hội, giữ nguyên."
        ),
        result_url=reverse("members:branch", kwargs={"code": branch.code})
        if branch is not None
        else reverse("members:index"),
    )
