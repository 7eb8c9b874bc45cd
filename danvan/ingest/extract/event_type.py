"""The meeting's kind: giao ban, sơ kết, tổng kết, hội thi, biểu dương, triển khai, other."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.vocabulary import EVENT_KEYWORDS

# "triển khai nhiệm vụ …" follows almost every review meeting: it does not make the meeting a triển khai.
_NOT_TRIEN_KHAI = re.compile(r"trien khai (?:cac )?(?:nhiem vu|phuong huong)")
# Folded words from their start, so "quan triet" is not found inside another phrase.
# (only a leading boundary: headings run words together, "SƠ KẾTCÔNG TÁC").
_KEYWORDS = [(re.compile(r"\b" + keyword), kind) for keyword, kind in EVENT_KEYWORDS]
# A contest's own review or prize-giving is the contest: "tổng kết, trao giải Hội thi …".
_CONTEST = re.compile(r"\b(?:hoi|cuoc) thi\b")
_CONTEST_REVIEW = re.compile(
    r"\b(?:tong ket|so ket|be mac|chung khao|trao giai)\b(?: \w+){0,4} (?:hoi|cuoc) thi\b|\btrao giai\b"
)
# "tuyên dương" and "tuyến đường" fold alike: the diacritics decide.
_TUYEN_DUONG = re.compile(r"tuyên\s+dương", re.IGNORECASE)


# "Hội nghị trực tuyến toàn quốc tổng kết công tác dân vận năm 2016, triển khai nhiệm vụ năm 2017": the meeting's
# own name in the lead.
_LEAD_REVIEW = re.compile(r"\b(?:hoi nghi|cuoc hop)\b(?: \w+){0,5} (?P<kind>tong ket|so ket|giao ban)\b")
_REVIEW_KIND = {"tong ket": "tong_ket", "so ket": "so_ket", "giao ban": "giao_ban"}
# "hội nghị trao đổi (đánh giá) kết quả công tác Mặt trận 6 tháng đầu năm …": a review by another name, of part of a
# year (sơ kết) or of a year (tổng kết).
_RESULTS_REVIEW = re.compile(
    r"\b(?:hoi nghi|cuoc hop)\b(?: \w+){0,3} (?:trao doi|danh gia) ket qua\b(?: \w+){0,8}? "
    r"(?:(?P<part>6 thang|sau thang|9 thang|chin thang|qu[yi] (?:iv|iii|ii|i|[1-4]))|nam (?:19|20)\d\d)\b"
)


def _event_type(doc: _Doc) -> str:
    kind = _event_type_by_keywords(doc)
    if kind == "trien_khai":
        review = _LEAD_REVIEW.search(fold(doc.lead))
        if review and not _CONTEST.search(fold(doc.lead)):
            return _REVIEW_KIND[review.group("kind")]
    if kind in ("trien_khai", "other"):
        for part in (doc.title, doc.lead):
            results = _RESULTS_REVIEW.search(fold(part))
            if results and not _CONTEST.search(fold(part)):
                return "so_ket" if results.group("part") else "tong_ket"
    return kind


# "Hội nghị Ban Chấp hành Đảng bộ thị trấn … định kỳ tháng 8": a committee's regular session, whatever the body says
# it also did ("… phương hướng, nhiệm vụ tháng 9 theo kế hoạch").
# "Đại hội thi đua yêu nước": an emulation congress, not a contest ("hội thi" folds out of it).
_EMULATION_CONGRESS = re.compile(r"\bdai hoi thi dua\b")
# ("Đẩy mạnh công tác dân vận trước, trong và sau Đại hội", "chào mừng Đại hội …": the work around a congress, not the
# congress, ingest13p.)
_CONGRESS = re.compile(r"(?<!\bsau )(?<!\btruoc )(?<!\bmung )(?<!\btoi )(?<!\bvu )\bdai hoi\b(?! dong)")
_REVIEW_WORD = re.compile(r"\b(?:tong ket|so ket|giao ban|danh gia|ket qua|nhin lai)\b")
_COMMITTEE_SESSION = re.compile(r"\bhoi nghi (?:ban chap hanh|bch)\b")


# "Căn cứ Quyết định …; Kế hoạch số 113 … về tổ chức đối thoại …": a paragraph citing the basis names documents, not
# the meeting (ingest13i).
_BASIS = re.compile(r"\s*can cu\b")
# "Thực hiện kế hoạch tổ chức các hoạt động kỷ niệm …, Hội LHPN xã X đã tổ chức …": the work a title or lead opens by
# citing (its "kế hoạch") is not the meeting's kind; what follows the clause names it (ingest13p).
_BASIS_CLAUSE = re.compile(r"\s*(?:thực\s+hiện|căn\s+cứ)\b[^,;.]{0,240},\s+(?=\S)", re.IGNORECASE)


def _event_type_by_keywords(doc: _Doc) -> str:
    for n, part in enumerate([doc.title, doc.lead, *doc.body[:2]]):
        if n in (1, 2) and _BASIS.match(fold(part)):
            continue
        if n == 2 and _COMMITTEE_SESSION.search(fold(doc.title + " " + doc.lead)):
            return "other"
        # (A title or lead cut from prose at "8/3" may be the clause alone: it names no meeting either.)
        if n < 2 and re.match(r"\s*(?:can cu|thuc hien)\b", fold(part)) and not _BASIS_CLAUSE.match(part):
            continue
        folded = fold(_BASIS_CLAUSE.sub("", part, count=1))
        # "… vừa triển khai nhiệm vụ trọng tâm trước mắt về thực hiện Quy chế dân chủ … năm 2022", with no review named
        # beside it, is the meeting's own launch (ingest13i).
        if _REVIEW_WORD.search(folded) or n > 1:
            folded = _NOT_TRIEN_KHAI.sub(" ", folded)
        folded = _EMULATION_CONGRESS.sub("dai hoi", folded)
        # "… cho hội viên của 07 Chi hội Thi tìm hiểu …": a branch ("chi hội") that competes, not a contest (ingest13p).
        folded = re.sub(r"\bchi hoi thi\b", "chi hoi", folded)
        if n < 2 and _CONTEST.search(folded) and _CONTEST_REVIEW.search(folded):
            return "hoi_thi"
        best = None
        for pattern, kind in _KEYWORDS:
            for match in pattern.finditer(folded):
                if pattern.pattern == r"\btuyen duong" and not _TUYEN_DUONG.search(part):
                    continue
                if best is None or match.start() < best[0]:
                    best = (match.start(), kind)
                break
        # A congress named before any keyword is a congress, whatever it reviews ("Đại hội Thi đua yêu nước tỉnh … nhằm
        # tổng kết, đánh giá phong trào …").
        congress = _CONGRESS.search(folded) if n < 2 else None
        if congress and (best is None or congress.start() < best[0]):
            return "other"
        # "… đã ký kết chương trình phối hợp công tác dân vận giai đoạn 2016 – 2021" named before any keyword: the
        # signing is the meeting, whatever report it also heard ("… thông qua báo cáo sơ kết 3 năm …", ingest13m).
        signing = _SIGNING.search(folded) if n < 2 else None
        if signing and best is None:
            return "other"
        # "Ban Dân vận Tỉnh ủy … mở lớp tập huấn kỹ năng công tác vận động quần chúng": a course named in the title or
        # lead, with no meeting keyword there, is a course, whatever its lessons cover ("phát động phong trào …").
        if n < 2 and best is None and _COURSE.search(folded):
            return "other"
        # "Đảng ủy xã X gặp mặt kỷ niệm ngày truyền thống …" over a lead where the speaker praises those who "triển khai
        # thực hiện hiệu quả các nhiệm vụ": a meeting the title names by another kind is not a launch unless the lead
        # names a launch meeting ("hội nghị triển khai …", ingest13l).
        if (
            best
            and n == 1
            and best[1] == "trien_khai"
            and _OTHER_MEETING.search(fold(doc.title))
            and not _NAMED_LAUNCH.search(folded)
        ):
            return "other"
        if best:
            return best[1]
    return "other"


_COURSE = re.compile(r"\b(?:mo lop|lop tap huan|tap huan|lop boi duong|khai giang)\b")
_SIGNING = re.compile(r"\bky ket (?:\w+ ){0,2}?(?:chuong trinh|quy che|ke hoach|giao uoc|thoa thuan)\b")
_OTHER_MEETING = re.compile(r"\b(?:gap mat|hop mat|ky niem|toa dam|hoi thao|doi thoai)\b")
_NAMED_LAUNCH = re.compile(
    r"\b(?:hoi nghi|le|buoi|to chuc|cuoc hop)(?: \w+){0,3} (?:trien khai|phat dong|ra quan|quan triet)\b"
)
