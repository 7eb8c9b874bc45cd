"""Readable per-year codes (DT-2026-000123, MH-2026-000045) from a counter row per year."""

from django.db import IntegrityError, transaction
from django.db.models import F


def next_in_sequence(sequence_model, *, year: int, prefix: str) -> str:
    """The next code of `sequence_model` (a model with `year` and `last`) for `year`.

    The UPDATE takes the row lock, so two transactions at once never get the same number. Call it inside the
    transaction that uses the code.
    """
    try:
        with transaction.atomic():
            sequence_model.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # another transaction created the year's row first
    sequence_model.objects.filter(year=year).update(last=F("last") + 1)
    number = sequence_model.objects.get(year=year).last
    return f"{prefix}-{year}-{number:06d}"
