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

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

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
    def province_units(self) -> dict[int, tuple[str, str]] | None:
        """The province-level org units of the province (None for the whole country) → (the province's code, name):
        hotspots and reports carry one of them as their `province`. One query gives the filter and the names."""
        if self.province is None:
            return None
        rows = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE, admin_unit=self.province).values_list("pk")
        name = (self.province.code or "", self.province.name or "")
        return {pk: name for (pk,) in rows}

    @property
    def province_unit_ids(self) -> list[int] | None:
        units = self.province_units
        return None if units is None else list(units)


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


def _province_names(area: Area | None = None) -> dict[int, tuple[str, str]]:
    """Org unit id of every province-level unit → (its province's code, name). A province's own units are all its
    digest needs (its hotspots carry one of them), and they come with the area's filter: no query of its own."""
    if area is not None and area.province is not None:
        return area.province_units
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


def _reported(area: Area, month: dt.date) -> Q:
    """The condition, on commune committees, "reported `month`": a submitted monthly report of the commune committee
    itself, or of a unit below it (found through the tree). In SQL, so the whole country's 3,321 communes are
    counted or filtered in the database instead of reading their ~3,400 reports into Python (sit11e: the national
    map and "did not report" moved ~7,000 rows per request)."""
    monthly = _reports(area).filter(kind=SituationReport.Kind.MONTHLY, period_month=month)
    # A province's own filter lets its reports be found on (province, period_month, status), not the nation's.
    own = Exists(monthly.filter(unit_id=OuterRef("pk")))
    # Most reports come from the commune committee itself; the few from units below go through the tree.
    below = OrgUnitClosure.objects.filter(
        descendant_id__in=monthly.exclude(
            unit__level=OrgUnit.Level.COMMUNE, unit__kind=OrgUnit.Kind.PARTY_COMMITTEE
        ).values("unit_id"),
        ancestor__level=OrgUnit.Level.COMMUNE,
        ancestor__kind=OrgUnit.Kind.PARTY_COMMITTEE,
    ).values("ancestor_id")
    return Q(own) | Q(pk__in=below)


def reported_commune_ids(area: Area, month: dt.date) -> set[int]:
    """Commune committees of the area that (themselves or a unit below) submitted a monthly report for `month`."""
    return set(communes_of(area).filter(_reported(area, month)).values_list("pk", flat=True))


def not_reported(area: Area, month: dt.date) -> list[dict]:
    """Communes of the area with no submitted monthly report for `month`: [{code, name, province}] by province.
    One query: only the missing communes leave the database."""
    rows = communes_of(area).exclude(_reported(area, month)).values_list("code", "name", "admin_unit__parent__name")
    missing = [{"code": c, "name": n, "province": p or ""} for c, n, p in rows]
    return sorted(missing, key=lambda r: (r["province"], r["name"]))


def _topics() -> dict[int, tuple[str, str]]:
    """Topic id → (slug, name): the figures are grouped by id, one join fewer than by slug."""
    return {pk: (slug, name) for pk, slug, name in Topic.objects.values_list("pk", "slug", "name")}


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the site's time zone: a range on `submitted_at` itself can use its index, where
    `submitted_at__date` computes the date of every row first."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _sent(start: dt.date, end: dt.date) -> Q:
    return Q(submitted_at__gte=_day_start(start), submitted_at__lt=_day_start(end + dt.timedelta(days=1)))


def _hotspot_cells(area: Area, periods: list[tuple[dt.date, dt.date]]) -> list[tuple[int, int | None, list[int]]]:
    """(province unit id, topic id, [hotspots that occurred in each period]) — one grouped query that serves both the
    topics compared across periods and the new hotspots by province and topic (sit11f: it was two)."""
    first, last = min(p[0] for p in periods), max(p[1] for p in periods)
    rows = (
        _hotspots(area)
        .filter(occurred_on__range=(first, last))
        .values_list("province_id", "topics")
        .annotate(
            **{f"n{i}": Count("id", distinct=True, filter=Q(occurred_on__range=p)) for i, p in enumerate(periods)}
        )
    )
    return [(province_id, topic_id, figures) for province_id, topic_id, *figures in rows]


def _topic_counts(
    area: Area, periods: list[tuple[dt.date, dt.date]], topics: dict, cells: list | None = None
) -> list[Counter]:
    """For each period (first day, last day), the mentions of each topic (by slug): hotspots that occurred, and
    reports submitted, naming it. Two queries whatever the number of periods (a count per period in each); one when
    the hotspots' cells of the same periods are given."""
    counts: list[Counter] = [Counter() for _ in periods]
    first, last = min(p[0] for p in periods), max(p[1] for p in periods)
    cells = _hotspot_cells(area, periods) if cells is None else cells
    rep = (
        _reports(area)
        .filter(_sent(first, last))
        .values_list("topics")
        .annotate(**{f"n{i}": Count("id", distinct=True, filter=_sent(*p)) for i, p in enumerate(periods)})
    )
    # A hotspot has one province: its counts per (province, topic) add up to its topic's.
    for topic_id, figures in [*((t, f) for _p, t, f in cells), *((t, f) for t, *f in rep)]:
        if topic_id in topics:
            for i, n in enumerate(figures):
                counts[i][topics[topic_id][0]] += n
    return counts


