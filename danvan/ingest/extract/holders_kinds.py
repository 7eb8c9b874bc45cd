"""Kinds of holding body the organiser's rules missed, learnt from ingest13p's development articles and made-up
variants of their writing (issue 13): a body written after its leaders' role word ("Lãnh đạo Liên đoàn Lao động Tỉnh
và Công đoàn VSIP đã tổ chức …"), a holding verb that only continues another ("Hội tổ chức kỷ niệm …"), the
abbreviated mass organisations ("LĐLĐ tỉnh", "HLHPN huyện"), a title that is the text's opening prose ("Thực hiện kế
hoạch …, Hội LHPN xã X đã tổ chức …") and the level of joint holders listed with commas and "và".

`organiser.py` calls these through small hooks, so that its own rules stay where they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# "LĐLĐ tỉnh Hà Tĩnh", "HLHPN huyện Kỳ Anh", "HND xã …", "Ngân hàng Chính sách xã hội tỉnh" (a joint holder): heads of a
# body's name that `_BODY_HEAD` did not know. (A regular-expression fragment, put in front of `_BODY_HEAD`'s own.)
MORE_BODY_HEADS = r"(?:LĐLĐ|HLHPN|HLH\s*PN|HND|HCCB|HCTĐ|BCHQS|BTT|Ngân\s+hàng|Bệnh\s+viện)\b|"

# "Lãnh đạo Liên đoàn Lao động Tỉnh và Công đoàn VSIP đã tổ chức …", "đại diện lãnh đạo Hội Nông dân huyện tổ chức …":
# the leaders' role word before the body is not part of the holder's name (as it is left out of attending bodies).
_ROLE_BEFORE_BODY = re.compile(r"^(?i:(?:đại\s+diện\s+)?(?:tập\s+thể\s+)?lãnh\s+đạo|đại\s+diện)\s+(?=[A-ZĐÀ-Ỹ])")


def without_role_words(subject: str) -> str:
    """The holder's name without the leaders' role word written before it."""
    return _ROLE_BEFORE_BODY.sub("", subject, count=1)


# "Hội tổ chức kỷ niệm 109 năm …": "kỷ niệm" continues the verb "tổ chức"; its subject is before "tổ chức", never
# "Hội tổ chức". ("Ban Tổ chức", the organising committee, is written with a capital and is a noun.)
_CONTINUED_VERB = re.compile(r"(?<![A-ZĐ])\b(?:tổ\s+chức|phối\s+hợp)\s*$")


def continues_a_holding_verb(head: str) -> bool:
    """Whether the words before a holding verb end with another holding verb, of which it is the object."""
    return bool(_CONTINUED_VERB.search(head)) and not re.search(r"\bBan\s+[Tt]ổ\s+chức\s*$", head)


# A text pasted or cut with no title line opens with prose; its first sentence stands as the title ("Thực hiện kế
# hoạch tổ chức các hoạt động kỷ niệm …, Hội LHPN xã Bình Trung đã tổ chức nhiều hoạt động …"). A title that opens with
# a purpose, basis or occasion clause and a comma is such a sentence: it is read as the lead.
_OPENING_CLAUSE = re.compile(
    r"^(?:Thực\s+hiện|Căn\s+cứ|Nhằm|Để|Hưởng\s+ứng|Nhân\s+dịp|Nhân\s+kỷ\s+niệm|Chào\s+mừng|Thiết\s+thực|Triển\s+khai|"
    r"Được\s+sự)\b[^.;]{8,240},\s+\S",
)


def title_reads_as_lead(title: str) -> bool:
    """Whether the title is the text's opening sentence, to be read for the holder like the lead."""
    # (A long title line alone is not enough: "MTTQ xã Trường Đông ký kết kế hoạch phối hợp … đô thị văn minh" is a
    # title, and its lead names the holder in full.)
    return len(title.split()) >= 12 and bool(_OPENING_CLAUSE.match(title))


# "phong chinh tri, bo chi huy quan su (chqs) tinh va ban tuyen giao cac huyen, thanh uy": joint holders listed with
# commas and "và" (folded); the first of them that names a level gives the meeting's level, as "A phối hợp với B" does.
_LIST_SEPARATOR = re.compile(r",\s+|\s+va\s+")
# "ban dan van thanh uy": which city's? Nothing after "Thành ủy" names one; the next body in the list does not either.
_CITY_UNNAMED = re.compile(r"\b(?:thanh uy|thanh pho|tp)$")


def joint_holders_level(folded: str, level_of: Callable[[str], str | None]) -> tuple[bool, str | None]:
    """(True, level) when the folded holder lists several bodies and the first one that names a level (or a city's
    committee whose city is not named, level None) decides; (False, None) when it is one body."""
    parts = [p.strip() for p in _LIST_SEPARATOR.split(folded) if p.strip()]
    if len(parts) < 2:
        return False, None
    unnamed_city = False
    for part in parts:
        # ("Ban Dân vận Thành ủy và UBND thành phố Vinh": a later body may name the city.)
        if _CITY_UNNAMED.search(part):
            unnamed_city = True
            continue
        level = level_of(part)
        if level:
            return True, level
    return unnamed_city, None


# "Ban Dân vận TU", "BTV HU Kỳ Anh": a Party body's committee written as in document numbers ("12-KH/TU" is the
# provincial committee's, "…/HU" a district's, "…/TW" the centre's). "TU" folds like "TƯ" (Trung ương), so the
# letters as written decide.
_COMMITTEE_ABBREVIATION = re.compile(
    r"\b(?:BDV|BTV|BTG|UBKT|Ban\s+Dân\s+vận|Ban\s+Thường\s+vụ|Thường\s+trực|Ban\s+Tuyên\s+giáo(?:\s+và\s+Dân\s+vận)?)"
    r"\s+(?P<committee>TU|HU|QU)\b"
)
_COMMITTEE_LEVEL = {"TU": "tinh", "HU": "huyen", "QU": "huyen"}


def level_of_committee_abbreviation(organizer: str) -> str | None:
    """The level of a Party body whose committee is abbreviated "TU", "HU" or "QU" in the holder's name, else None."""
    m = _COMMITTEE_ABBREVIATION.search(organizer)
    return _COMMITTEE_LEVEL[m.group("committee")] if m else None
