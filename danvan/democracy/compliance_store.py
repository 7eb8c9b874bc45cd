"""The compliance table of a calendar quarter, stored per kind of base (decision 0047).

The national page sorted 3,321 communes in Python on every request. A quarter's table is now built once by the
same code as the live roll-up (`selectors.compliance_rollup` over the whole country) into `ComplianceSummary` rows,
and a page reads 100 of them in the roll-up's order from an index, with two counts. It stays equal to the live
computation because:
  - posting or correcting a disclosure recounts its base's row in every stored quarter it touches, in the
    service's transaction, with the live roll-up's own counting (`selectors.rollup_count`), holding that row's lock
    only: two communes posting at once do not wait for each other (decision 0055);
  - a commune registering its base gets the link on its rows (its counts were, and stay, zero); an agency or
    enterprise registered drops the stored quarters of its kind;
  - each stored quarter carries the tree's version and the catalogue's figures it was built from: when either
    differs, the next read rebuilds it (one transaction, holding the quarter's row lock);
  - disclosures written outside the services (SQL loads, the bench): `manage.py democracy_compliance_rebuild`.
Other windows (months, halves, years) and every other reader that needs the whole list compute live.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.democracy.models import Base, BaseKind, ComplianceQuarter, ComplianceSummary, DisclosureItem
from danvan.democracy.selectors import (
    BaseRef,
    CommuneRollup,
    UnitRef,
    _folded,
    compliance_rollup,
    required_items,
    rollup_count,
)
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import tree_version

ORDER = ("-behind", "-missing", "name_rank")  # name_rank is unique within a quarter


def quarter_window(start: dt.date, end: dt.date) -> bool:
    """Whether [start, end] is exactly one calendar quarter (the only windows stored)."""
    if start.day != 1 or start.month not in (1, 4, 7, 10):
        return False
    last = dt.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
    return end == last


def _catalogue_qs(kind: str):
    """What of the catalogue the counts depend on, as one SQL value: every item of the kind with its frequency,
    deadline, minimum posting time and whether it is in use. A correction of any, however made (service, admin,
    migration), changes it. Read as a subquery with the stored quarter, so checking it costs no query."""
    from django.db.models import CharField, StringAgg, Value
    from django.db.models.functions import Cast, Coalesce, Concat

    def text(field):
        return Coalesce(Cast(field, CharField()), Value("-"))

    parts = []
    for field in ("pk", "frequency", "due_days", "min_days", "is_active"):
        parts += [text(field), Value(":")]
    return (
        DisclosureItem.objects.filter(base_kind=kind)
        .order_by()
        .values("base_kind")
        .annotate(key=StringAgg(Concat(*parts[:-1], output_field=CharField()), Value("|"), order_by="pk"))
        .values_list("key", flat=True)
    )


def _catalogue_in_sql() -> bool:
    # An ordered string aggregate (PostgreSQL); SQLite reads the figures in a query of their own.
    from django.db import connection

    return connection.features.supports_aggregate_order_by_clause


def catalogue_key(kind: str) -> str:
    if _catalogue_in_sql():
        return (next(iter(_catalogue_qs(kind)[:1]), None) or "")[:2000]
    rows = DisclosureItem.objects.filter(base_kind=kind).order_by("pk")
    return "|".join(
        f"{pk}:{frequency}:{'-' if due is None else due}:{'-' if minimum is None else minimum}:{active}"
        for pk, frequency, due, minimum, active in rows.values_list(
            "pk", "frequency", "due_days", "min_days", "is_active"
        )
    )[:2000]


def _centre() -> OrgUnit | None:
    return OrgUnit.objects.filter(level=OrgUnit.Level.CENTRAL).order_by("depth", "pk").first()


def _summary(quarter: ComplianceQuarter, row: CommuneRollup, rank: int) -> ComplianceSummary:
    return ComplianceSummary(
        quarter=quarter,
        unit_id=row.unit.pk,
        unit_code=row.unit.code,
        unit_name=row.unit.name,
        base_id=row.base.pk if row.base else None,
        base_public_id=row.base.public_id if row.base else None,
        row_name=row.row_name,
        province_name=row.province_name,
        name_rank=rank,
        required=row.required,
        disclosed=row.disclosed,
        late=row.late,
        short=row.short,
        missing=row.missing,
        behind=row.behind,
    )


def _fill(quarter: ComplianceQuarter) -> int:
    """(Re)write the quarter's rows from the live roll-up of the whole country. Inside the caller's transaction."""
    centre = _centre()
    rows = compliance_rollup(area=centre, kind=quarter.kind, start=quarter.start, end=quarter.end) if centre else []
    ranks = sorted(range(len(rows)), key=lambda i: (_folded(rows[i].province_name), _folded(rows[i].name)))
    rank_of = {i: n for n, i in enumerate(ranks)}
    ComplianceSummary.objects.filter(quarter=quarter).delete()
    ComplianceSummary.objects.bulk_create(
        [_summary(quarter, row, rank_of[i]) for i, row in enumerate(rows)], batch_size=2000
    )
    quarter.total = len(rows)
    quarter.save(update_fields=["total"])
    return len(rows)


# A namespace for the advisory locks of the stored quarters (any constant no other code uses).
_LOCK_SPACE = 470055
_KINDS = {kind: n for n, kind in enumerate(BaseKind.values)}


def _quarter_key(kind: str, day: dt.date) -> int:
    return _KINDS[kind] * 100_000 + day.year * 4 + (day.month - 1) // 3


def _lock_quarters(kind: str, days, *, shared: bool) -> None:
    """Take the transaction-long advisory lock of the quarters of `days` (PostgreSQL; SQLite serialises every write
    anyway). Shared by the postings, which then lock only their base's row, so the communes of a quarter post in
    parallel; exclusive for a rebuild, which so waits for the postings in flight (and they for it): its count
    misses none of them, and none of them writes into rows it is replacing. A lock on a key, not on the quarter's
    row, also covers a quarter being stored for the first time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        for key in sorted({_quarter_key(kind, day) for day in days}):  # one order everywhere: no deadlock
            cursor.execute(f"SELECT {function}(%s, %s)", [_LOCK_SPACE, key])


