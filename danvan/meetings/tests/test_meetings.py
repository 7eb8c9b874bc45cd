import datetime as dt
import io
import zoneinfo

import pytest

from danvan.core.errors import ApplicationError
from danvan.meetings.models import Meeting
from danvan.meetings.services import ConclusionInput, meeting_record_outcome, meeting_schedule
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def unit(code):
    return OrgUnit.objects.get(code=code)


def at(day, hour):
    return dt.datetime(2026, 3, day, hour, tzinfo=HCM)


@pytest.fixture
def briefing(officer_a):
    return meeting_schedule(
        actor=officer_a,
        unit=unit("P24-TU"),
        kind="giao_ban",
        title="Hội nghị giao ban công tác dân vận quý I/2026",
        starts_at=at(19, 8),
        ends_at=at(19, 11),
        place="Hội trường Tỉnh ủy",
        chairs=[{"name": "Phạm Văn Thịnh", "title": "Trưởng Ban Tuyên giáo và Dân vận"}],
        invited=[unit("P24-MTTQ"), unit("P24-HND")],
    )


def test_a_meeting_ending_before_it_starts_is_refused(officer_a):
    with pytest.raises(ApplicationError) as error:
        meeting_schedule(
            actor=officer_a, unit=unit("P24-TU"), kind="giao_ban", title="X", starts_at=at(19, 11), ends_at=at(19, 8)
        )
    assert error.value.field == "ends_at"


def test_conclusions_become_tasks_and_are_followed_up_at_the_next_meeting(client_for, officer_a, briefing):
    meeting_record_outcome(
        actor=officer_a,
        meeting=briefing,
        minutes="...",
        conclusions=[
            ConclusionInput("Tập trung nắm tình hình nhân dân sau bầu cử", unit("C7288-DU"), dt.date(2026, 6, 14)),
            ConclusionInput("Nhân rộng mô hình chính quyền thân thiện", None, None),
        ],
        attendance=[(unit("P24-MTTQ"), "", 3), (None, "Điểm cầu xã Yên Thế", 45)],
    )
    briefing.refresh_from_db()
    assert briefing.status == Meeting.Status.HELD
    first, second = briefing.conclusions.all()
    assert first.task.assignee.code == "C7288-DU" and first.task.assigned_by.code == "P24-TU"
    assert second.task is None
    following = meeting_schedule(
        actor=officer_a,
        unit=unit("P24-TU"),
        kind="giao_ban",
        title="Hội nghị giao ban quý II/2026",
        starts_at=at(25, 8) + dt.timedelta(days=90),
        ends_at=at(25, 11) + dt.timedelta(days=90),
    )
    page = client_for(officer_a).get(f"/hoi-nghi/{following.public_id}/")
    assert page.context["previous"] == briefing
    assert [c.text for c in page.context["previous_conclusions"]][0].startswith("Tập trung nắm tình hình")


def test_an_outcome_with_a_conclusion_outside_the_subtree_writes_nothing(officer_a, briefing):
    with pytest.raises(ApplicationError):
        meeting_record_outcome(
            actor=officer_a,
            meeting=briefing,
            minutes="",
            conclusions=[
                ConclusionInput("A", unit("C7288-DU"), dt.date(2026, 6, 1)),
                ConclusionInput("B", unit("C30463-DU"), dt.date(2026, 6, 1)),
            ],
        )
    assert briefing.conclusions.count() == 0


def test_the_outcome_form_parses_lines_and_the_notice_comes_out_in_party_format(client_for, officer_a, briefing):
    client = client_for(officer_a)
    response = client.post(
        f"/hoi-nghi/{briefing.public_id}/",
        {
            "minutes": "Biên bản",
            "attendance": "P24-MTTQ | 3\nĐiểm cầu xã Bố Hạ | 40",
            "conclusions": "Tiếp tục thực hiện Quy chế dân chủ | C7288-DU | 30/06/2026\nĐổi mới công tác tuyên truyền",
        },
    )
    assert response.status_code == 302
    assert briefing.conclusions.count() == 2
    # The notice goes to its draft: the HTML preview of the real DOCX, with no number taken yet.
    notice = client.post(f"/hoi-nghi/{briefing.public_id}/thong-bao-ket-luan/", follow=True)
    assert notice.redirect_chain[-1][0].startswith("/van-ban/")
    text = notice.content.decode()
    assert "Số     -TB/" in text and "data-docx-preview" in text
    assert "THÔNG BÁO" in text
    assert "Kết luận của đồng chí Phạm Văn Thịnh" in text
    assert "1. Tiếp tục thực hiện Quy chế dân chủ (Giao Đảng ủy xã Yên Thế chủ trì; thời hạn 30/06/2026.)" in text


