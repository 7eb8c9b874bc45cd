"""Reading a number a person typed, the Vietnamese way: "1.234" (thousands dot), "12,5" (decimal comma),
"1.234,5", " 7 ". One reader for every module, so "1.000 người" never becomes 1."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from danvan.core.errors import ApplicationError

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def _normalised(raw) -> str:
    """The typed text with spaces removed and Vietnamese separators turned into Python's ("1.234,5" → "1234.5")."""
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:  # a decimal comma: dots are then thousands separators
        return text.replace(".", "").replace(",", ".")
    if _THOUSANDS.match(text):
        return text.replace(".", "")
    return text


def to_decimal(raw) -> Decimal | None:
    """The number, or None when it is not a finite number."""
    if isinstance(raw, bool):
        return None
    try:
        value = Decimal(str(raw) if isinstance(raw, int | float | Decimal) else _normalised(raw))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def parse_decimal(
    raw, *, label: str, field: str, digits: int = 14, places: int = 2, example: str = " (ví dụ 120 hoặc 12,5)"
) -> Decimal:
    """The number typed for `label`, or ApplicationError naming it and showing how to write one.

    `digits` and `places` are those of the DecimalField it goes into: a number that would not fit once rounded to
    `places` is refused here, instead of failing in the database (PostgreSQL) or on the next read (SQLite).
    The value is returned as typed (callers that refuse extra decimals can still see them)."""
    value = to_decimal(raw)
    if value is None:
        raise ApplicationError(f"“{label}”: hãy nhập một số{example}.", field=field)
    limit = digits - places
    # adjusted() is the power of ten of the first digit; no arithmetic, so "1e9999999" cannot overflow here.
    if value and (
        value.adjusted() >= limit or value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP).adjusted() >= limit
    ):
        largest = f"{10**limit:,}".replace(",", ".")
        raise ApplicationError(f"“{label}”: số quá lớn; hãy nhập số nhỏ hơn {largest}.", field=field)
    return value


def format_vn(value, places: int = 0) -> str:
    """A number written the Vietnamese way for a person to read or correct: 1234567 → "1.234.567",
    1234.5 with one place → "1.234,5". `to_decimal` reads it back to the same value, whatever the interface
    language (the entry forms take Vietnamese figures only)."""
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def as_id(raw) -> int | None:
    """A whole number typed or posted as an id, draw number or order ("12"), or None for anything else —
    including "²" (str.isdigit() accepts it; int() does not) and numbers too long for a database key."""
    text = str(raw if raw is not None else "").strip()
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= 18 else None
