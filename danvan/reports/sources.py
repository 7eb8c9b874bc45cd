"""Indicators whose figures another module already knows, so nobody types them in twice.

An indicator with a `source` (e.g. "initiatives.registered") is filled by the system: when a unit saves its
report, the figure is computed for the unit's **area** and the period, and whatever was typed or uploaded for
it is ignored. Apps register their sources in `AppConfig.ready()` with `source_register`.

The area keeps roll-ups honest. Reports are summed up the tree, so a figure must count each record once:
- a central or provincial unit counts the records of units at its own level in its own administrative unit
  (a provincial board counts the provincial bodies' models, not the communes': those come from the communes'
  own reports);
- a commune unit counts the records of every unit of the commune (Đảng ủy, MTTQ, the organisations, …) but not
  of its villages' units, which report for themselves;
- a village-level unit counts its own village's subtree.
One reporting unit per area and form is expected (the starter forms ask the khối dân vận of a commune and the
Ban Tuyên giáo và Dân vận of a province).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from danvan.organisations.models import OrgUnit, OrgUnitClosure


@dataclass(frozen=True)
class Source:
    key: str  # "<app>.<figure>", stored on Indicator.source
    label: str  # what the report page shows next to a computed figure
    # (area: a queryset of OrgUnit ids, start: date, end: date) -> the figure
    compute: Callable[..., int | Decimal]


SOURCES: dict[str, Source] = {}


def source_register(source: Source) -> None:
    SOURCES[source.key] = source


def source_choices() -> list[tuple[str, str]]:
    return [(key, str(source.label)) for key, source in sorted(SOURCES.items())]


def area_unit_ids(unit: OrgUnit) -> QuerySet:
    """Ids of the units whose records count towards `unit`'s computed figures (see the module docstring)."""
    if unit.level == OrgUnit.Level.VILLAGE:
        # The thôn / tổ dân phố the unit belongs to: its highest village-level ancestor (or itself).
        top = (
            OrgUnitClosure.objects.filter(descendant=unit, ancestor__level=OrgUnit.Level.VILLAGE)
            .order_by("-depth")
            .values_list("ancestor_id", flat=True)
            .first()
        )
        return OrgUnitClosure.objects.filter(ancestor_id=top or unit.pk).values("descendant_id")
    return OrgUnit.objects.filter(level=unit.level, admin_unit_id=unit.admin_unit_id).values("id")


def computed_values(*, indicators, unit: OrgUnit, period) -> dict[str, Decimal]:
    """{indicator code: figure} for the indicators of a form that have a registered source."""
    area = area_unit_ids(unit)
    values = {}
    for indicator in indicators:
        source = SOURCES.get(indicator.source)
        if source is not None:
            values[indicator.code] = Decimal(source.compute(area=area, start=period.start_date, end=period.end_date))
    return values
