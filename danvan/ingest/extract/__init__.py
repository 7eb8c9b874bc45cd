"""Reading a news article or report about a dân vận meeting into a proposed record.

Pure functions, no database: the evaluation command runs them anywhere. Rules and small dictionaries
built from the language such reports use (meeting types, titles, period phrases, date phrases, units of
numeric facts). Everything matches on `fold()`ed text so "Uỷ"/"Ủy", capitals and typed-without-diacritics
variants all match; what is returned is cut from the original text.

Nothing here guesses silently: a date or period that cannot be resolved is left empty and flagged.

One module per noun: `document` (text helpers, title, date line, lead), `event_type`, `period`, `dates`,
`places` (gazetteer, province), `organiser` (organiser and level), `chairs`, `attendees`, `tasks`, `models`,
`figures`; `vocabulary` holds the shared word lists and `record` the proposed record.
"""

from __future__ import annotations

import datetime as dt
import re

from danvan.core.text import fold
from danvan.ingest.extract.attendees import _attendees
from danvan.ingest.extract.chairs import _chairs
from danvan.ingest.extract.dates import _event_date
from danvan.ingest.extract.document import _split, normalise
from danvan.ingest.extract.event_type import _event_type
from danvan.ingest.extract.figures import _figures
from danvan.ingest.extract.models import _models
from danvan.ingest.extract.organiser import _level, _level_from_chairs, _level_from_scope, _organizer
from danvan.ingest.extract.period import _period
from danvan.ingest.extract.places import _gazetteer, _place, _province_and_places
from danvan.ingest.extract.record import ExtractedRecord
from danvan.ingest.extract.tasks import _tasks
from danvan.ingest.extract.vocabulary import EVENT_TYPES, LEVELS

_CENTRAL_CITY_NAMES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thừa Thiên Huế")

__all__ = ["EVENT_TYPES", "LEVELS", "ExtractedRecord", "extract", "normalise", "_gazetteer"]


def extract(text: str, *, source_date: dt.date | None = None, doc_id: str = "") -> ExtractedRecord:
    """Propose a meeting record from an article's or report's text.

    `source_date` is the publication date when the caller knows it (a file's metadata, a form field);
    the article's own date line wins over it.
    """
    doc = _split(normalise(text))
    record = ExtractedRecord(id=doc_id, title=doc.title)
    record.event_type = _event_type(doc)
    record.period = _period(doc, record)
    record.event_date = _event_date(doc, record, source_date)
    _organizer(doc, record)
    record.level = _level(record)
    _province_and_places(doc, record)
    if record.level is None and record.province == "Trung ương":
        record.level = "trung_uong"
    _chairs(doc, record)
    # "Ban Dân vận Thành ủy", "Ban Chỉ đạo phong trào … thành phố": the city the text names is a centrally-run one.
    if (
        record.level is None
        and record.province in _CENTRAL_CITY_NAMES
        and re.search(r"\bthanh (?:uy|pho)\b", fold(record.organizer))
    ):
        record.level = "tinh"
    if record.level is None:
        record.level = _level_from_chairs(record)
    if record.level is None:
        record.level = _level_from_scope(doc)
        if record.level:
            record.flags.append("level_from_text")
    # A central meeting held in a province ("… chủ trì hội nghị … tại tỉnh Sóc Trăng") is central, not provincial.
    if record.level == "trung_uong":
        record.province = "Trung ương"
    if not record.chair:
        record.flags.append("chair_missing")
    record.attendees_orgs = _attendees(doc)
    record.tasks = _tasks(doc)
    record.models = _models(doc)
    record.figures = _figures(doc)
    record.place = _place(doc)
    if record.period is None:
        record.flags.append("period_missing")
    return record
