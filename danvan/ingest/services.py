"""Writes: reading a document into a proposed record, and confirming (correcting) that record.

Each service runs in one transaction and records one audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.ingest.extract import EVENT_TYPES, LEVELS, ExtractedRecord, extract
from danvan.ingest.models import IngestDocument, IngestRecord
from danvan.ingest.permissions import can_ingest
from danvan.ingest.readers import check_text, read_file
from danvan.ingest.selectors import adminunits_for_places

_PERIOD = re.compile(r"(?:19|20)\d\d(?:-(?:Q[1-4]|H[12]|9M)|-(?:19|20)\d\d)?")


def ingest_document_create(
    *, actor, unit, filename: str = "", content: bytes | str, source_date: dt.date | None = None
) -> IngestRecord:
    """Read an uploaded file (bytes, chosen by `filename`'s extension) or pasted text (str) and store a proposal.

    Nothing is written when the input is empty, binary, over 5 MB or not Vietnamese.
    """
    if not can_ingest(actor, unit):
        raise ApplicationError(
            "Đồng chí không có quyền nhập tài liệu cho đơn vị này: hãy chọn đơn vị của mình.", field="unit"
        )
    if isinstance(content, bytes):
        text = read_file(filename=filename, content=content)
    else:
        text = check_text(content, field="text")
    proposal = extract(text, source_date=source_date, doc_id=_stem(filename))
    with transaction.atomic():
        document = IngestDocument.objects.create(
            unit=unit,
            uploaded_by=actor,
            filename=(filename or "")[:255],
            text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
        record = IngestRecord.objects.create(document=document, proposed=proposal.as_dict(), flags=proposal.flags)
        units = adminunits_for_places(places=proposal.places)
        record.admin_units.set(units)
        audit_record(
            actor=actor,
            action=Action.INGEST_DOCUMENT_CREATED,
            unit=unit,
            target=document,
            after=proposal.as_jsonl(),
            details={"filename": document.filename, "sha256": document.sha256, "flags": proposal.flags},
        )
    return record


def _stem(filename: str) -> str:
    name = (filename or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def clean_record(data: dict) -> dict:
    """A corrected record in the fixed JSONL shape, or an error naming the field and the fix."""
    out = ExtractedRecord().as_jsonl()
    out["id"] = str(data.get("id") or "")
    event_type = data.get("event_type") or "other"
    if event_type not in EVENT_TYPES:
        raise ApplicationError(
            f"Loại sự kiện “{event_type}” không hợp lệ: hãy chọn trong danh sách.", field="event_type"
        )
    out["event_type"] = event_type
    date = data.get("event_date") or None
    if date:
        try:
            date = dt.date.fromisoformat(str(date)).isoformat()
        except ValueError:
            raise ApplicationError(
                "Ngày họp không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.", field="event_date"
            ) from None
    out["event_date"] = date
    period = (data.get("period") or "").strip() or None
    if period and not _PERIOD.fullmatch(period):
        raise ApplicationError(
            "Kỳ báo cáo không hợp lệ: hãy nhập dạng 2021-Q1, 2021-H1, 2021-9M, 2021 hoặc 2016-2021.", field="period"
        )
    out["period"] = period
    level = data.get("level") or None
    if level and level not in LEVELS:
        raise ApplicationError("Cấp không hợp lệ: hãy chọn trung ương, tỉnh, huyện hoặc xã.", field="level")
    out["level"] = level
    out["province"] = (data.get("province") or "").strip() or None
    out["organizer"] = (data.get("organizer") or "").strip()
    chairs = []
    for chair in data.get("chair") or []:
        name = (chair.get("name") or "").strip()
        if name:
            chairs.append({"name": name, "title": (chair.get("title") or "").strip()})
    out["chair"] = chairs
    for key in ("attendees_orgs", "tasks", "models"):
        out[key] = [str(x).strip() for x in data.get(key) or [] if str(x).strip()]
    figures = []
    for figure in data.get("figures") or []:
        try:
            value = float(str(figure.get("value")).replace(",", "."))
            # float() takes "NaN", "inf" and "1e999"; a JSON column cannot store them.
            if not math.isfinite(value):
                raise ValueError
        except (TypeError, ValueError):
            raise ApplicationError(
                f"Số liệu “{figure.get('text', '')}” không có giá trị số: hãy nhập số (ví dụ 123 hoặc 98,5).",
                field="figures",
            ) from None
        figures.append(
            {
                "text": str(figure.get("text") or "").strip(),
                "value": int(value) if value.is_integer() else value,
                "unit": str(figure.get("unit") or "").strip(),
            }
        )
    out["figures"] = figures
    return out


def ingest_record_confirm(*, actor, record: IngestRecord, corrected: dict) -> IngestRecord:
    """Keep the officer's corrected record beside the proposal (the pair measures the extractor's accuracy)."""
    unit = record.document.unit
    if not can_ingest(actor, unit):
        raise ApplicationError("Đồng chí không có quyền xác nhận bản ghi của đơn vị này.", field="unit")
    cleaned = clean_record({**corrected, "id": record.proposed.get("id", "")})
    proposed = {key: record.proposed.get(key) for key in cleaned}
    changed = sorted(key for key in cleaned if key != "id" and cleaned[key] != proposed.get(key))
    with transaction.atomic():
        before = record.corrected
        record.corrected = cleaned
        record.status = IngestRecord.Status.CONFIRMED
        record.confirmed_by = actor
        record.confirmed_at = timezone.now()
        record.save(update_fields=["corrected", "status", "confirmed_by", "confirmed_at"])
        audit_record(
            actor=actor,
            action=Action.INGEST_RECORD_CONFIRMED,
            unit=unit,
            target=record.document,
            before=before if before is not None else proposed,
            after=cleaned,
            details={"changed_fields": changed},
        )
    return record
