"""Acknowledging a hotspot from the inbox stops its climb: on the production path (`run_scheduled` enqueues the
hourly escalation, `db_worker` runs it), an acknowledged hotspot stays with the province while an unacknowledged one
reaches the centre once its acknowledgement time has passed."""

import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.situation.models import HotspotAlert, SeverityLevel
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 12, 1, 1, 20, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch, settings):
    """The real clock moved by hand: the scheduler, the worker and the job all read django.utils.timezone.now."""
    now = [T0]
    monkeypatch.setattr("django.utils.timezone.now", lambda: now[0])
    # Only the escalation job, as the settings define it (the daily jobs are not what this test is about).
    settings.DANVAN_PERIODIC_JOBS = {"hotspot_escalation": django_settings.DANVAN_PERIODIC_JOBS["hotspot_escalation"]}
    return now


def _jobs_run(run_worker, capture) -> None:
    with capture(execute=True):
        call_command("run_scheduled", stdout=io.StringIO())
    run_worker()


def _climbed(h) -> list[str]:
    return list(HotspotAlert.objects.filter(hotspot=h).order_by("id").values_list("unit__code", flat=True))


def test_an_acknowledged_hotspot_does_not_climb_and_an_unacknowledged_one_does(
    clock, client_for, commune_officer_a, leader_a, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    hours = SeverityLevel.objects.get(rank=3).acknowledge_hours
    with django_capture_on_commit_callbacks(execute=True):
        taken = hotspot(commune_officer_a, title="Tranh chấp đất đai thôn Đồng Tâm")
        waiting = hotspot(commune_officer_a, title="Khiếu kiện đông người tại xã Yên Thế")
    run_worker()  # the alert e-mails

    # The province leader sees both in the inbox, each with its button, and acknowledges one there.
    client = client_for(leader_a)
    page = client.get("/viec-cua-toi/").content.decode()
    for h in (taken, waiting):
        assert f'action="/tinh-hinh/diem-nong/{h.code}/tiep-nhan/"' in page
    clock[0] = T0 + dt.timedelta(minutes=30)
    answer = client.post(
        f"/tinh-hinh/diem-nong/{taken.code}/tiep-nhan/", {"next": "/viec-cua-toi/", TOKEN_FIELD: new_form_token()}
    )
    assert answer.status_code == 302 and answer["Location"] == "/viec-cua-toi/"
    page = client.get("/viec-cua-toi/").content.decode()
    assert f"/tinh-hinh/diem-nong/{taken.code}/tiep-nhan/" not in page
    assert f"/tinh-hinh/diem-nong/{waiting.code}/tiep-nhan/" in page
    alert = HotspotAlert.objects.get(hotspot=taken)
    assert alert.acknowledged_by == leader_a and alert.acknowledged_at == T0 + dt.timedelta(minutes=30)
    event = AuditEvent.objects.get(action=Action.HOTSPOT_ACKNOWLEDGED)
    assert event.actor == leader_a and event.details["acknowledged_at"] == alert.acknowledged_at.isoformat()

    # Before the acknowledgement time has passed, the hourly job climbs nothing.
    clock[0] = T0 + dt.timedelta(hours=hours - 1)
    _jobs_run(run_worker, django_capture_on_commit_callbacks)
    assert _climbed(taken) == ["P24-TU"] and _climbed(waiting) == ["P24-TU"]

    # After it: the unacknowledged hotspot reaches the centre, the acknowledged one stays.
    clock[0] = T0 + dt.timedelta(hours=hours, minutes=50)
    _jobs_run(run_worker, django_capture_on_commit_callbacks)
    assert _climbed(taken) == ["P24-TU"]
    assert _climbed(waiting) == ["P24-TU", "TW"]
    assert AuditEvent.objects.filter(action=Action.HOTSPOT_ESCALATED, target_label__contains=waiting.code).count() == 1
    assert not AuditEvent.objects.filter(action=Action.HOTSPOT_ESCALATED, target_label__contains=taken.code).exists()

    # The centre's leader now has it in the inbox, with the button; the next hour's run climbs nothing again.
    central = make_user("tw.leader", "leader", "TW")
    page = client_for(central).get("/viec-cua-toi/").content.decode()
    assert f"/tinh-hinh/diem-nong/{waiting.code}/tiep-nhan/" in page
    assert f"/tinh-hinh/diem-nong/{taken.code}/tiep-nhan/" not in page
    clock[0] = T0 + dt.timedelta(hours=hours + 1, minutes=50)
    _jobs_run(run_worker, django_capture_on_commit_callbacks)
    assert _climbed(waiting) == ["P24-TU", "TW"]


def test_acknowledging_from_the_inbox_goes_back_only_to_a_page_of_this_site(client_for, commune_officer_a, leader_a):
    h = hotspot(commune_officer_a)
    answer = client_for(leader_a).post(
        f"/tinh-hinh/diem-nong/{h.code}/tiep-nhan/", {"next": "https://example.com/", TOKEN_FIELD: new_form_token()}
    )
    assert answer["Location"] == f"/tinh-hinh/diem-nong/{h.code}/"
