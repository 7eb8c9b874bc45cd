import pytest
from django.http import Http404

from danvan.movements.selectors import movement_get_for_user, movement_list_for_user
from danvan.movements.tests.factories import draft, launched


def test_a_commune_officer_sees_the_provinces_launched_movement_but_not_its_drafts(
    officer_a, leader_a, commune_officer_a, reporter_a
):
    running = launched(officer_a, leader_a)
    hidden = draft(officer_a, name="Kế hoạch chưa phát động")
    assert movement_get_for_user(user=commune_officer_a, code=running.code) == running
    assert movement_get_for_user(user=reporter_a, code=running.code) == running
    assert [m.code for m in movement_list_for_user(user=commune_officer_a)] == [running.code]
    with pytest.raises(Http404):
        movement_get_for_user(user=commune_officer_a, code=hidden.code)
    assert {m.code for m in movement_list_for_user(user=officer_a)} == {running.code, hidden.code}


def test_another_province_and_someone_without_a_role_get_404(officer_a, leader_a, officer_b, citizen):
    running = launched(officer_a, leader_a)
    for user in (officer_b, citizen):
        with pytest.raises(Http404):
            movement_get_for_user(user=user, code=running.code)
        assert movement_list_for_user(user=user) == []


def test_a_central_movement_is_seen_by_every_province_and_the_list_filters(sysadmin, officer_b, commune_officer_a):
    central = launched(sysadmin, unit_code="TW-TGDV", name="Dân vận khéo toàn quốc", kind="emulation")
    assert movement_get_for_user(user=officer_b, code=central.code) == central
    assert [m.code for m in movement_list_for_user(user=commune_officer_a, query="dan van KHEO")] == [central.code]
    assert movement_list_for_user(user=commune_officer_a, query="thang") == []
    assert movement_list_for_user(user=commune_officer_a, status="closed") == []
    assert len(movement_list_for_user(user=commune_officer_a, year=central.start_date.year)) == 1
    assert movement_list_for_user(user=commune_officer_a, year=2001) == []
