"""Holders the organiser's rules missed in ingest13q's development articles, with made-up variants of their writing
(issue 13): a holder written after a date phrase with no comma ("Thực hiện …, trong hai ngày 18,19 tháng 3 năm 2023
Hội Nông dân các phường … tổ chức …"), the bodies another one directs to hold the meeting ("Hội Nông dân phường X đã
chỉ đạo các Chi hội tổ chức …") and a meeting held as several sessions ("tổ chức 05 buổi ra quân").

`organiser.py` calls these through small hooks, so that its own rules stay where they are.
"""

from __future__ import annotations

import re

from danvan.ingest.extract.date_spans import UPPER

# "trong hai ngày 18,19 tháng 3 năm 2023 Hội …", "ngày 14 tháng 5 năm 2021 Hội …", "19 tháng 3 năm 2023 Đoàn …" (the
# comma of "18, 19" ends a clause): a date phrase with its year before the capitalised holder, with no comma between.
_LEADING_DAYS = re.compile(
    r"(?:(?i:trong)\s+(?:(?i:hai|ba|\d+)\s+)?)?(?:(?i:các\s+)?(?i:ngày)\s+)?\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*"
    r"(?:\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s+(?=[" + UPPER + "])"
)


def without_leading_days(subject: str) -> str:
    """The holder's name without a date phrase written before it with no comma."""
    m = _LEADING_DAYS.match(subject) if subject[:1].isdigit() or "gày" in subject[:20] else None
    return subject[m.end() :] if m else subject


def days_before_holder(text: str, pos: int) -> bool:
    """Whether such a date phrase and a capitalised holder follow `pos` (a comma before it ends a clause there, though
    the word after the comma is in lower case: "Thực hiện kế hoạch của Huyện đoàn, trong hai ngày 24,25 tháng 7 năm
    2022 Đoàn Thanh niên … tổ chức …")."""
    return "gày" in text[pos : pos + 20] and bool(_LEADING_DAYS.match(text, pos))


# "Hội Nông dân phường X đã chỉ đạo các Chi hội tổ chức …", "Ban Thường vụ Huyện đoàn đã hướng dẫn Đoàn xã Y tổ
# chức …": the body directed holds the meeting (README's annotation rules: the subject of the holding verb).
_DIRECTS = re.compile(
    r"\s(?:(?i:đã|vừa)\s+)?(?i:chỉ\s+đạo|hướng\s+dẫn|giao\s+cho|phân\s+công\s+cho|phân\s+công)\s+"
    r"(?P<bodies>(?:các\s+)?[" + UPPER + r"][^,;:()]{2,80})$"
)


def directed_bodies(subject: str) -> str:
    """The bodies a subject directs to hold the meeting ("A đã chỉ đạo các Chi hội" → "các Chi hội"), else ""."""
    if "chỉ đạo" not in subject and "hướng dẫn" not in subject and "giao" not in subject and "phân công" not in subject:
        return ""
    m = _DIRECTS.search(subject)
    return m.group("bodies") if m else ""


# "tổ chức 05 buổi ra quân", "tổ chức 3 cuộc đối thoại": a count of the meeting's own sessions, not of activities in
# the results ("tổ chức 2.370 cuộc tuyên truyền").
_SESSIONS = re.compile(
    r"\s+(?:được\s+)?[\d.]+\s+(?:buổi|cuộc|đợt)\s+(?:ra\s+quân|hội\s+nghị|họp\s+mặt|gặp\s+mặt|tọa\s+đàm|toạ\s+đàm|"
    r"đối\s+thoại|giao\s+ban|lễ)\b",
    re.IGNORECASE,
)


def counts_sessions(text: str, pos: int) -> bool:
    """Whether the words from `pos` count the sessions of a meeting held ("… tổ chức 05 buổi ra quân")."""
    return bool(_SESSIONS.match(text, pos))
