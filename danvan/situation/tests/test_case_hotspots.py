"""A prolonged complex case's own page (petitions app) lists the hotspots linked to it, only to people who may read
the area's situation (the situation pages' rule); someone who reads only the case sees no trace of them."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import OrgUnit
from danvan.petitions.services.cases import case_open
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db


def _case(actor, unit_code="C7288-HND"):
    unit = OrgUnit.objects.get(code=unit_code)
    return case_open(
        actor=actor, unit=unit, title="Tranh chấp đất thôn Đồng Tâm kéo dài", opened_on=dt.date(2025, 3, 1)
    )


def test_the_case_page_lists_its_hotspots_for_a_reader_of_the_situation(client, commune_officer_a, leader_a):
    h = hotspot(commune_officer_a, title="Tập trung đông người phản đối đo đạc")
    other = hotspot(commune_officer_a, title="Điểm nóng không liên quan")
    case = _case(leader_a)
    h.cases.add(case)
    client.force_login(leader_a)
    page = client.get(reverse("petitions:case", args=[case.code])).content.decode()
    assert 'id="case-hotspots"' in page
    assert reverse("situation:hotspot_detail", args=[h.code]) in page
    assert "Tập trung đông người phản đối đo đạc" in page
    assert h.severity.name in page and h.place_unit.name in page
    assert other.code not in page


def test_someone_who_reads_only_the_case_sees_no_trace_of_its_hotspots(client, commune_officer_a, leader_a, reporter_a):
    h = hotspot(commune_officer_a, title="Tập trung đông người phản đối đo đạc")
    case = _case(leader_a)  # the Hội Nông dân xã's case: the reporter reads it, not the commune's situation
    h.cases.add(case)
    client.force_login(reporter_a)
    response = client.get(reverse("petitions:case", args=[case.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert case.code in page
    assert h.code not in page and "case-hotspots" not in page and "phản đối đo đạc" not in page


def test_a_restricted_hotspot_is_shown_to_the_leader_above_only_and_the_view_audited(
    client, commune_officer_a, leader_a, officer_a
):
    h = hotspot(commune_officer_a, restricted=True)
    case = _case(leader_a, "C7288-DU")
    h.cases.add(case)
    client.force_login(officer_a)  # reads the province's data, but is not a leader above: not the restricted one
    assert h.code not in client.get(reverse("petitions:case", args=[case.code])).content.decode()
    assert not AuditEvent.objects.filter(action=Action.SITUATION_RESTRICTED_VIEWED).exists()
    client.force_login(leader_a)
    assert h.code in client.get(reverse("petitions:case", args=[case.code])).content.decode()
    event = AuditEvent.objects.get(action=Action.SITUATION_RESTRICTED_VIEWED)
    assert event.target_id == h.code and event.actor == leader_a
