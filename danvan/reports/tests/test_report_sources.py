"""Indicators the system fills itself: the "Dân vận khéo" figures come from the models registry, per area and
period, so a commune's and a province's reports add up to the province's true count."""

import datetime as dt

import pytest

from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_replicate
from danvan.initiatives.tests.factories import recognised, register
from danvan.organisations.models import OrgUnit
from danvan.reports.models import Indicator
from danvan.reports.selectors import rollup
from danvan.reports.sources import SOURCES, area_unit_ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]

IN_Q1 = dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC)  # quarter 1/2026 runs 15/12/2025 → 14/3/2026
IN_Q2 = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)


def _registered_on(initiative, when):
    Initiative.objects.filter(pk=initiative.pk).update(created_at=when)


def _values(submission):
    return {code: int(value) for code, value in submission.values.values_list("indicator__code", "value")}


def test_the_three_starter_indicators_are_filled_by_the_initiatives_module():
    sources = dict(Indicator.objects.filter(code__startswith="mo_hinh_").values_list("code", "source"))
    assert sources == {
        "mo_hinh_dang_ky": "initiatives.registered",
        "mo_hinh_cong_nhan": "initiatives.recognised",
        "mo_hinh_nhan_rong": "initiatives.replicated",
    }
    assert set(sources.values()) <= SOURCES.keys()


def test_a_communes_area_is_its_own_bodies_and_a_provinces_area_its_provincial_bodies():
    commune = set(area_unit_ids(OrgUnit.objects.get(code="C7288-KDV")).values_list("id", flat=True))
    codes = set(OrgUnit.objects.filter(id__in=commune).values_list("code", flat=True))
    assert {"C7288-DU", "C7288-KDV", "C7288-HND"} <= codes
    assert all(code.startswith("C7288-") for code in codes)
    province = set(
        OrgUnit.objects.filter(id__in=area_unit_ids(OrgUnit.objects.get(code="P24-TGDV"))).values_list(
            "code", flat=True
        )
    )
    assert {"P24-TU", "P24-TGDV"} <= province
    assert not any(code.startswith("C") for code in province)


def test_reports_count_registrations_recognitions_and_replications_of_the_period_once(
    report, commune_officer_a, officer_a, leader_a, quarterly, q1, q2
):
    in_commune = register(commune_officer_a, unit_code="C7288-DU")
    by_farmers = register(commune_officer_a, unit_code="C7288-HND", name="Tổ hợp tác nông dân giúp nhau")
    provincial = register(officer_a, unit_code="P24-TGDV", name="Cán bộ tỉnh về cơ sở")
    for initiative in (in_commune, by_farmers, provincial):
        _registered_on(initiative, IN_Q1)
    shown = recognised(commune_officer_a, leader_a, name="Camera an ninh thôn")  # recognised on 2/3/2026 (Q1)
    _registered_on(shown, IN_Q1)
    adopted = initiative_replicate(
        actor=commune_officer_a,
        source=shown,
        unit=OrgUnit.objects.get(code="C7288-HND"),
        year=2026,
        start_date=dt.date(2026, 4, 20),
    )
    _registered_on(adopted, IN_Q2)

    # Typed or uploaded figures for these indicators are ignored: the system's count wins.
    commune_q1 = report("C7288-KDV", commune_officer_a, {"mo_hinh_dang_ky": "99", "doi_thoai_cuoc": "1"})
    assert _values(commune_q1) | {"doi_thoai_cuoc": 1} == {
        "doi_thoai_cuoc": 1,
        "mo_hinh_dang_ky": 3,
        "mo_hinh_cong_nhan": 1,
        "mo_hinh_nhan_rong": 0,
        "nam_tinh_hinh_bao_cao": 0,
        # the situation and the Front's supervision and critique: nothing recorded, so 0 (issue 11)
        "diem_nong_phat_sinh": 0,
        "diem_nong_giai_quyet": 0,
        "gsxh_cuoc": 0,
        "gsxh_kien_nghi": 0,
        "gsxh_kien_nghi_tra_loi": 0,
        "pbxh_du_thao": 0,
        "pbxh_hoi_nghi": 0,
        "dttg_tham_hoi": 0,
        "dttg_khen_thuong": 0,
    }
    province_q1 = report("P24-TGDV", officer_a, {})
    assert _values(province_q1)["mo_hinh_dang_ky"] == 1
    # Rolled up for the province: each model counted once (3 in the commune + 1 provincial).
    rows = {
        row.indicator.code: row.value
        for row in rollup(unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1)
    }
    assert rows["mo_hinh_dang_ky"] == 4

    commune_q2 = report("C7288-KDV", commune_officer_a, {}, period=q2)
    assert _values(commune_q2) == {
        "mo_hinh_dang_ky": 1,
        "mo_hinh_cong_nhan": 0,
        "mo_hinh_nhan_rong": 1,
        "nam_tinh_hinh_bao_cao": 0,
        # the situation and the Front's supervision and critique: nothing recorded, so 0 (issue 11)
        "diem_nong_phat_sinh": 0,
        "diem_nong_giai_quyet": 0,
        "gsxh_cuoc": 0,
        "gsxh_kien_nghi": 0,
        "gsxh_kien_nghi_tra_loi": 0,
        "pbxh_du_thao": 0,
        "pbxh_hoi_nghi": 0,
        "dttg_tham_hoi": 0,
        "dttg_khen_thuong": 0,
    }


def test_the_entry_page_shows_the_computed_figure_read_only(client_for, commune_officer_a, quarterly):
    _registered_on(register(commune_officer_a, unit_code="C7288-DU"), IN_Q1)
    page = client_for(commune_officer_a).get(f"/bao-cao/nhap/{quarterly.pk}/quarter-2026-1/C7288-KDV/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_v_mo_hinh_dang_ky" value="1" class="form-control form-control-sm text-end bg-light" readonly' in html
    assert 'name="v_mo_hinh_dang_ky"' not in html


def test_a_province_may_define_its_own_automatic_indicator_but_only_from_a_known_source(leader_a):
    from danvan.core.errors import ApplicationError
    from danvan.reports.definitions import indicator_create

    spec = dict(
        actor=leader_a,
        owner=OrgUnit.objects.get(code="P24-TU"),
        name="Mô hình nhân rộng trong tỉnh",
        unit_label="mô hình",
        aggregation="sum",
        weight=None,
        is_percentage=False,
        decimal_places=0,
    )
    with pytest.raises(ApplicationError) as error:
        indicator_create(code="p24_nhan_rong", source="initiatives.khong_co", **spec)
    assert error.value.field == "source"
    assert not Indicator.objects.filter(code="p24_nhan_rong").exists()
    made = indicator_create(code="p24_nhan_rong", source="initiatives.replicated", **spec)
    assert made.source == "initiatives.replicated"
