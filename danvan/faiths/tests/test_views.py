import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.faiths.models import Establishment, EthnicArea, EthnicGroup, Religion, Visit
from danvan.faiths.tests.factories import holiday, pagoda

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    if token:
        data = {**data, "form_token": token.group(1)}
    return client.post(url, data)


def test_a_commune_officer_registers_a_church_with_its_dignitaries_through_the_form(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("faiths:establishment_new"),
        {
            "unit": "C7288-DU",
            "religion": Religion.objects.get(slug="cong-giao").pk,
            "kind": "church",
            "name": "Nhà thờ giáo họ Thử",
            "address": "Thôn Tân Sơn",
            "dignitaries__full_name": ["Giuse Trần Văn Phúc", "Phêrô Lê Văn Bình"],
            "dignitaries__position": ["Linh mục chính xứ", "Trùm họ"],
            "dignitaries__birth_year": ["1975", ""],
            "dignitaries__official": ["", "x"],
            "followers_year": "2026",
            "followers": "1150",
        },
    )
    establishment = Establishment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("faiths:establishment_detail", args=[establishment.code])
    assert list(establishment.dignitaries.values_list("position", "kind")) == [
        ("Linh mục chính xứ", "dignitary"),
        ("Trùm họ", "official"),
    ]
    page = client.get(response.url).content.decode()
    assert "Giuse Trần Văn Phúc" in page and "1150" in page
    # Seeing the dignitaries' names is recorded.
    assert AuditEvent.objects.filter(action=Action.FAITH_DIGNITARIES_VIEWED, target_id=establishment.code).exists()


def test_a_bad_row_comes_back_with_a_vietnamese_message_on_the_field_and_nothing_is_saved(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("faiths:establishment_new"),
        {
            "unit": "C7288-DU",
            "religion": Religion.objects.get(slug="phat-giao").pk,
            "kind": "pagoda",
            "name": "Chùa Thử",
            "dignitaries__full_name": ["Thích Minh Đức"],
            "dignitaries__position": [""],
            "dignitaries__birth_year": [""],
            "dignitaries__official": [""],
            "followers_year": "2026",
        },
    )
    assert response.status_code == 200
    assert "Dòng 1: ghi cả họ tên và chức vụ" in response.content.decode()
    assert not Establishment.objects.exists()


def test_outside_the_scope_an_establishment_is_404(client, commune_officer_a, officer_b):
    establishment = pagoda(commune_officer_a)
    client.force_login(officer_b)
    assert client.get(reverse("faiths:establishment_detail", args=[establishment.code])).status_code == 404
    assert client.get(reverse("faiths:establishment_edit", args=[establishment.code])).status_code == 404
    assert "Chùa Thử" not in client.get(reverse("faiths:index")).content.decode()


def test_a_viewer_sees_the_positions_with_the_names_masked_and_nothing_is_audited(client, commune_officer_a):
    establishment = pagoda(commune_officer_a)
    viewer = make_user("viewer.a", "viewer", "P24-TU")
    client.force_login(viewer)
    page = client.get(reverse("faiths:establishment_detail", args=[establishment.code])).content.decode()
    assert "Trụ trì" in page and "T*** T*** T***" in page
    assert "Thích Thanh Tâm" not in page and "1970" not in page
    assert not AuditEvent.objects.filter(action=Action.FAITH_DIGNITARIES_VIEWED).exists()
    assert client.get(reverse("faiths:register_export")).status_code == 404


def test_the_province_leader_exports_the_register_and_the_export_is_audited(client, commune_officer_a, leader_a):
    pagoda(commune_officer_a)
    client.force_login(leader_a)
    response = client.get(reverse("faiths:register_export"))
    assert response.status_code == 200
    from io import BytesIO

    workbook = load_workbook(BytesIO(response.content))
    places, people = workbook.worksheets
    assert places.cell(2, 7).value == "Chùa Thử"
    assert people.cell(2, 5).value == "Thích Thanh Tâm"
    event = AuditEvent.objects.get(action=Action.FAITH_REGISTER_EXPORTED)
    assert event.actor == leader_a and event.details["rows"] == 1


def test_the_register_page_does_not_grow_its_queries_with_rows(
    client, commune_officer_a, django_assert_max_num_queries
):
    for i in range(6):
        pagoda(commune_officer_a, name=f"Chùa {i}")
    client.force_login(commune_officer_a)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("faiths:index")).content.decode()
    assert "Chùa 5" in page


