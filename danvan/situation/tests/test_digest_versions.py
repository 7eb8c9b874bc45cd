"""A digest made again keeps its earlier versions (issue 11, decision 0041): each version readable with its DOCX,
the old one marked superseded; a meeting shows which version it has and offers the newer one."""

import datetime as dt
import re
import zoneinfo

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.meetings.services import meeting_schedule
from danvan.organisations.models import OrgUnit
from danvan.situation import services
from danvan.situation.models import Digest, MeetingDigest
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 16, 5, tzinfo=HCM)
WEEK = dt.date(2026, 3, 9)


def _meeting(actor):
    return meeting_schedule(
        actor=actor,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="giao_ban",
        title="Giao ban tháng 3/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
        chairs=[{"name": "Phạm Văn Thịnh", "title": "Trưởng Ban"}],
    )


def _digest(actor, hours=0):
    return services.digest_generate(
        actor=actor,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="weekly",
        start=WEEK,
        now=NOW + dt.timedelta(hours=hours),
    )


def _update_url(meeting, digest):
    return f"/tinh-hinh/hoi-nghi/{meeting.public_id}/ban-tin/{digest.code}/moi-nhat/"


def test_each_version_stays_readable_with_its_docx_and_the_list_shows_the_current_one(
    client_for, officer_a, commune_officer_a
):
    first = _digest(officer_a)
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 3, 10))
    second = _digest(officer_a, hours=2)
    client = client_for(officer_a)
    listing = client.get("/tinh-hinh/ban-tin/").content.decode()
    assert second.code in listing and f"/tinh-hinh/ban-tin/{first.code}/" not in listing
    old_page = client.get(f"/tinh-hinh/ban-tin/{first.code}/").content.decode()
    assert 'data-testid="digest-superseded"' in old_page and f"/tinh-hinh/ban-tin/{second.code}/" in old_page
    new_page = client.get(f"/tinh-hinh/ban-tin/{second.code}/").content.decode()
    assert 'data-testid="digest-superseded"' not in new_page and f"/tinh-hinh/ban-tin/{first.code}/tai-ve/" in new_page
    for digest in (first, second):
        download = client.get(f"/tinh-hinh/ban-tin/{digest.code}/tai-ve/")
        assert download.status_code == 200 and download["Content-Disposition"].endswith(f'{digest.code}.docx"')
    # Each version's document is its own: the first, made before the hotspot, is unchanged.
    first.refresh_from_db()
    assert first.new_total == 0 and second.new_total == 1 and bytes(first.document) != bytes(second.document)
    event = AuditEvent.objects.get(action=Action.SITUATION_DIGEST_GENERATED, target_id=second.code)
    assert event.before["code"] == first.code and event.after["version"] == 2


def test_the_meeting_shows_the_attached_version_and_takes_the_newer_one_once(client_for, officer_a):
    meeting, first = _meeting(officer_a), _digest(officer_a)
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=first)
    client = client_for(officer_a)
    page = client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    assert _update_url(meeting, first) not in page  # current: nothing newer to offer
    second = _digest(officer_a, hours=2)
    page = client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    assert first.code in page and second.code in page and _update_url(meeting, first) in page
    # The pick list offers the current version only, never the superseded one twice.
    assert f'<option value="{first.code}"' not in page
    data = {TOKEN_FIELD: new_form_token()}
    answer = client.post(_update_url(meeting, first), data)
    again = client.post(_update_url(meeting, first), data)  # the same form sent twice
    assert answer.status_code == again.status_code == 302
    links = list(MeetingDigest.objects.order_by("id"))
    assert [(link.digest, link.detached_at is None) for link in links] == [(first, False), (second, True)]
    assert links[0].detached_by == officer_a
    assert AuditEvent.objects.filter(action=Action.MEETING_DIGEST_UPDATED).count() == 1
    event = AuditEvent.objects.get(action=Action.MEETING_DIGEST_UPDATED)
    assert event.before["digest"] == first.code and event.after["digest"] == second.code
    page = client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    assert f"/tinh-hinh/ban-tin/{second.code}/tai-ve/" in page and not re.search(r"/moi-nhat/", page)


def test_someone_outside_the_province_cannot_swap_the_version_and_nothing_changes(client_for, officer_a, officer_b):
    meeting, first = _meeting(officer_a), _digest(officer_a)
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=first)
    _digest(officer_a, hours=2)
    answer = client_for(officer_b).post(_update_url(meeting, first), {TOKEN_FIELD: new_form_token()})
    assert answer.status_code == 404
    assert [link.digest_id for link in MeetingDigest.objects.filter(detached_at=None)] == [first.pk]
    assert not AuditEvent.objects.filter(action=Action.MEETING_DIGEST_UPDATED).exists()


def test_the_current_version_cannot_be_swapped_for_itself(client_for, officer_a):
    meeting, first = _meeting(officer_a), _digest(officer_a)
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=first)
    answer = client_for(officer_a).post(_update_url(meeting, first), {TOKEN_FIELD: new_form_token()}, follow=True)
    assert "bản mới nhất" in answer.content.decode()
    assert MeetingDigest.objects.get().detached_at is None
    assert Digest.objects.count() == 1
