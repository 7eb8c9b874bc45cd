"""A leader delegates issuing to a person for a period (/van-ban/uy-quyen/): the delegate may then issue the
documents the leader signs, until the period ends or the leader ends it. Both steps audited."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.documents import generated, services
from danvan.documents.delegations import delegation_create
from danvan.documents.models import Delegation, Document, IssuedDocument
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(db):
    return make_user("truong.ban", "leader", "P24-TGDV")


def _signing_draft(officer, chief):
    draft = conclusion_notice_draft(actor=officer, meeting=held_meeting(officer), today=timezone.localdate())
    return generated.document_signer_set(
        actor=officer, document=draft, signer=chief, signer_title="Trưởng ban", capacity="T/M"
    )


def test_a_leader_delegates_on_the_page_and_the_delegate_issues(client_for, officer_a, chief):
    today = timezone.localdate()
    client = client_for(chief)
    page = client.get("/van-ban/uy-quyen/")
    assert page.status_code == 200
    unit = OrgUnit.objects.get(code="P24-TGDV")
    response = client.post(
        "/van-ban/uy-quyen/",
        {
            "unit": str(unit.pk),
            "delegate": officer_a.username,
            "starts_on": f"{today:%d/%m/%Y}",
            "ends_on": f"{today + dt.timedelta(days=7):%d/%m/%Y}",
            TOKEN_FIELD: new_form_token(),
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.delegator, delegation.delegate, delegation.unit) == (chief, officer_a, unit)
    assert AuditEvent.objects.get(action=Action.DELEGATION_CREATED).actor == chief

    draft = _signing_draft(officer_a, chief)
    assert client_for(officer_a).get(f"/van-ban/{draft.public_id}/").context["can_issue"]
    services.document_sign_issue(actor=officer_a, document=Document.objects.get(pk=draft.pk), today=today)
    assert IssuedDocument.objects.get().issued_by == officer_a

    client = client_for(chief)
    client.post(f"/van-ban/uy-quyen/{delegation.public_id}/ket-thuc/", {TOKEN_FIELD: new_form_token()})
    delegation.refresh_from_db()
    assert delegation.ended_at is not None and delegation.ended_by == chief
    assert AuditEvent.objects.filter(action=Action.DELEGATION_ENDED).count() == 1


def test_without_a_running_delegation_an_officer_cannot_issue(officer_a, chief):
    today = timezone.localdate()
    unit = OrgUnit.objects.get(code="P24-TGDV")
    delegation_create(
        actor=chief,
        unit=unit,
        delegate=officer_a,
        starts_on=today - dt.timedelta(days=10),
        ends_on=today - dt.timedelta(days=1),
    )
    draft = _signing_draft(officer_a, chief)
    with pytest.raises(ApplicationError, match="ủy quyền"):
        services.document_sign_issue(actor=officer_a, document=draft, today=today)
    assert IssuedDocument.objects.count() == 0


def test_only_a_leader_delegates_and_bad_periods_name_the_field(officer_a, chief, leader_a):
    today = timezone.localdate()
    unit = OrgUnit.objects.get(code="P24-TGDV")
    with pytest.raises(ApplicationError) as refused:
        delegation_create(actor=officer_a, unit=unit, delegate=leader_a, starts_on=today, ends_on=today)
    assert refused.value.field == "unit"
    with pytest.raises(ApplicationError) as refused:
        delegation_create(
            actor=chief, unit=unit, delegate=officer_a, starts_on=today, ends_on=today - dt.timedelta(days=1)
        )
    assert refused.value.field == "ends_on" and "Đến ngày" in refused.value.message
    outsider = make_user("ngoai.tinh", "officer", "P91-TGDV")
    with pytest.raises(ApplicationError) as refused:
        delegation_create(actor=chief, unit=unit, delegate=outsider, starts_on=today, ends_on=today)
    assert refused.value.field == "delegate"
    assert not Delegation.objects.exists()