def topics_compared(
    area: Area, kind: str, start: dt.date, end: dt.date, topics: dict | None = None, cells: list | None = None
) -> list[dict]:
    """Each topic mentioned in this period or the last: this period's count, the last's, the change; rising first.
    `cells`: the hotspots' `_hotspot_cells` of [this period, the last], when the caller has them."""
    topics = _topics() if topics is None else topics
    now, before = _topic_counts(area, [(start, end), previous_period(kind, start)], topics, cells)
    names = dict(topics.values())
    rows = [
        {"topic": names.get(slug, slug), "slug": slug, "now": now[slug], "before": before[slug]}
        for slug in set(now) | set(before)
        if now[slug] or before[slug]
    ]
    for row in rows:
        row["change"] = row["now"] - row["before"]
    return sorted(rows, key=lambda r: (-r["change"], -r["now"], r["topic"]))


def hotspots_by_province_topic(
    area: Area,
    start: dt.date,
    end: dt.date,
    provinces: dict | None = None,
    topics: dict | None = None,
    cells: list | None = None,
    active_seen: list | None = None,
) -> list[dict]:
    """New (occurred in the dates) and active hotspots, counted by province and topic; restricted ones included.
    `cells`: `_hotspot_cells` whose first period is the dates, when the caller has them (one query fewer).
    `active_seen`: a list that gets the number of active hotspots when they are read one by one (a province)."""
    provinces = _province_names(area) if provinces is None else provinces
    topics = _topics() if topics is None else topics
    table: dict[tuple[str, str], dict] = defaultdict(lambda: {"new": 0, "active": 0})
    base = _hotspots(area)
    cells = _hotspot_cells(area, [(start, end)]) if cells is None else cells
    for province_id, topic_id, figures in cells:
        if figures[0]:
            province = provinces.get(province_id, ("", ""))[1]
            table[(province, topics.get(topic_id, ("", ""))[1])]["new"] += figures[0]
    active = base.filter(status__in=Hotspot.ACTIVE_STATUSES)
    if area.province is None:
        grouped = active.values_list("province_id", "topics").annotate(n=Count("id", distinct=True))
        for province_id, topic_id, n in grouped:
            province = provinces.get(province_id, ("", ""))[1]
            table[(province, topics.get(topic_id, ("", ""))[1])]["active"] += n
    else:
        # A province's ~1,000 active hotspots: joined to their topics, PostgreSQL hash-joins them to every
        # hotspot–topic row of the country (a full scan, ~100 ms at 100,000 hotspots, even given their ids). Each
        # hotspot's topics read by a subquery of its own are index probes (~10 ms). The nation's active third is
        # better served by the grouped join above.
        rows = active.annotate(tags=_topic_ids()).values_list("province_id", "tags")
        seen = 0
        for province_id, ids in rows:
            seen += 1
            province = provinces.get(province_id, ("", ""))[1]
            # No topic: counted under none, as the grouped join does.
            for topic_id in ids.split(",") if ids else [None]:
                topic = topics.get(int(topic_id), ("", ""))[1] if topic_id else ""
                table[(province, topic)]["active"] += 1
        if active_seen is not None:
            active_seen.append(seen)
    return [{"province": p, "topic": t, **v} for (p, t), v in sorted(table.items())]


def _topic_ids() -> Subquery:
    """A hotspot's topic ids as "3,7" (or None), by a correlated subquery: index probes per hotspot, where a join
    to the topics would scan every hotspot–topic row of the country for a province's few hundred."""
    return Subquery(
        Hotspot.topics.through.objects.filter(hotspot_id=OuterRef("pk"))
        .values("hotspot_id")
        .annotate(ids=StringAgg(Cast("topic_id", CharField()), delimiter=Value(",")))
        .values("ids")
    )


