"""The period a meeting reviews: quarter, half-year, nine months, year, term or stage."""

from __future__ import annotations

import datetime as dt
import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.period_context import without_opening_basis, year_after
from danvan.ingest.extract.record import ExtractedRecord

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# Period phrases, on folded text ("quý I/2021" folds to "quy i 2021").
_PERIODS = re.compile(
    r"\bqu[yi] (?P<q>iv|iii|ii|i|[1-4])\b(?: nam)?(?: (?P<qy>(?:19|20)\d\d))?"
    r"|\b(?P<h>0?6|sau) thang (?:(?P<hw>dau|cuoi) )?nam(?: (?P<hy>(?:19|20)\d\d))?"
    r"|\b(?P<n>0?9|chin) thang(?: dau nam)?(?: nam)?(?: (?P<ny>(?:19|20)\d\d))?"
    r"|\b(?P<tk>nhiem ky|giai doan|tu(?: nam)?|\d{1,2} nam) (?P<t1>(?:19|20)\d\d) (?:den )?(?P<t2>(?:19|20)\d\d)"
    r"|\bnam (?P<y>(?:19|20)\d\d)\b"
)
# A stage is a reviewed period only after a review or an honouring ("tổng kết …", "biểu dương … giai đoạn …", "… tiêu
# biểu toàn quốc giai đoạn 2017-2022"); "5 năm 2011-2015" is a stage too. (Up to 130 characters after it: "biểu
# dương các mô hình, điển hình tiên tiến trong phong trào … vùng đồng bào dân tộc thiểu số khu vực Tây Bắc và phụ cận
# giai đoạn 2018-2023", ingest13m; before, 80.)
_STAGE_CONTEXT = re.compile(
    r"(?:tong ket|so ket|dai hoi|bieu duong|ton vinh|tuyen duong|vinh danh|dien hinh|tieu bieu|phat dong)\b.{0,130}$"
)


_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# Ways of writing a period that folding would lose, spelt out before it: a term in brackets after the review's name
# ("tổng kết phong trào … lần thứ VI (2003-2007)") and a year straight after a quoted name ("tuyên dương điển hình
# “Dân vận khéo” 2025"), not the start of a stage ("“Dân vận khéo” 2021 - 2025").
_BRACKETED_TERM = re.compile(r"\(\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\s*\)")
# A year that ends a quoted honour's name ("danh hiệu “Nông dân Việt Nam xuất sắc 2021”", ingest13i), not the end of
# a stage ("… 2021 - 2025”").
_YEAR_ENDING_QUOTE = re.compile(r"(?<![-–—/\d])(?<![-–—/]\s)\s((?:19|20)\d\d)\s*([\"”])")
_YEAR_AFTER_QUOTE = re.compile(r"([\"”])\s+((?:19|20)\d\d)\b(?!\s*[-–—/]\s*\d)")


def _folded(text: str) -> str:
    text = _BRACKETED_TERM.sub(r"(giai đoạn \1-\2)", text)
    text = _YEAR_ENDING_QUOTE.sub(r" năm \1\2", text)
    return fold(_YEAR_AFTER_QUOTE.sub(r"\1 năm \2", text))


