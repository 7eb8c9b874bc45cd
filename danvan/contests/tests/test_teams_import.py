import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from danvan.audit.models import Action, AuditEvent
from danvan.contests.models import Contestant, Team
from danvan.contests.tests.factories import contest
from danvan.core.tests import crafted

HEADER = "ma_don_vi,ten_doi,so_boc_tham,ho_ten,chuc_vu,doi_truong\n"


def _csv(text):
    return SimpleUploadedFile("doi-thi.csv", (HEADER + text).encode("utf-8"), content_type="text/csv")


def test_a_csv_of_teams_and_contestants_is_imported(client_for, commune_officer_a):
    c = contest(commune_officer_a)
    body = (
        "C7288-HND,Đội Nhà nông,1,Đỗ Thị Hoa,Chủ tịch Hội,x\n"
        "C7288-HND,,,Nguyễn Văn An,Hội viên,\n"
        "C7288-HPN,Đội Phụ nữ,2,Lương Thị Thu,Chủ tịch Hội,x\n"
    )
    response = client_for(commune_officer_a).post(
        reverse("contests:teams", args=[c.code]), {"action": "import", "file": _csv(body)}
    )
    assert response.status_code == 302
    assert list(Team.objects.values_list("name", "draw_number")) == [("Đội Nhà nông", 1), ("Đội Phụ nữ", 2)]
    assert Contestant.objects.filter(team__name="Đội Nhà nông").count() == 2
    assert AuditEvent.objects.filter(action=Action.CONTEST_TEAMS_IMPORTED).count() == 1


def test_every_row_is_checked_first_and_errors_are_listed_by_row(client_for, commune_officer_a):
    c = contest(commune_officer_a)
    body = (
        "C7288-HND,Đội Nhà nông,1,Đỗ Thị Hoa,Chủ tịch Hội,x\n"
        "KHONG-CO,,,Ai đó,,\n"
        "C30463-DU,,,Người tỉnh khác,,\n"
        "C7288-HPN,,1,Lương Thị Thu,,\n"
        "C7288-DTN,,,,,\n"
    )
    response = client_for(commune_officer_a).post(
        reverse("contests:teams", args=[c.code]), {"action": "import", "file": _csv(body)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Dòng 3: không có đơn vị “KHONG-CO” dưới Đảng ủy xã Yên Thế; ghi đúng tên như trong cây tổ chức.",
        "Dòng 4: đơn vị C30463-DU không thuộc Đảng ủy xã Yên Thế.",
        "Dòng 5: số bốc thăm 1 bị trùng.",
        "Dòng 6: thiếu họ tên thí sinh.",
    ):
        assert message in page, message
    assert not Team.objects.exists() and not Contestant.objects.exists()


def test_an_xlsx_file_works_too(client_for, commune_officer_a):
    c = contest(commune_officer_a)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["C7288-CCB", "Đội Cựu chiến binh", 3, "Trần Văn Bình", "Chủ tịch Hội", "x"])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("doi.xlsx", data.getvalue())
    response = client_for(commune_officer_a).post(
        reverse("contests:teams", args=[c.code]), {"action": "import", "file": upload}
    )
    assert response.status_code == 302 and Team.objects.get().draw_number == 3


def test_a_hostile_xlsx_is_refused_with_its_message(client_for, commune_officer_a):
    c = contest(commune_officer_a)
    for content, fragment in (
        (crafted.xlsx_billion_laughs(), "khai báo DOCTYPE/ENTITY"),
        (crafted.xlsx_with_a_row_far_below(), "hơn 8000 dòng"),
    ):
        upload = SimpleUploadedFile("doi.xlsx", content)
        response = client_for(commune_officer_a).post(
            reverse("contests:teams", args=[c.code]), {"action": "import", "file": upload}
        )
        assert response.status_code == 200
        assert fragment in response.content.decode()
    assert not Team.objects.exists()


def test_the_columns_can_be_headed_in_words_and_units_named_instead_of_coded(client_for, commune_officer_a):
    c = contest(commune_officer_a)
    text = "Đơn vị,Tên đội,Số bốc thăm,Họ và tên,Chức vụ,Đội trưởng\nhoi nong dan xa yen the,Đội Nhà nông,1,Đỗ Thị Hoa,,x\n"
    upload = SimpleUploadedFile("doi-thi.csv", text.encode("utf-8"), content_type="text/csv")
    response = client_for(commune_officer_a).post(
        reverse("contests:teams", args=[c.code]), {"action": "import", "file": upload}
    )
    assert response.status_code == 302
    assert list(Team.objects.values_list("unit__code", "name")) == [("C7288-HND", "Đội Nhà nông")]
