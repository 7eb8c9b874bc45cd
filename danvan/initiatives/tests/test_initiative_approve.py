import pytest

from conftest import make_user
from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.initiatives import services
from danvan.initiatives.models import Status
from danvan.initiatives.tests.factories import register
from danvan.organisations.models import OrgUnit


def test_the_level_above_approves_a_registration(commune_officer_a, leader_a):
    initiative = services.initiative_approve(actor=leader_a, initiative=register(commune_officer_a), note="Đồng ý")
    assert initiative.status == Status.APPROVED
    assert initiative.decided_by == leader_a
    assert AuditEvent.objects.filter(action="initiative.approved", target_id=initiative.code).count() == 1


def test_the_registering_unit_cannot_approve_its_own_model(db):
    leader = make_user("leader.xa", "leader", "C7288-DU")
    initiative = register(leader)
    with pytest.raises(ApplicationError) as err:
        services.initiative_approve(actor=leader, initiative=initiative)
    assert err.value.code == "forbidden"


def test_an_officer_above_or_a_leader_elsewhere_cannot_approve(commune_officer_a, officer_a, db):
    initiative = register(commune_officer_a)
    other_leader = make_user("leader.b", "leader", "P91-TU")
    for actor in (officer_a, other_leader):
        with pytest.raises(ApplicationError):
            services.initiative_approve(actor=actor, initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == Status.REGISTERED


def test_a_province_model_is_approved_from_the_centre_only(officer_a, admin_a, sysadmin):
    initiative = register(officer_a, unit_code="P24-TGDV", name="Mô hình của Ban")
    # admin_a holds admin on P24-TU, an ancestor of P24-TGDV.
    services.initiative_approve(actor=admin_a, initiative=initiative)
    own = register(admin_a, unit_code="P24-TU", name="Mô hình của Thành ủy")
    with pytest.raises(ApplicationError):
        services.initiative_approve(actor=admin_a, initiative=own)
    assert services.initiative_approve(actor=sysadmin, initiative=own).status == Status.APPROVED


def test_reject_needs_a_reason_and_a_decided_model_cannot_be_decided_again(commune_officer_a, leader_a):
    initiative = register(commune_officer_a)
    with pytest.raises(ApplicationError) as err:
        services.initiative_reject(actor=leader_a, initiative=initiative, reason=" ")
    assert err.value.field == "reason"
    rejected = services.initiative_reject(actor=leader_a, initiative=initiative, reason="Trùng nội dung")
    assert rejected.status == Status.REJECTED and rejected.decision_note == "Trùng nội dung"
    with pytest.raises(ApplicationError) as err:
        services.initiative_approve(actor=leader_a, initiative=initiative)
    assert err.value.code == "bad_state"
    assert OrgUnit.objects.get(code="C7288-DU")  # tree untouched
