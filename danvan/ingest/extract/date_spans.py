"""Ways of writing the meeting's days that `dates.py` did not read, learnt from ingest13q's development articles and
made-up variants of their writing (issue 13): a span of days whose year is written only after its last day ("Từ ngày
01/10 đến ngày 10/10/2022, …"), two days listed with a comma ("trong hai ngày 18,19 tháng 3 năm 2023", "Ngày 5,
6/8/2020"), and the capital letters a holder's name starts with.

`dates.py` calls `with_first_days()` on each paragraph before it looks for a date, and uses `UPPER` in its patterns.
"""

from __future__ import annotations

import re

# The capital letters of Vietnamese, listed: the range "À-Ỹ" holds the lower-case letters too ("đ", "ư", "ạ" …), so
# "… từ ngày 01/3/2024 được …" would read as a date before a capitalised holder.
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

# "Từ ngày 01/10 đến ngày 10/10/2022": the span's first day, in the last day's year (the year before, when the span
# runs across the new year: "từ ngày 28/12 đến ngày 05/01/2020").
_SPAN = re.compile(
    r"\b(?P<from>[Tt]ừ)\s+ngày\s+(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s+(?:đến|tới)\s+(?:hết\s+)?ngày\s+"
    r"\d{1,2}\s*[/.-]\s*(?P<last_month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})\b"
)
# "ngày 18,19 tháng 3", "Ngày 5, 6/8/2020": two days listed with a comma; the first one is the meeting's.
_DAY_LIST = re.compile(r"(\b[Nn]gày\s+\d{1,2})\s*,\s*\d{1,2}(?=\s*[/.]\s*\d{1,2}|\s+tháng\s+\d)")


def _span_start(m: re.Match) -> str:
    year = int(m["year"]) - (1 if int(m["month"]) > int(m["last_month"]) else 0)
    # (Written as the date alone, so that it is read wherever "ngày …" would be: at a sentence start, after a comma.)
    return f"{'Ngày' if m['from'] == 'Từ' else 'ngày'} {m['day']}/{m['month']}/{year}"


def with_first_days(paragraph: str) -> str:
    """The paragraph with a span of days or two days listed with a comma written as its first day."""
    if "đến ngày" in paragraph or "tới ngày" in paragraph:
        paragraph = _SPAN.sub(_span_start, paragraph)
    if "," in paragraph and "gày" in paragraph:
        paragraph = _DAY_LIST.sub(r"\1", paragraph)
    return paragraph
