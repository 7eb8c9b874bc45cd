"""Audit events as rows, then as XLSX (data first, format second)."""

import json

from django.utils import timezone

from danvan.core.exporting import xlsx_response

HEADERS = ["Thời gian", "Người thực hiện", "Hành động", "Đơn vị", "Đối tượng", "Trước", "Sau", "Chi tiết", "IP"]


def audit_rows(events):
    tz = timezone.get_current_timezone()
    for e in events.iterator(chunk_size=2000):
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


def audit_xlsx(events, filename: str):
    return xlsx_response(filename=filename, sheet_title="Nhật ký", headers=HEADERS, rows=audit_rows(events))
