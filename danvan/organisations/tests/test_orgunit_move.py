"""A unit moved in the tree takes its records with it: every field that copies an ancestor follows (petitions'
province, models' province), so lists and counts of the old and the new province are right at once."""

import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.organisations.services import orgunit_move
from danvan.petitions.selectors import dashboard, petition_list_for_user
from danvan.petitions.tests.factories import TODAY, receive

pytestmark = pytest.mark.django_db


def unit(code):
    return OrgUnit.objects.get(code=code)


def _received(province_code):
    data = dashboard(unit=unit(province_code), start=TODAY, end=TODAY, today=TODAY)
    return data["period"]["received"]


def test_a_commune_moved_to_another_province_and_back_takes_its_petitions_along(sysadmin, officer_a, officer_b):
    commune = unit("C7288-DU")
    home = commune.parent
    petition = receive(sysadmin, unit_code="C7288-DU")
    assert petition.province.code == "P24-TU"
    assert petition in petition_list_for_user(user=officer_a) and _received("P24-TU") == 1

    orgunit_move(actor=sysadmin, unit=commune, new_parent=unit("P91-TU"))
    petition.refresh_from_db()
    assert petition.province.code == "P91-TU"
    assert petition in petition_list_for_user(user=officer_b)
    assert petition not in petition_list_for_user(user=officer_a)
    assert (_received("P91-TU"), _received("P24-TU")) == (1, 0)
    # The subtree moved too: the commune's khối dân vận is now below An Giang.
    assert OrgUnitClosure.objects.filter(ancestor=unit("P91-TU"), descendant=unit("C7288-KDV")).exists()
    assert not OrgUnitClosure.objects.filter(ancestor=unit("P24-TU"), descendant=unit("C7288-KDV")).exists()

    orgunit_move(actor=sysadmin, unit=unit("C7288-DU"), new_parent=home)
    petition.refresh_from_db()
    assert petition.province.code == "P24-TU"
    assert petition in petition_list_for_user(user=officer_a)
    assert petition not in petition_list_for_user(user=officer_b)
    assert (_received("P91-TU"), _received("P24-TU")) == (0, 1)
    assert unit("C7288-KDV").depth == unit("C7288-DU").depth + 1
    moved = AuditEvent.objects.filter(action=Action.ORGUNIT_MOVED).order_by("id")
    assert [e.after["parent"] for e in moved] == ["P91-TU", home.code]


def test_a_models_province_follows_too(sysadmin):
    from danvan.initiatives.services import initiative_register

    initiative = initiative_register(
        actor=sysadmin,
        unit=unit("C7288-DU"),
        year=2026,
        name="Dân vận khéo làm đường",
        field="kinh_te",
        goal="Vận động hiến đất",
        start_date=dt.date(2026, 3, 2),
    )
    orgunit_move(actor=sysadmin, unit=unit("C7288-DU"), new_parent=unit("P91-TU"))
    initiative.refresh_from_db()
    assert initiative.province.code == "P91-TU"


def test_only_someone_over_both_parents_moves_a_unit_and_never_below_itself(officer_a, sysadmin):
    with pytest.raises(ApplicationError) as refused:
        orgunit_move(actor=officer_a, unit=unit("C7288-DU"), new_parent=unit("P91-TU"))
    assert refused.value.code == "forbidden"
    with pytest.raises(ApplicationError) as loop:
        orgunit_move(actor=sysadmin, unit=unit("C7288-DU"), new_parent=unit("C7288-KDV"))
    assert loop.value.field == "parent"


def test_two_people_editing_a_unit_the_second_gets_a_conflict_and_keeps_their_text(client_for, admin_a, officer_a):
    url = "/don-vi/C7288-DU/sua/"
    first = client_for(officer_a)
    opened = first.get(url).context["form"].initial["expected_version"]
    assert (
        first.post(url, {"name": "Đảng ủy xã Yên Thế (1)", "is_active": "on", "expected_version": opened}).status_code
        == 302
    )
    second = client_for(admin_a)
    page = second.post(url, {"name": "Đảng ủy xã Yên Thế (2)", "is_active": "on", "expected_version": opened})
    assert page.status_code == 200
    assert "vừa được" in page.content.decode() and "Đảng ủy xã Yên Thế (2)" in page.content.decode()
    assert unit("C7288-DU").name == "Đảng ủy xã Yên Thế (1)"