def _period(doc: _Doc, record: ExtractedRecord) -> str | None:
    if record.event_type == "hoi_thi":
        return None
    # A meeting of no review kind (a dialogue, a commemoration, a training day) reviews a period only when the text
    # says it reviews ("… đồng thời tổng kết công tác Mặt trận trong năm 2023"); "Luật … năm 2025" is not one.
    reviews = _REVIEW_ANYWHERE.search(fold(doc.text))
    if record.event_type == "other" and not reviews:
        return None
    # A term alone is a review only at a congress: a dialogue where "lãnh đạo huyện báo cáo khái quát tình hình kinh tế
    # - xã hội năm 2020; … kết quả đại hội đảng bộ các cấp, nhiệm kỳ 2020 - 2025" reviews nothing (ingest13m).
    if (
        record.event_type == "other"
        and reviews.group() == "nhiem ky"
        and not _REVIEW_ANYWHERE.search(fold(doc.text), reviews.end())
        and not _CONGRESS.search(_folded(doc.title + ". " + doc.lead))
    ):
        return None
    # A launch reviews nothing; only a plan names its period ("triển khai Kế hoạch … năm 2017"), and a plan signed
    # between bodies ("ký kết kế hoạch phối hợp … công tác tuyên truyền năm 2018") is an agreement, not one (ingest13i).
    if record.event_type == "trien_khai" and (
        "ke hoach" not in fold(doc.title + " " + doc.lead) or _SIGNING.search(fold(doc.title + " " + doc.lead))
    ):
        return None
    # A congress ("Đại hội … nhiệm kỳ 2025–2030") opens a term: what it reviews is the term before, when the text
    # names it ("Trong nhiệm kỳ 2013–2018, …"), else nothing.
    head = _folded(doc.title + ". " + doc.lead)
    if _CONGRESS.search(head) and not _REVIEW.search(head):
        terms = [(int(m.group(1)), int(m.group(2))) for m in _TERM.finditer(fold(doc.text))]
        if terms:
            start = terms[0][0]
            earlier = [t for t in terms if t[1] <= start]
            return f"{earlier[0][0]}-{earlier[0][1]}" if earlier else None
    # A meeting of no review kind reviews what follows the text's review word: "Hội nghị Ban Chấp hành … lần thứ 5 …
    # để thông qua một số nhiệm vụ quan trọng năm 2020 …" then "… báo cáo sơ kết công tác Hội … 6 tháng đầu năm
    # 2020" reviews the half-year, not the year of the tasks (ingest13i).
    if record.event_type == "other":
        whole = _folded(doc.title + ". " + doc.lead + "\n" + "\n".join(doc.body))
        review = _REVIEW.search(whole)
        if review:
            found = _read_periods(doc, record, whole, review.start())
            if found is not _NONE_FOUND:
                return found
    # The lead's review names the period reviewed even when the title names another year: "… năm 2020" in the
    # title, "sơ kết chương trình … năm 2019, triển khai kế hoạch năm 2020" in the lead.
    title_folded = _folded(doc.title)
    # (A quarter's "giao ban" reviews the quarter too: "… tổ chức Hội nghị giao ban công tác Dân vận quý I và triển khai
    # nhiệm vụ Quý II năm 2019" under a title naming "“Năm dân vận chính quyền 2019”", ingest13m.)
    if not _LEAD_REVIEW.search(title_folded):
        lead_folded = _folded(doc.lead)
        review = _LEAD_REVIEW.search(lead_folded)
        if review:
            found = _read_periods(doc, record, lead_folded, review.end())
            if found is not _NONE_FOUND:
                return found
    # A launch's plan names its period in the title or the lead; further down, "… thông qua 05 kế hoạch …; Biểu dương
    # Điển hình tiên tiến giai đoạn 2020-2025; …" lists the work planned, not a period reviewed (ingest13o).
    parts = [doc.title + ". " + doc.lead] + ([] if record.event_type == "trien_khai" else ["\n".join(doc.body)])
    # (The head read first without the programme it opens by citing, then whole when nothing else names a period.)
    trimmed = without_opening_basis(doc.title) + ". " + without_opening_basis(doc.lead)
    for part in ([trimmed] if trimmed != parts[0] else []) + parts:
        found = _read_periods(doc, record, _folded(part), 0)
        if found is not _NONE_FOUND:
            return found
    return None


_CONGRESS = re.compile(r"\bdai hoi\b")
_SIGNING = re.compile(r"\bky ket\b")
# "Trưởng Ban công tác Mặt trận thôn trình bày báo cáo năm 2025" at a residential area's festival: the year's report,
# read out at the meeting, is a review of that year (ingest13o).
_YEAR_REPORTED = r"(?:trinh bay|thong qua|nghe) bao cao(?: ket qua)?(?: cong tac)?(?= nam (?:19|20)\d\d\b)"
_REVIEW_ANYWHERE = re.compile(
    r"\b(?:tong ket|so ket|(?:danh gia|trao doi) ket qua|bieu duong|ton vinh|tuyen duong|vinh danh|nhiem ky|giao ban|"
    + _YEAR_REPORTED
    + r")\b"
)
_TERM = re.compile(r"\bnhiem ky ((?:19|20)\d\d) (?:den )?((?:19|20)\d\d)\b")
_REVIEW = re.compile(r"\b(?:tong ket|so ket|(?:danh gia|trao doi) ket qua|" + _YEAR_REPORTED + r")\b")
_LEAD_REVIEW = re.compile(r"\b(?:tong ket|so ket|(?:danh gia|trao doi) ket qua|giao ban)\b")
_NONE_FOUND = object()


