"""Attending organisations."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc, _sentences, _tidy, _word_count

# Words that open the attending-organisations sentence.
_ATTENDEES_OPEN = re.compile(
    r"(?:^|[.;]\s*)(?:cùng\s+)?(?:tham\s+)?dự\s+(?:và\s+chỉ\s+đạo\s+)?(?:hội\s+nghị|buổi\s+giao\s+ban|hội\s+thi|lễ)?"
    r"\s*(?:còn\s+)?có\s*:?\s*",
    re.IGNORECASE,
)


_ATTENDEES_MORE = re.compile(r"^(?:đối\s+với|về\s+phía|ngoài\s+ra|cùng\s+dự)[^,]*,\s*(?:còn\s+)?(?:có\s+)?", re.I)


# Leading words naming people rather than bodies ("lãnh đạo", "đại diện", "Trưởng phòng, phó Trưởng phòng, …").
_PERSON_PREFIX = re.compile(
    r"^(?:và\s+|cùng\s+|các\s+|đồng\s+chí\s+|trong\s+|lãnh\s+đạo\s+|đại\s+diện\s+|chuyên\s+viên\s+|cán\s+bộ\s+|"
    r"(?:phó\s+)?trưởng\s+phòng\s*,?\s*|(?:phó\s+)?(?:chủ\s+tịch|bí\s+thư|giám\s+đốc)\s+|"
    r"(?:phó\s+)?trưởng\s+(?=khối|ban\s+(?:và|dân|tuyên))|ban\s+và\s+(?:các\s+)?phó\s+trưởng\s+(?=ban)|,\s*)+",
    re.IGNORECASE,
)


_ORG_HEAD = re.compile(
    r"^(?:Văn phòng|HĐND|UBND|Hội đồng|Ủy ban|Uỷ ban|Công an|Ban|Bộ|Sở|Phòng|Hội|Đoàn|Liên đoàn|MTTQ|Mặt trận|"
    r"Trung tâm|Khối|Đảng ủy|Đảng uỷ|Thường trực|Tỉnh|Huyện|Thành|Quận|Thị|Lực lượng|Công đoàn|Viện|Trường)\b"
)


# Bodies are listed with ", " or " và các "; a comma before a lower-case word continues one name ("huyện, thị, thành uỷ").
_ATTENDEE_SPLIT = re.compile(
    r",\s+(?="
    + _ORG_HEAD.pattern.lstrip("^")
    + r"|(?:Phó\s+)?Trưởng|Lãnh đạo|Đại diện|Chủ tịch|Bí thư)|\s+và\s+(?=các\s+(?![Pp]hó))|\s+và\s+(?=(?:Bí thư|Chủ tịch|Trưởng|lãnh đạo|đại diện)\b)"
)


def _attendees(doc: _Doc) -> list[str]:
    orgs: list[str] = []
    for paragraph in doc.body:
        m = _ATTENDEES_OPEN.search(paragraph)
        if not m or not re.match(r"(?:^|[.;]\s*)(?:cùng\s+)?(?:tham\s+)?dự", m.group(0).lstrip(". ;"), re.I):
            continue
        text = paragraph[m.end() :]
        sentences = _sentences(text)
        chunks = [sentences[0]] if sentences else []
        for extra in sentences[1:]:
            more = _ATTENDEES_MORE.match(extra)
            if more:
                chunks.append(extra[more.end() :])
            else:
                break
        for chunk in chunks:
            for piece in re.split(r";\s*", chunk):
                for part in _ATTENDEE_SPLIT.split(piece):
                    org = _tidy(_PERSON_PREFIX.sub("", part.strip()))
                    if org and (org[:1].isupper() or _word_count(org) >= 2):
                        if fold(org) not in {fold(o) for o in orgs}:
                            orgs.append(org)
        if orgs:
            break
    return orgs