def summary_build(*, kind: str, start: dt.date, end: dt.date) -> ComplianceQuarter:
    """Build (or rebuild) the stored table of one quarter and kind; current when it returns."""
    with transaction.atomic():
        _lock_quarters(kind, [start], shared=False)
        # Read after the lock: a change of the tree or catalogue committed while this waited is in the label.
        version, catalogue = tree_version(), catalogue_key(kind)
        quarter, _created = ComplianceQuarter.objects.select_for_update().get_or_create(
            kind=kind,
            start=start,
            defaults={"end": end, "tree_version": version, "catalogue": catalogue, "built_at": timezone.now()},
        )
        quarter.end, quarter.tree_version, quarter.catalogue = end, version, catalogue
        quarter.built_at = timezone.now()
        quarter.save()
        _fill(quarter)
    return quarter


def _current(kind: str, start: dt.date, end: dt.date) -> ComplianceQuarter:
    """The stored quarter, rebuilt first if missing or built from another tree or catalogue. The tree's version is
    read before the tree, so a table can only be labelled older than what it holds (rebuilt once more, never
    stale)."""
    from django.db.models import CharField, Count, OuterRef, Subquery

    from danvan.organisations.models import TreeVersion

    # The tree's version and the catalogue's figures read with the quarter, in one query.
    in_sql = _catalogue_in_sql()
    quarter = ComplianceQuarter.objects.filter(kind=kind, start=start).annotate(
        current=Subquery(TreeVersion.objects.filter(pk=1).values("number")[:1]),
        # The country's rows behind, counted on the page's index with the quarter (no counter row that every
        # posting of the country would have to update: decision 0055).
        behind_now=Subquery(
            ComplianceSummary.objects.filter(quarter=OuterRef("pk"), behind=True)
            .order_by()
            .values("quarter")
            .annotate(n=Count("id"))
            .values("n")[:1]
        ),
    )
    if in_sql:
        quarter = quarter.annotate(catalogue_now=Subquery(_catalogue_qs(kind)[:1], output_field=CharField()))
    quarter = quarter.first()
    if quarter is not None:
        catalogue_now = (quarter.catalogue_now or "")[:2000] if in_sql else catalogue_key(kind)
        if quarter.tree_version == (quarter.current or 0) and quarter.catalogue == catalogue_now:
            return quarter
    version, catalogue = tree_version(), catalogue_key(kind)
    with transaction.atomic():
        if quarter is not None:
            quarter = ComplianceQuarter.objects.select_for_update().filter(pk=quarter.pk).first()
            if quarter is not None and quarter.tree_version == version and quarter.catalogue == catalogue:
                return quarter  # another request rebuilt it while this one waited
    return summary_build(kind=kind, start=start, end=end)


@dataclass
class StoredRollup:
    """The roll-up of an area read from a stored quarter: a sequence the paginator slices (one query a page),
    with its length and the number behind counted in one query."""

    rows: object  # a QuerySet of ComplianceSummary, in the roll-up's order
    total: int
    behind: int

    def __len__(self) -> int:
        return self.total

    def count(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_as_rollup(s) for s in self.rows[index]]
        return _as_rollup(self.rows[index])

    def __iter__(self):
        return (_as_rollup(s) for s in self.rows.iterator(chunk_size=2000))

    def only_behind(self) -> "StoredRollup":
        return StoredRollup(rows=self.rows.filter(behind=True), total=self.behind, behind=self.behind)


