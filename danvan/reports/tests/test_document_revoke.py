"""An issued number can be revoked with a reason by a leader of the issuing body; the register shows it revoked;
issuing the same document again gives the replacement the next number, and the number revoked is never reused."""

import datetime as dt
import zoneinfo

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.documents.models import IssuedDocument
from danvan.documents.tests.factories import issue_through_pages
from danvan.meetings.services import meeting_schedule
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def notice(client_for, officer_a):
    meeting = meeting_schedule(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="giao_ban",
        title="Giao ban quý I/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
    )
    client = client_for(officer_a)
    client.post(f"/hoi-nghi/{meeting.public_id}/", {"minutes": "x", "conclusions": "Tổng kết mô hình"})
    draft = client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    issue_through_pages(client_for, officer_a, draft["Location"])
    return meeting, IssuedDocument.objects.get()


def test_a_leader_revokes_and_the_replacement_takes_the_next_number(client_for, leader_a, officer_a, notice):
    meeting, first = notice
    leader = client_for(leader_a)
    assert "Thu hồi" in leader.get("/bao-cao/van-ban/").content.decode()
    response = leader.post(
        f"/bao-cao/van-ban/{first.public_id}/thu-hoi/",
        {"reason": "Sai thành phần dự họp, ban hành lại", TOKEN_FIELD: new_form_token()},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.revoked_at is not None and first.revoked_by == leader_a
    register = leader.get("/bao-cao/van-ban/").content.decode()
    assert "Sai thành phần dự họp, ban hành lại" in register and f"/hoi-nghi/{meeting.public_id}/" in register
    event = AuditEvent.objects.get(action=Action.DOCUMENT_REVOKED)
    assert event.actor == leader_a and event.after["reason"] == "Sai thành phần dự họp, ban hành lại"

    # Issued again from the meeting's page: a new number, pointing at the one it replaces; again: the same one.
    client = client_for(officer_a)
    draft = client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    assert (
        client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})["Location"]
        == draft["Location"]
    )
    issue_through_pages(client_for, officer_a, draft["Location"])
    client = client_for(officer_a)
    client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    assert IssuedDocument.objects.count() == 2
    replacement = IssuedDocument.objects.exclude(pk=first.pk).get()
    assert replacement.number == first.number + 1 and replacement.replaces == first
    assert first.reference.replace("01", "02") == replacement.reference
    assert f"Thay thế {first.reference}" in client_for(leader_a).get("/bao-cao/van-ban/").content.decode()


def test_an_officer_cannot_revoke_and_a_reason_is_required(client_for, leader_a, officer_a, officer_b, notice):
    _meeting, first = notice
    officer = client_for(officer_a)
    assert "/thu-hoi/" not in officer.get("/bao-cao/van-ban/").content.decode()
    refused = officer.post(
        f"/bao-cao/van-ban/{first.public_id}/thu-hoi/", {"reason": "Sai số liệu mục II", TOKEN_FIELD: new_form_token()}
    )
    assert refused.status_code == 200
    assert "Chỉ lãnh đạo của cơ quan ban hành được thu hồi văn bản." in refused.content.decode()
    short = client_for(leader_a).post(
        f"/bao-cao/van-ban/{first.public_id}/thu-hoi/", {"reason": "sai", TOKEN_FIELD: new_form_token()}
    )
    assert "Lý do thu hồi: bắt buộc, ít nhất 10 ký tự" in short.content.decode()
    assert client_for(officer_b).get(f"/bao-cao/van-ban/{first.public_id}/thu-hoi/").status_code == 404
    first.refresh_from_db()
    assert first.revoked_at is None


def test_only_the_issuing_body_revokes_its_numbers_not_a_leader_higher_up(client_for, leader_a, commune_officer_a):
    """A provincial leader reads a commune's register but does not revoke its numbers: the commune's leader does
    (the province asks the commune to)."""
    from conftest import make_user

    meeting = meeting_schedule(
        actor=commune_officer_a,
        unit=OrgUnit.objects.get(code="C7288-DU"),
        kind="giao_ban",
        title="Giao ban khối dân vận quý I/2026",
        starts_at=dt.datetime(2026, 3, 20, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 20, 10, tzinfo=HCM),
    )
    client = client_for(commune_officer_a)
    client.post(f"/hoi-nghi/{meeting.public_id}/", {"minutes": "x", "conclusions": "Rà soát hộ nghèo"})
    draft = client.post(f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/", {TOKEN_FIELD: new_form_token()})
    issue_through_pages(client_for, commune_officer_a, draft["Location"])
    issued = IssuedDocument.objects.get()
    assert issued.register.issuer.code.startswith("C7288")

    province = client_for(leader_a)
    register = province.get("/bao-cao/van-ban/").content.decode()
    assert issued.reference in register and f"/bao-cao/van-ban/{issued.public_id}/thu-hoi/" not in register
    page = province.get(f"/bao-cao/van-ban/{issued.public_id}/thu-hoi/").content.decode()
    assert "Chỉ lãnh đạo của cơ quan ban hành được thu hồi văn bản." in page and 'name="reason"' not in page
    refused = province.post(
        f"/bao-cao/van-ban/{issued.public_id}/thu-hoi/", {"reason": "Sai số liệu mục II", TOKEN_FIELD: new_form_token()}
    )
    assert "Chỉ lãnh đạo của cơ quan ban hành được thu hồi văn bản." in refused.content.decode()
    issued.refresh_from_db()
    assert issued.revoked_at is None

    commune_leader = client_for(make_user("commune.leader", "leader", "C7288-DU"))
    assert f"/bao-cao/van-ban/{issued.public_id}/thu-hoi/" in commune_leader.get("/bao-cao/van-ban/").content.decode()
    done = commune_leader.post(
        f"/bao-cao/van-ban/{issued.public_id}/thu-hoi/", {"reason": "Sai số liệu mục II", TOKEN_FIELD: new_form_token()}
    )
    assert done.status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None
