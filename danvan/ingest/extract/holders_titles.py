"""Holders written as several local units or behind a reporting clause, and people's titles written with short
abbreviations (ingest13o). Pure functions on the NFC text; organiser.py and chairs.py call them through small hooks."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _sentences

# "Hội Cựu Chiến binh thành phố vừa cho biết, đến nay các xã phường trên địa bàn đã lần lượt tổ chức …", "Theo Ban Dân
# vận Huyện ủy, các thôn … đã tổ chức …": the body that reports is not the holder; the holder follows the comma.
_REPORTED = re.compile(
    r"^(?:(?i:theo)\s+[^,]{3,80}|[^,]{3,80}?\s(?:(?i:vừa|đã)\s+)?(?i:cho\s+biết|thông\s+tin|thông\s+báo))\s*,\s*"
)
# "đến nay", "hiện nay", "thời gian qua": a time phrase after the reporting clause is not part of the name either.
_SINCE = re.compile(
    r"^(?i:(?:tính\s+)?đến\s+nay|hiện\s+nay|thời\s+gian\s+qua|vừa\s+qua|mới\s+đây|trong\s+thời\s+gian\s+qua)\s*,?\s*"
)
# "đồng loạt 9/9 ấp …", "lần lượt các xã …": an adverb before the holder is not part of its name (README's rules).
_ADVERBS = re.compile(r"^(?:(?i:đã|vừa|cùng|đồng\s+loạt|lần\s+lượt)\s+)+")
_UNIT = (
    r"(?i:xã|phường|thị\s+trấn|ấp|thôn|bản|xóm|khóm|buôn|làng|tổ\s+dân\s+phố|khu\s+dân\s+cư|khu\s+phố|chi\s+hội|"
    r"chi\s+bộ|cơ\s+sở\s+(?:hội|đoàn))"
)
_PLACE_WORD = r"(?i:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)"
# "các xã phường trên địa bàn", "9/9 ấp trên địa bàn xã Mỹ Hòa Hưng", "12/12 thôn của xã Tân Lập", "các xã, thị trấn
# trong huyện": several local units of one kind, counted or not, with the place they belong to.
_UNITS = re.compile(
    rf"(?i:các|tất\s+cả\s+(?:các\s+)?|\d+\s*/\s*\d+)\s+{_UNIT}(?:\s*,?\s*(?i:và\s+)?{_UNIT})*"
    rf"(?:\s+(?i:trên\s+địa\s+bàn|của|thuộc|trong)(?:\s+(?i:toàn\s+)?{_PLACE_WORD})?"
    r"(?:\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*){0,4})?"
)


def after_report(subject: str) -> str:
    """The words after a reporting clause ("X vừa cho biết, đến nay …", "Theo X, …") and a time phrase; "" when the
    subject opens with no reporting clause."""
    reported = _REPORTED.match(subject)
    if not reported:
        return ""
    rest = subject[reported.end() :]
    return _SINCE.sub("", rest).strip(" ,")


def units_holder(subject: str) -> str:
    """Several local units as the holder, as written without the adverb before them ("đồng loạt 9/9 ấp trên địa bàn xã
    Mỹ Hòa Hưng" → "9/9 ấp trên địa bàn xã Mỹ Hòa Hưng"); "" when the subject is not such a phrase. A count inside
    a longer subject ("… lãnh đạo 13/13 Hội … cấp cơ sở", ingest13m) is not one."""
    name = _ADVERBS.sub("", _SINCE.sub("", subject.strip())).strip(" ,")
    return name if _UNITS.fullmatch(name) else ""


# "Huyện ủy viên", "Thành ủy viên": a person's membership of the committee, not the committee as a body.
_MEMBER_AFTER = re.compile(r"\s*vi[êe]n\b")


def member_title_follows(text: str, end: int) -> bool:
    """Whether the committee named up to `end` is the start of a member's title ("… Ông Võ Minh Hùng Thành ủy viên -
    Bí thư Đảng ủy phường"): then it names a person's title, not a body that could hold the meeting."""
    return bool(_MEMBER_AFTER.match(text, end))


_COMMITTEES = {"tinh", "thanh", "huyen", "quan", "thi", "dang"}


def member_title_at(words: list[str], folded: list[str], j: int) -> bool:
    """Whether word `j` starts "Thành ủy viên", "Huyện uỷ viên" (with "ủy" in lower case): the title after a name with no
    comma ("Võ Minh Hùng Thành ủy viên - Bí thư …"), so "Thành" is not a given name there."""
    return (
        j + 2 < len(words)
        and folded[j] in _COMMITTEES
        and words[j + 1][:1].islower()
        and folded[j + 1] == "uy"
        and folded[j + 2] == "vien"
    )


# A short capital abbreviation's dot ("PBT. Đảng ủy", "TP. Hồ Chí Minh") does not end a sentence or a title.
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])[A-ZĐ]{1,4}\.$")


def chair_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, a piece that ends in a short abbreviation's dot joined to the next: "Bà Thượng Thị
    Ngọc Anh – PBT. Đảng ủy - Chủ tịch …" is one sentence."""
    joined: list[str] = []
    for sentence in _sentences(paragraph):
        if joined and _ABBREVIATION_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


_HONORIFIC = re.compile(r"^(?i:ông|bà|đồng\s+chí|đ/c)\s+(?=[A-ZĐÀ-Ỹ])")


def without_honorific(part: str) -> str:
    """ "Bà Thượng Thị Ngọc Anh – …": the honorific before a chair's name in a list after "chủ trì hội nghị có …"."""
    return _HONORIFIC.sub("", part.strip())


_TITLE_STOP = re.compile(r"\)|\s+(?:chủ trì|đã|đề nghị|nhấn mạnh|yêu cầu|phát biểu|cho biết)\b|[;:]|\.(?=\s|$)|$")


def title_after_name(rest: str) -> str:
    """The words after a chair's name up to where the title ends: a closing bracket, the verb, ";", ":", or a full
    stop — not the dot inside an abbreviation ("UB.MTTQVN", "CT.Hội") nor after a short capital one ("PBT. Đảng ủy")."""
    start = re.match(r"\s*(?:[-–,(]\s*)?", rest).end()
    pos = start + 1
    while True:
        stop = _TITLE_STOP.search(rest, pos)
        if stop.group().startswith(".") and _ABBREVIATION_END.search(rest[: stop.start() + 1]):
            pos = stop.end()
            continue
        return rest[start : stop.start()] if stop.start() > start else ""


def folds_as_title(title: str, heads: tuple[str, ...]) -> bool:
    return bool(re.match(r"(?:pho )?(?:" + "|".join(heads) + ")", fold(title)))


# "quán triệt Nghị quyết Trung ương 8 khóa XII", "các Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng": the
# body named in a document's name issued it; it does not hold the meeting that studies it.
_DOCUMENT_NAMED = re.compile(
    r"\b(?i:nghị\s+quyết|chỉ\s+thị|kết\s+luận|quy\s+định|quyết\s+định|thông\s+tri)\s+(?i:số\s+\S+\s+)?"
    r"(?i:hội\s+nghị\s+)?(?i:lần\s+thứ\s+\S+\s+)?(?i:ban\s+chấp\s+hành\s+)?$"
)


def named_in_document(text: str, start: int) -> bool:
    """Whether the body that starts at `start` is named inside a document's name ("Nghị quyết Trung ương 8")."""
    return bool(_DOCUMENT_NAMED.search(text[max(0, start - 80) : start]))