def _as_rollup(s: ComplianceSummary) -> CommuneRollup:
    return CommuneRollup(
        unit=UnitRef(s.unit_id, s.unit_code, s.unit_name),
        base=BaseRef(s.base_id, s.base_public_id) if s.base_id else None,
        required=s.required,
        disclosed=s.disclosed,
        late=s.late,
        short=s.short,
        province_name=s.province_name,
        row_name=s.row_name,
    )


def stored_rollup(*, area: OrgUnit, kind: str, start: dt.date, end: dt.date) -> StoredRollup | None:
    """The roll-up of `area` from the stored quarter (built or rebuilt first if needed); None when [start, end] is
    not a calendar quarter (the caller computes live)."""
    from django.db.models import Count

    if not quarter_window(start, end):
        return None
    quarter = _current(kind, start, end)
    rows = ComplianceSummary.objects.filter(quarter=quarter)
    if area.level == OrgUnit.Level.CENTRAL:
        if hasattr(quarter, "behind_now"):
            behind = quarter.behind_now or 0  # read with the quarter (None: no row behind)
        else:
            behind = rows.filter(behind=True).count()  # just rebuilt
        return StoredRollup(rows=rows.order_by(*ORDER), total=quarter.total, behind=behind)
    rows = rows.filter(unit__ancestor_links__ancestor=area)
    counts = rows.aggregate(total=Count("id"), behind=Count("id", filter=Q(behind=True)))
    return StoredRollup(rows=rows.order_by(*ORDER), total=counts["total"], behind=counts["behind"])


def summary_recount(*, base: Base, dates) -> None:
    """Recount `base`'s row in every stored quarter containing one of `dates` (a disclosure's start, before and
    after a correction). Called inside the disclosure service's transaction, after its write.

    Locks: the quarters' advisory locks shared (a rebuild waits for this posting, and this posting for a rebuild in
    progress), then this base's row in each quarter. Two postings of one commune in a quarter take turns on its row,
    and the second counts after the first has committed (each statement of READ COMMITTED reads what is committed
    when it starts); postings of two communes hold different rows and neither waits (decision 0055)."""
    dates = {d for d in dates if d is not None}
    if not dates:
        return
    _lock_quarters(base.kind, dates, shared=True)
    when = Q()
    for d in dates:
        when |= Q(start__lte=d, end__gte=d)
    quarters = list(ComplianceQuarter.objects.filter(when, kind=base.kind).order_by("pk"))
    for quarter in quarters:
        row = ComplianceSummary.objects.select_for_update().filter(quarter=quarter, base=base).first()
        if row is None:
            continue  # built before the base existed: dropped when it was registered (see summary_base_added)
        items = {i.pk: i for i in required_items(base.kind, quarter.start, quarter.end)}
        counted = _as_rollup(row)
        counted.disclosed = counted.late = counted.short = 0
        counted.required = len(items)
        rollup_count({base.pk: counted}, items, Q(base=base), quarter.start, quarter.end)
        ComplianceSummary.objects.filter(pk=row.pk).update(
            required=counted.required,
            disclosed=counted.disclosed,
            late=counted.late,
            short=counted.short,
            missing=counted.missing,
            behind=counted.behind,
        )


def summary_base_added(*, base: Base) -> None:
    """A base was registered. A commune's rows already stand in every stored quarter (without a base, counts zero):
    they get its link. An agency or enterprise is a new row everywhere: its kind's stored quarters are dropped and
    rebuilt by the next read."""
    if base.kind == BaseKind.COMMUNE:
        ComplianceSummary.objects.filter(quarter__kind=base.kind, unit_id=base.unit_id, base__isnull=True).update(
            base=base, base_public_id=base.public_id
        )
    else:
        ComplianceQuarter.objects.filter(kind=base.kind).delete()


def summary_rebuild_all(*, kinds=None, since: dt.date | None = None, progress=None) -> int:
    """Rebuild every quarter, per kind, from the first disclosure's quarter (or `since`) to this quarter. Returns
    the number of quarters built."""
    from django.db.models import Min

    from danvan.democracy.models import Disclosure

    today = timezone.localdate()
    built = 0
    for kind in kinds or BaseKind.values:
        first = since or Disclosure.objects.filter(base__kind=kind).aggregate(first=Min("start_date"))["first"]
        if first is None:
            ComplianceQuarter.objects.filter(kind=kind).delete()
            continue
        start = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
        while start <= today:
            end = dt.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
            summary_build(kind=kind, start=start, end=end)
            built += 1
            if progress:
                progress(kind, start, built)
            start = end + dt.timedelta(days=1)
    return built
