"""Acknowledging a hotspot from the situation page's alert list and from the hotspot's page: the same rule, audit
and effect as from the inbox (issue 11)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import Action, AuditEvent
from danvan.situation import services
from danvan.situation.models import HotspotAlert
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db
INDEX = reverse("situation:index")


def _token_for(page: str, action: str) -> str:
    """The one-time token of the form posting to `action`."""
    form = re.search(rf'action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    assert form, f"no form posting to {action}"
    return re.search(r'name="form_token" value="([^"]+)"', form.group(1)).group(1)


def _acks() -> int:
    return AuditEvent.objects.filter(action=Action.HOTSPOT_ACKNOWLEDGED).count()


def _escalated_later() -> int:
    return services.hotspot_alerts_escalate_due(now=timezone.now() + dt.timedelta(days=30))


def test_the_province_leader_acknowledges_from_the_situation_page_and_escalation_stops(
    client, commune_officer_a, leader_a
):
    h = hotspot(commune_officer_a)
    client.force_login(leader_a)
    url = reverse("situation:hotspot_acknowledge", args=[h.code])
    page = client.get(INDEX).content.decode()
    assert url in page
    token = _token_for(page, url)
    response = client.post(url, {"form_token": token, "next": INDEX})
    assert response.status_code == 302 and response["Location"] == INDEX
    alert = HotspotAlert.objects.get(hotspot=h)
    assert alert.acknowledged_by == leader_a
    assert _acks() == 1
    h.refresh_from_db()
    assert h.status == "acknowledged"
    # The alert is gone from the list, and nothing climbs to the centre.
    assert url not in client.get(INDEX).content.decode()
    assert _escalated_later() == 0
    assert not HotspotAlert.objects.filter(hotspot=h, unit__code="TW").exists()


def test_the_same_acknowledge_form_sent_twice_acknowledges_once(client, commune_officer_a, leader_a):
    h = hotspot(commune_officer_a)
    client.force_login(leader_a)
    url = reverse("situation:hotspot_acknowledge", args=[h.code])
    token = _token_for(client.get(INDEX).content.decode(), url)
    first = client.post(url, {"form_token": token, "next": INDEX})
    second = client.post(url, {"form_token": token, "next": INDEX})
    assert first.status_code == second.status_code == 302
    assert _acks() == 1


def test_the_leader_acknowledges_from_the_hotspot_page_and_escalation_stops(client, commune_officer_a, leader_a):
    h = hotspot(commune_officer_a)
    client.force_login(leader_a)
    detail = reverse("situation:hotspot_detail", args=[h.code])
    url = reverse("situation:hotspot_acknowledge", args=[h.code])
    token = _token_for(client.get(detail).content.decode(), url)
    response = client.post(url, {"form_token": token})
    assert response.status_code == 302 and response["Location"] == detail
    assert HotspotAlert.objects.get(hotspot=h).acknowledged_at is not None
    assert url not in client.get(detail).content.decode()
    assert _escalated_later() == 0


def test_a_person_of_another_province_gets_404_and_nothing_changes(client, commune_officer_a, officer_b):
    h = hotspot(commune_officer_a)
    client.force_login(officer_b)
    url = reverse("situation:hotspot_acknowledge", args=[h.code])
    assert url not in client.get(INDEX).content.decode()
    assert client.get(reverse("situation:hotspot_detail", args=[h.code])).status_code == 404
    assert client.post(url, {"next": INDEX}).status_code == 404
    alert = HotspotAlert.objects.get(hotspot=h)
    assert alert.acknowledged_at is None and alert.acknowledged_by is None
    assert _acks() == 0
    h.refresh_from_db()
    assert h.status == "new"
    # Still unacknowledged: it climbs to the centre as before.
    assert _escalated_later() == 1


def test_an_officer_in_scope_who_does_not_lead_gets_no_button_and_cannot_acknowledge(
    client, commune_officer_a, officer_a
):
    h = hotspot(commune_officer_a)
    client.force_login(officer_a)
    url = reverse("situation:hotspot_acknowledge", args=[h.code])
    assert url not in client.get(INDEX).content.decode()
    assert url not in client.get(reverse("situation:hotspot_detail", args=[h.code])).content.decode()
    response = client.post(url, {"next": INDEX}, follow=True)
    assert "đồng chí tiếp nhận" in response.content.decode()
    assert HotspotAlert.objects.get(hotspot=h).acknowledged_at is None
    assert _acks() == 0
