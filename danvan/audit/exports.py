"""Audit events as rows, then as XLSX (data first, format second)."""

import datetime as dt
import json
from collections.abc import Callable

from django.utils import timezone

from danvan.core.exporting import XLSX_TYPE, xlsx_bytes

HEADERS = ["Thời gian", "Người thực hiện", "Hành động", "Đơn vị", "Đối tượng", "Trước", "Sau", "Chi tiết", "IP"]
CHUNK = 2000


def audit_rows(events, *, progress: Callable[[int], None] | None = None):
    tz = timezone.get_current_timezone()
    for n, e in enumerate(events.iterator(chunk_size=CHUNK), start=1):
        yield [
            e.at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S"),
            e.actor_label,
            e.get_action_display(),
            e.unit.name if e.unit else "",
            e.target_label,
            json.dumps(e.before, ensure_ascii=False) if e.before else "",
            json.dumps(e.after, ensure_ascii=False) if e.after else "",
            json.dumps(e.details, ensure_ascii=False) if e.details else "",
            e.ip or "",
        ]
        if progress is not None and n % CHUNK == 0:
            progress(n)


def audit_export_build(job):
    """The export job's work: the owner's events for the saved filters, as an XLSX kept for download."""
    from danvan.audit.selectors import auditevent_list_for_user
    from danvan.core.services import JobOutcome, job_file_store, job_progress

    filters = dict(job.params)
    for key in ("date_from", "date_to"):
        if key in filters:
            filters[key] = dt.date.fromisoformat(filters[key])
    events = auditevent_list_for_user(user=job.owner, **filters)
    total = events.count()
    job_progress(job_id=job.pk, done=0, total=total, message="Đang ghi các sự kiện vào tệp…")
    content = xlsx_bytes(
        sheet_title="Nhật ký",
        headers=HEADERS,
        rows=audit_rows(events, progress=lambda n: job_progress(job_id=job.pk, done=n)),
    )
    job_progress(job_id=job.pk, done=total)
    stored = job_file_store(
        owner=job.owner,
        name=f"nhat-ky-{timezone.localdate():%Y%m%d}.xlsx",
        content_type=XLSX_TYPE,
        content=content,
    )
    return JobOutcome(message=f"Đã xuất {total} sự kiện.", result_file=stored)
