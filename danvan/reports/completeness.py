"""The completeness table's units, stored in its order once per tree version (decision 0043).

A page of the national table used to sort the 3,356 expected units by (depth, sort_order, name, id), probe each
row's report through the unit index and find its province through the parent index: ~7× the time of reading the
quarter's reports at all. The order depends only on the tree, which changes a few times a year, so it is stored:
`CompletenessList` per (unit, form scope, unit kinds), labelled with the tree's version, and rebuilt on the
first read after the tree changed. A page is then a range of positions plus its reports read by the unique
(form, period, unit) index; the counts group the period's reports of the listed units. Reports themselves are
never copied: submitting one writes nothing here.
"""

from django.db import IntegrityError, transaction
from django.db.models import FilteredRelation, OuterRef, Q, Subquery

from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.organisations.selectors import tree_version
from danvan.reports.models import CompletenessEntry, CompletenessList, ReportForm

BATCH = 2000


def expected_units(unit: OrgUnit, form: ReportForm):
    """The units under `unit` that owe this form (`unit` itself included), unordered."""
    expected = OrgUnit.objects.filter(kind__in=form.unit_kinds, is_active=True)
    if unit.parent_id is not None:  # the root's subtree is every unit: no join needed
        expected = expected.filter(ancestor_links__ancestor=unit)
    if form.scope_id:
        expected = expected.filter(
            pk__in=OrgUnitClosure.objects.filter(ancestor_id=form.scope_id).values("descendant_id")
        )
    return expected


# The table's order. The id last: without a total order, pages could repeat or skip units of equal names.
ORDER = ("depth", "sort_order", "name", "pk")


def list_key(unit: OrgUnit, form: ReportForm) -> str:
    return f"{unit.pk}:{form.scope_id or 0}:{','.join(sorted(set(form.unit_kinds)))}"


def completeness_list_get(*, unit: OrgUnit, form: ReportForm) -> CompletenessList:
    """The stored list for this unit and form, built or rebuilt first if the tree changed since (one keyed read
    when it is current)."""
    from danvan.organisations.models import TreeVersion

    key = list_key(unit, form)
    stored = (
        CompletenessList.objects.filter(key=key)
        .annotate(current=Subquery(TreeVersion.objects.filter(pk=1).values("number")[:1]))
        .first()
    )
    if stored is not None and stored.tree_version == (stored.current or 0):
        return stored
    return completeness_list_build(unit=unit, form=form)


def completeness_list_build(*, unit: OrgUnit, form: ReportForm) -> CompletenessList:
    """(Re)build the stored list of `unit` and `form` for the tree as it is now.

    Derived data, like the roll-up totals: no audit event (the tree changes that cause a rebuild are audited by
    their own services). The version is read before the tree, so a list is never labelled newer than what it
    holds; a concurrent builder waits on the list's row lock and then finds the list current."""
    key = list_key(unit, form)
    version = tree_version()
    with transaction.atomic():
        created = False
        try:
            with transaction.atomic():
                stored, created = CompletenessList.objects.get_or_create(key=key, defaults={"tree_version": version})
        except IntegrityError:  # another request created it first, and built it in the same transaction
            pass
        if not created:
            stored = CompletenessList.objects.select_for_update().get(key=key)
            if stored.tree_version == version:
                return stored
        rows = _ordered_rows(unit, form)
        CompletenessEntry.objects.filter(list=stored).delete()
        CompletenessEntry.objects.bulk_create(
            [
                CompletenessEntry(
                    list=stored,
                    position=position,
                    unit_id=pk,
                    code=code,
                    name=name,
                    parent_name=parent or "",
                    province_name=province or "",
                )
                for position, (pk, code, name, parent, province) in enumerate(rows)
            ],
            batch_size=BATCH,
        )
        stored.tree_version = version
        stored.size = len(rows)
        stored.save(update_fields=["tree_version", "size", "built_at"])
    return stored


def _ordered_rows(unit: OrgUnit, form: ReportForm):
    """(id, code, name, parent's name, province's name) of the expected units in the table's order."""
    expected = expected_units(unit, form)
    if unit.parent_id is None:
        # The root's children are the provinces: each row's ancestor directly below the root.
        province = Subquery(
            OrgUnitClosure.objects.filter(descendant_id=OuterRef("pk"), ancestor__parent_id=unit.pk).values(
                "ancestor__name"
            )[:1]
        )
        expected = expected.annotate(province=province)
        fields = ("pk", "code", "name", "parent__name", "province")
    else:
        fields = ("pk", "code", "name", "parent__name")
    rows = expected.order_by(*ORDER).values_list(*fields)
    return [row if len(row) == 5 else (*row, "") for row in rows]


def rows_with_reports(stored: CompletenessList, form: ReportForm, period, start: int, stop: int | None):
    """(unit id, code, name, parent's name, province's name, status, submitted at, due date) at positions
    [start, stop) of the list, in order; status etc. are None where the unit has no report. One query: the range
    of positions, each unit LEFT JOINed to its report by the unique (form, period, unit) index (a separate
    `unit_id IN (…)` let PostgreSQL pick the unit index and read each unit's 40 periods)."""
    entries = CompletenessEntry.objects.filter(list=stored, position__gte=start)
    if stop is not None:
        entries = entries.filter(position__lt=stop)
    report = FilteredRelation(
        "unit__submissions", condition=Q(unit__submissions__form=form, unit__submissions__period=period)
    )
    return (
        entries.annotate(report=report)
        .order_by("position")
        .values_list(
            "unit_id",
            "code",
            "name",
            "parent_name",
            "province_name",
            "report__status",
            "report__submitted_at",
            "report__due_date",
        )
    )


def listed_reports(stored: CompletenessList, form: ReportForm, period):
    """The period's reports of the listed units."""
    from danvan.reports.models import Submission

    return Submission.objects.filter(form=form, period=period).filter(
        unit_id__in=CompletenessEntry.objects.filter(list=stored).values("unit_id")
    )
