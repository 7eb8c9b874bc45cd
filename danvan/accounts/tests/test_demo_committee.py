"""The demo's People's Committee officer (ubnd.yenthe): the government's side of xã Yên Thế, within its own unit."""

import pytest

from danvan.accounts.demo import demo_data_load
from danvan.accounts.models import User
from danvan.accounts.permissions import can_edit_unit
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions.models import ReceptionDuty
from danvan.petitions.services.reception import reception_duty_set

pytestmark = pytest.mark.django_db


def test_the_committee_officer_keeps_the_committees_reception_duties_and_nothing_of_the_party_committee():
    demo_data_load()
    officer = User.objects.get(username="ubnd.yenthe")
    committee = OrgUnit.objects.get(code="C7288-UBND")
    assert [(a.role, a.unit.code) for a in officer.role_assignments.select_related("unit")] == [
        ("officer", "C7288-UBND")
    ]
    assert committee.kind == OrgUnit.Kind.PEOPLES_COMMITTEE and committee.parent.code == "C7288-DU"
    duty = reception_duty_set(actor=officer, unit=committee, holder_name="Lê Minh Chiến", position="chu_tich_ubnd_xa")
    assert ReceptionDuty.objects.filter(pk=duty.pk, unit=committee).exists()
    # Not the Party committee above it, nor the khối dân vận beside it.
    assert not can_edit_unit(officer, committee.parent)
    assert not can_edit_unit(officer, OrgUnit.objects.get(code="C7288-KDV"))
    with pytest.raises(ApplicationError):
        reception_duty_set(actor=officer, unit=committee.parent, holder_name="Nguyễn Văn Tiến", position="bi_thu_xa")
