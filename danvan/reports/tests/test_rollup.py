from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.organisations.models import OrgUnit
from danvan.reports.selectors import completeness, completeness_summary, drilldown, pivot, rollup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


@pytest.fixture
def two_communes(report, commune_officer_a, q2):
    other = make_user("bo.ha", "officer", "C7294-DU")
    report(
        "C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3", "doi_thoai_kien_nghi": "10", "doi_thoai_ty_le_gq": "50"}
    )
    report("C7294-KDV", other, {"doi_thoai_cuoc": "2", "doi_thoai_kien_nghi": "30", "doi_thoai_ty_le_gq": "90"})
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "4"}, period=q2)
    return other


def values(rows):
    return {r.indicator.code: (r.value, r.ytd) for r in rows}


def test_the_province_sees_its_communes_figures_live(two_communes, quarterly, q1, q2):
    province = OrgUnit.objects.get(code="P24-TU")
    q1_rows = values(rollup(unit=province, form=quarterly, period=q1))
    assert q1_rows["doi_thoai_cuoc"] == (5, 5)
    # Weighted by the number of recommendations: (50×10 + 90×30) / 40 = 80.
    assert q1_rows["doi_thoai_ty_le_gq"][0] == Decimal("80.00")
    q2_rows = values(rollup(unit=province, form=quarterly, period=q2))
    assert q2_rows["doi_thoai_cuoc"] == (4, 9)  # the quarter, and the year to date
    # Another province sees none of it.
    assert values(rollup(unit=OrgUnit.objects.get(code="P91-TU"), form=quarterly, period=q1))["doi_thoai_cuoc"] == (
        None,
        None,
    )


def test_drafts_do_not_count(report, commune_officer_a, quarterly, q1):
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "7"}, submit=False)
    assert values(rollup(unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1))["doi_thoai_cuoc"] == (
        None,
        None,
    )


def test_a_figure_drills_down_to_the_units_that_make_it(two_communes, q1):
    from danvan.reports.models import Indicator

    indicator = Indicator.objects.get(code="doi_thoai_cuoc")
    rows = drilldown(unit=OrgUnit.objects.get(code="P24-TU"), indicator=indicator, period=q1)
    assert [(u.code, v) for u, v in rows] == [("C7288-DU", 3), ("C7294-DU", 2)]


def test_completeness_of_a_quarter(two_communes, quarterly, q1):
    rows = completeness(unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1)
    summary = completeness_summary(rows)
    communes = OrgUnit.objects.filter(kind="danvan_bloc", parent__parent__code="P24-TU").count()
    assert summary["expected"] == communes + 1  # every khối dân vận, and the province's Ban TG&DV
    assert summary["submitted"] == 2
    assert summary["missing"] == summary["expected"] - 2


def test_the_roll_up_is_a_fixed_number_of_queries(two_communes, quarterly, q1):
    with CaptureQueriesContext(connection) as queries:
        rollup(unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1)
    assert len(queries) <= 6


def test_pivot_puts_units_against_periods(two_communes, q1, q2):
    from danvan.reports.models import Indicator

    table = pivot(
        unit=OrgUnit.objects.get(code="P24-TU"),
        indicator=Indicator.objects.get(code="doi_thoai_cuoc"),
        periods=[q1, q2],
    )
    # Units in the tree's order (by name: Bố Hạ before Yên Thế).
    assert [(r.unit.code, r.values) for r in table] == [("C7294-DU", [2, None]), ("C7288-DU", [3, 4])]


def test_a_province_by_commune(two_communes, quarterly, q1):
    from danvan.reports.models import Indicator
    from danvan.reports.selectors import rollup_by_child

    table = rollup_by_child(unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1)
    cuoc = Indicator.objects.get(code="doi_thoai_cuoc").pk
    by_code = {OrgUnit.objects.get(pk=pk).code: row[cuoc] for pk, row in table.items()}
    assert by_code == {"C7288-DU": 3, "C7294-DU": 2}
