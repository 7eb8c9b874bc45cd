"""The completeness table reads its units from a list stored per tree version (decision 0043). It gives exactly
the rows and counts of the live query it replaced, follows every change of the tree at once (a unit moved, added,
dissolved, renamed, reordered, even by a plain UPDATE), and costs the report submit path nothing."""

import pytest
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, FilteredRelation, Q
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.organisations.selectors import tree_version
from danvan.organisations.services import orgunit_create, orgunit_move, orgunit_update
from danvan.reports import selectors
from danvan.reports.models import CompletenessList, ReportForm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


def unit(code):
    return OrgUnit.objects.get(code=code)


# The live query the stored lists replaced (commit 47a9e25), kept here as the reference.
def _old_expected(root, form, period):
    expected = OrgUnit.objects.filter(kind__in=form.unit_kinds, is_active=True)
    if root.parent_id is not None:
        expected = expected.filter(ancestor_links__ancestor=root)
    if form.scope_id:
        expected = expected.filter(
            pk__in=OrgUnitClosure.objects.filter(ancestor_id=form.scope_id).values("descendant_id")
        )
    return expected.annotate(
        report=FilteredRelation("submissions", condition=Q(submissions__form=form, submissions__period=period))
    )


def _old_rows(root, form, period, start=0, stop=None, *, with_province=False):
    rows = _old_expected(root, form, period).order_by("depth", "sort_order", "name", "pk")
    rows = rows.values_list(
        "pk", "code", "name", "parent__name", "report__status", "report__submitted_at", "report__due_date"
    )[start:stop]
    rows = [
        (pk, code, name, parent or "", status or "missing", sub, due)
        for pk, code, name, parent, status, sub, due in rows
    ]
    province_of = {}
    if with_province and root.parent_id is None and rows:
        province_of = dict(
            OrgUnitClosure.objects.filter(
                descendant_id__in=[r[0] for r in rows], ancestor__parent_id=root.pk
            ).values_list("descendant_id", "ancestor__name")
        )
    return [(*row, province_of.get(row[0], "")) for row in rows]


def _old_counts(root, form, period):
    grouped = (
        _old_expected(root, form, period)
        .annotate(
            sent=ExpressionWrapper(Q(report__submitted_at__isnull=False), output_field=BooleanField()),
            late=ExpressionWrapper(
                Q(report__submitted_at__date__gt=F("report__due_date")), output_field=BooleanField()
            ),
        )
        .values("report__status", "sent", "late")
        .annotate(n=Count("pk"))
        .order_by()
    )
    summary = dict.fromkeys(("expected", "missing", "draft", "submitted", "returned", "approved", "late", "on_time"), 0)
    for row in grouped:
        summary["expected"] += row["n"]
        summary[row["report__status"] or "missing"] += row["n"]
        if row["sent"]:
            summary["late" if row["late"] else "on_time"] += row["n"]
    return summary


def _as_tuples(rows):
    return [
        (r.unit_id, r.code, r.name, r.parent_name, r.status, r.submitted_at, r.due_date, r.province_name) for r in rows
    ]


