"""Readable per-year codes (DT-2026-000123, MH-2026-000045) from one counter row per prefix and year."""

from django.db import IntegrityError, transaction
from django.db.models import F


def next_in_sequence(*, prefix: str, year: int) -> str:
    """The next code for `prefix` and `year`, e.g. "MH-2026-000046".

    The UPDATE takes the row lock, so two transactions at once never get the same number. Call it inside the
    transaction that uses the code.
    """
    from danvan.core.models import CodeSequence

    try:
        with transaction.atomic():
            CodeSequence.objects.get_or_create(prefix=prefix, year=year)
    except IntegrityError:
        pass  # another transaction created the year's row first
    rows = CodeSequence.objects.filter(prefix=prefix, year=year)
    rows.update(last=F("last") + 1)
    return f"{prefix}-{year}-{rows.values_list('last', flat=True).get():06d}"
