"""A situation digest on a briefing meeting's agenda: picked or made, shown with its DOCX to those who may read the
area's situation, taken off again with its history kept."""

import datetime as dt
import zoneinfo

import pytest

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import REPLAY_MESSAGE, TOKEN_FIELD, new_form_token
from danvan.meetings.services import meeting_schedule
from danvan.organisations.models import OrgUnit
from danvan.situation import services
from danvan.situation.models import Digest, MeetingDigest
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 16, 5, tzinfo=HCM)


def _meeting(actor, unit_code="P24-TU", kind="giao_ban"):
    return meeting_schedule(
        actor=actor,
        unit=OrgUnit.objects.get(code=unit_code),
        kind=kind,
        title="Giao ban tháng 3/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
        chairs=[{"name": "Phạm Văn Thịnh", "title": "Trưởng Ban"}],
    )


def _digest(actor, unit_code="P24-TU", start=dt.date(2026, 3, 9)):
    return services.digest_generate(
        actor=actor, unit=OrgUnit.objects.get(code=unit_code), kind="weekly", start=start, now=NOW
    )


def _url(meeting):
    return f"/tinh-hinh/hoi-nghi/{meeting.public_id}/ban-tin/"


def test_the_officer_picks_the_week_s_digest_and_the_meeting_page_offers_its_docx(client_for, officer_a):
    meeting, digest = _meeting(officer_a), _digest(officer_a)
    client = client_for(officer_a)
    page = client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    assert 'id="situation-digest"' in page and f'value="{digest.code}"' in page
    answer = client.post(_url(meeting), {"action": "pick", "digest": digest.code, TOKEN_FIELD: new_form_token()})
    assert answer.status_code == 302 and answer["Location"].endswith(f"/hoi-nghi/{meeting.public_id}/#situation-digest")
    link = MeetingDigest.objects.get()
    assert (link.meeting, link.digest, link.attached_by) == (meeting, digest, officer_a)
    page = client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    assert f"/tinh-hinh/ban-tin/{digest.code}/tai-ve/" in page
    download = client.get(f"/tinh-hinh/ban-tin/{digest.code}/tai-ve/")
    assert download.status_code == 200 and download["Content-Disposition"].endswith(f'{digest.code}.docx"')
    event = AuditEvent.objects.get(action=Action.MEETING_DIGEST_ATTACHED)
    assert event.actor == officer_a and event.details["digest"] == digest.code


def test_the_same_attach_form_sent_twice_attaches_once(client_for, officer_a):
    meeting, digest = _meeting(officer_a), _digest(officer_a)
    client = client_for(officer_a)
    data = {"action": "pick", "digest": digest.code, TOKEN_FIELD: new_form_token()}
    first = client.post(_url(meeting), data)
    second = client.post(_url(meeting), data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert MeetingDigest.objects.count() == 1
    assert REPLAY_MESSAGE in client.get(second["Location"]).content.decode()
    assert AuditEvent.objects.filter(action=Action.MEETING_DIGEST_ATTACHED).count() == 1


def test_a_digest_already_on_the_agenda_is_refused_with_a_message(client_for, officer_a):
    meeting, digest = _meeting(officer_a), _digest(officer_a)
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=digest)
    client = client_for(officer_a)
    answer = client.post(_url(meeting), {"action": "pick", "digest": digest.code}, follow=True)
    assert "Bản tin" in answer.content.decode() and MeetingDigest.objects.count() == 1


def test_the_officer_makes_the_digest_now_and_it_is_attached(client_for, officer_a, commune_officer_a):
    hotspot(commune_officer_a, occurred_on=dt.date(2026, 3, 10))
    meeting = _meeting(officer_a)
    client = client_for(officer_a)
    data = {"action": "make", "unit": "P24-TU", "kind": "monthly", "week": "", "month": "2026-02"}
    # The month lists follow today's date: post a month that is offered.
    from danvan.situation.forms import month_choices

    data["month"] = month_choices(count=12)[1][0]
    answer = client.post(_url(meeting), data)
    assert answer.status_code == 302
    link = MeetingDigest.objects.select_related("digest").get()
    assert link.digest.kind == "monthly" and link.digest.unit.code == "P24-TU" and link.digest.generated_by == officer_a


