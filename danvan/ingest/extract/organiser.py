"""The organising body and, from it and the other clues, the meeting's level."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract import holders_directed as directed
from danvan.ingest.extract import holders_kinds as kinds
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.holders_titles import after_report, member_title_follows, named_in_document, units_holder
from danvan.ingest.extract.places import _gazetteer, _tokens
from danvan.ingest.extract.record import ExtractedRecord
from danvan.ingest.extract.vocabulary import CENTRAL_CITIES, CENTRALLY_RUN

# "Trung ương Hội Nông dân Việt Nam", "Ban Chấp hành TƯ Hội NDVN", "Trung ương Đoàn TNCS Hồ Chí Minh": a central mass
# organisation is named by "Trung ương" and its own name, not "Trung ương" alone (ingest13h).
_CENTRAL_UNION = (
    r"\b(?:Ban\s+Chấp\s+hành\s+)?(?:Trung\s+ương|TƯ|T\.Ư\.?)\s+(?:Hội\s+(?:Nông\s+dân|Liên\s+hiệp\s+Phụ\s+nữ|LHPN|"
    r"Cựu\s+chiến\s+binh|CCB|NDVN|ND|Chữ\s+thập\s+đỏ)(?:\s+(?:Việt\s+Nam|VN))?(?:\s+\([A-ZĐ]{2,8}\))?"
    r"|Đoàn(?:\s+(?:TNCS|Thanh\s+niên\s+Cộng\s+sản)\s+Hồ\s+Chí\s+Minh)?)"
)
_ORG_CORE = re.compile(
    _CENTRAL_UNION
    + r"|\b(?:(?:Ban\s+(?:Tuyên\s+giáo\s+và\s+)?Dân\s+vận|Khối\s+Dân\s+vận|Ban\s+Thường\s+vụ|Thường\s+trực)\s+)?"
    r"(?:Trung\s+ương|(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[uủ][yỷ](?:\s+(?:xã|phường|thị\s+trấn))?)"
    r"|\bBan\s+(?:Tuyên\s+giáo\s+và\s+)?Dân\s+vận\s+(?:(?:huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\b)?"
    r"|\bKhối\s+Dân\s+vận\s+(?:xã|phường|thị\s+trấn)\b"
    r"|\b(?:Ủy|Uỷ)\s+ban\s+(?:MTTQ|Mặt\s+trận\s+Tổ\s+quốc)(?:\s+Việt\s+Nam)?(?:\s+(?:tỉnh|huyện|xã|phường|thành\s+phố))?"
    r"|\b(?:Hội\s+(?:Nông\s+dân|Liên\s+hiệp\s+Phụ\s+nữ|Cựu\s+chiến\s+binh)|Đoàn\s+Thanh\s+niên|Liên\s+đoàn\s+Lao\s+động|"
    r"UBND|HĐND|(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân)\s+(?:tỉnh|huyện|quận|thị\s+xã|thành\s+phố|xã|phường|thị\s+trấn)\b"
    r"|\b(?:Tỉnh|Huyện|Thành)\s+đoàn\b",
    re.IGNORECASE,
)


_ORG_VERB = re.compile(
    r"^(?:\s*,\s*(?:huyện|tỉnh|thành\s+phố|thị\s+xã|quận)\s+[^,.;]{2,40}?,?)?"
    r"(?:\s+phối\s+hợp\s+với\s+[^,.;]{3,80}?)?"
    r"\s*(?:đã\s+|vừa\s+|long\s+trọng\s+|phối\s+hợp\s+|cùng\s+)?(?:tổ\s+chức|họp|triển\s+khai|ban\s+hành|phát\s+động|"
    r"khai\s+mạc|sơ\s+kết|tổng\s+kết|giao\s+ban)",
    re.IGNORECASE,
)


_CANON_WORDS = {
    "ban": "Ban",
    "dan": "Dân",
    "van": "vận",
    "tinh": "Tỉnh",
    "thanh": "Thành",
    "huyen": "Huyện",
    "quan": "Quận",
    "thi": "Thị",
    "dang": "Đảng",
    "uy": "ủy",
    "trung": "Trung",
    "uong": "ương",
    "tuyen": "Tuyên",
    "giao": "giáo",
    "va": "và",
    "khoi": "Khối",
    "thuong": "Thường",
    "vu": "vụ",
    "truc": "trực",
    "xa": "xã",
    "phuong": "phường",
}


def _canonical_case(phrase: str) -> str:
    """An all-capitals heading ("BAN DÂN VẬN TỈNH UỶ") in the usual casing ("Ban Dân vận Tỉnh ủy")."""
    if phrase != phrase.upper():
        return phrase
    out = []
    for word in phrase.split():
        folded = fold(word)
        out.append(_CANON_WORDS.get(folded, word.capitalize()) if folded in _CANON_WORDS else word.capitalize())
    return " ".join(out)


def _org_with_place(text: str, match: re.Match) -> tuple[str, int]:
    end = match.end()
    rest = text[end:]
    if re.search(r"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\s*$", match.group(), re.IGNORECASE):
        # "Đảng ủy xã Tân Lập": communes are not in the gazetteer; take the capitalised words that follow.
        toks = _tokens(rest[:60])
        n = 0
        while n < 3 and n < len(toks.words) and toks.words[n][0].isupper() and (n == 0 or toks.joined[n]):
            n += 1
        if n and toks.starts[0] <= 1:
            return text[match.start() : end + toks.ends[n - 1]].strip(), end + toks.ends[n - 1]
    index, _ = _gazetteer()
    toks = _tokens(rest[:60])
    for n in (4, 3, 2, 1):
        key = tuple(toks.folded[:n])
        if len(key) == n and key in index and toks.starts and toks.starts[0] <= 1 and toks.words[0][0].isupper():
            end += toks.ends[n - 1]
            break
    return text[match.start() : end].strip(), end


# The subject of the verb that holds the meeting, as written: "Sáng 30-5, Khối thi đua Mặt trận 13 xã, thị trấn
# của huyện Vạn Ninh tổ chức …", "Ban Dân vận Tỉnh ủy phối hợp với Hội Nhà báo tỉnh tổ chức …", "TX Hồng Lĩnh tổ chức …".
# "A và B phối hợp trao giải …": joint organisers before "phối hợp" and a prize-giving verb.
# "Công an huyện X và Ban Dân vận Huyện ủy X đã ký kết chương trình phối hợp …": the bodies that sign hold the
# signing (ingest13m).
_SIGNS = r"ký\s+kết(?=\s+(?:chương\s+trình|quy\s+chế|kế\s+hoạch|giao\s+ước|thỏa\s+thuận|thoả\s+thuận)\b)"
_HOLD_VERB = re.compile(
    r"\s+(?:(?:đã|vừa|long\s+trọng|trang\s+trọng|chính\s+thức|lần\s+lượt|đồng\s+loạt|cũng|mới)\s+)*(?:đăng\s+cai\s+)?(?:phối\s+hợp\s+trao\s+giải|(?:phối\s+hợp\s+)?(?:tổ\s+chức|"
    r"họp|tổng\s+kết|sơ\s+kết|giao\s+ban|phát\s+động|khai\s+mạc|triển\s+khai|ban\s+hành|quán\s+triệt|kỷ\s+niệm|gặp\s+mặt|"
    r"trao\s+giải|đối\s+thoại|ra\s+quân|biểu\s+dương|tuyên\s+dương|tôn\s+vinh|mở\s+lớp|khai\s+giảng|"
    + _SIGNS
    + r"))\b",
    re.IGNORECASE,
)
_BODY_HEAD = re.compile(
    kinds.MORE_BODY_HEADS
    + r"(?:Ban|BCĐ|BTV|BDV|Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|UBMTTQ\w*|UB\.?\s*MTTQ\w*|UBMT\w*|MTTQ\w*|Mặt\s+trận|Hội(?!\s+(?:thi|nghị|trường|diễn))|Đảng\s+[uủ][yỷ]|Đảng\s+bộ|"
    r"(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+[uủ][yỷ]|Huyện|Quận|Thị\s+xã|Thành\s+phố|TX|TP|Khối|Cụm|Bộ|Công\s+an|Học\s+viện|"
    r"Trung\s+tâm|Phòng(?!\s+(?:họp|khám))|Đoàn|Liên\s+đoàn|Công\s+đoàn|Chi\s+hội|Chi\s+đoàn|Thường\s+trực|Sở|Văn\s+phòng|(?:Tỉnh|Huyện|Thành)\s+đoàn|Chi\s+bộ|Cục|Tổng\s+cục|"
    r"Quân\s+khu|Bộ\s+Chỉ\s+huy|Ban\s+Chỉ\s+huy|Đồn|(?:Trung|Sư|Lữ|Tiểu)\s+đoàn|Đại\s+đội|Hải\s+đội|Bộ\s+đội|"
    r"Khu\s+dân\s+cư|Khu\s+phố|Tổ\s+dân\s+phố|Ấp|Thôn|(?:Trung\s+ương|TƯ|T\.Ư\.?)\s+(?:Hội|Đoàn))\b"
    r"|(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|tỉnh|thành\s+phố|Xã|Phường|Thị\s+trấn|khu\s+dân\s+cư|khu\s+phố|"
    r"tổ\s+dân\s+phố|Khóm|Bản|Xóm|Buôn|đảng\s+[uủ][yỷ])\s+[A-ZĐÀ-Ỹ0-9]"
)
_LEADING_DATE = re.compile(
    r"^(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:hôm\s+)?(?:nay|qua)\s+)?\(?(?:ngày\s+)?\d{1,2}\s*[-/.]\s*\d{1,2}"
    r"(?:\s*[-/.]\s*\d{4})?\)?\s*,?\s*",
    re.IGNORECASE,
)
# "Vừa qua, huyện X đã tổ chức …", "Sáng nay, phường An Khê tổ chức …": a time phrase with no date before the comma
# is not part of the name either (ingest13j).
_TIME_PHRASE = (
    r"(?:vừa\s+qua|mới\s+đây|gần\s+đây|hôm\s+(?:nay|qua)|ngày\s+hôm\s+(?:nay|qua)|"
    r"(?:sáng|chiều|tối|trưa)\s+(?:nay|qua|hôm\s+(?:nay|qua)))"
)
_TIME_BEFORE_COMMA = re.compile(r"(?:^|[\s(,])" + _TIME_PHRASE + r"$", re.IGNORECASE)
_LEADING_TIME = re.compile(r"^" + _TIME_PHRASE + r"\s*,\s*", re.IGNORECASE)
# "Cụm thi đua 1 (gồm Quận ủy 1, 3, 5 …) tổ chức …", "Cụm thi đua … trung ương gồm: Hà Nội, Hải Phòng … tổ chức …":
# the apposition that lists the members is not part of the holder's name (README's annotation rules, ingest13j).
_APPOSITION = re.compile(r"\s*\(\s*(?:bao\s+)?gồm\b[^()]*\)\s*$|,?\s+(?:bao\s+)?gồm\s*:?\s+[^.;()]*$", re.IGNORECASE)
# "Hội nghị sơ kết … của Hội đồng công tác quần chúng TƯ diễn ra …": the body whose meeting it is.
_MEETING_OF = re.compile(
    r"\b(?:hội\s+nghị|cuộc\s+họp|phiên\s+họp)\b[^.;]{0,160}?\bcủa\s+(?P<org>[A-ZĐÀ-Ỹ][^,.;]{2,80}?)\s+"
    r"(?:(?:đã|vừa)\s+)?(?:diễn\s+ra|được\s+tổ\s+chức)\b",
    re.IGNORECASE,
)


_SESSION_OF = re.compile(
    r"\b[Hh]ội\s+nghị\s+(?P<org>(?:Ban\s+Chấp\s+hành|Ban\s+Thường\s+vụ|Ủy\s+ban|Uỷ\s+ban|UBMTTQ\w*|Đoàn\s+Chủ\s+tịch)"
    r"[^,.;()]{2,80}?)\s*\(?\s*(?:lần\s+thứ|[Kk]hóa|[Kk]hoá)\b"
)
# "tổ chức 2.370 cuộc tuyên truyền": a count of activities in the results, not the meeting being held.
_ACTIVITY_COUNT = re.compile(r"\s+(?:được\s+)?\d")
# A holder's name stops at a sentence's end: "… Kông Lơng Khơng. Ban Tổ chức cũng trao …".
_DATE_BEFORE_COMMA = re.compile(r"\b\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{2,4})?\)?$")
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZĐÀ-Ỹ])|\n")
_TITLE_BEFORE = re.compile(
    r"(?:Chủ\s+tịch|Trưởng|Phó|Bí\s+thư|Ủy\s+viên|Uỷ\s+viên|Giám\s+đốc|Tổng\s+Thư\s+ký)\s+(?:\S+\s+){0,3}$"
)


def _subject(text: str, verb_start: int) -> str:
    """The words before the verb back to the clause's start; a comma before a lower-case word continues the name
    ("13 xã, thị trấn"), a short capital abbreviation's dot does not end it ("TTP. Hồ Chí Minh"), and a list of
    names goes back to its head ("Đảng uỷ các xã Đông Hoà, Đông Khê, Đông Yên")."""
    head = text[:verb_start]
    if "gồm" in head:
        head = _APPOSITION.sub("", head)
    # "các tổ chức chính trị - xã hội": a noun, not the verb.
    if re.search(r"\b(?:các|những|và|của)\s*$", head, re.IGNORECASE):
        return ""
    cuts = [0]
    for m in _SENTENCE_END.finditer(head):
        if not re.search(r"\b[A-ZĐ]{1,4}$", head[: m.start()]):
            cuts = [m.end()]
    # "Được sự thống nhất của Đảng ủy - HĐND - UBND xã X ngày 18/11/2017 Ban Công tác Mặt trận …": a date written
    # with its year before a capitalised body ends the clause before it, with no comma (ingest13n).
    for m in re.finditer(
        r"[.;:!?]\s+|,\s+|\s+[-–—]\s+|\n|\bngày\s+\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}\s+(?=[A-ZĐÀ-Ỹ])", head
    ):
        if m.end() <= cuts[0]:
            continue
        sep = m.group().strip()
        following = head[m.end() : m.end() + 1]
        # "13 xã, thị trấn", "chính trị – xã hội": a comma or a dash before a lower-case word continues the name.
        # ("Chiều ngày 29/3/2024, xã Sơn Thành tổ chức …": a date phrase before the comma is not part of the name.)
        if (
            sep in (",", "-", "–", "—")
            and (not following or following.islower())
            and not (
                sep == ","
                and (
                    _DATE_BEFORE_COMMA.search(head[: m.start()])
                    or _TIME_BEFORE_COMMA.search(head[: m.start()])
                    or directed.days_before_holder(head, m.end())
                )
            )
        ):
            continue
        if sep == "." and re.search(r"\b[A-ZĐ]{1,4}$", head[: m.start()]):
            continue
        cuts.append(m.end())
    for cut in reversed(cuts[-4:]):
        subject = _LEADING_TIME.sub("", _LEADING_DATE.sub("", head[cut:].strip())).strip(" ,")
        # "…, trong hai ngày 18,19 tháng 3 năm 2023 Hội …": a date phrase with no comma before the holder (ingest13q).
        subject = directed.without_leading_days(subject)
        # "(BDO) Ủy ban Trung ương MTTQ Việt Nam vừa tổ chức …": the site's bracketed source tag is not the name.
        subject = _SOURCE_TAG.sub("", subject)
        subject = kinds.without_role_words(subject)
        # "Đảng ủy xã Tân Lập, huyện Lục Ngạn": the district after the comma locates the body, it is not its name.
        subject = re.sub(r",\s*(?:huyện|tỉnh|thành\s+phố|thị\s+xã|quận)\s+[^,]+$", "", subject)
        subject = _without_trailing_province(subject)
        subject = _holder_after_venue(subject) or subject
        subject = _without_bracketed_place(subject)
        # A reporting clause before the holder; several local units as the holder (ingest13o, holders_titles).
        subject = after_report(subject) or subject
        # "A đã chỉ đạo các Chi hội tổ chức …": the bodies directed hold the meeting (ingest13q, holders_directed).
        subject = directed.directed_bodies(subject) or subject
        if units := units_holder(subject):
            return units
        # "các Khu dân cư (KDC) trên địa bàn xã Tiên Ngọc đã tổ chức …": several bodies of one kind, named as written.
        several = _SEVERAL.match(subject)
        named = subject[several.end() :] if several else subject
        body = (named[0].isupper() or _COMMUNE_HEAD.match(named)) and _BODY_HEAD.match(named) if named else False
        if not (body or _LOCAL_POWERS.match(named)):
            continue
        # A steering committee or a council is named by everything it steers ("Ban Chỉ đạo điều hành chương trình
        # Phối hợp công tác Dân vận giữa Lực lượng vũ trang với MTTQ và các tổ chức Chính trị – xã hội tỉnh …").
        longest = 40 if re.match(r"(?:Ban\s+Chỉ\s+đạo|BCĐ|Hội\s+đồng)\b", subject) else 25
        if len(subject.split()) < 2 or len(subject.split()) > longest:
            continue
        # "Ban Dân vận đã bám sát nhiệm vụ …, triển khai …": a clause with its own verb is not a name.
        # ("Ủy ban Dân tộc chủ trì phối hợp với các bộ, ban, ngành liên quan tổ chức …": a body that leads, jointly.)
        # "Ban Chỉ huy Quân sự huyện Hướng Hóa đã phối hợp với UBND xã Xy, tổ chức …": the tense word before a joint
        # holding is not part of the name.
        subject = re.sub(r"\s+(?:đã|vừa)\s+(?=phối\s+hợp\s+(?:với|cùng)\b)", " ", subject)
        # ("Hội LH Phụ nữ huyện tập trung lãnh đạo 13/13 Hội Liên hiệp phụ nữ cấp cơ sở tổ chức xong đại hội …": a count
        # of units in the period's results, not a name, ingest13m.)
        if re.search(
            r"chủ\s+trì(?!,?\s+phối\s+hợp)|đồng\s+chí|\bcủa\s+(?:các|những)\b|\s(?:đã|đang|sẽ)\s|\b\d+\s*/\s*\d+\b",
            subject,
            re.IGNORECASE,
        ):
            continue
        # Joint holders listed with commas or dashes between them: "Ban Dân vận, Hội LHPN, Hội Nông dân, Đoàn TNCS Hồ
        # Chí Minh huyện Đất Đỏ", "Ban Dân vận - Ủy ban MTTQ huyện Vạn Ninh".
        before = head[:cut].rstrip()
        while before.endswith((",", "-", "–")):
            sep = before[-1]
            rest = before[:-1].rstrip()
            parts = re.split(r"[.;:!?,]\s+|\s[-–]\s|\n", rest)
            prior = _LEADING_DATE.sub("", parts[-1]).strip(" ,")
            # "Liên đoàn Lao động huyện Phong Điền đã phối hợp với Ban vì sự tiến bộ của Phụ nữ huyện, Hội Liên hiệp
            # Phụ nữ huyện, Công đoàn … huyện tổ chức …": the list goes back to the body that joins the others
            # (ingest13h); the tense word is left out, as in "A phối hợp với B".
            joint = _JOINS_WITH.match(prior)
            # ("Hội LHPN huyện Tân Phú (Đồng Nai) phối hợp …": the bracketed place is left out too.)
            lead = _without_bracketed_place(joint.group("a")) if joint else ""
            # "Ủy ban MTTQ huyện X, tỉnh Y phối hợp Công an huyện, Trung tâm … tổ chức …": the place after the
            # leading body locates it; the body is the part before it, and the place is left out (ingest13n).
            if joint and _PLACE_HEAD.match(lead) and len(parts) >= 2:
                located = _LEADING_DATE.sub("", parts[-2]).strip(" ,")
                lead = located if located and _BODY_HEAD.match(located) and len(located.split()) <= 15 else lead
            if joint and len(prior.split()) <= 25 and _BODY_HEAD.match(lead) and not _PLACE_HEAD.match(lead):
                # "A phối hợp B, C tổ chức …": written without "với" too (ingest13n).
                joins = f"phối hợp {joint.group('with')}" if joint.group("with") else "phối hợp"
                return f"{lead} {joins} {joint.group('b')}{sep} {subject}"
            if not (prior and prior[0].isupper() and _BODY_HEAD.match(prior)) or len(prior.split()) > 8:
                break
            if re.search(r"\d|đồng\s+chí|\s(?:đã|đang|sẽ)\s", prior, re.IGNORECASE):
                break
            subject = f"{prior}{sep} {subject}" if sep == "," else f"{prior} {sep} {subject}"
            before = rest[: len(rest) - len(parts[-1])].rstrip()
        else:
            return subject
        # "A chủ trì, phối hợp B, C tổ chức …": a list that goes back to "phối hợp" is read from an earlier cut,
        # where the lower-case "phối hợp" continues A's name (ingest13n).
        if re.match(r"phối\s+hợp\b", prior) and cut != cuts[0]:
            continue
        return subject
    return ""


_JOINS_WITH = re.compile(
    r"^(?P<a>[^\W\d_][^,;:]{2,80}?)\s+(?:(?:đã|vừa)\s+)?phối\s+hợp\s+(?:(?P<with>với|cùng)\s+)?(?P<b>[A-ZĐÀ-Ỹ][^,;:]{2,80})$"
)
_PLACE_HEAD = re.compile(r"(?:tỉnh|thành\s+phố|huyện|thị\s+xã|quận)\s+[A-ZĐÀ-Ỹ]")
_MEETING_NAMED = re.compile(
    r"\s*(?:hội\s+nghị|lễ|hội\s+thi|cuộc\s+thi|buổi|cuộc\s+họp|ngày\s+hội|đại\s+hội|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|"
    r"gặp\s+mặt|họp\s+mặt)\b",
    re.IGNORECASE,
)
_SOURCE_TAG = re.compile(r"^\([A-ZĐ]{2,8}\)\s*[-–—]?\s*")
_SEVERAL = re.compile(r"các\s+(?=[A-ZĐÀ-Ỹ])")
# A sentence that opens with the date the meeting was held ("Ngày 19 tháng 01 năm 2017, tại Nhà hát Thành phố, Ban
# Chỉ đạo … đã tổ chức …"), read wherever it stands in a long first paragraph.
_DATED_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?…]\s))(?:(?:Sáng|Chiều|Tối|Trưa)\s+)?(?:ngày\s+|Ngày\s+)?\d{1,2}(?:\s*[-/.]\s*\d{1,2}|\s+tháng\s+\d{1,2})"
    r"[^.!?…]{0,300}",
)


_PASSIVE_AGENT = re.compile(r"\bđược\s+(?P<org>[A-ZĐÀ-Ỹ][^,.;:()]{2,100}?)\s*$")
# "Hội thi … do Huyện ủy X tổ chức", "… do Ban Thường trực Ủy ban MTTQ huyện X chủ trì tổ chức": the body after "do"
# holds it (ingest13j).
_DONE_BY = re.compile(r"\bdo\s+(?P<org>[A-ZĐÀ-Ỹ][^,.;:()]{2,100}?)(?:\s+chủ\s+trì)?\s*$")
# "Hội nghị … được tổ chức bởi Ban Dân vận Huyện ủy X vào sáng 5/3": the agent after "bởi" (ingest13j).
_HELD_BY = re.compile(
    r"\bđược\s+tổ\s+chức\s+bởi\s+(?P<org>[A-ZĐÀ-Ỹ][^,.;:()]{2,100}?)(?=\s+(?:vào|tại|trong|với|nhằm|sáng|chiều|tối|ngày)\b|[,.;:]|$)",
    re.IGNORECASE,
)
_JOINT_BEFORE_COMMA = re.compile(r"\bphối\s+hợp\s+(?:với|cùng)\s+[^,.;:]{3,80},\s*$", re.IGNORECASE)
# "được sự thống nhất của Ban Thường vụ Đảng ủy", "dưới sự lãnh đạo của …": the body that approves or leads the
# work, not the holder of the meeting.
_SUPERVISOR_OF = re.compile(
    r"\bsự\s+(?:thống\s+nhất|chỉ\s+đạo|lãnh\s+đạo|quan\s+tâm|đồng\s+ý|hướng\s+dẫn|phối\s+hợp)\s+(?:\S+\s+){0,3}?của\s*(?:[^.;]{0,60},\s*của\s*)?$",
    re.IGNORECASE,
)
_VENUE = re.compile(
    r"\btại\s+(?:(?:hội\s+trường|trụ\s+sở|phòng\s+họp|nhà\s+văn\s+hóa|điểm\s+cầu)\s+(?:cơ\s+quan\s+)?)?$",
    re.IGNORECASE,
)
_DOCUMENT_OF = re.compile(
    r"\b(?:Đề\s+án|Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận|Kế\s+hoạch|Quyết\s+định|Quy\s+chế|Chương\s+trình|Thông\s+báo|"
    r"Hướng\s+dẫn)\b[^.;]{0,40}\bcủa\s*$",
    re.IGNORECASE,
)
_SPEAKS_OF_A_MEETING = re.compile(
    r"\b(?:hội\s+nghị|cuộc\s+họp|họp|hội\s+thi|đại\s+hội|lễ|tổ\s+chức|sơ\s+kết|tổng\s+kết|giao\s+ban|tọa\s+đàm|"
    r"biểu\s+dương|tuyên\s+dương|tôn\s+vinh|ra\s+quân|phát\s+động|triển\s+khai)\b",
    re.IGNORECASE,
)
# "Ngày 12.12, Đại hội đại biểu Hội Nông dân tỉnh X lần thứ I, nhiệm kỳ 2025 - 2030 đã diễn ra …": the body is the
# congress's name; a congress that only "took place" names no holder, like one that "đã được tổ chức".
_CONGRESS_NAMED = re.compile(r"\bđại\s+hội\s+(?:đại\s+biểu\s+)?$", re.IGNORECASE)
# A title that is only the congress's name ("Đại hội đại biểu Hội Nông dân huyện Bắc Trà My lần thứ XII, nhiệm kỳ 2023 -
# 2028"), under a lead where it "diễn ra phiên chính thức", names no holder either (ingest13i).
_NAME_ONLY = re.compile(r"^(?P<rest>[^.;\n]{0,160}?)$", re.MULTILINE)
_ONLY_TOOK_PLACE = re.compile(r"^(?P<rest>[^.;\n]{0,160}?)\b(?:(?:đã|vừa)\s+)?diễn\s+ra\b", re.IGNORECASE)
# "ngày 12/11, khu dân cư 1A, phường Nông Trang đã tổ chức …": a commune or a residential area in lower case (ingest13h).
_COMMUNE_HEAD = re.compile(
    r"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|tỉnh|thành\s+phố|khu\s+dân\s+cư|khu\s+phố|tổ\s+dân\s+phố)\s+[A-ZĐÀ-Ỹ0-9]"
    # "Chiều 23/3, tại huyện X, đảng ủy Bộ đội biên phòng tỉnh đã tổ chức …": a party committee in lower case (ingest13m).
    r"|đảng\s+[uủ][yỷ]\s+[A-ZĐÀ-Ỹ]"
)
# "Sáng ngày 13 tháng 6 năm 2024 Tại thôn Làng Thượng, xã Vạn Linh cấp ủy, chính quyền xã Vạn Linh tổ chức …": the
# holder written right after the venue's place names, with no comma between (ingest13h).
_VENUE_UNIT = re.compile(
    r"(?:(?:hội\s+trường|nhà\s+văn\s+ho[áa]|trụ\s+sở)\s+)?(?:(?:UBND|HĐND|[ỦU]ỷ?\s*ban\s+nhân\s+dân)\s+)?"
    r"(?:thôn|ấp|bản|xóm|khu\s+phố|tổ\s+dân\s+phố|khu\s+dân\s+cư|xã|phường|thị\s+trấn|huyện|quận)\s+",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*\s*")
# "cấp ủy, chính quyền xã Vạn Linh": the commune's party committee and authorities, named together in lower case.
_LOCAL_POWERS = re.compile(
    r"(?:cấp\s+[uủ][yỷ],?\s+(?:và\s+)?)?chính\s+quyền\s+(?:xã|phường|thị\s+trấn|huyện)\s+[A-ZĐÀ-Ỹ]"
    r"|cấp\s+[uủ][yỷ]\s+(?:xã|phường|thị\s+trấn|huyện)\s+[A-ZĐÀ-Ỹ]"
)


_LOWER_PARTY = re.compile(r"đảng\s+[uủ][yỷ]\s+[A-ZĐÀ-Ỹ]")


def _holder_after_venue(subject: str) -> str:
    """The holder after "tại" and the venue's place names, when no comma separates them ("Tại thôn Làng Thượng, xã Vạn
    Linh cấp ủy, chính quyền xã Vạn Linh"): the shortest run of place names after which a body begins; else ""."""
    m = re.search(r"\b[Tt]ại\s+", subject)
    if not m:
        return ""
    pos = m.end()
    while True:
        unit = _VENUE_UNIT.match(subject, pos)
        if not unit:
            return ""
        pos, words = unit.end(), 0
        while words < 4 and (word := _NAME_WORD.match(subject, pos)):
            pos, words = word.end(), words + 1
            rest = subject[pos:]
            if (rest[:1].isupper() and _BODY_HEAD.match(rest)) or _LOCAL_POWERS.match(rest):
                return rest
        comma = re.match(r",\s*", subject[pos:])
        if not words or not comma:
            return ""
        pos += comma.end()
        # "tại huyện Chư Prông, đảng ủy Bộ đội biên phòng tỉnh": a party committee in lower case after the comma.
        if _LOWER_PARTY.match(subject, pos):
            return subject[pos:]


