import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import OrgUnit, OrgUnitClosure

pytestmark = pytest.mark.django_db


def test_the_tree_starts_at_the_users_scope(client_for, officer_a):
    page = client_for(officer_a).get("/don-vi/")
    assert page.status_code == 200
    assert [u.code for u in page.context["roots"]] == ["P24-TU"]


def test_children_load_as_a_fragment_with_their_counts(client_for, officer_a):
    page = client_for(officer_a).get("/don-vi/P24-TU/truc-thuoc/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    children = page.context["children"]
    assert "P24-TGDV" in [c.code for c in children]
    assert next(c for c in children if c.code == "C7288-DU").child_count == 6


def test_the_unit_page_shows_type_place_parent_children_and_people(client_for, officer_a):
    from danvan.organisations.services import position_assign

    position_assign(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="C7288-KDV"),
        full_name="Ngô Văn Bình",
        title="Trưởng khối dân vận",
        is_head=True,
    )
    page = client_for(officer_a).get("/don-vi/C7288-KDV/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Khối dân vận xã Yên Thế" in html
    assert "Xã Yên Thế" in html
    assert "Đảng ủy xã Yên Thế" in html
    assert "Ngô Văn Bình" in html and "Trưởng khối dân vận" in html
    assert [a.code for a in page.context["ancestors"]] == ["TW", "P24-TU", "C7288-DU"]


def test_a_commune_page_names_the_legacy_units_it_replaced(client_for, officer_a):
    page = client_for(officer_a).get("/don-vi/C7288-DU/")
    names = {p.name for p in page.context["predecessors"]}
    assert names and all(p.parent.name == "Huyện Yên Thế" for p in page.context["predecessors"])


def test_the_unit_page_does_a_fixed_number_of_queries(client_for, officer_a):
    client = client_for(officer_a)
    client.get("/don-vi/P24-TU/")  # warm the session
    with CaptureQueriesContext(connection) as small:
        client.get("/don-vi/C7288-HND/")
    with CaptureQueriesContext(connection) as large:
        client.get("/don-vi/P24-TU/")  # ~100 children
    assert len(large) == len(small)


def test_a_forged_url_to_another_provinces_unit_is_404(client_for, officer_b):
    client = client_for(officer_b)
    assert client.get("/don-vi/P24-TGDV/").status_code == 404
    assert client.get("/don-vi/C7288-DU/truc-thuoc/").status_code == 404
    assert client.get("/don-vi/NOT-A-UNIT/").status_code == 404


def test_an_officer_adds_a_village_below_a_commune(client_for, commune_officer_a):
    client = client_for(commune_officer_a)
    response = client.post("/don-vi/C7288-DU/them-don-vi/", {"name": "Thôn Đình Cả", "kind": "village"})
    village = OrgUnit.objects.get(name="Thôn Đình Cả")
    assert response.status_code == 302
    assert village.parent.code == "C7288-DU"
    assert village.level == "village"
    assert OrgUnitClosure.objects.filter(descendant=village).count() == 4
    event = AuditEvent.objects.get(action=Action.ORGUNIT_CREATED, target_id=village.code)
    assert event.actor == commune_officer_a


def test_adding_a_unit_without_a_name_says_so_and_writes_nothing(client_for, commune_officer_a):
    before = OrgUnit.objects.count()
    response = client_for(commune_officer_a).post("/don-vi/C7288-DU/them-don-vi/", {"name": "  ", "kind": "village"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert OrgUnit.objects.count() == before


def test_a_duplicate_village_name_is_refused_by_field(client_for, commune_officer_a):
    client = client_for(commune_officer_a)
    client.post("/don-vi/C7288-DU/them-don-vi/", {"name": "Thôn Mỏ Trạng", "kind": "village"})
    response = client.post("/don-vi/C7288-DU/them-don-vi/", {"name": "thon mo trang", "kind": "village"})
    assert response.status_code == 200
    assert "đã có" in response.context["form"].errors["name"][0]
    assert OrgUnit.objects.filter(parent__code="C7288-DU", kind="village").count() == 1


def test_an_unknown_kind_is_refused(client_for, commune_officer_a):
    response = client_for(commune_officer_a).post(
        "/don-vi/C7288-DU/them-don-vi/", {"name": "Ban X", "kind": "party_committee"}
    )
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors


def test_search_page_and_fragment(client_for, officer_a):
    client = client_for(officer_a)
    page = client.get("/don-vi/tim-kiem/", {"q": "dan van bac giang"})
    assert page.status_code == 200
    assert page.context["results"][0].code == "P24-TGDV"
    fragment = client.get("/don-vi/tim-kiem/", {"q": "khoi dan van yen the"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "Khối dân vận xã Yên Thế" in fragment.content.decode()


def test_places_page_maps_an_old_district_to_todays_communes(client_for, officer_a):
    page = client_for(officer_a).get("/don-vi/dia-gioi/", {"q": "huyen yen the"})
    district = next(u for u in page.context["units"] if u.level == "district")
    assert "Xã Yên Thế" in {u.name for u in district.today}


def test_positions_can_be_recorded_and_ended(client_for, officer_a):
    client = client_for(officer_a)
    response = client.post(
        "/don-vi/P24-TGDV/chuc-vu/them/",
        {"full_name": "Phạm Văn Thịnh", "title": "Trưởng ban", "is_head": "on", "start_date": "01/03/2025"},
    )
    assert response.status_code == 302
    position = OrgUnit.objects.get(code="P24-TGDV").positions.get()
    assert position.start_date.isoformat() == "2025-03-01"
    client.post(f"/don-vi/P24-TGDV/chuc-vu/{position.pk}/ket-thuc/")
    position.refresh_from_db()
    assert position.end_date is not None


def test_a_position_with_a_bad_date_names_the_field(client_for, officer_a):
    response = client_for(officer_a).post(
        "/don-vi/P24-TGDV/chuc-vu/them/", {"full_name": "A", "title": "B", "start_date": "31/02/2025"}
    )
    assert response.status_code == 200
    assert "start_date" in response.context["form"].errors


def test_the_breadcrumb_links_only_the_units_above_that_the_person_may_open(client_for, officer_a, sysadmin):
    # A province's officer sees the Central Committee's name above the province, but its page is not theirs (404).
    html = client_for(officer_a).get("/don-vi/C7288-DU/").content.decode()
    root = OrgUnit.objects.get(depth=0)
    assert root.name in html and f'href="/don-vi/{root.code}/"' not in html
    assert 'href="/don-vi/P24-TU/"' in html
    assert client_for(officer_a).get(f"/don-vi/{root.code}/").status_code == 404
    # Its own province's page: the parent line names the centre without a link too.
    html = client_for(officer_a).get("/don-vi/P24-TU/").content.decode()
    assert f'href="/don-vi/{root.code}/"' not in html
    # The system administrator opens the whole tree.
    html = client_for(sysadmin).get("/don-vi/P24-TU/").content.decode()
    assert f'href="/don-vi/{root.code}/"' in html
