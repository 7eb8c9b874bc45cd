"""A denouncer's identity: only the handlers assigned to that petition see it, and every view is audited."""

import pytest
from django.http import Http404

from conftest import make_user
from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import forget_roles
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions import services
from danvan.petitions.models import PetitionHandler
from danvan.petitions.selectors import petition_get_for_user, petition_list_for_user, petitioners_of

from .factories import receive

pytestmark = pytest.mark.django_db
SECRET_NAME = "Nguyễn Văn An"
SECRET_ID = "024123456789"


@pytest.fixture
def denunciation(officer_a):
    return receive(officer_a, category="to_cao")


def test_the_receiving_officer_is_its_first_handler_and_sees_it_audited(officer_a, denunciation):
    rows = services.confidential_identity_reveal(actor=officer_a, petition=denunciation)
    assert [r.cccd for r in rows] == [SECRET_ID]
    event = AuditEvent.objects.get(action=Action.PETITION_IDENTITY_VIEWED)
    assert event.actor == officer_a and event.target_id == denunciation.code


def test_a_leader_of_another_unit_cannot_see_it(denunciation):
    leader_b = make_user("leader.b", "leader", "P91-TU")
    with pytest.raises(ApplicationError):
        services.confidential_identity_reveal(actor=leader_b, petition=denunciation)
    with pytest.raises(Http404):
        petition_get_for_user(user=leader_b, code=denunciation.code)


def test_an_unassigned_officer_or_leader_of_the_same_unit_cannot_see_it(leader_a, denunciation):
    colleague = make_user("officer.a2", "officer", "P24-TU")
    for user in (colleague, leader_a):
        assert petition_get_for_user(user=user, code=denunciation.code) == denunciation
        with pytest.raises(ApplicationError):
            services.confidential_identity_reveal(actor=user, petition=denunciation)
    assert not AuditEvent.objects.filter(action=Action.PETITION_IDENTITY_VIEWED).exists()


def test_an_assigned_handler_in_the_subtree_can_see_it(leader_a, commune_officer_a, denunciation):
    services.petition_handler_assign(actor=leader_a, petition=denunciation, user=commune_officer_a)
    assert (
        services.confidential_identity_reveal(actor=commune_officer_a, petition=denunciation)[0].full_name
        == SECRET_NAME
    )
    # The handler also sees the petition itself though the unit is above theirs.
    assert petition_get_for_user(user=commune_officer_a, code=denunciation.code) == denunciation


def test_a_handler_outside_the_units_subtree_is_refused(leader_a, officer_b, denunciation):
    with pytest.raises(ApplicationError) as exc:
        services.petition_handler_assign(actor=leader_a, petition=denunciation, user=officer_b)
    assert exc.value.field == "user"
    # A commune officer cannot handle a petition of the province above… but a province officer of a commune's
    # petition is outside that commune's subtree too.
    commune_petition = receive(make_user("c.off", "officer", "C7288-DU"), unit_code="C7288-DU", category="to_cao")
    with pytest.raises(ApplicationError):
        services.petition_handler_assign(actor=leader_a, petition=commune_petition, user=leader_a)
    assert not PetitionHandler.objects.filter(user__in=[officer_b, leader_a]).exists()


def test_lists_and_the_selector_never_carry_the_identity(leader_a, denunciation):
    assert petitioners_of(denunciation) == []
    listed = petition_list_for_user(user=leader_a)
    assert denunciation in listed


def test_an_export_leaves_it_out_even_for_a_handler(officer_a, leader_a, denunciation):
    complaint = receive(officer_a, people=[{"full_name": "Phạm Thị Dung"}])
    rows = services.petitions_export(
        actor=leader_a, petitions=[denunciation, complaint], unit=OrgUnit.objects.get(code="P24-TU")
    )
    text = str(rows)
    assert SECRET_NAME not in text and SECRET_ID not in text and "[bảo mật]" in text and "Phạm Thị Dung" in text
    # The rule is "not in exports": the receiving officer, its handler, reads it on the audited page only.
    rows = services.petitions_export(actor=officer_a, petitions=[denunciation])
    assert SECRET_NAME not in str(rows) and "[bảo mật]" in str(rows)
    event = AuditEvent.objects.filter(action=Action.PETITIONS_EXPORTED).order_by("-id").first()
    assert event.details == {"count": 1}


def test_a_handler_whose_role_moved_to_another_province_loses_the_identity(client_for, officer_a, denunciation):
    RoleAssignment.objects.filter(user=officer_a).update(unit=OrgUnit.objects.get(code="P91-TU"))
    forget_roles(officer_a)  # changed behind the services' back (a user object remembers its roles)
    client = client_for(officer_a)
    page = client.get(f"/don-thu/{denunciation.code}/nguoi-to-cao/")
    assert page.status_code == 404 and SECRET_NAME not in page.content.decode()
    assert client.get(f"/don-thu/{denunciation.code}/").status_code == 404
    assert denunciation not in petition_list_for_user(user=officer_a)
    assert not AuditEvent.objects.filter(action=Action.PETITION_IDENTITY_VIEWED).exists()


def test_a_handler_left_with_a_viewing_role_sees_the_petition_but_not_the_identity(client_for, officer_a, denunciation):
    RoleAssignment.objects.filter(user=officer_a).update(role="viewer")
    forget_roles(officer_a)
    client = client_for(officer_a)
    assert client.get(f"/don-thu/{denunciation.code}/").status_code == 200
    page = client.get(f"/don-thu/{denunciation.code}/nguoi-to-cao/")
    assert page.status_code == 404 and SECRET_NAME not in page.content.decode()