def test_a_bad_deadline_line_names_the_field(client_for, officer_a, briefing):
    response = client_for(officer_a).post(
        f"/hoi-nghi/{briefing.public_id}/", {"conclusions": "A | C7288-DU | 31/02/2026"}
    )
    assert response.status_code == 200
    assert "conclusions" in response.context["form"].errors


def test_scheduling_through_the_page(client_for, officer_a):
    response = client_for(officer_a).post(
        "/hoi-nghi/",
        {
            "unit": "P24-TU",
            "kind": "so_ket",
            "title": "Sơ kết 6 tháng",
            "starts_at": "10/07/2026 08:00",
            "ends_at": "10/07/2026 11:30",
            "chairs": "Phạm Văn Thịnh | Trưởng ban",
            "invited": "P24-MTTQ",
            "period": "half-2026-1",
            "invited_people": "Nguyễn Văn A, Bí thư Đảng ủy xã",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Sơ kết 6 tháng")
    assert meeting.period.key == "half-2026-1"
    assert meeting.chairs == [{"name": "Phạm Văn Thịnh", "title": "Trưởng ban"}]
    assert meeting.invited_people == "Nguyễn Văn A, Bí thư Đảng ủy xã"


def test_another_province_gets_404(client_for, officer_b, briefing):
    assert client_for(officer_b).get(f"/hoi-nghi/{briefing.public_id}/").status_code == 404


def test_a_confirmed_article_becomes_a_held_meeting_with_its_conclusions(client_for, officer_a):
    from pathlib import Path

    from danvan.ingest.services import ingest_document_create

    seed = Path(__file__).resolve().parents[2] / "ingest" / "tests" / "fixtures" / "seeds" / "000_6a9b676a3494a261.txt"
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), filename="000.txt", content=seed.read_bytes())
    client = client_for(officer_a)
    refused = client.post(f"/hoi-nghi/tu-van-ban/{record.document.public_id}/", follow=True)
    assert "xác nhận" in " ".join(str(m) for m in refused.context["messages"])  # confirm first
    record.status, record.corrected = "confirmed", record.proposed
    record.save()
    response = client.post(f"/hoi-nghi/tu-van-ban/{record.document.public_id}/")
    meeting = Meeting.objects.get(source_record=record)
    assert response.status_code == 302
    assert meeting.kind == "giao_ban" and meeting.status == "held"
    assert meeting.starts_at.date().isoformat() == "2021-03-19"
    assert meeting.period.key == "quarter-2021-1"
    assert meeting.chairs[0]["name"] == "Phạm Văn Thịnh"
    assert meeting.conclusions.count() >= 3
    again = client.post(f"/hoi-nghi/tu-van-ban/{record.document.public_id}/", follow=True)
    assert "đã được tạo" in " ".join(str(m) for m in again.context["messages"])


def test_documents_are_attached_and_served_only_in_scope(client_for, officer_a, officer_b, briefing):

    client = client_for(officer_a)
    exe = io.BytesIO(b"MZ")
    exe.name = "virus.exe"
    page = client.post(f"/hoi-nghi/{briefing.public_id}/tai-lieu/", {"upload": exe}, follow=True)
    assert "chỉ nhận" in " ".join(str(m) for m in page.context["messages"])
    assert briefing.documents.count() == 0
    docx = io.BytesIO(b"PK\x03\x04 a report")
    docx.name = "bao-cao-quy-1.docx"
    client.post(f"/hoi-nghi/{briefing.public_id}/tai-lieu/", {"title": "Báo cáo quý I", "upload": docx})
    document = briefing.documents.get()
    assert document.title == "Báo cáo quý I"
    assert client.get(f"/hoi-nghi/{briefing.public_id}/tai-lieu/{document.pk}/").content == b"PK\x03\x04 a report"
    assert client_for(officer_b).get(f"/hoi-nghi/{briefing.public_id}/tai-lieu/{document.pk}/").status_code == 404


def test_a_huge_attendance_count_names_the_field_instead_of_a_server_error(client_for, officer_a, briefing):
    response = client_for(officer_a).post(
        f"/hoi-nghi/{briefing.public_id}/",
        {"minutes": "Biên bản", "attendance": "P24-MTTQ | " + "9" * 25, "conclusions": "Tiếp tục thực hiện"},
    )
    assert response.status_code == 200
    assert "quá lớn" in response.context["form"].errors["attendance"][0]
    assert briefing.conclusions.count() == 0
