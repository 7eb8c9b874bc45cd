"""The figures of a situation digest (bản tin tình hình) and of the map: reads only, for one area and period.

An area is the centre (the whole country) or one province. A hotspot belongs to a province through its copied
`province` (a province-level unit) and that unit's administrative province; a commune is a commune-level Party
committee, and it "reported" a month when it or a unit below it submitted a monthly situation report for it.
Everything is counted with a few grouped queries, whatever the number of provinces (no query per row).
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count

from danvan.organisations.models import AdminUnit, OrgUnit, OrgUnitClosure
from danvan.situation.models import Hotspot, SituationReport, Topic

# A digest lists at most this many new hotspots one by one; the rest are in the counts.
LISTED_HOTSPOTS = 300


@dataclass(frozen=True)
class Area:
    """The centre (province=None) or one province (its AdminUnit)."""

    unit: OrgUnit
    province: AdminUnit | None

    # Cached: a digest filters hotspots and reports by it a dozen times, and it was one query each time.
    @cached_property
    def province_unit_ids(self) -> list[int] | None:
        """The province-level org units of the province (None for the whole country): hotspots and reports carry
        one of them as their `province`."""
        if self.province is None:
            return None
        return list(
            OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE, admin_unit=self.province).values_list("pk", flat=True)
        )


def area_of(unit: OrgUnit) -> Area:
    """The area a digest unit covers: the centre's is the country, a province committee's its province."""
    if unit.level == OrgUnit.Level.CENTRAL:
        return Area(unit=unit, province=None)
    return Area(unit=unit, province=unit.admin_unit)


def digest_units():
    """The units that get digests: the centre and the Party committee of each province."""
    return OrgUnit.objects.filter(
        level__in=[OrgUnit.Level.CENTRAL, OrgUnit.Level.PROVINCE], kind=OrgUnit.Kind.PARTY_COMMITTEE
    ).order_by("level", "name")


def period_bounds(kind: str, start: dt.date) -> tuple[dt.date, dt.date]:
    """(first day, last day) of the week starting on Monday `start` or of the month of `start`."""
    if kind == "weekly":
        start = start - dt.timedelta(days=start.weekday())
        return start, start + dt.timedelta(days=6)
    start = start.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def previous_period(kind: str, start: dt.date) -> tuple[dt.date, dt.date]:
    return period_bounds(kind, start - dt.timedelta(days=1))


def reporting_month(kind: str, start: dt.date, end: dt.date) -> dt.date:
    """The month whose reports a digest checks: a monthly digest its own month; a weekly one the last month that
    ended before the week did (monthly reports are sent after the month) [unconfirmed, see decision 0026]."""
    if kind == "monthly":
        return start.replace(day=1)
    return (end.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _province_names() -> dict[int, tuple[str, str]]:
    """Org unit id of every province-level unit → (its province's code, name)."""
    rows = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).values_list(
        "pk", "admin_unit__code", "admin_unit__name"
    )
    return {pk: (code or "", name or "") for pk, code, name in rows}


def _hotspots(area: Area):
    qs = Hotspot.objects.all()
    ids = area.province_unit_ids
    return qs if ids is None else qs.filter(province_id__in=ids)


def _reports(area: Area):
    qs = SituationReport.objects.filter(status=SituationReport.Status.SUBMITTED)
    ids = area.province_unit_ids
    return qs if ids is None else qs.filter(province_id__in=ids)


def communes_of(area: Area):
    """The commune Party committees of the area."""
    qs = OrgUnit.objects.filter(level=OrgUnit.Level.COMMUNE, kind=OrgUnit.Kind.PARTY_COMMITTEE)
    return qs if area.province is None else qs.filter(admin_unit__parent=area.province)


