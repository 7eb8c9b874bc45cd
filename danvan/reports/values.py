"""Reading a figure typed by a person: "1.234", "12,5", " 7 " — with a message naming the indicator."""

from decimal import Decimal

from danvan.core.numbers import to_decimal
from danvan.reports.models import Indicator


def parse_value(raw, indicator: Indicator) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, error message). Blank means "not reported" and gives (None, None)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    value = to_decimal(raw)
    if value is None:
        return None, f"“{raw}” không phải là số"
    if value < 0:
        return None, "không được âm"
    if indicator.is_percentage and value > 100:
        return None, "tỷ lệ phần trăm không quá 100"
    if indicator.decimal_places == 0 and value != value.to_integral_value():
        return None, "phải là số nguyên"
    # adjusted() first (no arithmetic on a huge exponent), then the rounded value: 99999999999999,999 rounds up
    # to 10^14, which does not fit DataValue.value.
    if value.adjusted() >= 14:
        return None, "quá lớn"
    value = value.quantize(Decimal(1).scaleb(-max(indicator.decimal_places, 0)))
    if value >= Decimal(10) ** 14:
        return None, "quá lớn"
    return value, None
