"""Attending organisations."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc, _sentences, _tidy, _word_count

# Words that open the attending-organisations sentence.
# ("Đến dự hội nghị có:", "Về dự buổi lễ có", "Dự chỉ đạo Đại hội có", "tham dự cuộc họp còn có", "Cùng dự hội nghị tại
# điểm cầu Bình Thuận, có …": other opening words and any meeting named between "dự" and "có".)
_ATTENDEES_OPEN = re.compile(
    r"(?:^|[.;]\s*)(?:cùng\s+|đến\s+|về\s+|tới\s+)?(?:tham\s+)?dự\s+(?:và\s+)?(?:chỉ\s+đạo\s+)?"
    r"(?:(?!có\b)[^.;:]){0,60}?\s*,?\s*(?:còn\s+)?có\s*:?\s*",
    re.IGNORECASE,
)
_OPEN_WORDS = re.compile(r"(?:^|[.;]\s*)(?:cùng\s+|đến\s+|về\s+|tới\s+)?(?:tham\s+)?dự", re.IGNORECASE)
# "Đại diện lãnh đạo Ban Dân vận Trung ương, …, Tỉnh ủy, UBND tỉnh Đồng Tháp tham dự.": the list as the subject.
_ATTENDEES_SUBJECT = re.compile(
    r"(?:^|[.;]\s+)(?P<list>(?:Đại\s+diện|Lãnh\s+đạo)\s[^.;]{5,300}?)\s+(?:đã\s+)?(?:cùng\s+)?"
    r"(?:tham\s+dự|về\s+dự|đến\s+dự|tới\s+dự|dự)(?:\s+(?:và\s+)?(?:chỉ\s+đạo\s+)?[^.;,]{0,30})?\s*[.;]"
)
# A person named ("đồng chí Bùi Mai Hoa, TVTU, Trưởng Ban …", "ông Phạm Triều – Phó Chủ tịch …"): the piece is a
# person and the person's titles, up to "cùng …"/"và các …" that go back to bodies.
_PERSON = re.compile(r"^(?:và\s+|cùng\s+)?(?:[Đđ]ồng\s+chí|[Ôô]ng|[Bb]à)\s+[A-ZĐÀ-Ỹ]\S*\s+[A-ZĐÀ-Ỹ]")
_BACK_TO_BODIES = re.compile(r"\s+(?:cùng(?:\s+với)?|và(?=\s+các\b))\s+")


_ATTENDEES_MORE = re.compile(r"^(?:đối\s+với|về\s+phía|ngoài\s+ra|cùng\s+dự)[^,]*,\s*(?:còn\s+)?(?:có\s+)?", re.I)


# Leading words naming people rather than bodies ("lãnh đạo", "đại diện", "Trưởng phòng, phó Trưởng phòng, …").
_PERSON_PREFIX = re.compile(
    r"^(?:và\s+|cùng\s+|các\s+|đồng\s+chí\s+|trong\s+|tập\s+thể\s+|lãnh\s+đạo\s+|đại\s+diện\s+|chuyên\s+viên\s+|cán\s+bộ\s+|"
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
    # ("Ủy ban MTTQ, các đoàn thể tỉnh, các sở, ngành": "các" after a comma opens the next body; "… và Tỉnh ủy": "và"
    # before a body's head word; "… và 89 đại biểu": a count of delegates is not a body.)
    + r"|,\s+(?=các\s)|\s+và\s+(?="
    + _ORG_HEAD.pattern.lstrip("^")
    + r")|\s+(?:và|cùng)\s+(?=\d)"
)


def _attendees(doc: _Doc) -> list[str]:
    orgs: list[str] = []
    for paragraph in doc.body:
        m = _ATTENDEES_OPEN.search(paragraph)
        subject = _ATTENDEES_SUBJECT.search(paragraph)
        if m and _OPEN_WORDS.match(m.group(0).lstrip(". ;")):
            sentences = _sentences(paragraph[m.end() :])
        elif subject:
            sentences = [subject.group("list")]
        else:
            continue
        chunks = [sentences[0]] if sentences else []
        for extra in sentences[1:]:
            more = _ATTENDEES_MORE.match(extra)
            if more:
                chunks.append(extra[more.end() :])
            else:
                break
        for chunk in chunks:
            for piece in re.split(r";\s*", chunk):
                if _PERSON.match(piece):
                    back = _BACK_TO_BODIES.search(piece)
                    if not back:
                        continue
                    piece = piece[back.end() :]
                for part in _ATTENDEE_SPLIT.split(piece):
                    org = _tidy(_PERSON_PREFIX.sub("", part.strip()))
                    if org and not org[:1].isdigit() and (org[:1].isupper() or _word_count(org) >= 2):
                        if fold(org) not in {fold(o) for o in orgs}:
                            orgs.append(org)
        if orgs:
            break
    return orgs
