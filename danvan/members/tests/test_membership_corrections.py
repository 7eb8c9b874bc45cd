"""Correcting a membership after the fact (role, branch, dates), through the page: audited with the values before
and after, locked by version, safe against a double submit, within the officer's own organisation, and the
maintained counts stay equal to a full recount (decision 0053)."""

import datetime as dt

import pytest
from django.db.models import Sum

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.corrections import membership_update
from danvan.members.models import Membership, MemberTally
from danvan.members.services import branch_create, member_add
from danvan.members.tally import tally_verify

from .conftest import BORN_1975, BORN_1980, CCCD_MAN_1975

pytestmark = pytest.mark.django_db


def _count(measure: str, scope: str = "C7288") -> int:
    return MemberTally.objects.filter(scope=scope, measure=measure).aggregate(n=Sum("count"))["n"] or 0


def _form(m: Membership, **changes):
    data = {
        "branch": m.branch.code,
        "role": m.role,
        "joined_on": m.joined_on.strftime("%d/%m/%Y") if m.joined_on else "",
        "left_on": m.left_on.strftime("%d/%m/%Y") if m.left_on else "",
        "version": str(m.version),
        TOKEN_FIELD: new_form_token(),
    }
    return data | changes


@pytest.fixture
def member(hnd_officer, hnd_branch):
    return member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
        joined_on=dt.date(2015, 3, 1),
    )


@pytest.fixture
def other_branch(hnd_officer, org, unit):
    return branch_create(
        actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Yên Lạc"
    )


def test_an_officer_corrects_role_branch_and_date_joined_with_history(client_for, hnd_officer, member, other_branch):
    client = client_for(hnd_officer)
    person_page = client.get(f"/hoi-vien/nguoi/{member.person.public_id}/").content.decode()
    url = f"/hoi-vien/nguoi/{member.person.public_id}/sinh-hoat/{member.pk}/sua/"
    assert url in person_page
    page = client.get(url).content.decode()
    # The branch is chosen among the body's own branches, by name; no code is typed.
    assert "Chi hội thôn Yên Lạc" in page and "Chi hội thôn Đồng Tâm" in page
    data = _form(member, role="Chi hội trưởng", branch=other_branch.code, joined_on="01/03/2014")
    response = client.post(url, data)
    assert response.status_code == 302
    m = Membership.objects.get()
    assert (m.role, m.branch, m.joined_on, m.version) == ("Chi hội trưởng", other_branch, dt.date(2014, 3, 1), 2)
    event = AuditEvent.objects.get(action=Action.MEMBERSHIP_CORRECTED)
    assert event.before["role"] == "" and event.after["role"] == "Chi hội trưởng"
    assert event.before["branch"].endswith("Chi hội thôn Đồng Tâm") and event.after["joined_on"] == "2014-03-01"
    # The same form sent again (a double click) writes nothing more.
    again = client.post(url, data)
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action=Action.MEMBERSHIP_CORRECTED).count() == 1
    # A page opened before that save is refused with the conflict message; what was typed stays on the page.
    stale = client.post(url, _form(member, role="Phó chi hội trưởng", version="1"))
    assert stale.status_code == 200 and "vừa được" in stale.content.decode()
    assert "Phó chi hội trưởng" in stale.content.decode()
    assert Membership.objects.get().role == "Chi hội trưởng"
    # Moving within the organisation changes no count.
    assert _count("org:HND") == 1 and tally_verify()["differences"] == []


def test_setting_and_clearing_the_date_left_moves_the_counts(client_for, hnd_officer, member):
    client = client_for(hnd_officer)
    url = f"/hoi-vien/nguoi/{member.person.public_id}/sinh-hoat/{member.pk}/sua/"
    assert _count("org:HND") == 1 and _count("any") == 1
    assert client.post(url, _form(member, left_on="31/12/2025")).status_code == 302
    assert _count("org:HND") == 0 and _count("any") == 0 and _count("any", "P24") == 0
    assert tally_verify()["differences"] == []
    member.refresh_from_db()
    assert client.post(url, _form(member, left_on="")).status_code == 302
    assert _count("org:HND") == 1 and _count("any") == 1 and _count("org:HND", "VN") == 1
    assert tally_verify()["differences"] == []
    assert AuditEvent.objects.filter(action=Action.MEMBERSHIP_CORRECTED).count() == 2


def test_bad_dates_are_refused_naming_the_field(client_for, hnd_officer, member):
    client = client_for(hnd_officer)
    url = f"/hoi-vien/nguoi/{member.person.public_id}/sinh-hoat/{member.pk}/sua/"
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    page = client.post(url, _form(member, joined_on=future)).content.decode()
    assert "Ngày vào: sau ngày hôm nay" in page
    page = client.post(url, _form(member, joined_on="01/03/2015", left_on="01/01/2010")).content.decode()
    assert "Ngày ra: trước ngày vào" in page
    # Before the organisation's youngest age (Hội Nông dân: 18): born 1975, joined 1980.
    page = client.post(url, _form(member, joined_on="01/01/1980")).content.decode()
    assert "Ngày vào:" in page and "chưa đủ" in page
    assert client.post(url, _form(member, joined_on="not a date")).status_code == 200
    assert (
        Membership.objects.get().version == 1
        and not AuditEvent.objects.filter(action=Action.MEMBERSHIP_CORRECTED).exists()
    )


def test_reopening_an_old_membership_beside_a_current_one_is_refused(hnd_officer, member, other_branch):
    from danvan.members.services import membership_end

    membership_end(actor=hnd_officer, membership=member, left_on=dt.date(2020, 1, 1))
    current = member_add(
        actor=hnd_officer,
        branch=other_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        person=member.person,
        joined_on=dt.date(2021, 1, 1),
    )
    old = Membership.objects.get(pk=member.pk)
    with pytest.raises(ApplicationError) as caught:
        membership_update(
            actor=hnd_officer,
            membership=old,
            expected_version=old.version,
            role="",
            branch=old.branch,
            joined_on=old.joined_on,
            left_on=None,
        )
    assert caught.value.field == "left_on" and "chi hội khác" in caught.value.message
    assert current.left_on is None and tally_verify()["differences"] == []


def test_another_organisations_officer_cannot_correct_it(client_for, hnd_officer, hpn_officer, hpn_branch, member):
    url = f"/hoi-vien/nguoi/{member.person.public_id}/sinh-hoat/{member.pk}/sua/"
    # The Women's Union's officer of the same commune sees neither the person nor the form.
    assert client_for(hpn_officer).get(url).status_code == 404
    # Even when the person is also one of hers: the Farmers' Union's membership is not hers to correct.
    member_add(
        actor=hpn_officer,
        branch=hpn_branch,
        full_name="Nguyễn Thị Hoa",
        birth_date=BORN_1980,
        sex="F",
    )
    assert client_for(hpn_officer).post(url, _form(member, role="X")).status_code == 404
    with pytest.raises(ApplicationError):
        membership_update(
            actor=hpn_officer,
            membership=member,
            expected_version=1,
            role="X",
            branch=member.branch,
            joined_on=None,
            left_on=None,
        )
    # Nor may the Farmers' Union's officer move a member into the Women's Union's branch.
    with pytest.raises(ApplicationError) as caught:
        membership_update(
            actor=hnd_officer,
            membership=member,
            expected_version=1,
            role="",
            branch=hpn_branch,
            joined_on=None,
            left_on=None,
        )
    assert caught.value.field == "branch"
    assert Membership.objects.get(pk=member.pk).role == ""