_PLACE_TYPE = re.compile(r"^(?:tinh|thanh pho|tp|huyen|quan|thi xa|tx|xa|phuong|thi tran) ")


def _without_bracketed_place(name: str) -> str:
    """ "Ban Dân vận Huyện ủy Tuy Phong (Bình Thuận)", "Hội Nông dân huyện Can Lộc (tỉnh Hà Tĩnh)": a place in brackets
    after the name locates the holder and is not part of its name (README's annotation rules); an abbreviation in
    brackets ("(KDC)", "(BCĐ)") is kept."""
    bracket = re.search(r"\s*\(([^()]+)\)$", name)
    if not bracket:
        return name
    folded = fold(bracket.group(1))
    typed = _PLACE_TYPE.match(folded + " ")
    rest = folded[typed.end() :].strip() if typed else folded
    if rest and (tuple(rest.split()) in _gazetteer()[0] or (typed and len(rest.split()) <= 4)):
        return name[: bracket.start()]
    return name


def _without_trailing_province(subject: str) -> str:
    """ "phường Lâm Viên - Đà Lạt, Lâm Đồng": a province after the last comma places the holder."""
    head, sep, last = subject.rpartition(",")
    if sep and any(p.level == "province" for p in _gazetteer()[0].get(tuple(fold(last).split()), [])):
        return head.strip()
    return subject


