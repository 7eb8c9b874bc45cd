"""Who chaired the meeting: names and titles."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.holders_titles import (
    chair_sentences,
    folds_as_title,
    member_title_at,
    title_after_name,
    without_honorific,
)
from danvan.ingest.extract.places import _Tokens, _tokens
from danvan.ingest.extract.record import ExtractedRecord
from danvan.ingest.extract.vocabulary import _MAJOR_SURNAMES, SURNAMES, TITLE_HEADS

_TITLE_AFTER_NAME = {
    ("bi", "thu"),
    ("chu", "tich"),
    ("giam", "doc"),
    ("pho", "bi"),
    ("pho", "chu"),
    ("pho", "truong"),
    ("pho", "giam"),
    ("truong", "ban"),
    ("uy", "vien"),
}


def _name_at(toks: _Tokens, i: int) -> int:
    """How many tokens from `i` form a person's name (0 if none): a surname, then 1-3 more words."""
    words, folded = toks.words, toks.folded
    if i >= len(words) or folded[i] not in SURNAMES or not words[i][0].isupper():
        return 0
    n = 1
    while n < 4 and i + n < len(words) and toks.joined[i + n]:
        w = words[i + n]
        # "ông Châu Ngọc Hồng Bí thư đảng ủy chủ trì": the title after a name with no comma is not part of it
        # (ingest13n).
        if (folded[i + n], folded[i + n + 1] if i + n + 1 < len(words) else "") in _TITLE_AFTER_NAME:
            break
        # ("Võ Minh Hùng Thành ủy viên - Bí thư …": a committee member's title, ingest13o.)
        if member_title_at(words, folded, i + n):
            break
        # ("Tráng A Tủa", "Giàng A Dơ": a one-letter middle name, ingest13m.)
        if w[0].isupper() and (not w.isupper() or len(w) == 1):
            n += 1
        elif (
            w.islower()
            and i + n + 1 < len(words)
            and words[i + n + 1][0].isupper()
            # ("Văn phòng HĐND-UBND xã": an office before an abbreviation, not a name, ingest13n.)
            and not (len(words[i + n + 1]) > 1 and words[i + n + 1].isupper())
            and n < 3
            and len(w) <= 5
        ):  # "Lê trí Vũ": a typo'd capital inside a name
            n += 1
        else:
            break
    return n if n >= 2 else 0


