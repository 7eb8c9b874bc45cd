"""The petition list and dashboard read plain value sets (unit ids, province, handled ids) worked out first.

National-scale timings are in bench/bench_pages.py; here: the same answers as the scope rules, in a number of
queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import forget_roles
from danvan.organisations.models import OrgUnit
from danvan.petitions.models import PetitionHandler
from danvan.petitions.selectors import dashboard, petition_list_for_user

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


def test_a_commune_officer_handling_a_provincial_petition_finds_it_in_their_list(officer_a, commune_officer_a):
    at_province = receive(officer_a)
    at_commune = receive(commune_officer_a, unit_code="C7288-DU")
    receive(officer_a, unit_code="C7294-DU")  # another commune of the province: not theirs
    assert set(petition_list_for_user(user=commune_officer_a)) == {at_commune}
    PetitionHandler.objects.create(petition=at_province, user=commune_officer_a, assigned_by=officer_a)
    assert set(petition_list_for_user(user=commune_officer_a)) == {at_commune, at_province}
    assert set(petition_list_for_user(user=commune_officer_a, query="tranh chap")) == {at_commune, at_province}
    # A handler whose role is only a viewer's no longer handles: the provincial petition leaves the list.
    RoleAssignment.objects.filter(user=commune_officer_a).update(role="viewer")
    forget_roles(commune_officer_a)  # changed behind the services' back (a user object remembers its roles)
    assert set(petition_list_for_user(user=commune_officer_a)) == {at_commune}


def test_a_handler_whose_role_moved_to_another_province_loses_the_petitions_of_the_old_one(officer_a):
    officer = make_user("c.off", "officer", "C7288-DU")
    at_province = receive(officer_a)
    PetitionHandler.objects.create(petition=at_province, user=officer, assigned_by=officer_a)
    assert at_province in petition_list_for_user(user=officer)
    RoleAssignment.objects.filter(user=officer).update(unit=OrgUnit.objects.get(code="P91-TU"))
    forget_roles(officer)
    assert at_province not in petition_list_for_user(user=officer)


@pytest.mark.parametrize("url", ["/don-thu/", "/don-thu/?q=tranh+chap+dat+dai", "/don-thu/?status=open"])
def test_a_commune_officers_list_is_a_fixed_number_of_queries(client_for, officer_a, commune_officer_a, url):
    client = client_for(commune_officer_a)
    at_province = receive(officer_a)
    receive(commune_officer_a, unit_code="C7288-DU")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(4):
        receive(commune_officer_a, unit_code="C7288-DU")
    PetitionHandler.objects.create(petition=at_province, user=commune_officer_a, assigned_by=officer_a)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert len(page.context["petitions"]) == 6
    # One more query at most: the handled petitions outside the scope, read once there are any. (13: the page's
    # frame counts the bell's unread notices.)
    assert len(large) <= len(small) + 1 <= 13


def test_the_national_dashboard_groups_by_province_without_reading_the_tree(sysadmin, officer_a, officer_b):
    receive(officer_a)
    receive(officer_a, unit_code="C7288-DU")
    receive(officer_b, unit_code="P91-TU")
    root = OrgUnit.objects.get(code="TW")
    with CaptureQueriesContext(connection) as queries:
        data = dashboard(unit=root, start=TODAY, end=TODAY, today=TODAY)
    assert {r["unit__ancestor_links__ancestor__code"]: r["received"] for r in data["by_unit"]} == {
        "P24-TU": 2,
        "P91-TU": 1,
    }
    assert not any("organisations_orgunitclosure" in q["sql"] for q in queries.captured_queries)
    assert len(queries) <= 4


def test_the_national_dashboard_page_is_a_fixed_number_of_queries(client_for, sysadmin, officer_a, officer_b):
    client = client_for(sysadmin)
    url = f"/don-thu/thong-ke/?unit=TW&start={TODAY:%d/%m/%Y}&end={TODAY:%d/%m/%Y}"
    receive(officer_a)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for code in ("C7288-DU", "C7294-DU"):
        receive(officer_a, unit_code=code)
    receive(officer_b, unit_code="P91-TU")
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert page.context["data"]["period"]["received"] == 4
    assert len(large) == len(small)
