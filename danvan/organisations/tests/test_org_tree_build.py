import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.organisations.selectors import orgunit_ancestors, orgunit_subtree
from danvan.organisations.services import org_tree_build, orgunit_create

pytestmark = pytest.mark.django_db


def test_every_province_has_its_party_committee_and_danvan_board():
    committees = OrgUnit.objects.filter(level="province", kind="party_committee")
    boards = OrgUnit.objects.filter(level="province", kind="tgdv_board", has_danvan_function=True)
    assert committees.count() == 34
    assert boards.count() == 34
    assert OrgUnit.objects.get(code="P24-TGDV").name == "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh"
    assert OrgUnit.objects.get(code="P91-TGDV").name == "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang"


def test_every_commune_has_a_party_committee_a_danvan_bloc_the_front_and_its_organisations():
    assert OrgUnit.objects.filter(level="commune", kind="party_committee").count() == 3321
    assert OrgUnit.objects.filter(level="commune", kind="danvan_bloc", has_danvan_function=True).count() == 3321
    front = OrgUnit.objects.get(code="C7288-MTTQ")
    assert set(front.children.values_list("kind", flat=True)) == {
        "farmers_union",
        "womens_union",
        "youth_union",
        "veterans",
    }
    assert OrgUnit.objects.get(code="C7288-DU").parent.code == "P24-TU"


def test_the_centre_holds_the_merged_board_and_the_national_organisations():
    root = OrgUnit.objects.get(parent__isnull=True)
    assert root.code == "TW"
    assert OrgUnit.objects.get(code="TW-TGDV").has_danvan_function
    assert OrgUnit.objects.get(code="TW-CD").parent.code == "TW-MTTQ"


def test_the_closure_table_matches_the_parent_pointers():
    unit = OrgUnit.objects.get(code="C7288-HND")
    chain = list(
        OrgUnitClosure.objects.filter(descendant=unit).order_by("-depth").values_list("ancestor__code", flat=True)
    )
    assert chain == ["TW", "P24-TU", "C7288-DU", "C7288-MTTQ", "C7288-HND"]


def test_a_subtree_is_one_query_and_holds_every_commune_of_the_province():
    province = OrgUnit.objects.get(code="P24-TU")
    with CaptureQueriesContext(connection) as queries:
        codes = set(orgunit_subtree(province).values_list("code", flat=True))
    assert len(queries) == 1
    communes = OrgUnit.objects.filter(level="commune", kind="party_committee", parent=province).count()
    assert communes > 90
    assert {"P24-TU", "P24-TGDV", "C7288-DU", "C7288-KDV", "C7210-DU"} <= codes
    assert "P91-TU" not in codes


def test_the_path_to_the_root_is_one_query():
    unit = OrgUnit.objects.get(code="C7288-KDV")
    with CaptureQueriesContext(connection) as queries:
        path = [u.code for u in orgunit_ancestors(unit)]
    assert len(queries) == 1
    assert path == ["TW", "P24-TU", "C7288-DU"]


def test_rebuilding_changes_nothing_and_keeps_units_added_by_users(officer_a):
    village = orgunit_create(
        actor=officer_a, parent=OrgUnit.objects.get(code="C7288-DU"), name="Thôn Đồng Kỳ 1", kind="village"
    )

    result = org_tree_build(actor=None)

    assert (result.created, result.updated) == (0, 0)
    assert result.extra["closure_rows_added"] == 0
    assert result.extra["closure_rows_removed"] == 0
    assert OrgUnit.objects.filter(pk=village.pk).exists()
    assert village in orgunit_subtree(OrgUnit.objects.get(code="P24-TU"))
