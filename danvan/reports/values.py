"""Reading a figure typed by a person: "1.234", "12,5", " 7 " — with a message naming the indicator."""

import re
from decimal import Decimal, InvalidOperation

from danvan.reports.models import Indicator

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_value(raw, indicator: Indicator) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, error message). Blank means "not reported" and gives (None, None)."""
    if raw is None:
        return None, None
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        text = str(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if text == "":
            return None, None
        if "," in text:  # Vietnamese decimal comma; dots are then thousands separators
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.match(text):
            text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"“{raw}” không phải là số"
    if not value.is_finite():
        return None, f"“{raw}” không phải là số"
    if value < 0:
        return None, "không được âm"
    if indicator.is_percentage and value > 100:
        return None, "tỷ lệ phần trăm không quá 100"
    if indicator.decimal_places == 0 and value != value.to_integral_value():
        return None, "phải là số nguyên"
    if value >= Decimal(10) ** 14:
        return None, "quá lớn"
    return value.quantize(Decimal(1) / (Decimal(10) ** max(indicator.decimal_places, 0))), None