def _organizer_as_written(doc: _Doc) -> str:
    return _holder_in_paragraphs(doc, whole=False) or _holder_in_paragraphs(doc, whole=True)


def _holder_in_paragraphs(doc: _Doc, *, whole: bool) -> str:
    """The holder in the first paragraphs; with `whole`, a holding verb anywhere in them, when none in their first 400
    characters has a subject ("Trong không khí cả nước …; cán bộ, hội viên … đang ra sức thi đua …, tại thủ đô Hà Nội,
    Ban Chấp hành Trung ương Hội NDVN tổ chức lễ tôn vinh …", ingest13h)."""
    # Page furniture (a site's name, the weather, a date, the title again) comes before the text on some pages: the
    # first three paragraphs that read as prose (as long as a lead sentence).
    # A title that is the lead's dated first sentence (a portal's text with no title line: "Ngày 10/1, Ủy ban MTTQ Việt
    # Nam huyện Văn Quan đã tổ chức hội nghị …") is read as the lead it is, before the paragraphs under it (ingest13l).
    dated_title = bool(_LEADING_DATE.match(doc.title)) and len(doc.title.split()) >= 12
    dated_title = dated_title or kinds.title_reads_as_lead(doc.title)
    paragraphs = [p for p in doc.body if len(p.split()) >= 12 and (dated_title or p.strip() != doc.title.strip())][:3]
    for paragraph in paragraphs:
        m = _MEETING_OF.search(paragraph)
        verb = _HOLD_VERB.search(paragraph)
        if m and (verb is None or m.start() < verb.start()) and _BODY_HEAD.match(m.group("org")):
            return m.group("org").strip()
        held_by = _HELD_BY.search(paragraph) if "bởi" in paragraph else None
        if held_by and held_by.start() < 400 and _BODY_HEAD.match(held_by.group("org")):
            return held_by.group("org").strip()
        session = _SESSION_OF.search(paragraph)
        if session and (verb is None or session.start() < verb.start()):
            return session.group("org").strip()
        # The holding verbs of the paragraph's first 400 characters, then those of a dated sentence further on.
        verbs = list(_HOLD_VERB.finditer(paragraph if whole else paragraph[:400]))
        for dated in [] if whole else _DATED_SENTENCE.finditer(paragraph):
            if dated.start() >= 400:
                verbs += [v for v in _HOLD_VERB.finditer(paragraph, dated.start(), dated.end())]
        for verb in verbs:
            # "Ban Tổ chức" (the organising committee) is a noun; "tổ chức 2.370 cuộc" counts activities.
            counted = _ACTIVITY_COUNT.match(paragraph[verb.end() :]) and "niệm" not in verb.group()
            # ("tổ chức 05 buổi ra quân" counts the meeting's own sessions, ingest13q.)
            counted = counted and not directed.counts_sessions(paragraph, verb.end())
            if re.search(r"\bBan$", paragraph[: verb.start()]) or counted:
                continue
            if kinds.continues_a_holding_verb(paragraph[: verb.start()]):
                continue
            # Past the first 400 characters only "tổ chức" + the meeting's name counts ("… mô hình mới được Quận uỷ triển
            # khai như …" is the year's work, not the meeting).
            if whole and not (
                re.search(r"tổ\s+chức", verb.group(), re.IGNORECASE) and _MEETING_NAMED.match(paragraph[verb.end() :])
            ):
                continue
            head = paragraph[: verb.start()]
            # "… được Ủy ban MTTQ tỉnh và UBND huyện Nậm Pồ biểu dương": the agent of a passive honouring or holding.
            agent = _PASSIVE_AGENT.search(head) or _DONE_BY.search(head)
            if agent and _BODY_HEAD.match(agent.group("org")):
                return agent.group("org").strip()
            # "A phối hợp với B, tổ chức …": the comma after the joint holder does not end the subject.
            if _JOINT_BEFORE_COMMA.search(head):
                head = head.rstrip()[:-1]
            subject = _subject(head, len(head))
            # "Ban Tổ chức (Hội thi) trao giải …": the organising committee is not the holder.
            if subject and not re.match(r"Ban\s+[Tt]ổ\s+chức\b", subject):
                return subject
    return ""


