"""Totals, grades and ranks: pure functions of the scheme's data, shared by services, pages and the report."""

from decimal import ROUND_HALF_UP, Decimal

from danvan.assessments.models import Grade

CENT = Decimal("0.01")


def total(*, criteria, scores: dict[int, Decimal | None], uses_weights: bool) -> Decimal:
    """Σ score (no weights), or Σ score / max × weight (weights totalling 100). A missing score counts 0."""
    result = Decimal(0)
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            continue
        if uses_weights:
            result += value / criterion.max_score * (criterion.weight or 0)
        else:
            result += value
    return result.quantize(CENT, rounding=ROUND_HALF_UP)


def grade_for(scheme, value: Decimal | None) -> str:
    """The grade of a total under the scheme's thresholds (never typed by anyone)."""
    if value is None:
        return ""
    if value >= scheme.excellent_min:
        return Grade.EXCELLENT
    if value >= scheme.good_min:
        return Grade.GOOD
    if value >= scheme.passed_min:
        return Grade.PASSED
    return Grade.FAILED


def ranks(values: list[tuple[int, Decimal]]) -> dict[int, int]:
    """{id: rank} by value, highest first; equal values share a rank (1, 2, 2, 4)."""
    ordered = sorted(values, key=lambda pair: -pair[1])
    result: dict[int, int] = {}
    previous = None
    for position, (key, value) in enumerate(ordered, start=1):
        if previous is None or value != previous[1]:
            previous = (position, value)
        result[key] = previous[0]
    return result


def max_total(*, criteria, uses_weights: bool) -> Decimal:
    if uses_weights:
        return Decimal(100)
    return sum((c.max_score for c in criteria), Decimal(0))


def number_text(value: Decimal | None) -> str:
    """8.50 → "8,5"; None → "—"."""
    if value is None:
        return "—"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
