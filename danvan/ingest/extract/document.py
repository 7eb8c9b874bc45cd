"""Text helpers and the article's shape: title, date line, body paragraphs and lead sentence."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from danvan.core.text import fold
from danvan.ingest.extract.vocabulary import _WORD, EVENT_KEYWORDS

# "10/01/2020", and "10.01.2020" as some portals write it (the separator is the same on both sides).
_DATELINE = re.compile(r"(?:(\d{1,2}):(\d{2})\s*,?\s*)?(?:[A-Za-zÀ-ỹ ]+,\s*)?(\d{1,2})([-/.])(\d{1,2})\4(\d{4})")


_BOILERPLATE_LINE = re.compile(
    r"^(?:tin|ảnh|tin,\s*ảnh|tin và ảnh|bài|bài và ảnh|nguồn|từ khóa|từ khoá|xem chi tiết|các tin khác|tin liên quan|"
    r"bình luận|chia sẻ|in bài|video|phóng sự ảnh|bản tin)\b",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """NFC, one kind of space and dash, no zero-width characters, lines trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", text)
    text = text.replace("“", '"').replace("”", '"').replace("„", '"')
    return "\n".join(line.strip() for line in text.split("\n"))


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _sentences(paragraph: str) -> list[str]:
    """Split at ". " (or "!", "?", "…") followed by a capital or a quote; abbreviations here have no dot."""
    parts = re.split(r"(?<=[.!?…])\s+(?=[\"'(]?[A-ZÀ-Ỹ0-9Đ])", paragraph)
    return [p.strip() for p in parts if p.strip()]


def _clauses(sentence: str) -> list[str]:
    # "; " separates tasks, except inside a list of quoted names ("Dân vận khéo"; "Dân vận khéo trong …").
    parts = re.split(r";(?!\s*[\"'])\s*", sentence)
    return [p.strip() for p in parts if p.strip()]


def _tidy(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–")
    phrase = re.sub(r"(?:\.\.\.|…|\.)+$", "", phrase).strip(" ,;:-–")
    return phrase


@dataclass
class _Doc:
    text: str  # normalised
    title: str
    dateline: dt.date | None
    body: list[str]  # paragraphs after the title, dateline and boilerplate removed
    lead: str  # the first real sentence of the body


def _split(text: str) -> _Doc:
    lines = [line for line in text.split("\n") if line.strip()]
    title = ""
    from_prose = False
    dateline = None
    body: list[str] = []
    for line in lines:
        words = _word_count(line)
        date = _dateline(line) if words <= 14 else None
        if date and dateline is None:
            dateline = date
            continue
        if not title:
            # A section label ("Khối Đảng", "Tin tức") is not the title.
            if words > 30:
                # No title line: pasted prose starts at once. Its first sentence stands as the title.
                title = _sentences(line)[0]
                from_prose = True
                body.append(line)
            elif words >= 4 or any(keyword in fold(line) for keyword, _kind in EVENT_KEYWORDS):
                title = line
            continue
        body.append(line)
    lead = ""
    for paragraph in body:
        # A page that prints its title twice: the copy is not the lead (ingest13m).
        if not from_prose and paragraph.strip() == title.strip():
            continue
        if _word_count(paragraph) >= 12:
            lead = _sentences(paragraph)[0]
            break
    return _Doc(text=text, title=title, dateline=dateline, body=body, lead=lead)


_DATELINE_NOISE = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])\b|\bchủ\s+nhật\b|\bGMT\s*[+-]\s*\d+(?::\d+)?|"
    r"\b(?:cập\s+nhật|đăng\s+ngày|ngày\s+đăng|ngày|lúc|giờ|sáng|chiều|AM|PM)\b|[\s,|()\-–:]+|"
    # "17:45 - Thứ Tư, 17/08/2022 Lượt xem: 6413 In bài viết": a view count and a print link (ingest13m).
    r"\blượt\s+xem\b\s*:?\s*[\d.]*|\bin\s+bài(?:\s+viết)?\b",
    re.IGNORECASE,
)


def _dateline(line: str) -> dt.date | None:
    """The publication date of a line that holds it and nothing else but times, weekdays and such."""
    match = _DATELINE.search(line)
    # "Thứ ba, 15/05/2018 12:39:49 | Tiếng nói cơ sở": a section name after a bar does not stop a date line.
    # ("13:10 27-09-2022 | :380": a view count after a bar does not either.)
    rest = re.sub(r"\s*\|\s*(?:[^\d|]{1,40}|:?\s*\d{1,7}(?:\s+lượt\s+xem)?)$", "", line[match.end() :]) if match else ""
    if match and not _DATELINE_NOISE.sub("", line[: match.start(3)] + rest):
        return _valid_date(int(match.group(6)), int(match.group(5)), int(match.group(3)))
    # "quantri gửi vào T6, 2018-03-09 14:35": a portal's "<poster> gửi vào <weekday>, yyyy-mm-dd hh:mm" (ingest13m).
    iso = _ISO_DATELINE.search(line)
    if iso and not _DATELINE_NOISE.sub("", _POSTED.sub("", line[: iso.start()] + line[iso.end() :])):
        return _valid_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    return None


_ISO_DATELINE = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_POSTED = re.compile(r"^\s*(?:\S+\s+)?(?:gửi\s+vào|đăng\s+vào|đăng\s+lúc)\b|\b(?:T[2-7]|CN)\b")


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