def _proper_name(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _title_clean(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,;:-–()")
    return title


def _chairs(doc: _Doc, record: ExtractedRecord) -> None:
    paragraphs = [doc.title, *doc.body]
    chairs: list[dict] = []
    for paragraph in paragraphs:
        for sentence in chair_sentences(paragraph):
            low = sentence.lower()
            pos = low.find("chủ trì")
            if pos < 0:
                continue
            # A site chair of an online meeting ("chủ trì tham dự tại điểm cầu …") is not the meeting's chair.
            if re.match(r"chủ trì\s+(?:tham dự\s+)?(?:tại\s+)?điểm cầu", low[pos:]):
                continue
            # "Chủ trì hội nghị có đồng chí A, …; đồng chí B, …": the chairs come after.
            # … or "Chủ trì cuộc họp là ông A – …", "chủ trì hội nghị: Bà A – …".
            after = re.match(
                r"chủ trì\s*(?:[^,.;:]{0,30}?\s*)?(?:(?:có|là)\s+(?:các\s+)?(?:đồng chí|ông|bà|đ/c)|:\s*(?:(?:các\s+)?(?:đồng chí|ông|bà|đ/c)\b)?)\s*:?\s*",
                sentence[pos:],
                re.IGNORECASE,
            )
            if after:
                rest = sentence[pos + after.end() :]
                for part in re.split(r";\s*|\s+và\s+(?:đồng chí\s+)?(?=[A-ZÀ-ỸĐ])", rest):
                    chair = _chair_after_dong_chi(without_honorific(part))
                    if chair and all(fold(c["name"]) != fold(chair["name"]) for c in chairs):
                        chairs.append(chair)
                continue
            # "Đồng chí A, … và đồng chí B, … đồng chủ trì": one chair per "đồng chí"; also "Ông A – …, ông B – … và ông
            # C - … đồng chủ trì" (ingest13l).
            head = re.sub(r"\s*đồng\s*$", "", sentence[:pos])
            for part in re.split(_NEXT_CHAIR, head):
                listed = re.search(r"các\s+đồng\s+chí\s*:?\s+", part, re.IGNORECASE)
                for chair in _chairs_listed(part[listed.end() :]) if listed else []:
                    if all(fold(c["name"]) != fold(chair["name"]) for c in chairs):
                        chairs.append(chair)
                if listed and chairs and _chairs_listed(part[listed.end() :]):
                    continue
                chair = _chair_from(part)
                if chair and all(fold(c["name"]) != fold(chair["name"]) for c in chairs):
                    chairs.append(chair)
        if chairs:
            break
    if not chairs:
        # No "chủ trì": the person who gave the conclusion usually chaired ("Kết luận hội nghị, đồng chí A …",
        # "Bà A, Trưởng Ban …, phát biểu kết luận hội nghị").
        for paragraph in paragraphs:
            m = re.search(r"kết luận[^.]{0,60}?đồng chí\s+", paragraph, re.IGNORECASE)
            chair = _chair_after_dong_chi(paragraph[m.end() :]) if m else None
            if chair is None:
                m = re.search(
                    r"(?:^|[.;]\s+)(?:(?:ông|bà|đồng chí)\s+)?([A-ZĐÀ-Ỹ][^.;]{4,200}?)\s+(?:phát\s+biểu\s+)?kết\s+luận\b",
                    paragraph,
                    re.IGNORECASE,
                )
                chair = _chair_after_dong_chi(m.group(1)) if m else None
            if chair:
                chairs.append(chair)
                record.flags.append("chair_from_conclusion")
                break
    record.chair = chairs


_NEXT_CHAIR = re.compile(r"\s+và\s+(?=(?:đồng chí|Đồng chí)\b)|;\s*|(?:,|\s+và)\s+(?=(?:ông|bà|Ông|Bà)\s+[A-ZĐÀ-Ỹ])")


def _chairs_listed(text: str) -> list[dict]:
    """ "các đồng chí A, B, C – Phó Trưởng Ban …": several names sharing the title that follows the last one."""
    toks = _tokens(text[:300])
    names, i = [], 0
    while i < len(toks.words):
        n = _name_at(toks, i)
        if not n:
            break
        names.append(text[toks.starts[i] : toks.ends[i + n - 1]])
        between = text[toks.ends[i + n - 1] : toks.starts[i + n]] if i + n < len(toks.words) else ""
        if not re.fullmatch(r"\s*(?:,|và)\s*", between):
            break
        i += n
    if len(names) < 2:
        return []
    last = _chair_after_dong_chi(text[text.index(names[-1]) :])
    title = last["title"] if last else ""
    return [{"name": _proper_name(name), "title": title} for name in names]


def _chair_after_dong_chi(text: str) -> dict | None:
    toks = _tokens(text[:200])
    n = _name_at(toks, 0)
    if not n:
        return None
    name = text[toks.starts[0] : toks.ends[n - 1]]
    rest = text[toks.ends[n - 1] :]
    title = ""
    # (The title may follow the name with no comma or dash: "ông Châu Ngọc Hồng Bí thư đảng ủy chủ trì", ingest13n.)
    # (An abbreviation's dot does not end the title: "Chủ tịch UB.MTTQVN xã", "PBT. Đảng ủy - Chủ tịch …", ingest13o.)
    written = title_after_name(rest)
    if written and folds_as_title(written, TITLE_HEADS):
        title = _title_clean(written)
    return {"name": _proper_name(name), "title": title}


def _chair_from(before: str) -> dict | None:
    """From the words before "chủ trì": "đồng chí NAME – TITLE" or "TITLE NAME (cùng …)"."""
    before = re.split(r"\s+(?:cùng|và)\s+(?:các|đại diện|lãnh đạo)\b", before)[0]
    # (From a word's start: "công tác" holds "ông ", ingest13m.)
    matches = list(re.finditer(r"\b(?:đồng chí|ông|bà)\s*:?\s+", before, re.IGNORECASE))
    m = matches[-1] if matches else None
    if m:
        chair = _chair_after_dong_chi(before[m.end() :] + " chủ trì")
        if chair:
            return chair
    # One item of a list of chairs: "Lê Thị Kim Dung, Phó Bí thư …, Chủ tịch HĐND tỉnh đã chủ trì".
    chair = _chair_after_dong_chi(before.strip() + " chủ trì")
    if chair and chair["title"]:
        return chair
    toks = _tokens(before)
    count = len(toks.words)
    for n in (4, 3, 2):
        i = count - n
        if i < 0 or _name_at(toks, i) != n:
            continue
        if n == 4 and toks.folded[i + 1] in _MAJOR_SURNAMES:
            continue
        name = before[toks.starts[i] : toks.ends[count - 1]]
        head = before[: toks.starts[i]]
        folded_head = fold(head)
        title = ""
        positions = [m.start() for t in TITLE_HEADS for m in re.finditer(r"\b" + t + r"\b", folded_head)]
        if positions:
            # Map the first title word back to the original text by counting words.
            first = min(positions)
            words_before = len(folded_head[:first].split())
            htoks = _tokens(head)
            if words_before < len(htoks.starts):
                title = _title_clean(head[htoks.starts[words_before] :])
        return {"name": _proper_name(name), "title": title}
    return None
