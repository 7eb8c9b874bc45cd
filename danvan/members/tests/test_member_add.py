import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.members.models import Membership, Person
from danvan.members.services import branch_create, member_add

from .conftest import BORN_1975, CCCD_MAN_1975

pytestmark = pytest.mark.django_db


def test_a_branch_belongs_to_a_body_of_its_own_organisation_in_the_officers_scope(hnd_officer, org, unit):
    with pytest.raises(ApplicationError) as exc:
        branch_create(actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HPN"), name="Chi hội A")
    assert exc.value.field == "owner"
    with pytest.raises(ApplicationError) as exc:
        branch_create(actor=hnd_officer, organisation=org("HND"), owner=unit("P24-HND"), name="Chi hội A")
    assert exc.value.field == "owner"
    branch = branch_create(actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội A")
    assert branch.commune.code == "C7288"
    with pytest.raises(ApplicationError, match="đã có"):
        branch_create(actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HND"), name="chi hoi a")


def test_a_member_is_added_with_an_audit_event_and_a_masked_cccd(hnd_officer, hnd_branch):
    m = member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name=" Trần  Văn Nam ",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    assert m.person.full_name == "Trần Văn Nam"
    assert m.person.cccd_masked == "0*******4321"
    assert AuditEvent.objects.filter(action="member.added").count() == 1


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"cccd": "003075004321"}, "cccd"),
        ({"cccd": "02407500432"}, "cccd"),
        ({"birth_date": dt.date(2099, 1, 1), "cccd": ""}, "birth_date"),
        ({"birth_date": dt.date(2015, 1, 1), "cccd": ""}, "birth_date"),
        ({"full_name": "  "}, "full_name"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(hnd_officer, hnd_branch, changes, field):
    data = {"full_name": "Trần Văn Nam", "birth_date": BORN_1975, "sex": "M", "cccd": CCCD_MAN_1975} | changes
    with pytest.raises(ApplicationError) as exc:
        member_add(actor=hnd_officer, branch=hnd_branch, **data)
    assert exc.value.field == field
    assert not Person.objects.exists() and not Membership.objects.exists()


def test_an_officer_of_another_organisation_cannot_add_to_the_branch(hpn_officer, hnd_branch, officer_a):
    for actor in (hpn_officer, officer_a):
        with pytest.raises(ApplicationError) as exc:
            member_add(actor=actor, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
        assert exc.value.code == "forbidden"


def test_a_person_is_not_added_twice_to_one_organisation(hnd_officer, hnd_branch):
    member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    with pytest.raises(ApplicationError, match="đang là hội viên"):
        member_add(
            actor=hnd_officer,
            branch=hnd_branch,
            full_name="Trần Văn Nam",
            birth_date=BORN_1975,
            sex="M",
            cccd=CCCD_MAN_1975,
        )
    assert Membership.objects.count() == 1
