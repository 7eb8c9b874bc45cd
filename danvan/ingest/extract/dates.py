"""The meeting's date: a date phrase in the lead, its year from the text, date line or period."""

from __future__ import annotations

import datetime as dt
import re

from danvan.ingest.extract.document import _Doc, _valid_date
from danvan.ingest.extract.period import _period_bounds
from danvan.ingest.extract.record import ExtractedRecord

# "Sáng ngày 18-4", "Ngày 19/3", "Chiều 13-7-2021", "ngày 19 tháng 3 năm 2021", at a sentence start or after "vào".
_EVENT_DATE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|\bvào\s+|\btrong\s+|\bhôm\s+)(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:hôm\s+)?nay\s+)?(?:\(?\s*)?"
    r"(?:ngày\s+)?(\d{1,2})\s*(?:[-/.]|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:[-/.]|\s+năm\s+)\s*(\d{4}))?(?!\d)",
    re.IGNORECASE,
)


def _event_date(doc: _Doc, record: ExtractedRecord, source_date: dt.date | None) -> str | None:
    anchor = doc.dateline or source_date
    for paragraph in [doc.title, *doc.body[:4]]:
        for match in _EVENT_DATE.finditer(paragraph):
            before = paragraph[max(0, match.start() - 25) : match.start() + 1]
            # A document's date ("Nghị quyết số 110 ngày 11/7/2016") is not the meeting's.
            if re.search(r"(?:số\s*\S+|ban hành|ký)\s*$", before, re.IGNORECASE):
                continue
            day, month = int(match.group(1)), int(match.group(2))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            if match.group(3):
                date = _valid_date(int(match.group(3)), month, day)
                if date:
                    return date.isoformat()
                continue
            if anchor:
                date = _valid_date(anchor.year, month, day)
                # Reported on 2 January about 28 December: the year before the date line's.
                if date and date > anchor + dt.timedelta(days=1):
                    date = _valid_date(anchor.year - 1, month, day)
                if date:
                    record.flags.append("event_date_year_from_dateline")
                    return date.isoformat()
                continue
            bounds = _period_bounds(record.period)
            if bounds:
                start, end = bounds
                date = _valid_date(end.year, month, day)
                # A review of a period is held near or after its end: "tổng kết năm 2021" on 10/1 is in 2022.
                if date and record.event_type in ("giao_ban", "so_ket", "tong_ket"):
                    if date < end - dt.timedelta(days=60) and date < start + dt.timedelta(days=45):
                        date = _valid_date(end.year + 1, month, day)
                if date:
                    record.flags.append("event_date_year_from_period")
                    return date.isoformat()
            record.flags.append("event_date_unresolved")
            return None
    record.flags.append("event_date_unresolved")
    return None