def test_a_digest_of_another_province_cannot_be_attached(client_for, officer_a, officer_b):
    meeting, other = _meeting(officer_a), _digest(officer_b, unit_code="P91-TU")
    answer = client_for(officer_a).post(_url(meeting), {"action": "pick", "digest": other.code}, follow=True)
    assert "Bản tin" in answer.content.decode() or "Digest" in answer.content.decode()
    assert not MeetingDigest.objects.exists()


def test_nothing_picked_says_which_field_to_fill(client_for, officer_a):
    meeting = _meeting(officer_a)
    _digest(officer_a)
    answer = client_for(officer_a).post(_url(meeting), {"action": "pick", "digest": ""}, follow=True)
    messages = [str(m) for m in answer.context["messages"]]
    assert len(messages) == 1 and ":" in messages[0]
    assert not MeetingDigest.objects.exists()


def test_someone_who_reads_the_meeting_but_not_the_province_situation_sees_no_digest(client_for, officer_a):
    ban = make_user("ban.officer", "officer", "P24-TGDV")
    meeting, digest = _meeting(officer_a, unit_code="P24-TGDV"), _digest(officer_a)
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=digest)
    # The province's officer sees it on the Ban's meeting.
    assert digest.code in client_for(officer_a).get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    client = client_for(ban)
    page = client.get(f"/hoi-nghi/{meeting.public_id}/")
    assert page.status_code == 200
    assert digest.code not in page.content.decode() and 'id="situation-digest"' not in page.content.decode()
    assert client.get(f"/tinh-hinh/ban-tin/{digest.code}/tai-ve/").status_code == 404
    assert client.post(_url(meeting), {"action": "pick", "digest": digest.code}).status_code == 404


def test_a_meeting_that_is_not_a_briefing_has_no_digest_panel(client_for, officer_a):
    meeting = _meeting(officer_a, kind="chuyen_de")
    _digest(officer_a)
    client = client_for(officer_a)
    assert 'id="situation-digest"' not in client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()


def test_taking_the_digest_off_keeps_who_and_when_and_it_can_go_back(client_for, officer_a):
    meeting, digest = _meeting(officer_a), _digest(officer_a)
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=digest)
    client = client_for(officer_a)
    answer = client.post(f"{_url(meeting)}{digest.code}/go/", {TOKEN_FIELD: new_form_token()})
    assert answer.status_code == 302
    link = MeetingDigest.objects.get()
    assert link.detached_by == officer_a and link.detached_at is not None
    assert AuditEvent.objects.filter(action=Action.MEETING_DIGEST_DETACHED, actor=officer_a).count() == 1
    page = client.get(f"/hoi-nghi/{meeting.public_id}/").content.decode()
    assert f"/tinh-hinh/ban-tin/{digest.code}/tai-ve/" not in page
    # Taken off twice: the second finds nothing to take off.
    assert client.post(f"{_url(meeting)}{digest.code}/go/").status_code == 404
    services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=digest)
    assert MeetingDigest.objects.filter(detached_at=None).count() == 1 and MeetingDigest.objects.count() == 2


def test_a_commune_officer_cannot_attach(client_for, officer_a, commune_officer_a):
    meeting, digest = _meeting(officer_a), _digest(officer_a)
    answer = client_for(commune_officer_a).post(_url(meeting), {"action": "pick", "digest": digest.code})
    assert answer.status_code == 404 and not MeetingDigest.objects.exists()
    assert Digest.objects.count() == 1


def test_the_meeting_page_costs_the_same_queries_with_one_digest_or_three(client_for, officer_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = _meeting(officer_a)
    client = client_for(officer_a)
    counts = []
    for start in (dt.date(2026, 2, 23), dt.date(2026, 3, 2), dt.date(2026, 3, 9)):
        services.meeting_digest_attach(actor=officer_a, meeting=meeting, digest=_digest(officer_a, start=start))
        client.get(f"/hoi-nghi/{meeting.public_id}/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/hoi-nghi/{meeting.public_id}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[2], counts
