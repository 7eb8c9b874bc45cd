"""The disclosure compliance table as rows, then as XLSX (data first, format second): one sheet per province (or
one line for the province asked for), then one line per commune or base."""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from danvan.core.exporting import XLSX_TYPE, xlsx_bytes

PROVINCE_HEADERS = [
    "Tỉnh, thành phố",
    "Số cơ sở",
    "Cơ sở chậm, thiếu",
    "Nội dung phải công khai",
    "Đã công khai",
    "Công khai muộn",
    "Chưa công khai",
    "Niêm yết chưa đủ thời gian",
]
ROW_HEADERS = [
    "Tỉnh, thành phố",
    "Xã, phường hoặc cơ sở",
    "Phải công khai",
    "Đã công khai",
    "Công khai muộn",
    "Chưa công khai",
    "Niêm yết chưa đủ thời gian",
    "Tình trạng",
]
PROGRESS_EVERY = 500


def province_rows(rows) -> list[list]:
    """One line per province: its bases, those behind, and the items' totals; a total line last."""
    by_province: dict[str, list[int]] = {}
    for r in rows:
        t = by_province.setdefault(r.province_name, [0] * 7)
        for i, value in enumerate((1, int(r.behind), r.required, r.disclosed, r.late, r.missing, r.short)):
            t[i] += value
    lines = [[name, *totals] for name, totals in sorted(by_province.items())]
    if len(lines) > 1:
        lines.append(["Cộng", *[sum(line[i] for line in lines) for i in range(1, 8)]])
    return lines


def base_rows(rows, *, progress: Callable[[int], None] | None = None):
    for n, r in enumerate(rows, start=1):
        yield [
            r.province_name,
            r.name,
            r.required,
            r.disclosed,
            r.late,
            r.missing,
            r.short,
            "Chậm, thiếu" if r.behind else "Đủ",
        ]
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n)


def compliance_export_build(job):
    """The export job's work: the roll-up of the saved area, kind and period, as an XLSX kept for download. The
    owner's right to the area is checked again: a role may have ended since the job was asked for."""
    from danvan.accounts.permissions import can_view_unit
    from danvan.core.errors import ApplicationError
    from danvan.core.services import JobOutcome, job_file_store, job_progress
    from danvan.democracy.compliance_store import stored_rollup
    from danvan.democracy.selectors import compliance_rollup
    from danvan.organisations.models import OrgUnit

    params = job.params
    area = OrgUnit.objects.filter(code=params["area"]).first()
    if area is None or not can_view_unit(job.owner, area):
        raise ApplicationError("Đồng chí không còn quyền xem đơn vị này; chưa xuất gì.", field="unit")
    start, end = dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"])
    job_progress(job_id=job.pk, done=0, message="Đang tổng hợp…")
    # A calendar quarter is read from its stored table (decision 0047), in the page's order.
    stored = stored_rollup(area=area, kind=params["kind"], start=start, end=end)
    rows = (
        list(stored) if stored is not None else compliance_rollup(area=area, kind=params["kind"], start=start, end=end)
    )
    total = len(rows)
    job_progress(job_id=job.pk, done=0, total=total, message="Đang ghi vào tệp…")
    content = xlsx_bytes(
        sheets=[
            ("Theo tỉnh", PROVINCE_HEADERS, province_rows(rows)),
            ("Chi tiết", ROW_HEADERS, base_rows(rows, progress=lambda n: job_progress(job_id=job.pk, done=n))),
        ]
    )
    job_progress(job_id=job.pk, done=total)
    stored = job_file_store(
        owner=job.owner,
        name=f"tong-hop-cong-khai-{area.code}-{params['period']}-{timezone.localdate():%Y%m%d}.xlsx",
        content_type=XLSX_TYPE,
        content=content,
    )
    behind = sum(1 for r in rows if r.behind)
    return JobOutcome(message=f"Đã xuất {total} cơ sở, {behind} chậm hoặc thiếu.", result_file=stored)
