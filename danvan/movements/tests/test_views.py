import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.movements import services
from danvan.movements.models import Movement, MovementAward, MovementRegistration, MovementReport, MovementTarget
from danvan.movements.tests.factories import launched, report, today, unit


def _d(days=0):
    return (today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


CREATE = {
    "unit": "P24-TGDV",
    "kind": "peak",
    "name": "Tháng Dân vận năm 2026",
    "description": "Hưởng ứng Ngày Dân vận 15/10",
    "results_weight": "70",
    "completeness_weight": "30",
}


def test_an_officer_drafts_a_movement_through_the_form(client_for, officer_a):
    c = client_for(officer_a)
    assert c.get(reverse("movements:create")).status_code == 200
    response = c.post(reverse("movements:create"), {**CREATE, "start_date": _d(-10), "end_date": _d(20)})
    movement = Movement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("movements:detail", args=[movement.code])
    page = c.get(response["Location"]).content.decode()
    assert "Tháng Dân vận năm 2026" in page and "Thành ủy Bắc Ninh" in page


def test_bad_input_on_the_form_shows_a_vietnamese_message_and_writes_nothing(client_for, officer_a):
    c = client_for(officer_a)
    response = c.post(reverse("movements:create"), {**CREATE, "start_date": _d(10), "end_date": _d(-10)})
    assert response.status_code == 200
    assert "Ngày kết thúc" in response.content.decode() and "is-invalid" in response.content.decode()
    response = c.post(reverse("movements:create"), {**CREATE, "unit": "P91-TU", "start_date": _d(), "end_date": _d()})
    assert response.status_code == 200 and "Đơn vị phát động" in response.content.decode()
    response = c.post(reverse("movements:create"), {**CREATE, "unit": "KHONG-CO", "start_date": _d(), "end_date": _d()})
    assert response.status_code == 200 and "KHONG-CO" in response.content.decode()
    assert not Movement.objects.exists()


def test_targets_rounds_and_launch_through_the_detail_page(client_for, officer_a, leader_a):
    c = client_for(officer_a)
    c.post(reverse("movements:create"), {**CREATE, "start_date": _d(-10), "end_date": _d(20)})
    code = Movement.objects.get().code
    response = c.post(
        reverse("movements:target_add", args=[code]), {"name": "Buổi", "target_value": "0", "weight": "1"}
    )
    assert response.status_code == 200 and "phải lớn hơn 0" in response.content.decode()
    assert not MovementTarget.objects.exists()
    c.post(reverse("movements:target_add", args=[code]), {"name": "Buổi tuyên truyền", "target_value": "10"})
    c.post(reverse("movements:checkpoint_add", args=[code]), {"name": "Sơ kết", "due_date": _d(5)})
    # An officer sees no launch button and cannot launch.
    assert "movements/" + code + "/phat-dong/" not in c.get(reverse("movements:detail", args=[code])).content.decode()
    c.post(reverse("movements:launch", args=[code]))
    assert Movement.objects.get().status == "draft"
    leader = client_for(leader_a)
    leader.post(reverse("movements:launch", args=[code]))
    assert Movement.objects.get().status == "launched"


def test_a_commune_officer_registers_their_own_unit_but_not_another_commune(
    client_for, officer_a, leader_a, commune_officer_a
):
    movement = launched(officer_a, leader_a)
    c = client_for(commune_officer_a)
    page = c.get(reverse("movements:detail", args=[movement.code])).content.decode()
    assert reverse("movements:register", args=[movement.code]) in page
    url = reverse("movements:register", args=[movement.code])
    target = movement.targets.get()
    response = c.post(url, {"unit": "C7210-DU", "commitment": ""})
    assert response.status_code == 200 and "Đảng ủy phường Bắc Giang" in response.content.decode()
    response = c.post(url, {"unit": "C7288-DU", f"target_{target.pk}": "-2"})
    assert response.status_code == 200 and "lớn hơn 0" in response.content.decode()
    assert not MovementRegistration.objects.exists()
    response = c.post(url, {"unit": "C7288-DU", "commitment": "Hoàn thành", f"target_{target.pk}": "12"})
    assert response.status_code == 302
    response = c.post(url, {"unit": "C7288-DU"})
    assert response.status_code == 200 and "đã đăng ký" in response.content.decode()
    assert MovementRegistration.objects.get().unit.code == "C7288-DU"


def test_reporting_results_through_the_form(client_for, officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    checkpoint = movement.checkpoints.first()  # already due: the report is late
    url = reverse("movements:report", args=[movement.code, checkpoint.pk])
    target = movement.targets.get()
    c = client_for(commune_officer_a)
    response = c.post(url, {"unit": "C7288-DU", f"target_{target.pk}": "3"})
    assert response.status_code == 200 and "chưa đăng ký" in response.content.decode()
    services.movement_register(actor=commune_officer_a, movement=movement, unit=unit("C7288-DU"))
    assert c.get(url).status_code == 200
    response = c.post(url, {"unit": "C7288-DU", f"target_{target.pk}": "-3"})
    assert response.status_code == 200 and "không được âm" in response.content.decode()
    assert not MovementReport.objects.exists()
    response = c.post(url, {"unit": "C7288-DU", f"target_{target.pk}": "3,5", "note": "Ba hộ"}, follow=True)
    assert MovementReport.objects.get().is_late
    assert "muộn" in response.content.decode() or "late" in response.content.decode()
    # “Sửa số liệu” opens the report as it was sent.
    again = c.get(url + "?unit=C7288-DU").context["form"]
    assert again.initial == {"unit": "C7288-DU", "note": "Ba hộ", f"target_{target.pk}": "3,5"}


def test_another_province_gets_404_on_every_page(client_for, officer_a, leader_a, officer_b):
    movement = launched(officer_a, leader_a)
    c = client_for(officer_b)
    checkpoint = movement.checkpoints.first()
    for name, args in (
        ("detail", [movement.code]),
        ("register", [movement.code]),
        ("scoreboard", [movement.code]),
        ("scoreboard_export", [movement.code]),
        ("report", [movement.code, checkpoint.pk]),
        ("close", [movement.code]),
    ):
        assert c.get(reverse(f"movements:{name}", args=args)).status_code == 404, name
    assert c.post(reverse("movements:register", args=[movement.code]), {"unit": "P91-TU"}).status_code == 404
    assert movement.code not in c.get(reverse("movements:index")).content.decode()


def test_bulk_registration_page_registers_every_commune(client_for, officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    url = reverse("movements:register_bulk", args=[movement.code])
    assert client_for(commune_officer_a).get(url).status_code == 404
    c = client_for(officer_a)
    response = c.post(url, {"which": "codes", "codes": "C7288-DU, KHONG-CO"})
    assert response.status_code == 200 and "KHONG-CO" in response.content.decode()
    response = c.post(url, {"which": "codes", "codes": "C7288-DU\nP91-TU"})
    assert response.status_code == 200 and "Tỉnh ủy An Giang" in response.content.decode()
    assert not MovementRegistration.objects.exists()
    assert c.post(url, {"which": "communes"}).status_code == 302
    assert MovementRegistration.objects.filter(movement=movement).count() == 99


def test_the_scoreboard_page_filters_by_province_and_exports_xlsx(client_for, sysadmin, commune_officer_a):
    movement = launched(sysadmin, unit_code="TW-TGDV", name="Dân vận khéo toàn quốc", counts_initiatives=True)
    services.movement_register_bulk(
        actor=sysadmin, movement=movement, units=[unit(c) for c in ("P24-TU", "C7288-DU", "P91-TU")]
    )
    report(sysadmin, movement, "C7288-DU", movement.checkpoints.first(), ["10"])
    c = client_for(commune_officer_a)
    response = c.get(reverse("movements:scoreboard", args=[movement.code]), {"unit": "P24-TU"})
    assert [r.unit.code for r in response.context["board"].rows] == ["C7288-DU", "P24-TU"]
    assert "Đảng ủy xã Yên Thế" in response.content.decode()
    response = c.get(reverse("movements:scoreboard_export", args=[movement.code]), {"unit": "P24-TU"})
    assert response.status_code == 200 and "P24-TU" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Hạng", "Mã đơn vị", "Đơn vị", "Điểm") and rows[0][-2] == "Mô hình “Dân vận khéo” đăng ký"
    assert rows[1][:4] == (1, "C7288-DU", "Đảng ủy xã Yên Thế", 85.0)  # 70 × 1 + 30 × 1/2
    assert rows[1][5] == 50.0 and rows[1][10] == 10.0
    assert [r[1] for r in rows[1:]] == ["C7288-DU", "P24-TU"]


def test_a_commune_officer_sees_their_province_first_and_the_centre_sees_everything(
    client_for, sysadmin, commune_officer_a
):
    movement = launched(sysadmin, unit_code="TW-TGDV", name="Dân vận khéo toàn quốc")
    services.movement_register_bulk(
        actor=sysadmin, movement=movement, units=[unit(c) for c in ("C7288-DU", "P91-TU", "P24-TU")]
    )
    url = reverse("movements:scoreboard", args=[movement.code])
    own = client_for(commune_officer_a).get(url)
    assert {r.unit.code for r in own.context["board"].rows} == {"C7288-DU", "P24-TU"}
    assert own.context["form"]["unit"].value() == "P24-TU"
    everything = client_for(commune_officer_a).get(url, {"unit": ""})
    assert {r.unit.code for r in everything.context["board"].rows} == {"C7288-DU", "P24-TU", "P91-TU"}
    central = client_for(sysadmin).get(url)
    assert len(central.context["board"].rows) == 3


def test_the_list_and_scoreboard_query_counts_do_not_grow_with_rows(client_for, officer_a, leader_a):
    c = client_for(officer_a)
    first = launched(officer_a, leader_a, name="Một")
    services.movement_register(actor=officer_a, movement=first, unit=unit("C7288-DU"))
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as list_queries:
            assert c.get(reverse("movements:index")).status_code == 200
        with CaptureQueriesContext(connection) as board_queries:
            assert c.get(reverse("movements:scoreboard", args=[first.code])).status_code == 200
        counts.append((len(list_queries), len(board_queries)))
        for i in range(5):
            launched(officer_a, leader_a, name=f"Phong trào {i}")
        services.movement_register_bulk(
            actor=officer_a, movement=first, units=[unit(x) for x in ("C7210-DU", "C9295-DU", "C7738-DU")]
        )
    assert counts[0] == counts[1]


def test_a_leader_closes_and_records_an_award_through_the_pages(client_for, officer_a, leader_a):
    movement = launched(officer_a, leader_a)
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    url = reverse("movements:close", args=[movement.code])
    assert client_for(officer_a).get(url).status_code == 404
    c = client_for(leader_a)
    assert c.get(url).status_code == 200
    assert c.post(url, {"note": "Tổng kết Tháng Dân vận"}).status_code == 302
    award = {
        "unit": "C7288-DU",
        "title": "Đảng bộ dân vận khéo",
        "form": "giay_khen",
        "deciding_body": "Ban Thường vụ Thành ủy",
        "decision_number": "",
        "decided_on": _d(),
    }
    response = c.post(reverse("movements:award_add", args=[movement.code]), award)
    assert response.status_code == 200 and not MovementAward.objects.exists()
    response = c.post(reverse("movements:award_add", args=[movement.code]), {**award, "decision_number": "12-QĐ/TU"})
    assert response.status_code == 302 and MovementAward.objects.get().title == "Đảng bộ dân vận khéo"
    assert "Đảng bộ dân vận khéo" in c.get(reverse("movements:detail", args=[movement.code])).content.decode()


def test_the_detail_page_shows_activity_task_progress(client_for, officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    c = client_for(officer_a)
    response = c.post(
        reverse("movements:activity_add", args=[movement.code]),
        {"title": "Ra quân Ngày Dân vận", "assignee": "C7288-DU", "due_date": _d(5)},
    )
    assert response.status_code == 302
    page = client_for(commune_officer_a).get(reverse("movements:detail", args=[movement.code])).content.decode()
    assert "Ra quân Ngày Dân vận" in page and 'value="0" max="100"' in page
    tasks = client_for(commune_officer_a).get(reverse("workplans:index")).content.decode()
    assert "Ra quân Ngày Dân vận" in tasks
