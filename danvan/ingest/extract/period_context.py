"""What the search for a reviewed period leaves aside: the programme a title or lead opens by citing, and an
anniversary's two dates before the meeting's own (ingest13r)."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.event_type import _BASIS_CLAUSE

# "(06/6/1941 - 06/6/2024)" folded: an anniversary's dates, two full dates of different years one after the other.
_ANNIVERSARY_SPAN = re.compile(r"\b\d{1,2} \d{1,2} ((?:19|20)\d\d) (?:den )?\d{1,2} \d{1,2} ((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def without_opening_basis(text: str) -> str:
    """`text` without the clause it opens with when that cites the work carried out ("Thực hiện Chương trình công
    tác Đoàn … năm 2022, ngày 24/6, Ban Thường vụ Huyện đoàn … sơ kết … 6 tháng đầu năm, …"): the year cited is the
    programme's, not the period reviewed."""
    # Cheap gate: most titles and leads open otherwise.
    if not fold(text[:12]).startswith(("thuc hien", "can cu")):
        return text
    return _BASIS_CLAUSE.sub("", text, count=1)


def year_after(tail: str) -> int | None:
    """The first year in the folded `tail`, an anniversary's dates left out ("… sơ kết … 6 tháng đầu năm. Nhân kỷ
    niệm 83 năm Ngày truyền thống … (06/6/1941- 06/6/2024), sáng ngày 09.6.2024, …" → 2024, not 1941)."""
    match = _YEAR.search(tail)
    if match is None:
        return None
    span = _ANNIVERSARY_SPAN.search(tail)
    if span and span.start() <= match.start() and span.group(1) != span.group(2):
        match = _YEAR.search(tail, span.end())
        if match is None:
            return None
    return int(match.group(1))