def new_hotspots(
    area: Area, start: dt.date, end: dt.date, provinces: dict | None = None, topics: dict | None = None
) -> tuple[list[dict], int]:
    """The hotspots that occurred in the dates, most severe first (at most LISTED_HOTSPOTS), and how many there
    were. Restricted ones carry their id and the flag only: who sees them is decided when the digest is shown.
    Each hotspot's topics come with it (a subquery), named from `topics` in the topics' order: no second query."""
    provinces = _province_names(area) if provinces is None else provinces
    topics = _topics() if topics is None else topics
    position = {pk: i for i, pk in enumerate(topics)}
    qs = _hotspots(area).filter(occurred_on__range=(start, end))
    rows = list(
        qs.select_related("severity", "place_unit")
        .annotate(tags=_topic_ids())
        .order_by("-severity__rank", "-occurred_on", "-id")[:LISTED_HOTSPOTS]
    )
    # Counted only when the list is cut short (a province's month has ~50: one query saved).
    total = len(rows) if len(rows) < LISTED_HOTSPOTS else qs.count()
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
                topics=[
                    topics[pk][1]
                    for pk in sorted((int(x) for x in h.tags.split(",")) if h.tags else (), key=position.get)
                    if pk in topics
                ],
            )
        listed.append(entry)
    return listed, total


def digest_data(*, unit: OrgUnit, kind: str, start: dt.date) -> dict:
    """Everything a digest shows, as JSON-ready data."""
    start, end = period_bounds(kind, start)
    prev_start, prev_end = previous_period(kind, start)
    area = area_of(unit)
    month = reporting_month(kind, start, end)
    # Read once for the whole digest (each figure used to read them again); a province's names come with its area.
    provinces, topics = _province_names(area), _topics()
    listed, total = new_hotspots(area, start, end, provinces, topics)
    # This period's and the last's hotspots by province and topic, once: the new ones by province and topic, and
    # the topics compared (sit11f: was two queries).
    cells = _hotspot_cells(area, [(start, end), (prev_start, prev_end)])
    active_seen: list[int] = []
    by_province_topic = hotspots_by_province_topic(area, start, end, provinces, topics, cells, active_seen)
    if area.province is None:
        missing = not_reported(area, month)
        communes = communes_of(area).count()
        active_total = _hotspots(area).filter(status__in=Hotspot.ACTIVE_STATUSES).count()
    else:
        # A province's ~100 communes with their "reported" flag in one query give both the count and the missing
        # ones; its active hotspots were just read one by one, so their number is known.
        missing, communes = _communes_reported(area, month)
        active_total = active_seen[0]
    return {
        "area": unit.name,
        "national": area.province is None,
        "kind": kind,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "previous": [prev_start.isoformat(), prev_end.isoformat()],
        "new_total": total,
        "active_total": active_total,
        "new_hotspots": listed,
        "by_province_topic": by_province_topic,
        "topics": topics_compared(area, kind, start, end, topics, cells),
        "reporting_month": month.isoformat(),
        "communes": communes,
        "not_reported": missing,
    }


def _communes_reported(area: Area, month: dt.date) -> tuple[list[dict], int]:
    """(the communes that did not report `month`, as `not_reported` gives them; how many communes the area has), in
    one query that reads each commune with its flag: for a province (~100 rows), not for the nation (3,321)."""
    rows = (
        communes_of(area)
        .annotate(done=ExpressionWrapper(_reported(area, month), output_field=BooleanField()))
        .values_list("code", "name", "admin_unit__parent__name", "done")
    )
    communes = 0
    missing = []
    for code, name, province, done in rows:
        communes += 1
        if not done:
            missing.append({"code": code, "name": name, "province": province or ""})
    return sorted(missing, key=lambda r: (r["province"], r["name"])), communes


def map_data(*, area: Area, month: dt.date) -> dict:
    """For the map: per province (or per commune of one province) the hotspots that occurred in `month`, the
    active ones among them, and reporting coverage for the month."""
    start, end = period_bounds("monthly", month)
    hot = _hotspots(area).filter(occurred_on__range=(start, end))
    reported = _reported(area, month)
    if area.province is None:
        # Grouped in the database by province code: 34 rows, not the country's communes and reports.
        counts = Counter(dict(hot.values_list("province__admin_unit__code").annotate(n=Count("id"))))
        coverage = {
            code: (total, done)
            for code, total, done in communes_of(area)
            .values_list("admin_unit__parent__code")
            .annotate(total=Count("id"), done=Count("id", filter=reported))
        }
        cells = {
            p.code: {
                "name": p.name,
                "hotspots": counts[p.code],
                "communes": coverage.get(p.code, (0, 0))[0],
                "reported": coverage.get(p.code, (0, 0))[1],
            }
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
    communes = (
        communes_of(area)
        .annotate(reported=ExpressionWrapper(reported, output_field=BooleanField()))
        .order_by("name")
        .values_list("pk", "code", "name", "reported")
    )
    cells = {code: {"name": name, "hotspots": per_commune[pk], "reported": done} for pk, code, name, done in communes}
    return {"level": "commune", "cells": cells, "elsewhere": per_commune[None]}