def reported_commune_ids(area: Area, month: dt.date) -> set[int]:
    """Commune committees of the area that (themselves or a unit below) submitted a monthly report for `month`."""
    rows = (
        _reports(area)
        .filter(kind=SituationReport.Kind.MONTHLY, period_month=month)
        .values_list("unit_id", "unit__level", "unit__kind")
    )
    commune = (OrgUnit.Level.COMMUNE, OrgUnit.Kind.PARTY_COMMITTEE)
    reported, below = set(), []
    for unit_id, level, kind in rows:
        # Most reports come from the commune committee itself: only the others need the tree (one query).
        (reported.add(unit_id) if (level, kind) == commune else below.append(unit_id))
    if below:
        reported.update(
            OrgUnitClosure.objects.filter(
                descendant_id__in=below,
                ancestor__level=OrgUnit.Level.COMMUNE,
                ancestor__kind=OrgUnit.Kind.PARTY_COMMITTEE,
            ).values_list("ancestor_id", flat=True)
        )
    return reported


def not_reported(area: Area, month: dt.date) -> list[dict]:
    """Communes of the area with no submitted monthly report for `month`: [{code, name, province}] by province."""
    reported = reported_commune_ids(area, month)
    rows = communes_of(area).values_list("pk", "code", "name", "admin_unit__parent__name")
    missing = [{"code": c, "name": n, "province": p or ""} for pk, c, n, p in rows if pk not in reported]
    return sorted(missing, key=lambda r: (r["province"], r["name"]))


def _topic_counts(area: Area, start: dt.date, end: dt.date) -> Counter:
    """Mentions of each topic in the dates: hotspots that occurred, and reports submitted, naming it."""
    counts: Counter = Counter()
    hot = (
        _hotspots(area)
        .filter(occurred_on__range=(start, end))
        .values("topics__slug")
        .annotate(n=Count("id", distinct=True))
    )
    counts.update({r["topics__slug"]: r["n"] for r in hot if r["topics__slug"]})
    rep = (
        _reports(area)
        .filter(submitted_at__date__range=(start, end))
        .values("topics__slug")
        .annotate(n=Count("id", distinct=True))
    )
    counts.update({r["topics__slug"]: r["n"] for r in rep if r["topics__slug"]})
    return counts


def topics_compared(area: Area, kind: str, start: dt.date, end: dt.date) -> list[dict]:
    """Each topic mentioned in this period or the last: this period's count, the last's, the change; rising first."""
    prev_start, prev_end = previous_period(kind, start)
    now, before = _topic_counts(area, start, end), _topic_counts(area, prev_start, prev_end)
    names = dict(Topic.objects.values_list("slug", "name"))
    rows = [
        {"topic": names.get(slug, slug), "slug": slug, "now": now[slug], "before": before[slug]}
        for slug in set(now) | set(before)
    ]
    for row in rows:
        row["change"] = row["now"] - row["before"]
    return sorted(rows, key=lambda r: (-r["change"], -r["now"], r["topic"]))


def hotspots_by_province_topic(area: Area, start: dt.date, end: dt.date) -> list[dict]:
    """New (occurred in the dates) and active hotspots, counted by province and topic; restricted ones included."""
    provinces = _province_names()
    cells: dict[tuple[str, str], dict] = defaultdict(lambda: {"new": 0, "active": 0})
    names = dict(Topic.objects.values_list("slug", "name"))
    base = _hotspots(area)
    for key, qs in (
        ("new", base.filter(occurred_on__range=(start, end))),
        ("active", base.filter(status__in=Hotspot.ACTIVE_STATUSES)),
    ):
        for r in qs.values("province_id", "topics__slug").annotate(n=Count("id", distinct=True)):
            province = provinces.get(r["province_id"], ("", ""))[1]
            cells[(province, names.get(r["topics__slug"], ""))][key] += r["n"]
    return [{"province": p, "topic": t, **v} for (p, t), v in sorted(cells.items())]


