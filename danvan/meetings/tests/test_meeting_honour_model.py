"""A biểu dương điển hình conference records the recognised "Dân vận khéo" models it honoured."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.initiatives.tests.factories import recognised, register
from danvan.meetings.models import Meeting
from danvan.meetings.services import meeting_schedule
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 10, 15, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def conference(leader_a):
    return meeting_schedule(
        actor=leader_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind=Meeting.Kind.COMMENDATION,
        title="Hội nghị biểu dương điển hình “Dân vận khéo” năm 2026",
        starts_at=START,
        ends_at=START + dt.timedelta(hours=3),
    )


def _honour(client, meeting, code):
    return client.post(f"/hoi-nghi/{meeting.public_id}/bieu-duong/", {"code": code}, follow=True)


def test_a_recognised_model_is_honoured_and_both_pages_show_it(client_for, leader_a, commune_officer_a, conference):
    model = recognised(commune_officer_a, leader_a)
    client = client_for(leader_a)
    page = _honour(client, conference, model.code.lower())
    assert list(conference.honoured_models.all()) == [model]
    assert model.code in page.content.decode()
    assert AuditEvent.objects.filter(target_id=str(conference.public_id), after__honoured=model.code).exists()
    detail = client.get(f"/dan-van-kheo/{model.code}/").content.decode()
    assert conference.title.replace("“", "&ldquo;") in detail or conference.title in detail


def test_a_model_not_yet_recognised_or_unknown_or_twice_is_refused(client_for, leader_a, commune_officer_a, conference):
    client = client_for(leader_a)
    registered = register(commune_officer_a)
    page = _honour(client, conference, registered.code)
    assert "chỉ biểu dương mô hình đã được công nhận" in page.content.decode()
    page = _honour(client, conference, "MH-1999-000001")
    assert "không có mô hình “MH-1999-000001”" in page.content.decode()
    model = recognised(commune_officer_a, leader_a, name="Camera an ninh thôn")
    _honour(client, conference, model.code)
    page = _honour(client, conference, model.code)
    assert "đã có trong danh sách biểu dương" in page.content.decode()
    assert conference.honoured_models.count() == 1


def test_another_provinces_officer_cannot_reach_the_conference(
    client_for, officer_b, leader_a, commune_officer_a, conference
):
    model = recognised(commune_officer_a, leader_a)
    assert _honour(client_for(officer_b), conference, model.code).status_code == 404
    assert not conference.honoured_models.exists()


def test_a_model_the_organiser_may_not_see_is_answered_as_missing(client_for, leader_a, officer_b, conference):
    elsewhere = register(officer_b, unit_code="P91-TU", name="Mô hình của tỉnh khác")
    page = _honour(client_for(leader_a), conference, elsewhere.code).content.decode()
    assert f"không có mô hình “{elsewhere.code}”" in page and "trạng thái" not in page
    assert not conference.honoured_models.exists()


def test_the_organiser_chooses_from_the_areas_recognised_models_never_types_a_code(
    client_for, leader_a, commune_officer_a, conference
):
    model = recognised(commune_officer_a, leader_a, name="Dân vận khéo trong giải phóng mặt bằng")
    registered = register(commune_officer_a, name="Mô hình mới đăng ký")
    client = client_for(leader_a)
    page = client.get(f"/hoi-nghi/{conference.public_id}/").content.decode()
    assert f'<option value="{model.code}">' in page and model.name in page
    assert registered.name not in page  # only recognised models are offered
    assert 'name="code" required maxlength' not in page  # no box to type a code into
    _honour(client, conference, model.code)
    page = client.get(f"/hoi-nghi/{conference.public_id}/").content.decode()
    assert f'<option value="{model.code}">' not in page  # honoured once: no longer offered