def _assert_same_as_the_live_query(root, form, period, per_page):
    full = _old_rows(root, form, period)
    assert _as_tuples(selectors.completeness(unit=root, form=form, period=period)) == full
    assert selectors.completeness_counts(unit=root, form=form, period=period) == _old_counts(root, form, period)
    pages = max(1, -(-len(full) // per_page))
    for number in sorted({1, 2, pages, pages + 1}):
        page = selectors.completeness_page(unit=root, form=form, period=period, page=number, per_page=per_page)
        start = (number - 1) * per_page
        assert _as_tuples(page) == _old_rows(root, form, period, start, start + per_page, with_province=True)
    return full


@pytest.fixture
def reported(report, commune_officer_a, leader_a):
    """Three communes' reports in three states: submitted, returned, draft."""
    from danvan.reports.services import report_return

    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    returned = report("C7294-KDV", make_user("bo.ha", "officer", "C7294-DU"), {"doi_thoai_cuoc": "2"})
    report_return(actor=leader_a, submission=returned, comment="Sửa lại.")
    commune_b = OrgUnit.objects.filter(code__endswith="-KDV", ancestor_links__ancestor__code="P91-TU").first()
    report(commune_b.code, make_user("xa.b", "officer", commune_b.parent.code), {"doi_thoai_cuoc": "7"}, submit=False)
    return commune_b


def test_the_stored_lists_give_the_live_querys_rows_through_moves_additions_and_dissolutions(
    sysadmin, reported, quarterly, q1
):
    roots = [unit("TW"), unit("P24-TU"), unit("P91-TU")]

    def same_everywhere():
        for root in roots:
            root.refresh_from_db()
            _assert_same_as_the_live_query(root, quarterly, q1, per_page=500 if root.parent_id is None else 7)

    same_everywhere()
    # A commune (with its khối dân vận and its report) moves to another province.
    orgunit_move(actor=sysadmin, unit=unit("C7288-DU"), new_parent=unit("P91-TU"))
    same_everywhere()
    p91 = selectors.completeness(unit=unit("P91-TU"), form=quarterly, period=q1)
    assert "C7288-KDV" in {r.code for r in p91}
    # A new unit that owes the report; a unit dissolved; a unit renamed (its place in the order changes).
    added = orgunit_create(actor=sysadmin, parent=unit("C7294-DU"), name="Khối dân vận 2", kind="danvan_bloc")
    same_everywhere()
    assert added.code in {r.code for r in selectors.completeness(unit=unit("P24-TU"), form=quarterly, period=q1)}
    dissolved = unit("C7294-KDV")
    orgunit_update(actor=sysadmin, unit=dissolved, name=dissolved.name, is_active=False)
    same_everywhere()
    assert "C7294-KDV" not in {r.code for r in selectors.completeness(unit=unit("TW"), form=quarterly, period=q1)}
    orgunit_update(actor=sysadmin, unit=added, name="A khối đầu tiên", is_active=True)
    same_everywhere()
    # Even a plain UPDATE that no service made (a script, the admin) is followed.
    OrgUnit.objects.filter(code=reported.code).update(sort_order=0)
    OrgUnit.objects.filter(code="P91-TU").update(name="Tỉnh An Giang mới")
    same_everywhere()


def test_a_form_of_one_province_lists_that_province_only(sysadmin, reported, quarterly, q1):
    scoped = ReportForm.objects.create(
        code="quy-p24",
        name="Báo cáo quý của tỉnh",
        frequency="quarter",
        scope=unit("P24-TU"),
        unit_kinds=["danvan_bloc"],
    )
    for code in ("TW", "P24-TU", "C7288-DU", "P91-TU"):
        _assert_same_as_the_live_query(unit(code), scoped, q1, per_page=9)
    assert selectors.completeness_counts(unit=unit("P91-TU"), form=scoped, period=q1)["expected"] == 0
    # The same kinds and scope share one list; another scope has its own.
    twin = ReportForm.objects.create(
        code="quy-p24-b", name="Báo cáo quý (2)", frequency="quarter", scope=unit("P24-TU"), unit_kinds=["danvan_bloc"]
    )
    before = CompletenessList.objects.count()
    selectors.completeness_counts(unit=unit("TW"), form=twin, period=q1)
    assert CompletenessList.objects.count() == before


def test_a_page_is_a_fixed_number_of_queries_and_a_tree_change_is_seen_at_once(
    client_for, sysadmin, reported, quarterly
):
    client = client_for(sysadmin)
    url = f"/bao-cao/tien-do/?form={quarterly.pk}&period=quarter-2026-1&unit=P24-TU"
    client.get(url)
    with CaptureQueriesContext(connection) as steady:
        before = client.get(url)
    orgunit_create(actor=sysadmin, parent=unit("C7288-DU"), name="Khối dân vận thôn mới", kind="danvan_bloc")
    with CaptureQueriesContext(connection) as rebuilt:
        changed = client.get(url)
    assert changed.context["summary"]["expected"] == before.context["summary"]["expected"] + 1
    assert "Khối dân vận thôn mới" in changed.content.decode()
    assert len(rebuilt) > len(steady)  # the list was rebuilt once ...
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert len(again) == len(steady)  # ... and is read as before


def test_submitting_a_report_writes_nothing_to_the_stored_lists(report, commune_officer_a, quarterly, q1):
    province = unit("P24-TU")
    assert selectors.completeness_counts(unit=province, form=quarterly, period=q1)["submitted"] == 0
    stored = CompletenessList.objects.get()
    with CaptureQueriesContext(connection) as submit:
        report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    sql = " ".join(q["sql"] for q in submit.captured_queries)
    assert "reports_completeness" not in sql and "organisations_treeversion" not in sql
    with CaptureQueriesContext(connection) as read:
        counts = selectors.completeness_counts(unit=province, form=quarterly, period=q1)
    assert counts["submitted"] == 1 and len(read) == 2  # the list (current) and the grouped count
    assert CompletenessList.objects.get().built_at == stored.built_at


def test_the_tree_version_counts_changes_of_the_tree_only():
    kdv = unit("C7288-KDV")
    start = tree_version()
    OrgUnit.objects.filter(pk=kdv.pk).update(search_text="khoi dan van yen the")
    assert tree_version() == start
    OrgUnit.objects.filter(pk=kdv.pk).update(sort_order=kdv.sort_order + 1)
    assert tree_version() > start
    moved = tree_version()
    OrgUnitClosure.objects.filter(descendant=kdv, depth=1).delete()
    assert tree_version() > moved
