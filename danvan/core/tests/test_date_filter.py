"""The site's `date` filter (core_tags, a template builtin) writes what Django's writes, in either language."""

import datetime as dt

from django.template import Context, Template
from django.template import defaultfilters as django_filters
from django.utils import timezone, translation

from danvan.core.templatetags import core_tags

FORMATS = [None, "SHORT_DATE_FORMAT", "DATE_FORMAT", "d/m/Y", "l j F Y", "N", "D d M y", "W", ""]
VALUES = [
    dt.date(2026, 1, 2),
    dt.date(2024, 2, 29),
    dt.date(1999, 12, 31),
    dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 12, 7, 8, 5),
    None,
    "",
    "2026-01-02",
]


def test_the_same_text_as_djangos_filter_twice():
    for language in ("vi", "en", "vi"):
        with translation.override(language):
            for value in VALUES:
                for fmt in FORMATS:
                    for _ in range(2):  # the second answer is the kept one
                        assert core_tags.date(value, fmt) == django_filters.date(value, fmt), (language, value, fmt)


def test_templates_use_the_sites_filter_with_local_time():
    moment = timezone.make_aware(dt.datetime(2026, 12, 7, 23, 30), dt.UTC)  # 8 December in Hà Nội
    html = Template('{{ day|date:"d/m/Y" }} {{ moment|date:"d/m/Y H:i" }}').render(
        Context({"day": dt.date(2026, 1, 2), "moment": moment})
    )
    assert html == "02/01/2026 08/12/2026 06:30"
    assert Template("x").engine.template_builtins[-1].filters["date"] is core_tags.date
