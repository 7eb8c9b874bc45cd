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


def figure_formatter():
    """A function showing a figure as the template filter `floatformat:"-2g"` does (no decimals for a whole
    number, else two; thousands grouped), with the active language's separators read once.

    The filter costs ~25 µs a cell through Django's localisation; a province's table by commune has ~4,000
    cells. This one gives the same text for a small fraction of that."""
    from decimal import ROUND_HALF_UP

    from django.utils.formats import get_format

    decimal_sep = get_format("DECIMAL_SEPARATOR")
    thousand_sep = get_format("THOUSAND_SEPARATOR")
    grouping = get_format("NUMBER_GROUPING")
    cent = Decimal("0.01")

    def group(digits: str) -> str:
        if not grouping or grouping <= 0 or len(digits) <= grouping:
            return digits
        head = len(digits) % grouping or grouping
        parts = [digits[:head]] + [digits[i : i + grouping] for i in range(head, len(digits), grouping)]
        return thousand_sep.join(parts)

    def show(value) -> str:
        if value is None or value == "":
            return ""
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        if not value.is_finite():
            return str(value)
        whole = value == value.to_integral_value()
        rounded = value.to_integral_value(rounding=ROUND_HALF_UP) if whole else value.quantize(cent, ROUND_HALF_UP)
        sign = "-" if rounded < 0 else ""
        text = f"{abs(rounded):f}"
        int_part, _, frac = text.partition(".")
        return sign + group(int_part) + (decimal_sep + frac if frac else "")

    return show