def _organizer(doc: _Doc, record: ExtractedRecord) -> None:
    written = _organizer_as_written(doc)
    if written:
        record.organizer = _canonical_case(written)
        return
    for part in [doc.title, doc.lead]:
        for match in _ORG_CORE.finditer(part):
            name, end = _org_with_place(part, match)
            before = part[max(0, match.start() - 12) : match.start()]
            # "Trưởng Ban Dân vận Tỉnh ủy", "Chủ tịch HĐND tỉnh" are titles, not the organiser.
            if re.search(r"(?:trưởng|phó|viên|thư|tịch)\s*$", before, re.IGNORECASE) or member_title_follows(part, end):
                continue
            if _ORG_VERB.match(part[end:]):
                record.organizer = _canonical_case(name)
                break
        if record.organizer:
            break
    if not record.organizer:
        # The title's own holder, when the text names none ("Xã Chí Minh tổ chức Hội nghị đối thoại …" over a lead
        # where only the chairman "sẽ tổ chức").
        for verb in _HOLD_VERB.finditer(doc.title):
            subject = _subject(doc.title, verb.start())
            if subject and not re.match(r"Ban\s+[Tt]ổ\s+chức\b", subject):
                record.organizer = _canonical_case(subject)
                break
    if not record.organizer:
        # The first body named, when the lead speaks of the meeting at all: a lead about the period's results
        # ("Trong quý II, Ban Dân vận Huyện ủy đã lãnh đạo …", the meeting's own lead missing) names no holder.
        part = doc.title + "\n" + (doc.lead if _SPEAKS_OF_A_MEETING.search(doc.lead) else "")
        for match in _ORG_CORE.finditer(part):
            before = part[max(0, match.start() - 16) : match.start()]
            if re.search(r"(?:trưởng|phó|viên|thư|tịch|BCH|hành|khuyết)\s*$", before, re.IGNORECASE):
                continue
            # "Phó Chủ tịch Ủy ban Trung ương MTTQ Việt Nam Trương Thị Ngọc Ánh": inside a person's title; "Đề án số 02
            # của Ban Thường vụ Tỉnh ủy": the issuer of a document the meeting is about; "tại hội trường UBND huyện":
            # the venue.
            if (
                _TITLE_BEFORE.search(part[max(0, match.start() - 40) : match.start()])
                or _DOCUMENT_OF.search(part[max(0, match.start() - 60) : match.start()])
                or _VENUE.search(part[max(0, match.start() - 40) : match.start()])
                or _SUPERVISOR_OF.search(part[max(0, match.start() - 100) : match.start()])
                or member_title_follows(part, match.end())
                or named_in_document(part, match.start())
            ):
                continue
            took_place = _ONLY_TOOK_PLACE.match(part[match.end() :]) or _NAME_ONLY.match(part[match.end() :])
            if (
                _CONGRESS_NAMED.search(part[max(0, match.start() - 20) : match.start()])
                and took_place
                and not re.search(r"tổ\s+chức", took_place.group("rest"), re.IGNORECASE)
            ):
                continue
            record.organizer = _canonical_case(_org_with_place(part, match)[0])
            record.flags.append("organizer_uncertain")
            break
    if not record.organizer:
        record.flags.append("organizer_missing")


