import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from danvan.initiatives import services
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.tests.factories import approved, full_scores, recognised, register


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


REGISTER = {
    "unit": "C7288-DU",
    "year": "2026",
    "name": "Dân vận khéo xây dựng đường giao thông",
    "field": "kinh_te",
    "kind": "collective",
    "goal": "Vận động nhân dân hiến đất làm đường",
    "start_date": "02/03/2026",
    "targets": "Đường bê tông; km; 5\nHộ hiến đất; hộ; 120",
}


def test_a_commune_officer_registers_through_the_form_and_sees_the_detail(client, commune_officer_a):
    c = _login(client, commune_officer_a)
    assert c.get(reverse("initiatives:register")).status_code == 200
    response = c.post(reverse("initiatives:register"), REGISTER)
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("initiatives:detail", args=[initiative.code])
    assert initiative.targets.count() == 2 and initiative.start_date == datetime.date(2026, 3, 2)
    page = c.get(response["Location"])
    assert page.status_code == 200 and "Đường bê tông" in page.content.decode()


def test_the_form_warns_about_a_duplicate_then_registers_when_confirmed(client, commune_officer_a):
    c = _login(client, commune_officer_a)
    blank = c.get(reverse("initiatives:register")).content.decode()
    assert 'type="checkbox" name="allow_duplicate"' not in blank
    c.post(reverse("initiatives:register"), REGISTER)
    response = c.post(reverse("initiatives:register"), {**REGISTER, "allow_duplicate": ""})
    assert response.status_code == 200
    assert "MH-2026-000001" in response.content.decode()
    assert 'type="checkbox" name="allow_duplicate"' in response.content.decode()
    assert Initiative.objects.count() == 1
    response = c.post(reverse("initiatives:register"), {**REGISTER, "allow_duplicate": "on"})
    assert response.status_code == 302 and Initiative.objects.count() == 2


def test_a_unit_outside_the_subtree_or_an_unknown_code_is_refused_on_the_form(client, commune_officer_a):
    c = _login(client, commune_officer_a)
    for code in ("P91-TU", "KHONG-CO"):
        response = c.post(reverse("initiatives:register"), {**REGISTER, "unit": code})
        assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Initiative.objects.exists()


def test_the_library_searches_folded_text_and_filters_within_scope(client, commune_officer_a, officer_b, leader_a):
    register(commune_officer_a)
    register(commune_officer_a, name="Chi hội phụ nữ tiết kiệm", field="van_hoa_xa_hoi", goal="Giúp nhau")
    c = _login(client, commune_officer_a)
    body = c.get(reverse("initiatives:index"), {"q": "duong GIAO thong"}).content.decode()
    assert "MH-2026-000001" in body and "MH-2026-000002" not in body
    body = c.get(reverse("initiatives:index"), {"field": "van_hoa_xa_hoi", "province": "P24-TU"}).content.decode()
    assert "MH-2026-000002" in body and "MH-2026-000001" not in body
    # Province B sees neither registration (not recognised, not in scope), and gets 404 on the detail.
    b = _login(client, officer_b)
    assert "MH-2026-000001" not in b.get(reverse("initiatives:index")).content.decode()
    assert b.get(reverse("initiatives:detail", args=["MH-2026-000001"])).status_code == 404


def test_the_library_query_count_does_not_grow_with_rows(client, commune_officer_a):
    c = _login(client, commune_officer_a)
    register(commune_officer_a)
    with CaptureQueriesContext(connection) as one:
        c.get(reverse("initiatives:index"))
    for n in range(5):
        register(commune_officer_a, name=f"Mô hình {n}")
    with CaptureQueriesContext(connection) as six:
        assert c.get(reverse("initiatives:index")).status_code == 200
    assert len(six.captured_queries) == len(one.captured_queries)


def test_the_level_above_approves_on_the_page_and_the_unit_does_not_see_the_button(client, commune_officer_a, leader_a):
    initiative = register(commune_officer_a)
    url = reverse("initiatives:detail", args=[initiative.code])
    own = _login(client, commune_officer_a).get(url).content.decode()
    assert reverse("initiatives:decide", args=[initiative.code]) not in own
    client.logout()
    c = _login(client, leader_a)
    assert initiative.code in c.get(reverse("initiatives:index")).content.decode()  # in "waiting for you"
    assert reverse("initiatives:decide", args=[initiative.code]) in c.get(url).content.decode()
    c.post(reverse("initiatives:decide", args=[initiative.code]), {"decision": "approve"})
    initiative.refresh_from_db()
    assert initiative.status == Status.APPROVED