def _read_periods(doc: _Doc, record: ExtractedRecord, folded: str, start: int) -> str | None | object:
    """The first period phrase of `folded` from `start` that names a reviewed period (or `_NONE_FOUND`)."""
    for match in _PERIODS.finditer(folded, start):
        before = folded[max(0, match.start() - 40) : match.start()]
        # "triển khai nhiệm vụ (trọng tâm) quý II" names the next period, not the one reviewed.
        if re.search(r"nhiem vu(?: trong tam)?(?: cong tac)?(?: cua cong tac dan van)? $", before):
            continue
        # "… và triển khai công tác trọng tâm của Ủy ban MTTQ phường năm 2023": the year of the work launched, at a
        # meeting that is not itself a launch, is the next period, not the one reviewed.
        if record.event_type != "trien_khai" and re.search(
            r"\btrien khai (?:cong tac|nhiem vu|phuong huong|chuong trinh)\b(?:(?!tong ket|so ket|danh gia|ket qua).){0,100}$",
            folded[max(0, match.start() - 130) : match.start()],
        ):
            continue
        # "từ năm 2008 – 2010" at a review is the span reviewed wherever it stands ("… sơ kết 2 năm … thành tích xuất
        # sắc … từ năm 2008 – 2010", ingest13i).
        span_at_review = match.group("tk") in ("tu", "tu nam") and record.event_type in ("so_ket", "tong_ket")
        if (
            match.group("tk")
            and not span_at_review
            and not _STAGE_CONTEXT.search(folded[max(0, match.start() - 170) : match.start()])
        ):
            continue
        # The year of a full date ("ngày 10 tháng 02 năm 2023") and a basis cited ("Căn cứ chương trình … năm 2023")
        # are not a period reviewed.
        # A month reviewed ("Hội nghị giao ban công tác dân vận tháng 8 năm 2020") names a period the format cannot
        # hold: none, rather than the year (ingest13m).
        if (
            match.group("y")
            and re.search(
                r"\b(?:giao ban|so ket|tong ket)\b.{0,60}\bthang \d{1,2} $",
                folded[max(0, match.start() - 90) : match.start()],
            )
            and not re.search(r"\bngay \d{1,2} thang \d{1,2} $", before)
        ):
            return None
        if match.group("y") and (
            re.search(r"\bthang \d{1,2} $", before)
            or re.search(r"\bcan cu\b.{0,100}$", folded[max(0, match.start() - 110) : match.start()])
        ):
            continue
        # A target year ("đến năm 2030") is not a period.
        if match.group("y") and re.search(r"\b(?:den|toi|truoc)\s*$", before):
            continue
        year = None
        # The next year in the sentence: "giao ban Quý I và ký kết giao ước thi đua giữa … các xã, thị trấn năm 2023"
        # names it 120 characters on (ingest13l; before, 80).
        tail = folded[match.end() : match.end() + 160]
        follow = year_after(tail)
        fallback = follow if follow else (doc.dateline.year if doc.dateline else None)
        if match.group("q"):
            year = int(match.group("qy")) if match.group("qy") else fallback
            suffix = f"-Q{_ROMAN[match.group('q')]}"
        elif match.group("h"):
            year = int(match.group("hy")) if match.group("hy") else fallback
            suffix = "-H2" if match.group("hw") == "cuoi" else "-H1"
        elif match.group("n"):
            year = int(match.group("ny")) if match.group("ny") else fallback
            suffix = "-9M"
        elif match.group("tk"):
            return f"{match.group('t1')}-{match.group('t2')}"
        else:
            return match.group("y")
        if year is None:
            record.flags.append("period_year_unresolved")
            return None
        if not (match.group("qy") or match.group("hy") or match.group("ny")):
            record.flags.append("period_year_from_context")
        return f"{year}{suffix}"
    return _NONE_FOUND


def _period_bounds(period: str | None) -> tuple[dt.date, dt.date] | None:
    if not period:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|9M))?", period)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part.startswith("Q"):
        q = int(part[1])
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
        return start, end
    if part == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if part == "H2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 9, 30)