def _level_of(folded: str) -> str | None:
    """The level a folded body name (or a chair's title) points to."""
    if not folded:
        return None
    if re.search(
        r"\b(?:dang uy|uy ban mttq) (?:xa|phuong|thi tran)\b|khoi dan van(?! (?:huyen|quan|thi xa|tinh|thanh pho))|(?<!thi )\b(?:xa(?! hoi)|phuong|thi tran)\b",
        folded,
    ):
        return "xa"
    if re.search(
        r"\b(?:huyen uy|quan uy|thi uy|huyen|thi xa|tx)\b|(?<!\bco )\bquan (?!(?:su|doi|khu|chung|doan|nhan|dan|ly|tam|he|triet|chinh)\b)",
        folded,
    ):
        return "huyen"
    if re.search(r"\btp ?hcm\b|\btphcm\b", folded):
        return "tinh"
    if re.search(r"\bthanh uy\b|\bthanh pho\b|\btp\b|\bttp\b", folded):
        word = next(w for w in ("thanh uy", "thanh pho", "ttp", "tp") if re.search(r"\b" + w + r"\b", folded))
        tail = re.split(r"\b" + word + r"\b", folded, maxsplit=1)[1].strip()
        if not tail:
            return None  # "Ban Dân vận Thành ủy": which city's? The province mentioned decides (see `extract`).
        if not any(tail.startswith(c) for c in CENTRAL_CITIES):
            return "huyen"
        return "tinh"
    if re.search(r"\btinh uy\b|\btinh\b", folded) or any(re.search(r"\b" + c + r"\b", folded) for c in CENTRAL_CITIES):
        return "tinh"
    if re.search(r"\btrung uong\b|\btu\b|\btw\b", folded):
        return "trung_uong"
    # "Bộ Công an", "Ban Tôn giáo Chính phủ", "Quốc hội": the ministries, the Government and the National Assembly
    # ("Bộ Chỉ huy Quân sự tỉnh", "Bộ đội Biên phòng tỉnh" name their province and are read above).
    if re.search(r"^bo (?!chi huy|doi|tu lenh|phan|phong)\w|\bchinh phu\b|\bquoc hoi\b|\bbo truong\b", folded):
        return "trung_uong"
    return None


