from decimal import Decimal

import pytest

from danvan.core.errors import ApplicationError
from danvan.core.numbers import parse_decimal


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1.000", 1000), ("1.234,5", Decimal("1234.5")), ("12,5", Decimal("12.5")), ("8.5", Decimal("8.5")), (" 7 ", 7)],
)
def test_vietnamese_separators_are_read_as_people_write_them(typed, value):
    assert parse_decimal(typed, label="Số người", field="v") == value


@pytest.mark.parametrize(
    ("typed", "message"), [("NaN", "hãy nhập một số"), ("abc", "hãy nhập một số"), ("1e9999999", "quá lớn")]
)
def test_what_is_not_a_sensible_number_is_refused_naming_the_field(typed, message):
    with pytest.raises(ApplicationError) as error:
        parse_decimal(typed, label="Số người", field="v")
    assert message in error.value.message and "“Số người”" in error.value.message and error.value.field == "v"


def test_a_number_that_would_not_fit_its_column_once_rounded_is_refused():
    assert parse_decimal("9999,99", label="Điểm", field="v", digits=6) == Decimal("9999.99")
    for typed in ("10000", "9999,999", "1e20"):
        with pytest.raises(ApplicationError) as error:
            parse_decimal(typed, label="Điểm", field="v", digits=6)
        assert "số quá lớn; hãy nhập số nhỏ hơn 10.000" in error.value.message


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [(1234567, 0, "1.234.567"), (Decimal("1234.5"), 1, "1.234,5"), (12, 0, "12"), (Decimal("-1234"), 0, "-1.234")],
)
def test_a_figure_is_shown_with_vietnamese_separators_and_reads_back_the_same(value, places, shown):
    from danvan.core.numbers import format_vn, to_decimal

    assert format_vn(value, places) == shown
    assert to_decimal(shown) == Decimal(value)
