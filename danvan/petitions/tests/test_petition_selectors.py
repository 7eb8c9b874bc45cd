import datetime as dt

import pytest

from conftest import make_user
from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import forget_roles
from danvan.organisations.models import OrgUnit
from danvan.petitions.selectors import dashboard, petition_list_for_user, petition_repeat_candidates

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


def test_a_petition_remembers_its_province(officer_a, commune_officer_a):
    assert receive(officer_a).province.code == "P24-TU"
    assert receive(commune_officer_a, unit_code="C7288-DU").province.code == "P24-TU"


def test_scope_covers_the_root_a_province_a_commune_and_several_roles(
    sysadmin, officer_a, commune_officer_a, officer_b
):
    at_province = receive(officer_a)
    at_commune = receive(commune_officer_a, unit_code="C7288-DU")
    in_b = receive(officer_b, unit_code="P91-TU")
    assert set(petition_list_for_user(user=sysadmin)) == {at_province, at_commune, in_b}
    assert set(petition_list_for_user(user=officer_a)) == {at_province, at_commune}
    assert set(petition_list_for_user(user=commune_officer_a)) == {at_commune}
    RoleAssignment.objects.create(user=commune_officer_a, unit=OrgUnit.objects.get(code="P91-TU"), role="viewer")
    # Changed behind the services' back: this user object still remembers the roles it read (one request's memo).
    forget_roles(commune_officer_a)
    assert set(petition_list_for_user(user=commune_officer_a)) == {at_commune, in_b}
    assert petition_list_for_user(user=make_user("nobody", None, None)) == []


def test_the_national_dashboard_counts_every_province(officer_a, officer_b):
    receive(officer_a)
    receive(officer_b, unit_code="P91-TU")
    data = dashboard(unit=OrgUnit.objects.get(code="TW"), start=TODAY, end=TODAY, today=TODAY)
    assert data["period"]["received"] == 2
    assert {r["unit__ancestor_links__ancestor__code"] for r in data["by_unit"]} == {"P24-TU", "P91-TU"}


def test_a_commune_dashboard_reads_only_its_subtree(officer_a, commune_officer_a):
    receive(officer_a)
    receive(commune_officer_a, unit_code="C7288-DU")
    data = dashboard(unit=OrgUnit.objects.get(code="C7288-DU"), start=TODAY, end=TODAY, today=TODAY)
    assert data["period"]["received"] == 1 and data["ytd"]["received"] == 1


def test_the_repeat_check_does_not_reach_outside_the_scope(officer_a, officer_b):
    receive(officer_b, unit_code="P91-TU")  # same person and content, in An Giang
    people = [{"full_name": "Nguyễn Văn An", "cccd": "024123456789"}]
    content = "Tranh chấp đất đai với hộ liền kề tại thôn Đông"
    assert petition_repeat_candidates(user=officer_a, content=content, people=people, today=TODAY) == []
    mine = receive(officer_a, received_on=dt.date(2026, 2, 2))
    found = petition_repeat_candidates(user=officer_a, content=content, people=people, today=TODAY)
    assert [c.petition for c in found] == [mine] and found[0].reasons[0] == "cùng CCCD"