def _level(record: ExtractedRecord) -> str | None:
    folded = CENTRALLY_RUN.sub(" tinh ", fold(record.organizer)).strip()
    if not folded:
        return None
    # "các thôn, bản trên địa bàn huyện": units of a commune or below hold it (ingest13o).
    if units_holder(record.organizer):
        return "xa"
    if abbreviated := kinds.level_of_committee_abbreviation(record.organizer):
        return abbreviated
    # "Ủy ban Trung ương MTTQVN", "Ban Dân vận Trung ương": central, whatever else the name holds.
    if re.search(r"\btrung uong\b|\btu\b$", folded) and not re.search(r"\b(?:tinh|huyen|xa)\b", folded):
        return "trung_uong"
    # "Ban Thường vụ Quận Đoàn": a district's youth union ("Quân đoàn", an army corps, folds the same way).
    if re.search(r"\bQuận\s+[Đđ]oàn\b", record.organizer):
        return "huyen"
    # "A phối hợp với B": the leading holder's level ("Ban Tuyên giáo và Dân vận Tỉnh ủy phối hợp với Đảng ủy xã …"),
    # also without "với" ("Ủy ban MTTQ tỉnh phối hợp Ủy ban MTTQ thị xã X, xã Y …", ingest13n).
    # "Ủy ban MTTQ tỉnh và UBND huyện Nậm Pồ": two bodies joined by "và", the first one's level too.
    lead = re.split(
        r"\bphoi hop(?: voi| cung)?\b|\s+va\s+(?=(?:ubnd|hdnd|uy ban|ubmttq\w*|cong an|bo chi huy)\b)", folded
    )[0]
    joint, level = kinds.joint_holders_level(lead, _level_of)
    return level if joint else _level_of(lead) or _level_of(folded)