def test_the_ban_plans_visits_for_phat_dan_and_christmas_and_they_show_on_the_calendar(client, commune_officer_a):
    temple = pagoda(commune_officer_a)
    client.force_login(commune_officer_a)
    for slug in ("phat-dan", "giang-sinh"):
        day = holiday(slug)
        response = _post(
            client,
            reverse("faiths:visit_new") + f"?holiday={day.pk}",
            {
                "unit": "C7288-KDV",
                "holiday_date": day.pk,
                "visit_on": day.date.strftime("%d/%m/%Y"),
                "establishment": temple.pk,
                "delegation": "Bí thư Đảng ủy, Chủ tịch UBMTTQ xã",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Visit.objects.count() == 2
    page = client.get(reverse("faiths:calendar") + "?year=2026").content.decode()
    assert page.index("Đại lễ Phật đản") < page.index("Lễ Giáng sinh")
    assert page.count("Bí thư Đảng ủy, Chủ tịch UBMTTQ xã") == 2
    assert "31/05/2026" in page and "25/12/2026" in page


def test_a_visit_without_a_place_is_refused_on_its_field(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("faiths:visit_new"),
        {"unit": "C7288-KDV", "visit_on": "24/12/2026", "delegation": "Đoàn xã"},
    )
    assert response.status_code == 200
    assert "Chưa chọn nơi đến" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_visit_is_recorded_as_done_through_the_locked_edit(client, commune_officer_a):
    from danvan.faiths import services
    from danvan.organisations.models import OrgUnit

    temple = pagoda(commune_officer_a)
    visit = services.visit_plan(
        actor=commune_officer_a,
        unit=OrgUnit.objects.get(code="C7288-KDV"),
        visit_on=holiday("phat-dan").date,
        holiday_date=holiday("phat-dan"),
        establishment=temple,
        delegation="Đoàn xã",
    )
    client.force_login(commune_officer_a)
    url = reverse("faiths:visit_edit", args=[visit.code])
    page = client.get(url).content.decode()
    version = re.search(r'name="expected_version" value="([^"]+)"', page).group(1)
    data = {
        "holiday_date": visit.holiday_date_id,
        "visit_on": "31/05/2026",
        "establishment": temple.pk,
        "delegation": "Đoàn xã",
        "status": "done",
        "result": "Nhà chùa phấn khởi.",
        "expected_version": version,
    }
    assert _post(client, url, data).status_code == 302
    visit.refresh_from_db()
    assert visit.status == "done"
    # The same stale page again: a conflict, nothing overwritten.
    response = _post(client, url, {**data, "result": "Bản cũ"})
    assert response.status_code == 200 and "vừa được" in response.content.decode()
    visit.refresh_from_db()
    assert visit.result == "Nhà chùa phấn khởi."


def test_an_ethnic_area_is_registered_with_its_people_and_a_figure_corrected(client, commune_officer_a):
    client.force_login(commune_officer_a)
    nung = EthnicGroup.objects.get(name="Nùng")
    response = _post(
        client,
        reverse("faiths:area_new"),
        {"unit": "C7288-DU", "name": "Thôn Khe Nghè", "group": nung.pk, "year": "2026", "people": "352"},
    )
    area = EthnicArea.objects.get()
    assert response.status_code == 302
    response = _post(
        client,
        reverse("faiths:area_detail", args=[area.code]),
        {"group": nung.pk, "year": "2026", "households": "86", "people": "360"},
    )
    assert response.status_code == 302
    assert list(area.populations.values_list("people", "households")) == [(360, 86)]
    assert AuditEvent.objects.get(action=Action.FAITH_POPULATION_SET).before == {"people": 352, "households": None}


def test_a_commendation_of_a_dignitary_is_recorded_and_masked_for_a_viewer(client, commune_officer_a):
    temple = pagoda(commune_officer_a)
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("faiths:commendation_new"),
        {
            "unit": "C7288-DU",
            "year": "2026",
            "establishment": temple.pk,
            "dignitary": temple.dignitaries.get().pk,
            "form": "Giấy khen",
            "reason": "Sống tốt đời đẹp đạo",
        },
    )
    assert response.status_code == 302
    assert "Trụ trì Thích Thanh Tâm" in client.get(reverse("faiths:commendations")).content.decode()
    client.force_login(make_user("viewer.a", "viewer", "P24-TU"))
    page = client.get(reverse("faiths:commendations")).content.decode()
    assert "Trụ trì T*** T*** T***" in page and "Thích Thanh Tâm" not in page


def test_a_commendation_without_anyone_commended_is_refused(client, commune_officer_a):
    client.force_login(commune_officer_a)
    response = _post(
        client,
        reverse("faiths:commendation_new"),
        {"unit": "C7288-DU", "year": "2026", "form": "Giấy khen", "reason": "x"},
    )
    assert response.status_code == 200 and "Chưa chọn người hoặc tập thể được khen" in response.content.decode()


def test_the_demo_loader_makes_a_pagoda_a_church_and_two_visits_once(db):
    from danvan.accounts.demo import demo_data_load
    from danvan.faiths.demo import demo_faiths_load

    demo_data_load()
    created = demo_faiths_load()
    assert len(created) == 6
    assert set(Establishment.objects.values_list("kind", flat=True)) == {"pagoda", "church"}
    assert set(Visit.objects.values_list("holiday_date__holiday__slug", flat=True)) == {"phat-dan", "giang-sinh"}
    assert demo_faiths_load() == []
