"""A hotspot that worsens after it was reported (issue 11: "a hotspot rising above a severity threshold alerts the
level above at once"): its severity and number of people are corrected on the follow-up form, and a rise to a
level that alerts sends the alert then — the in-app notice and the e-mail — unless one is already waiting."""

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from danvan.audit.models import Action, AuditEvent
from danvan.reports.models import Notice
from danvan.situation import services
from danvan.situation.models import HotspotAlert, SeverityLevel
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def _level(rank):
    return SeverityLevel.objects.get(rank=rank)


def _update(actor, h, rank, *, now=NOW, status="handling", people=None):
    return services.hotspot_update(
        actor=actor,
        hotspot=h,
        status=status,
        handled_by="UBND xã",
        severity=_level(rank),
        people_involved=people,
        now=now,
    )


@pytest.fixture
def leader_with_mail(leader_a):
    leader_a.email = "lanhdao.bacninh@example.vn"
    leader_a.save()
    return leader_a


def test_a_hotspot_raised_to_an_alerting_level_alerts_the_province_at_once(
    commune_officer_a, leader_with_mail, django_capture_on_commit_callbacks
):
    h = hotspot(commune_officer_a, rank=2, now=NOW)  # "Trung bình": below the threshold
    assert not h.alerts.exists()
    later = NOW + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        _update(commune_officer_a, h, 3, now=later, people=150)
    alert = HotspotAlert.objects.get(hotspot=h)
    assert alert.unit.code == "P24-TU" and alert.due_at == later + dt.timedelta(hours=24)
    assert h.code in Notice.objects.get(unit=alert.unit).text
    assert [m.to for m in mail.outbox] == [["lanhdao.bacninh@example.vn"]]
    event = AuditEvent.objects.filter(action=Action.HOTSPOT_UPDATED).get()
    assert (event.before["severity"], event.after["severity"]) == (2, 3)
    assert (event.before["people_involved"], event.after["people_involved"]) == (40, 150)
    assert AuditEvent.objects.filter(action=Action.HOTSPOT_ALERTED).count() == 1
    # Not acknowledged in time, it climbs like any other alert.
    assert services.hotspot_alerts_escalate_due(now=later + dt.timedelta(hours=25)) == 1
    assert HotspotAlert.objects.filter(hotspot=h, unit__code="TW").exists()


def test_an_alert_already_waiting_is_not_sent_twice(commune_officer_a, leader_a):
    h = hotspot(commune_officer_a, rank=3, now=NOW)
    _update(commune_officer_a, h, 4)
    assert HotspotAlert.objects.filter(hotspot=h).count() == 1


def test_worse_again_after_the_province_acknowledged_alerts_it_again_with_the_shorter_deadline(
    commune_officer_a, leader_a
):
    h = hotspot(commune_officer_a, rank=3, now=NOW)
    services.hotspot_acknowledge(actor=leader_a, hotspot=h, now=NOW + dt.timedelta(hours=1))
    later = NOW + dt.timedelta(days=1)
    _update(commune_officer_a, h, 4, now=later)
    newest = HotspotAlert.objects.filter(hotspot=h).latest("id")
    assert HotspotAlert.objects.filter(hotspot=h).count() == 2
    assert newest.unit.code == "P24-TU" and newest.acknowledged_at is None
    assert newest.due_at == later + dt.timedelta(hours=4)


def test_lowered_unchanged_or_resolved_alerts_nobody(commune_officer_a):
    h = hotspot(commune_officer_a, rank=2, now=NOW)
    _update(commune_officer_a, h, 1)
    _update(commune_officer_a, h, 1)
    _update(commune_officer_a, h, 2)  # up, but below the threshold
    _update(commune_officer_a, h, 4, status="resolved")
    assert not HotspotAlert.objects.filter(hotspot=h).exists()


def test_the_follow_up_form_raises_the_severity_and_says_the_level_above_was_alerted(client, commune_officer_a):
    h = hotspot(commune_officer_a, rank=2, now=NOW)
    client.force_login(commune_officer_a)
    url = reverse("situation:hotspot_detail", args=[h.code])
    page = client.get(url).content.decode()
    token = re.findall(r'name="form_token" value="([^"]+)"', page)[-1]
    data = {"form_token": token, "status": "handling", "handled_by": "UBND xã", "people_involved": "200"}
    response = client.post(reverse("situation:hotspot_update", args=[h.code]), {**data, "severity": _level(3).pk})
    assert response.status_code == 302
    h.refresh_from_db()
    assert h.severity.rank == 3 and h.people_involved == 200
    assert HotspotAlert.objects.filter(hotspot=h, unit__code="P24-TU").count() == 1
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success", "warning"]


def test_a_negative_number_of_people_is_refused_on_its_field_and_nothing_changes(client, commune_officer_a):
    h = hotspot(commune_officer_a, rank=2, now=NOW)
    client.force_login(commune_officer_a)
    page = client.get(reverse("situation:hotspot_detail", args=[h.code])).content.decode()
    token = re.findall(r'name="form_token" value="([^"]+)"', page)[-1]
    response = client.post(
        reverse("situation:hotspot_update", args=[h.code]),
        {"form_token": token, "status": "handling", "severity": _level(4).pk, "people_involved": "-5"},
    )
    assert response.status_code == 200
    assert list(response.context["update_form"].errors) == ["people_involved"]
    h.refresh_from_db()
    assert h.severity.rank == 2 and h.status == "new" and not h.alerts.exists()
    assert not AuditEvent.objects.filter(action=Action.HOTSPOT_UPDATED).exists()
