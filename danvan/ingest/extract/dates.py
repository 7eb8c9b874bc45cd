"""The meeting's date: a date phrase in the lead, its year from the text, date line or period."""

from __future__ import annotations

import datetime as dt
import re

from danvan.ingest.extract.date_spans import UPPER, with_first_days
from danvan.ingest.extract.document import _Doc, _valid_date
from danvan.ingest.extract.period import _YEAR, _period_bounds
from danvan.ingest.extract.record import ExtractedRecord

# "Sáng ngày 18-4", "Ngày 19/3", "Chiều 13-7-2021", "ngày 19 tháng 3 năm 2021": at a sentence start, after
# "vào"/"diễn ra", after a source tag or dateline ("LSO-Sáng …", "(TTXVN) – Ngày …", "HÀ NỘI – Sáng …"), or in the
# middle of a sentence after a comma when a time word leads ("…, sáng 18-3-2011, …"). "Sáng qua (23/7)", "vào lúc
# 14 giờ 00 ngày 10 tháng 02 năm 2023" and a range's first day ("trong 2 ngày 12-13/10") count too.
_TIME_WORD = r"(?:sáng|chiều|tối|trưa|ngày|hôm)\b"
_EVENT_DATE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|\bvào\s+|\bdiễn\s+ra\s+|\btrong\s+(?:(?:\d+|hai|ba)\s+(?=ngày)|các\s+ngày\s+(?:từ\s+)?)?|\bhôm\s+"
    r"|[-–—)]\s*(?=" + _TIME_WORD + r")|,\s+(?=(?:sáng|chiều|tối|trưa)\b|ngày\s+\d)"
    # "Được sự thống nhất của Đảng ủy xã X ngày 18/11/2017 Ban Công tác Mặt trận … tổ chức …": a full date right
    # before the capitalised holder, with no comma (ingest13n).
    r"|\s(?=ngày\s+\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}\s+(?-i:[" + UPPER + r"])))"
    r"(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:hôm\s+)?(?:nay|qua)\s+)?(?:\(?\s*)?"
    r"(?:lúc\s+\d{1,2}\s*(?:giờ|h|:)\s*\d{0,2}\s*(?:phút)?\s*,?\s*)?"
    r"(?:ngày\s+)?(\d{1,2})\s*(?:[-/.]|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:[-/.]|\s+năm\s+)\s*(\d{4}))?(?!\d)",
    re.IGNORECASE,
)
# (Also a stage, "giai đoạn 2023-2030" or mistyped "giai đoạn 20021-2025", and a target year, "đến năm 2030": ingest13i;
# a term in brackets, "nhiệm kỳ (2018- 2023)": ingest13m.)
_TERM_YEARS = re.compile(
    r"\b(?:nhiệm\s+kỳ|giai\s+đoạn)\s+\(?\s*\d{4,5}\s*[-–—]\s*(?:19|20)\d\d\b|\bđến\s+năm\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# A range of days keeps its first day: "ngày 12-13/10", "ngày 15 và 16/11/2014", "ngày (16 – 17/8)" read as "ngày 12/10",
# "ngày 15/11/2014", "ngày 16/8".
_DAY_RANGE = re.compile(
    r"\b(ngày|từ)\s+(\(\s*)?(\d{1,2})\s*(?:[-–]|và)\s*\d{1,2}\s*([/.])\s*(\d{1,2}(?:\s*[/.]\s*\d{4})?)(?(2)\s*\))",
    re.IGNORECASE,
)


def _event_date(doc: _Doc, record: ExtractedRecord, source_date: dt.date | None) -> str | None:
    anchor = doc.dateline or source_date
    # The first four paragraphs, then further ones that read as prose when page furniture ("Truy cập hiện tại", "Đang
    # có 69 khách …", a section name, the title again) took the first four and none of them held a date (ingest13m).
    prose = [p for p in doc.body[4:] if len(p.split()) >= 12][
        : max(0, 4 - sum(len(p.split()) >= 12 for p in doc.body[:4]))
    ]
    for paragraph in [doc.title, *doc.body[:4], *prose]:
        # A span of days, two days listed with a comma: their first day (ingest13q, date_spans).
        paragraph = _DAY_RANGE.sub(r"\1 \3\4\5", with_first_days(paragraph))
        for match in _EVENT_DATE.finditer(paragraph):
            before = paragraph[max(0, match.start() - 25) : match.start() + 1]
            # A document's date ("Nghị quyết số 110 ngày 11/7/2016") is not the meeting's.
            # ("Kế hoạch số 113 -KH/ĐU, ngày 10/01/2024": a space inside the number, ingest13h.)
            if re.search(r"(?:số\s*\S+|số\s*\d+\s+-\s*[A-ZĐ]+/\S+|ban hành|ký)\s*$", before, re.IGNORECASE):
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
            # A stage reviewed ("sơ kết … giai đoạn 2009- 2019" on 31/8) is held near its last year (ingest13i).
            stage = re.fullmatch(r"((?:19|20)\d\d)-((?:19|20)\d\d)", record.period or "")
            # (Not a congress's earlier term: a date whose year only a term gives stays open.)
            if stage and not bounds and record.event_type in ("so_ket", "tong_ket", "bieu_duong"):
                bounds = dt.date(int(stage.group(1)), 1, 1), dt.date(int(stage.group(2)), 12, 31)
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
            # No date line and no period: the year the title or the sentence itself names ("… năm 2024").
            # ("nhiệm kỳ 2025 - 2030" names a term, not the year the meeting is in.)
            # (The whole sentence, up to 400 characters: "Sáng 23.5, tại Hội trường UBND xã …, Ban thường trực … tổ chức ký
            # kết kế hoạch phối hợp thực hiện cuộc vận động “…”, thực hiện công tác tuyên truyền năm 2018 …", ingest13i.)
            end = re.search(r"[.!?](?:\s|$)", paragraph[match.end() :])
            reach = min(400, end.start() if end else 400)
            near = _TERM_YEARS.sub(" ", doc.title + " " + paragraph[: match.end() + max(200, reach)])
            years = [int(y) for y in _YEAR.findall(near)]
            if years:
                date = _valid_date(max(years), month, day)
                if date:
                    record.flags.append("event_date_year_from_text")
                    return date.isoformat()
            # "Ngày 27/11, ra quân …" over a lead that writes "… vào ngày 27/11/2021": the same day and month, written
            # with their year in the first paragraphs (ingest13m).
            same = re.search(
                rf"(?<!\d)0?{day}\s*[-/.]\s*0?{month}\s*[-/.]\s*((?:19|20)\d\d)\b",
                "\n".join([doc.title, *doc.body[:4]]),
            )
            date = _valid_date(int(same.group(1)), month, day) if same else None
            if date:
                record.flags.append("event_date_year_from_text")
                return date.isoformat()
            record.flags.append("event_date_unresolved")
            return None
    record.flags.append("event_date_unresolved")
    return None
