"""Ban Thanh tra nhân dân and Ban Giám sát đầu tư của cộng đồng: members and terms, findings, recommendations,
the commune's answers, resolved or not; shown on the portal; counted in the reports."""

import datetime as dt

import pytest

from danvan.core.errors import ApplicationError
from danvan.democracy import services
from danvan.democracy.models import Board, Finding
from danvan.democracy.tests.factories import commune_base
from danvan.organisations.models import OrgUnit
from danvan.reports.sources import SOURCES, area_unit_ids

pytestmark = pytest.mark.django_db


def test_a_commune_has_one_peoples_inspection_board_at_a_time(commune_officer_a):
    base = commune_base(commune_officer_a)
    services.board_create(actor=commune_officer_a, base=base, kind="ttnd", term_start=dt.date(2024, 1, 1))
    with pytest.raises(ApplicationError) as exc:
        services.board_create(actor=commune_officer_a, base=base, kind="ttnd", term_start=dt.date(2025, 1, 1))
    assert exc.value.field == "term_start"
    # A community supervision board needs the works it supervises.
    with pytest.raises(ApplicationError) as exc:
        services.board_create(actor=commune_officer_a, base=base, kind="gsdtcd", term_start=dt.date(2025, 1, 1))
    assert exc.value.field == "project"
    assert Board.objects.count() == 1


def test_members_findings_and_answers_through_the_pages(client, client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    officer = client_for(commune_officer_a)
    response = officer.post(
        f"/dan-chu/co-so/{base.public_id}/ban/moi/",
        {"kind": "gsdtcd", "project": "Đường bê tông thôn Đồng", "term_start": "01/01/2026"},
    )
    board = Board.objects.get()
    assert response["Location"] == f"/dan-chu/ban/{board.public_id}/"
    url = response["Location"]
    officer.post(url, {"form": "member", "m-full_name": "Lê Thị Hoa", "m-position": "Trưởng ban", "m-village": ""})
    assert board.members.get().full_name == "Lê Thị Hoa"
    officer.post(
        url,
        {
            "form": "finding",
            "f-subject": "Đường bê tông thôn Đồng",
            "f-found_on": "10/03/2026",
            "f-finding": "Mặt đường mỏng hơn thiết kế 2 cm.",
            "f-recommendation": "Đề nghị nhà thầu làm lại đoạn 50 m.",
            "f-publish": "on",
        },
    )
    finding = Finding.objects.get()
    assert finding.is_published
    officer.post(
        f"/dan-chu/giam-sat/{finding.public_id}/tra-loi/",
        {"answer": "Nhà thầu đã làm lại.", "answered_on": "20/03/2026", "is_resolved": "on"},
    )
    finding.refresh_from_db()
    assert finding.is_resolved and finding.answered_on == dt.date(2026, 3, 20)
    page = officer.get(url).content.decode()
    assert "Lê Thị Hoa" in page and "Mặt đường mỏng" in page
    client.logout()
    public = client.get("/cong-dan/xa/C7288/").content.decode()
    assert "Đường bê tông thôn Đồng" in public and "Nhà thầu đã làm lại." in public and "đã giải quyết" in public

    area = area_unit_ids(OrgUnit.objects.get(code="C7288-KDV"))
    q1 = {"area": area, "start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)}
    assert SOURCES["democracy.works_supervised"].compute(**q1) == 1
    assert SOURCES["democracy.recommendations"].compute(**q1) == 1
    assert SOURCES["democracy.recommendations_resolved"].compute(**q1) == 1
    assert SOURCES["democracy.gsdtcd_boards"].compute(**q1) == 1
    assert SOURCES["democracy.ttnd_boards"].compute(**q1) == 0


def test_an_inspection_board_short_of_members_is_flagged(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    board = services.board_create(actor=commune_officer_a, base=base, kind="ttnd", term_start=dt.date(2026, 1, 1))
    services.board_member_add(actor=commune_officer_a, board=board, full_name="Trần Văn Nam")
    page = client_for(commune_officer_a).get(f"/dan-chu/ban/{board.public_id}/").content.decode()
    assert "alert-warning" in page


def test_an_answer_before_the_finding_is_refused(commune_officer_a):
    base = commune_base(commune_officer_a)
    board = services.board_create(actor=commune_officer_a, base=base, kind="ttnd", term_start=dt.date(2026, 1, 1))
    finding = services.finding_record(
        actor=commune_officer_a, board=board, subject="Chi quỹ", found_on=dt.date(2026, 3, 1), finding="Thiếu chứng từ"
    )
    with pytest.raises(ApplicationError) as exc:
        services.finding_answer(
            actor=commune_officer_a,
            finding=finding,
            answer="Đã bổ sung",
            answered_on=dt.date(2026, 2, 1),
            is_resolved=True,
        )
    assert exc.value.field == "answered_on"
