from decimal import Decimal

import pytest

from danvan.reports.models import Indicator
from danvan.reports.values import parse_value

COUNT = Indicator(code="c", name="Cuộc họp", unit_label="cuộc", decimal_places=0)
PERCENT = Indicator(code="p", name="Tỷ lệ", unit_label="%", is_percentage=True, decimal_places=1)


@pytest.mark.parametrize(
    ("raw", "indicator", "expected"),
    [
        ("12", COUNT, Decimal(12)),
        ("1.234", COUNT, Decimal(1234)),
        (" 7 ", COUNT, Decimal(7)),
        ("12,5", PERCENT, Decimal("12.5")),
        ("100", PERCENT, Decimal(100)),
        (3, COUNT, Decimal(3)),
        ("", COUNT, None),
        (None, COUNT, None),
    ],
)
def test_it_reads_vietnamese_number_formats(raw, indicator, expected):
    assert parse_value(raw, indicator) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "indicator", "fragment"),
    [
        ("abc", COUNT, "không phải là số"),
        ("-1", COUNT, "không được âm"),
        ("100,5", PERCENT, "không quá 100"),
        ("2,5", COUNT, "số nguyên"),
        ("NaN", COUNT, "không phải là số"),
        ("1e9999999", COUNT, "quá lớn"),
        ("99999999999999,999", Indicator(code="d", name="Số", unit_label="x", decimal_places=2), "quá lớn"),
    ],
)
def test_it_explains_what_is_wrong(raw, indicator, fragment):
    value, error = parse_value(raw, indicator)
    assert value is None
    assert fragment in error