def _level_from_chairs(record: ExtractedRecord) -> str | None:
    """No organiser to go by: the chair's title names the level ("Phó Bí thư Thường trực Huyện ủy")."""
    for chair in record.chair:
        title = fold(chair.get("title"))
        # "Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy": the membership does not make the meeting central.
        title = re.sub(r"\buy vien (?:du khuyet )?(?:bch |ban chap hanh )?trung uong dang\b", " ", title)
        level = _level_of(title)
        if level:
            return level
    return None


_SCOPE = (
    (re.compile(r"\b(?:toan quoc|ca nuoc|truc tuyen toan quoc)\b"), "trung_uong"),
    (
        re.compile(
            r"\b(?:dang bo|dang uy|khoi dan van|mttq|mat tran) (?:xa|phuong|thi tran)\b|\b(?:cap xa|cap co so)\b"
        ),
        "xa",
    ),
    (re.compile(r"\b(?:xa (?!hoi\b)|phuong |thi tran )[a-z]"), "xa"),
    # "CT.Hội CCB quận": a body of a district written "quận" with no name after it (ingest13i).
    (
        re.compile(
            r"\b(?:huyen uy|quan uy|thi uy|huyen|thi xa|quan \d{1,2})\b|\b(?:ubnd|hdnd|ccb|lhpn|hnd|mttq|hoi \w+(?: \w+)?) quan\b(?! (?:su|doi|khu|chung|doan|nhan|dan|ly|tam|he|triet|chinh|tri)\b)"
        ),
        "huyen",
    ),
    # "tình hình", "tinh thần", "tình nguyện" fold like "tỉnh": only the unit's own phrases.
    (
        re.compile(
            r"\b(?:tinh uy|cap tinh|toan tinh|cua tinh|tinh (?!(?:hinh|than|thuong|cam|chat|trang|nang|tuy|hoa|tu|te|nguyen|yeu|nghia|ban)\b)[a-z]+)\b"
        ),
        "tinh",
    ),
)


