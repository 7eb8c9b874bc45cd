"""Who may make someone a handler of a denunciation (and so let them read the denouncer's identity): a leader of
the unit or a unit above, never one person alone; the new handler is notified."""

import pytest
from django.core import mail

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.petitions import services
from danvan.petitions.permissions import can_decide_denunciation_handler, can_see_denouncer
from danvan.reports.models import Notice

from .factories import receive

pytestmark = pytest.mark.django_db
SECRET_NAME = "Nguyễn Văn An"


@pytest.fixture
def denunciation(officer_a):
    return receive(officer_a, category="to_cao")


@pytest.fixture
def colleague(db):
    user = make_user("officer.a2", "officer", "P24-TU")
    user.email = "a2@example.org"
    user.save(update_fields=["email"])
    return user


def test_an_officer_assigning_themself_only_proposes_and_cannot_read_the_identity(colleague, denunciation):
    handler = services.petition_handler_assign(actor=colleague, petition=denunciation, user=colleague)
    assert handler.pending
    assert not can_see_denouncer(colleague, denunciation)
    with pytest.raises(ApplicationError):
        services.confidential_identity_reveal(actor=colleague, petition=denunciation)
    assert AuditEvent.objects.filter(action=Action.PETITION_HANDLER_PROPOSED).count() == 1
    assert not AuditEvent.objects.filter(action=Action.PETITION_HANDLER_ASSIGNED).exists()


def test_a_leader_approves_the_proposal_and_the_handler_is_notified(
    leader_a, colleague, denunciation, django_capture_on_commit_callbacks
):
    handler = services.petition_handler_assign(actor=colleague, petition=denunciation, user=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_handler_approve(actor=leader_a, handler=handler)
    assert can_see_denouncer(make_user_fresh(colleague), denunciation)
    assert (
        services.confidential_identity_reveal(actor=make_user_fresh(colleague), petition=denunciation)[0].full_name
        == SECRET_NAME
    )
    notice = Notice.objects.filter(link=f"/don-thu/{denunciation.code}/").latest("created_at")
    assert denunciation.code in notice.text and SECRET_NAME not in notice.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a2@example.org"]
    assert SECRET_NAME not in mail.outbox[0].body
    event = AuditEvent.objects.get(action=Action.PETITION_HANDLER_APPROVED)
    assert event.actor == leader_a and event.after["handler"] == "officer.a2"


def make_user_fresh(user):
    # Permission answers are cached on the user object for one request; a new request reads them again.
    from danvan.accounts.models import User

    return User.objects.get(pk=user.pk)


def test_a_leader_assigns_an_officer_at_once(leader_a, colleague, denunciation):
    handler = services.petition_handler_assign(actor=leader_a, petition=denunciation, user=colleague)
    assert not handler.pending and handler.approved_by == leader_a
    assert can_see_denouncer(colleague, denunciation)


def test_a_leader_assigning_themself_needs_another_leader(leader_a, denunciation):
    handler = services.petition_handler_assign(actor=leader_a, petition=denunciation, user=leader_a)
    assert handler.pending
    with pytest.raises(ApplicationError):
        services.petition_handler_approve(actor=leader_a, handler=handler)
    national = make_user("leader.tw", "leader", "TW")
    services.petition_handler_approve(actor=national, handler=handler)
    assert can_see_denouncer(make_user_fresh(leader_a), denunciation)


def test_an_officer_cannot_approve_a_colleagues_proposal(officer_a, colleague, denunciation):
    handler = services.petition_handler_assign(actor=colleague, petition=denunciation, user=colleague)
    with pytest.raises(ApplicationError):
        services.petition_handler_approve(actor=officer_a, handler=handler)


def test_an_ordinary_petition_keeps_assignment_by_any_editor(officer_a, colleague):
    petition = receive(officer_a)
    handler = services.petition_handler_assign(actor=colleague, petition=petition, user=colleague)
    assert not handler.pending


@pytest.mark.parametrize(
    ("role", "unit", "decides"),
    [
        ("leader", "P24-TU", True),  # leader of the petition's unit
        ("admin", "P24-TU", True),
        ("leader", "TW", True),  # leader of a unit above
        ("officer", "P24-TU", False),  # an editor may only propose
        ("reporter", "P24-TU", False),
        ("viewer", "P24-TU", False),
        ("leader", "C7288-DU", False),  # leader of a unit below
        ("leader", "P91-TU", False),  # another province
    ],
)
def test_who_decides_a_denunciation_handler(role, unit, decides, colleague, denunciation):
    user = make_user(f"u.{role}.{unit}", role, unit)
    assert can_decide_denunciation_handler(user, denunciation, colleague) is decides
    assert can_decide_denunciation_handler(user, denunciation, user) is False


def test_the_page_proposes_then_a_leader_approves(client_for, leader_a, colleague, denunciation):
    page = client_for(colleague).post(f"/don-thu/{denunciation.code}/phan-cong/", {"username": "officer.a2"})
    assert page.status_code == 302
    handler = denunciation.handlers.get(user=colleague)
    assert handler.pending
    assert client_for(colleague).get(f"/don-thu/{denunciation.code}/nguoi-to-cao/").status_code == 404
    leader = client_for(leader_a)
    detail = leader.get(f"/don-thu/{denunciation.code}/").content.decode()
    assert f"/don-thu/{denunciation.code}/phan-cong/{handler.pk}/duyet/" in detail
    assert leader.post(f"/don-thu/{denunciation.code}/phan-cong/{handler.pk}/duyet/").status_code == 302
    assert client_for(colleague).get(f"/don-thu/{denunciation.code}/nguoi-to-cao/").status_code == 200