def test_a_forbidden_decision_changes_nothing_and_shows_a_message(client, commune_officer_a):
    initiative = register(commune_officer_a)
    c = _login(client, commune_officer_a)
    response = c.post(reverse("initiatives:decide", args=[initiative.code]), {"decision": "approve"}, follow=True)
    assert "cấp trên" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Status.REGISTERED


def test_progress_evaluation_recognition_and_commendation_through_the_pages(client, commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    road = initiative.targets.first()
    c = _login(client, commune_officer_a)
    assert c.get(reverse("initiatives:update_add", args=[initiative.code])).status_code == 200
    c.post(
        reverse("initiatives:update_add", args=[initiative.code]),
        {"reported_on": "30/06/2026", "note": "Quý II", f"target_{road.pk}": "2,5"},
    )
    assert initiative.updates.count() == 1
    client.logout()
    c = _login(client, leader_a)
    scheme = services.evaluation_scheme_for(initiative)
    assert c.get(reverse("initiatives:evaluate", args=[initiative.code])).status_code == 200
    scores = {f"criterion_{pk}": str(v) for pk, v in full_scores(scheme).items()}
    first = scheme.criteria.first()
    bad = c.post(
        reverse("initiatives:evaluate", args=[initiative.code]),
        {**scores, f"criterion_{first.pk}": "99", "evaluated_on": "01/10/2026"},
    )
    assert bad.status_code == 200 and first.name in bad.content.decode()
    assert not initiative.evaluations.exists()
    c.post(reverse("initiatives:evaluate", args=[initiative.code]), {**scores, "evaluated_on": "01/10/2026"})
    c.post(
        reverse("initiatives:recognise", args=[initiative.code]),
        {"level": "province", "status": "outstanding", "decided_on": "15/10/2026"},
    )
    c.post(
        reverse("initiatives:commend", args=[initiative.code]),
        {
            "form": "bang_khen",
            "deciding_body": "Chủ tịch UBND tỉnh",
            "decision_number": "99/QĐ-UBND",
            "decided_on": "20/10/2026",
        },
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.OUTSTANDING and initiative.commendations.count() == 1
    body = c.get(reverse("initiatives:detail", args=[initiative.code])).content.decode()
    assert "99/QĐ-UBND" in body and "20/10/2026" in body


def test_a_recognised_model_is_in_every_library_and_can_be_replicated_elsewhere(
    client, commune_officer_a, leader_a, officer_b
):
    source = recognised(commune_officer_a, leader_a)
    c = _login(client, officer_b)
    assert source.code in c.get(reverse("initiatives:index"), {"status": "outstanding"}).content.decode()
    assert c.get(reverse("initiatives:replicate", args=[source.code])).status_code == 200
    response = c.post(
        reverse("initiatives:replicate", args=[source.code]),
        {"unit": "P91-TU", "year": "2027", "start_date": "05/01/2027"},
    )
    copy = Initiative.objects.get(replicated_from=source)
    assert response.status_code == 302 and copy.unit.code == "P91-TU"
    body = c.get(reverse("initiatives:detail", args=[copy.code])).content.decode()
    assert "Where this model has spread" in body or source.code in body


def test_the_library_exports_as_xlsx_with_the_same_filters(client, commune_officer_a):
    import io

    from openpyxl import load_workbook

    register(commune_officer_a)
    register(commune_officer_a, name="Chi hội phụ nữ tiết kiệm", field="van_hoa_xa_hoi", goal="Giúp nhau")
    c = _login(client, commune_officer_a)
    response = c.get(reverse("initiatives:export"), {"field": "van_hoa_xa_hoi"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][0] == "Mã" and [r[0] for r in rows[1:]] == ["MH-2026-000002"]


def test_the_detail_page_query_count_does_not_grow_with_updates(client, commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    road, homes = initiative.targets.all()
    c = _login(client, commune_officer_a)
    url = reverse("initiatives:detail", args=[initiative.code])

    def add(month):
        services.initiative_update_add(
            actor=commune_officer_a,
            initiative=initiative,
            reported_on=datetime.date(2026, month, 28),
            note="x",
            results={road.pk: month, homes.pk: month * 10},
        )

    add(4)
    with CaptureQueriesContext(connection) as one:
        assert c.get(url).status_code == 200
    for month in (5, 6, 7, 8):
        add(month)
    with CaptureQueriesContext(connection) as five:
        assert c.get(url).status_code == 200
    assert len(five.captured_queries) == len(one.captured_queries)
