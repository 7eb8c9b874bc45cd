import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import AdminUnit, AdminUnitSuccession
from danvan.organisations.selectors import adminunit_successors
from danvan.organisations.services import admin_units_load

pytestmark = pytest.mark.django_db


def current(level):
    return AdminUnit.objects.filter(generation="current", level=level)


def test_it_loads_the_34_provinces_and_3321_communes_of_today():
    assert current("province").count() == 34
    communes = current("commune")
    assert communes.count() == 3321
    assert communes.filter(division_type="xã").count() == 2621
    assert communes.filter(division_type="phường").count() == 687
    assert communes.filter(division_type="đặc khu").count() == 13


def test_it_keeps_the_legacy_63_provinces_696_districts_and_10051_communes_as_history():
    legacy = AdminUnit.objects.filter(generation="legacy")
    assert legacy.filter(level="province").count() == 63
    assert legacy.filter(level="district").count() == 696
    assert legacy.filter(level="commune").count() == 10051
    assert not legacy.filter(valid_to__isnull=True).exists()
    assert not current("commune").filter(valid_from__isnull=True).exists()


def test_a_2021_record_in_huyen_yen_the_can_be_placed_in_todays_tree():
    yen_the = AdminUnit.objects.get(generation="legacy", level="district", name="Huyện Yên Thế")
    today = list(adminunit_successors(yen_the))
    assert {u.name for u in today} >= {"Xã Yên Thế", "Xã Bố Hạ"}
    # Bắc Giang merged into Bắc Ninh: every successor commune lies in today's Bắc Ninh.
    assert {u.parent.name for u in today} == {"Thành phố Bắc Ninh"}


def test_the_legacy_province_of_bac_giang_maps_to_bac_ninh():
    bac_giang = AdminUnit.objects.get(code="LP24")
    assert [u.code for u in adminunit_successors(bac_giang)] == ["P24"]


def test_loading_twice_creates_no_duplicates_and_writes_nothing():
    units, links = AdminUnit.objects.count(), AdminUnitSuccession.objects.count()
    events = AuditEvent.objects.filter(action=Action.ADMIN_UNITS_LOADED).count()

    result = admin_units_load(actor=None)

    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert AdminUnit.objects.count() == units
    assert AdminUnitSuccession.objects.count() == links
    assert AuditEvent.objects.filter(action=Action.ADMIN_UNITS_LOADED).count() == events


def test_a_rerun_after_a_data_change_applies_only_the_difference():
    commune = AdminUnit.objects.get(code="C7288")
    AdminUnit.objects.filter(pk=commune.pk).update(name="Xã Yên Thế (cũ)")
    AdminUnitSuccession.objects.filter(successor=commune).first().delete()

    result = admin_units_load(actor=None)

    assert result.updated == 1
    assert result.created == 0
    commune.refresh_from_db()
    assert commune.name == "Xã Yên Thế"
    assert AuditEvent.objects.filter(action=Action.ADMIN_UNITS_LOADED).latest("id").details["updated"] == 1
