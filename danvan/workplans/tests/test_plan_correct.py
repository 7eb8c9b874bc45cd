"""Correcting a plan's heading: a reason, the version check, the history on the page; nothing else moves."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import WorkPlan
from danvan.workplans.services import workplan_create

pytestmark = pytest.mark.django_db


def test_a_wrong_number_and_symbol_is_corrected_with_its_history(client_for, officer_a, officer_b):
    plan = workplan_create(
        actor=officer_a,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="plan",
        title="Kế hoạch tổ chức Tháng Dân vận 2026",
        year=2026,
        reference="24-KH/BDVTU",
    )
    client = client_for(officer_a)
    url = f"/nhiem-vu/ke-hoach/{plan.public_id}/sua/"
    assert f'href="{url}"' in client.get(f"/nhiem-vu/ke-hoach/{plan.public_id}/").content.decode()
    data = {"kind": "plan", "title": plan.title, "year": "2026", "reference": "42-KH/BDVTU", "reason": "Sai số"}
    assert client.post(url, {**data, "expected_version": "0"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.reference, plan.version, plan.updated_by) == ("42-KH/BDVTU", 1, officer_a)
    page = client.get(url).content.decode()
    assert "24-KH/BDVTU" in page and "Sai số" in page
    stale = client.post(url, {**data, "title": "Khác", "expected_version": "0"}).content.decode()
    assert "Kế hoạch này vừa được" in stale
    # A year out of range names the field; nothing is written.
    bad = client.post(url, {**data, "year": "226", "expected_version": "1"})
    assert bad.status_code == 200
    assert 'id="id_year"\n             class="form-control is-invalid"' in bad.content.decode()
    assert (WorkPlan.objects.get().year, WorkPlan.objects.get().version) == (2026, 1)
    assert AuditEvent.objects.filter(action="workplan.corrected").count() == 1
    assert client_for(officer_b).get(url).status_code == 404
