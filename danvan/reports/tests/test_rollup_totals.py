"""The maintained totals of the centre and the provinces always equal a recomputation from the figures."""

import pytest
from django.core.management import CommandError, call_command

from conftest import make_user
from danvan.organisations.models import OrgUnit
from danvan.reports.models import RollupTotal
from danvan.reports.rollups import rollups_differences, rollups_rebuild
from danvan.reports.selectors import rollup
from danvan.reports.services import report_approve, report_return

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


def test_totals_follow_submit_approve_and_return(report, commune_officer_a, leader_a, quarterly, q1):
    other = make_user("bo.ha", "officer", "C7294-DU")
    first = report(
        "C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3", "doi_thoai_kien_nghi": "10", "doi_thoai_ty_le_gq": "50"}
    )
    second = report(
        "C7294-KDV", other, {"doi_thoai_cuoc": "2", "doi_thoai_kien_nghi": "30", "doi_thoai_ty_le_gq": "90"}
    )
    report_approve(actor=leader_a, submission=first)
    assert rollups_differences() == []
    province = OrgUnit.objects.get(code="P24-TU")
    rows = {r.indicator.code: r.value for r in rollup(unit=province, form=quarterly, period=q1)}
    assert rows["doi_thoai_cuoc"] == 5
    assert rows["doi_thoai_ty_le_gq"] == 80
    report_return(actor=leader_a, submission=second, comment="Sai số liệu.")
    assert rollups_differences() == []
    rows = {r.indicator.code: r.value for r in rollup(unit=province, form=quarterly, period=q1)}
    assert rows["doi_thoai_cuoc"] == 3
    assert rows["doi_thoai_ty_le_gq"] == 50
    national = {
        r.indicator.code: r.value for r in rollup(unit=OrgUnit.objects.get(code="TW"), form=quarterly, period=q1)
    }
    assert national["doi_thoai_cuoc"] == 3


def test_only_the_centre_and_the_provinces_keep_totals(report, commune_officer_a):
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    assert set(RollupTotal.objects.values_list("unit__code", flat=True)) == {"TW", "P24-TU"}


def test_the_command_finds_and_repairs_a_wrong_total(report, commune_officer_a):
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    call_command("verify_rollups")
    RollupTotal.objects.filter(unit__code="P24-TU").update(total=99)
    with pytest.raises(CommandError):
        call_command("verify_rollups")
    call_command("verify_rollups", "--repair")
    assert rollups_differences() == []
    assert rollups_rebuild() == RollupTotal.objects.count()


def test_rebuilding_the_tree_after_a_move_recomputes_the_totals(report, commune_officer_a):
    from danvan.organisations.models import OrgUnit as Unit

    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    # A data correction moves xã Yên Thế's Party committee under An Giang; build_org_tree moves it back.
    Unit.objects.filter(code="C7288-DU").update(parent=Unit.objects.get(code="P91-TU"))
    from danvan.organisations.services import orgtree_sync_closure

    orgtree_sync_closure()
    call_command("verify_rollups", "--repair")
    assert set(RollupTotal.objects.filter(reports__gt=0).values_list("unit__code", flat=True)) == {"TW", "P91-TU"}
    call_command("build_org_tree")
    assert rollups_differences() == []
    assert set(RollupTotal.objects.filter(reports__gt=0).values_list("unit__code", flat=True)) == {"TW", "P24-TU"}
