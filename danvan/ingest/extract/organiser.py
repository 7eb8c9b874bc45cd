"""The organising body and, from it and the other clues, the meeting's level."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.places import _gazetteer, _tokens
from danvan.ingest.extract.record import ExtractedRecord
from danvan.ingest.extract.vocabulary import CENTRAL_CITIES

_ORG_CORE = re.compile(
    r"\b(?:(?:Ban\s+(?:Tuyên\s+giáo\s+và\s+)?Dân\s+vận|Khối\s+Dân\s+vận|Ban\s+Thường\s+vụ|Thường\s+trực)\s+)?"
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


def _organizer(doc: _Doc, record: ExtractedRecord) -> None:
    for part in [doc.title, doc.lead]:
        for match in _ORG_CORE.finditer(part):
            name, end = _org_with_place(part, match)
            before = part[max(0, match.start() - 12) : match.start()]
            # "Trưởng Ban Dân vận Tỉnh ủy" is a title, not the organiser.
            if re.search(r"(?:trưởng|phó|viên|thư)\s*$", before, re.IGNORECASE):
                continue
            if _ORG_VERB.match(part[end:]):
                record.organizer = _canonical_case(name)
                break
        if record.organizer:
            break
    if not record.organizer:
        for match in _ORG_CORE.finditer(doc.title + "\n" + doc.lead):
            part = doc.title + "\n" + doc.lead
            before = part[max(0, match.start() - 12) : match.start()]
            if re.search(r"(?:trưởng|phó|viên|thư)\s*$", before, re.IGNORECASE):
                continue
            record.organizer = _canonical_case(_org_with_place(part, match)[0])
            record.flags.append("organizer_uncertain")
            break
    if not record.organizer:
        record.flags.append("organizer_missing")


def _level(record: ExtractedRecord) -> str | None:
    folded = fold(record.organizer)
    if not folded:
        return None
    if "trung uong" in folded:
        return "trung_uong"
    if re.search(r"\b(?:dang uy|uy ban mttq) (?:xa|phuong|thi tran)\b|khoi dan van|\b(?:xa|phuong|thi tran)\b", folded):
        return "xa"
    if re.search(r"\b(?:huyen uy|quan uy|thi uy|huyen|quan|thi xa)\b", folded):
        return "huyen"
    if re.search(r"\bthanh uy\b|\bthanh pho\b", folded):
        tail = folded.split("thanh uy" if "thanh uy" in folded else "thanh pho", 1)[1].strip()
        if tail and not any(tail.startswith(c) for c in CENTRAL_CITIES):
            return "huyen"
        return "tinh"
    if re.search(r"\btinh uy\b|\btinh\b", folded):
        return "tinh"
    return None
