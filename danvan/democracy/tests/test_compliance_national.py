"""The compliance roll-up at national level: every commune of the country with its province, 100 a page, a fixed
number of queries; and the same roll-up for agencies and enterprises."""

import datetime as dt

import pytest

from danvan.democracy import services
from danvan.democracy.models import DisclosureItem
from danvan.democracy.selectors import compliance_rollup
from danvan.democracy.tests.factories import commune_base, disclose
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_the_country_roll_up_lists_every_commune_in_a_fixed_number_of_queries(
    commune_officer_a, django_assert_max_num_queries
):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    centre = OrgUnit.objects.get(code="TW")
    with django_assert_max_num_queries(6):
        rows = compliance_rollup(area=centre, kind="commune", start=Q1[0], end=Q1[1])
    communes = OrgUnit.objects.filter(level="commune", parent__level="province").count()
    assert len(rows) == communes > 3000
    yen_the = next(r for r in rows if r.unit.code == "C7288-DU")
    assert yen_the.disclosed == 1 and not yen_the.behind and yen_the.province_name
    assert rows[-1].unit.code == "C7288-DU"
    # A second province's commune carries its own province.
    assert {r.province_name for r in rows} >= {yen_the.province_name} and len({r.province_name for r in rows}) == 34


def test_the_national_page_shows_a_province_column_and_pages_of_100(client_for, sysadmin):
    client = client_for(sysadmin)
    page = client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1"})
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == 100
    assert page.context["national"] and page.context["page"].paginator.num_pages >= 34
    body = page.content.decode()
    assert "page=2" in body
    second = client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1", "page": "2"})
    assert second.status_code == 200 and second.context["page"].number == 2
    first_names = {r.unit.pk for r in page.context["page"].object_list}
    assert not first_names & {r.unit.pk for r in second.context["page"].object_list}


def test_the_national_page_costs_the_same_on_every_page(client_for, sysadmin, django_assert_max_num_queries):
    client = client_for(sysadmin)
    # The first read of a quarter stores its table (decision 0047); every page after it costs the same.
    client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1"})
    with django_assert_max_num_queries(25):
        client.get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1", "page": "30"})


def test_a_provincial_officer_cannot_open_the_national_roll_up(client_for, officer_a):
    page = client_for(officer_a).get("/dan-chu/tong-hop/", {"unit": "TW", "period": "quarter-2026-1"})
    assert page.status_code == 200
    # Falls back to the officer's own province; nothing of the country.
    assert page.context["area"].code == "P24-TU" and not page.context["national"]


def test_enterprises_are_rolled_up_against_their_own_catalogue(client_for, officer_a):
    province = OrgUnit.objects.get(code="P24-TU")
    firm = services.base_register(actor=officer_a, kind="enterprise", name="Công ty May Bắc Ninh", unit=province)
    services.base_register(actor=officer_a, kind="enterprise", name="Công ty Điện tử Yên Phong", unit=province)
    item = DisclosureItem.objects.get(base_kind="enterprise", number=5)
    services.disclosure_post(
        actor=officer_a,
        base=firm,
        item=item,
        title="Trích nộp BHXH quý I",
        forms_used=["niem_yet"],
        start_date=dt.date(2026, 1, 10),
        end_date=dt.date(2026, 2, 20),
    )
    rows = compliance_rollup(area=province, kind="enterprise", start=Q1[0], end=Q1[1])
    assert [r.name for r in rows] == ["Công ty Điện tử Yên Phong", "Công ty May Bắc Ninh"]
    assert rows[0].behind and rows[0].missing == 1
    assert not rows[1].behind and rows[1].disclosed == 1
    page = client_for(officer_a).get("/dan-chu/tong-hop/", {"kind": "enterprise", "period": "quarter-2026-1"})
    assert "Công ty May Bắc Ninh" in page.content.decode()


def test_only_those_behind_can_be_listed(client_for, officer_a, commune_officer_a):
    base = commune_base(commune_officer_a)
    disclose(commune_officer_a, base, 2, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20))
    page = client_for(officer_a).get(
        "/dan-chu/tong-hop/", {"unit": "P24-TU", "period": "quarter-2026-1", "behind_only": "on"}
    )
    assert all(r.behind for r in page.context["page"].object_list)
    assert "Xã Yên Thế" not in page.content.decode()