# (Matched on the folded text, whose offsets are the ones the scope patterns give.)
_GUEST_TITLE = re.compile(r"\b(?:chu tich|truong|pho|bi thu|uy vien|giam doc|chu nhiem) (?:\S+ ){0,6}$")
_COMMUNE_WORD = re.compile(r"\b(?:xã|phường|thị\s+trấn)\s+\w", re.IGNORECASE)


def _outside_titles(pattern: re.Pattern, folded: str, m: re.Match) -> re.Match | None:
    while m and _GUEST_TITLE.search(folded[max(0, m.start() - 60) : m.start()]):
        m = pattern.search(folded, m.end())
    return m


def _named_outside_titles(folded: str, original: str) -> bool:
    """A unit named outside any person's title ("Nguyễn Phương Hải" folds like "phường": a commune needs its word)."""
    patterns = [p for p, _level in _SCOPE[1:] if p is not _SCOPE[2][0] or _COMMUNE_WORD.search(original)]
    return any(_outside_titles(p, folded, p.search(folded)) for p in patterns)


_TITLE_PLACE = re.compile(r"^\s*([^:–\-]{2,30}?)\s*[:–-]\s")


def _level_from_scope(doc: _Doc) -> str | None:
    """Last resort: the scope the title and lead speak of (a national meeting, a commune's Party committee …)."""
    # "Tuy Phong: Hội nghị triển khai công tác dân vận năm 2020": a title that opens with a district's name places
    # the meeting in that district, whatever communes the lead names (as for the province, ingest13m).
    opening = _TITLE_PLACE.match(doc.title)
    if opening:
        places = _gazetteer()[0].get(tuple(fold(opening.group(1)).split()), [])
        if places and all(p.level == "district" for p in places):
            return "huyen"
    original = doc.title + " " + doc.lead
    folded = fold(original)
    best = None
    for pattern, level in _SCOPE:
        m = pattern.search(folded)
        # "Nguyễn Phương Hải" folds like "phường": a commune's word must be there with its diacritics.
        if m and pattern is _SCOPE[2][0] and not _COMMUNE_WORD.search(original):
            m = None
        # "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh … đã đến dự hội nghị tổng kết công tác Mặt trận huyện …": a guest's
        # title does not set the meeting's scope when a unit is named outside a title; alone, it still does.
        if m and _GUEST_TITLE.search(folded[max(0, m.start() - 60) : m.start()]):
            m = _outside_titles(pattern, folded, m) or (m if not _named_outside_titles(folded, original) else None)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), level)
    return best[1] if best else None