def new_hotspots(area: Area, start: dt.date, end: dt.date) -> tuple[list[dict], int]:
    """The hotspots that occurred in the dates, most severe first (at most LISTED_HOTSPOTS), and how many there
    were. Restricted ones carry their id and the flag only: who sees them is decided when the digest is shown."""
    provinces = _province_names()
    qs = _hotspots(area).filter(occurred_on__range=(start, end))
    total = qs.count()
    rows = list(
        qs.select_related("severity", "place_unit")
        .prefetch_related("topics")
        .order_by("-severity__rank", "-occurred_on", "-id")[:LISTED_HOTSPOTS]
    )
    listed = []
    for h in rows:
        entry = {"id": h.pk, "restricted": h.restricted, "province": provinces.get(h.province_id, ("", ""))[1]}
        if not h.restricted:
            entry.update(
                code=h.code,
                title=h.title,
                occurred_on=h.occurred_on.isoformat(),
                place=", ".join(x for x in (h.place_text, h.place_unit.name) if x),
                people=h.people_involved,
                severity=h.severity.name,
                severity_rank=h.severity.rank,
                status=h.get_status_display(),
                topics=[t.name for t in h.topics.all()],
            )
        listed.append(entry)
    return listed, total


def digest_data(*, unit: OrgUnit, kind: str, start: dt.date) -> dict:
    """Everything a digest shows, as JSON-ready data."""
    start, end = period_bounds(kind, start)
    prev_start, prev_end = previous_period(kind, start)
    area = area_of(unit)
    month = reporting_month(kind, start, end)
    listed, total = new_hotspots(area, start, end)
    missing = not_reported(area, month)
    communes = communes_of(area).count()
    return {
        "area": unit.name,
        "national": area.province is None,
        "kind": kind,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "previous": [prev_start.isoformat(), prev_end.isoformat()],
        "new_total": total,
        "active_total": _hotspots(area).filter(status__in=Hotspot.ACTIVE_STATUSES).count(),
        "new_hotspots": listed,
        "by_province_topic": hotspots_by_province_topic(area, start, end),
        "topics": topics_compared(area, kind, start, end),
        "reporting_month": month.isoformat(),
        "communes": communes,
        "not_reported": missing,
    }


def map_data(*, area: Area, month: dt.date) -> dict:
    """For the map: per province (or per commune of one province) the hotspots that occurred in `month`, the
    active ones among them, and reporting coverage for the month."""
    start, end = period_bounds("monthly", month)
    reported = reported_commune_ids(area, month)
    hot = _hotspots(area).filter(occurred_on__range=(start, end))
    if area.province is None:
        provinces = _province_names()
        counts: Counter = Counter()
        for r in hot.values("province_id").annotate(n=Count("id")):
            counts[provinces.get(r["province_id"], ("", ""))[0]] += r["n"]
        totals: Counter = Counter()
        done: Counter = Counter()
        for pk, code in communes_of(area).values_list("pk", "admin_unit__parent__code"):
            totals[code] += 1
            done[code] += pk in reported
        cells = {
            p.code: {"name": p.name, "hotspots": counts[p.code], "communes": totals[p.code], "reported": done[p.code]}
            for p in AdminUnit.objects.filter(generation="current", level="province")
        }
        return {"level": "province", "cells": cells}
    per_commune: Counter = Counter()
    rows = hot.values_list("place_unit_id", flat=True)
    closure = dict(
        OrgUnitClosure.objects.filter(
            descendant_id__in=rows, ancestor__level=OrgUnit.Level.COMMUNE, ancestor__kind=OrgUnit.Kind.PARTY_COMMITTEE
        ).values_list("descendant_id", "ancestor_id")
    )
    for place in rows:
        per_commune[closure.get(place)] += 1
    cells = {
        code: {"name": name, "hotspots": per_commune[pk], "reported": pk in reported}
        for pk, code, name in communes_of(area).order_by("name").values_list("pk", "code", "name")
    }
    return {"level": "commune", "cells": cells, "elsewhere": per_commune[None]}
