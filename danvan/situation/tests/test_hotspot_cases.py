"""A hotspot linked to the prolonged complex cases (vụ việc phức tạp, kéo dài) it belongs to (issue 11: "links to
petitions, prolonged complex cases and dialogues"): offered from the province, shown with a link to the case,
audited before/after; a case outside the linker's province is not offered and nothing is written."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import OrgUnit
from danvan.petitions.services.cases import case_open
from danvan.situation.tests.factories import hotspot

pytestmark = pytest.mark.django_db


def _case(actor, unit_code, title):
    return case_open(actor=actor, unit=OrgUnit.objects.get(code=unit_code), title=title, opened_on=dt.date(2025, 3, 1))


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="form_token" value="([^"]+)"', page)


def test_the_province_leader_links_the_hotspot_to_a_prolonged_case_of_the_commune(
    client, commune_officer_a, leader_a, officer_b
):
    h = hotspot(commune_officer_a)
    case = _case(leader_a, "C7288-DU", "Tranh chấp đất canh tác thôn Đồng Tâm kéo dài từ năm 2019")
    elsewhere = _case(officer_b, "C30463-DU", "Khiếu nại bồi thường kênh Vĩnh Tế")
    client.force_login(leader_a)
    url = reverse("situation:hotspot_detail", args=[h.code])
    page = client.get(url).content.decode()
    assert case.code in page and elsewhere.code not in page  # offered from the province only
    response = client.post(
        reverse("situation:hotspot_update", args=[h.code]),
        {
            "form_token": _tokens(page)[-1],
            "status": "handling",
            "severity": h.severity_id,
            "handled_by": "Tổ công tác xã",
            "cases": [case.pk],
        },
    )
    assert response.status_code == 302
    assert list(h.cases.all()) == [case]
    event = AuditEvent.objects.filter(action=Action.HOTSPOT_UPDATED).latest("id")
    assert event.before["cases"] == [] and event.after["cases"] == [case.code]
    page = client.get(url).content.decode()
    assert reverse("petitions:case", args=[case.code]) in page
    # Unlinked again: the list is what was ticked.
    client.post(
        reverse("situation:hotspot_update", args=[h.code]),
        {"form_token": _tokens(page)[-1], "status": "handling", "severity": h.severity_id, "handled_by": "Tổ"},
    )
    assert not h.cases.exists()


def test_a_case_of_another_province_is_refused_and_nothing_is_written(client, commune_officer_a, leader_a, officer_b):
    h = hotspot(commune_officer_a)
    elsewhere = _case(officer_b, "C30463-DU", "Khiếu nại bồi thường kênh Vĩnh Tế")
    client.force_login(leader_a)
    page = client.get(reverse("situation:hotspot_detail", args=[h.code])).content.decode()
    response = client.post(
        reverse("situation:hotspot_update", args=[h.code]),
        {
            "form_token": _tokens(page)[-1],
            "status": "resolved",
            "severity": h.severity_id,
            "handled_by": "X",
            "cases": [elsewhere.pk],
        },
    )
    assert response.status_code == 200
    assert list(response.context["update_form"].errors) == ["cases"]
    assert 'class="invalid-feedback d-block"' in response.content.decode()  # shown under the list of cases
    h.refresh_from_db()
    assert h.status == "new" and not h.cases.exists()
    assert not AuditEvent.objects.filter(action=Action.HOTSPOT_UPDATED).exists()
