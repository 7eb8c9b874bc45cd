"""Numeric facts: a number and its unit."""

from __future__ import annotations

import functools
import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.vocabulary import FIGURE_UNITS

_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:/(?P<den>\d+(?:\.\d{3})*))?"


@functools.cache
def _figure_pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in FIGURE_UNITS)
    return re.compile(_NUMBER + r"\s*(?P<unit>" + units + r")(?![^\W\d_])", re.IGNORECASE)


def _to_number(text: str) -> int | float:
    text = text.replace(".", "").replace(",", ".")
    value = float(text)
    return int(value) if value.is_integer() else value


def _figures(doc: _Doc) -> list[dict]:
    out: list[dict] = []
    # The title counts too ("123 mô hình … được biểu dương"), unless it is the start of the first paragraph.
    paragraphs = doc.body if doc.body and doc.body[0].startswith(doc.title) else [doc.title, *doc.body]
    for paragraph in paragraphs:
        for m in _figure_pattern().finditer(paragraph):
            before = paragraph[max(0, m.start() - 14) : m.start()]
            after = paragraph[m.end() : m.end() + 20]
            if m.start() > 0 and (paragraph[m.start() - 1].isalnum() or paragraph[m.start() - 1] in "/-."):
                continue
            # Document numbers, terms, dates and ordinals are not facts.
            if re.search(r"(?:số|khóa|khoá|lần thứ|ngày|thứ|tháng|năm|quý|nhiệm kỳ)\s*$", before, re.IGNORECASE):
                continue
            raw = m.group("num")
            unit = m.group("unit")
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                continue
            if fold(unit) in ("nam", "ngay") and re.match(r"\s*(?:đầu|cuối|qua|tới)", after, re.IGNORECASE):
                continue
            text = paragraph[m.start() : m.end()]
            out.append({"text": text, "value": _to_number(raw), "unit": unit.lower() if unit != "%" else "%"})
    return out
