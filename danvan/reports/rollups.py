"""Maintained totals for the units with the largest subtrees: the root and its direct children (the central
bodies and the 34 provincial Party committees). Below them a subtree is a few hundred units at most and is
summed live from the figures.

The submit / return services apply a submission's figures here in their own transaction, so totals are never
stale. Each change is an INSERT … ON CONFLICT DO UPDATE adding a delta: two communes submitting at once both
land, and rows are written in a fixed order so concurrent transactions do not deadlock. PostgreSQL and
SQLite (≥ 3.24) alike.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Sum

from danvan.organisations.models import OrgUnitClosure
from danvan.reports.models import DataValue, Indicator, RollupTotal

STORED_DEPTH = 1  # units at depth 0 (the root) and 1 keep totals

UPSERT = """
INSERT INTO reports_rolluptotal (unit_id, indicator_id, period_id, total, weighted_sum, weight_sum, reports)
VALUES (%s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (unit_id, indicator_id, period_id) DO UPDATE SET
    total = reports_rolluptotal.total + excluded.total,
    weighted_sum = reports_rolluptotal.weighted_sum + excluded.weighted_sum,
    weight_sum = reports_rolluptotal.weight_sum + excluded.weight_sum,
    reports = reports_rolluptotal.reports + excluded.reports
"""


def is_stored(unit) -> bool:
    return unit.depth <= STORED_DEPTH


def _rows_for(figures: dict[int, Decimal], weights: dict[int, int], ancestors, period_id: int, sign: int):
    for ancestor in ancestors:
        for indicator_id in sorted(figures):
            value = figures[indicator_id]
            weight = figures.get(weights[indicator_id]) if indicator_id in weights else None
            weighted, weight_sum = (value * weight, weight) if weight is not None else (Decimal(0), Decimal(0))
            yield (ancestor, indicator_id, period_id, sign * value, sign * weighted, sign * weight_sum, sign)


def _weights(indicator_ids) -> dict[int, int]:
    return dict(
        Indicator.objects.filter(pk__in=indicator_ids, aggregation=Indicator.Aggregation.WEIGHTED_AVERAGE)
        .exclude(weight__isnull=True)
        .values_list("pk", "weight_id")
    )


def rollups_apply(*, submission, sign: int) -> int:
    """Add (sign=+1) or take away (sign=-1) a submission's figures. Call inside the service's transaction."""
    figures = dict(DataValue.objects.filter(submission=submission).values_list("indicator_id", "value"))
    if not figures:
        return 0
    ancestors = sorted(
        OrgUnitClosure.objects.filter(descendant_id=submission.unit_id, ancestor__depth__lte=STORED_DEPTH).values_list(
            "ancestor_id", flat=True
        )
    )
    rows = list(_rows_for(figures, _weights(figures), ancestors, submission.period_id, sign))
    with connection.cursor() as cursor:
        cursor.executemany(UPSERT, rows)
    return len(rows)


def rollups_recompute() -> dict[tuple[int, int, int], tuple[Decimal, Decimal, Decimal, int]]:
    """Every stored total, recomputed from the final figures: {(unit, indicator, period): (total, Σvw, Σw, n)}."""
    result: dict[tuple[int, int, int], list] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0), 0])
    stored_ancestors = OrgUnitClosure.objects.filter(ancestor__depth__lte=STORED_DEPTH)
    per_unit = (
        DataValue.objects.filter(is_final=True)
        .values_list("unit_id", "indicator_id", "period_id")
        .annotate(total=Sum("value"), n=Count("id"))
    )
    ancestors_of: dict[int, list[int]] = defaultdict(list)
    for ancestor, descendant in stored_ancestors.values_list("ancestor_id", "descendant_id"):
        ancestors_of[descendant].append(ancestor)
    for unit_id, indicator_id, period_id, total, n in per_unit:
        for ancestor in ancestors_of[unit_id]:
            row = result[(ancestor, indicator_id, period_id)]
            row[0] += total
            row[3] += n
    weights = _weights(Indicator.objects.values_list("pk", flat=True))
    if weights:
        pairs: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
        for submission_id, unit_id, period_id, indicator_id, value in DataValue.objects.filter(
            is_final=True, indicator_id__in=set(weights) | set(weights.values())
        ).values_list("submission_id", "unit_id", "period_id", "indicator_id", "value"):
            pairs[(submission_id, unit_id, period_id)][indicator_id] = value
        for (_s, unit_id, period_id), figures in pairs.items():
            for indicator_id, weight_id in weights.items():
                if indicator_id in figures and weight_id in figures:
                    for ancestor in ancestors_of[unit_id]:
                        row = result[(ancestor, indicator_id, period_id)]
                        row[1] += figures[indicator_id] * figures[weight_id]
                        row[2] += figures[weight_id]
    return {key: tuple(value) for key, value in result.items()}


def rollups_differences() -> list[tuple]:
    """[(unit, indicator, period, stored total, recomputed total)] where they disagree."""
    wanted = rollups_recompute()
    stored = {
        (u, i, p): t
        for u, i, p, t in RollupTotal.objects.filter(reports__gt=0).values_list(
            "unit_id", "indicator_id", "period_id", "total"
        )
    }
    keys = set(wanted) | set(stored)
    return sorted(
        (k[0], k[1], k[2], stored.get(k), wanted[k][0] if k in wanted else None)
        for k in keys
        if stored.get(k) != (wanted[k][0] if k in wanted else None)
    )


def rollups_rebuild() -> int:
    """Replace every stored total by its recomputed value (after a tree change, or to repair)."""
    wanted = rollups_recompute()
    RollupTotal.objects.all().delete()
    RollupTotal.objects.bulk_create(
        [
            RollupTotal(unit_id=u, indicator_id=i, period_id=p, total=t, weighted_sum=ws, weight_sum=w, reports=n)
            for (u, i, p), (t, ws, w, n) in wanted.items()
        ],
        batch_size=5000,
    )
    return len(wanted)
