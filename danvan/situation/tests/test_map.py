"""The map: provinces by the position of their centres, hotspots and reporting coverage for a month, in scope."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.organisations.models import AdminUnit
from danvan.situation import mapgrid
from danvan.situation.tests.factories import hotspot, report

pytestmark = pytest.mark.django_db


def test_every_province_has_one_tile_and_no_two_tiles_share_a_place():
    codes = set(AdminUnit.objects.filter(generation="current", level="province").values_list("code", flat=True))
    tiles = mapgrid.PROVINCE_TILES
    assert {t.code for t in tiles} == codes and len(tiles) == 34
    assert len({(t.col, t.row) for t in tiles}) == 34


def test_tiles_keep_north_above_south():
    # A tile lower on the map than another is not more than half a degree further north (neighbours in a row may
    # differ a little: the grid keeps order, not distance).
    for a in mapgrid.PROVINCE_TILES:
        for b in mapgrid.PROVINCE_TILES:
            if a.row > b.row:
                assert a.lat <= b.lat + 0.5, (a, b)


def test_the_centre_sees_every_province_with_its_hotspots_and_reporting(client, sysadmin, commune_officer_a):
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 11, 20))
    report(commune_officer_a, period_month=dt.date(2026, 11, 1), submit=True)
    client.force_login(sysadmin)
    response = client.get(reverse("situation:map"), {"month": "2026-11"})
    page = response.content.decode()
    assert response.status_code == 200 and page.count("<rect") == 34
    tile = next(t for t in response.context["tiles"] if t["code"] == "P24")
    assert tile["hotspots"] == 1 and tile["reported"] == 1 and tile["communes"] > 90
    assert response.context["hotspots"] == 1


def test_a_province_sees_its_communes_and_no_other_province(client, officer_a, commune_officer_a):
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 11, 20))
    client.force_login(officer_a)
    response = client.get(reverse("situation:map"), {"month": "2026-11", "province": "P91"})
    assert response.context["province"].code == "P24"  # a province outside the scope is not offered
    yen_the = next(t for t in response.context["tiles"] if t["code"] == "C7288-DU")
    assert yen_the["hotspots"] == 1 and yen_the["reported"] is False
    assert "The whole country" not in response.content.decode() and "Cả nước" not in response.content.decode()


def test_someone_with_no_province_in_scope_gets_not_found(client, commune_officer_a):
    client.force_login(commune_officer_a)
    assert client.get(reverse("situation:map")).status_code == 404


def test_a_commune_tile_shows_the_initials_of_its_own_name():
    assert mapgrid.commune_initials("Đảng ủy xã Yên Thế") == "YT"
    assert mapgrid.commune_initials("Đảng ủy đặc khu Phú Quốc") == "PQ"
