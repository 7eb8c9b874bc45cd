"""Corrections to a person's record, leaving an organisation, and a province's own associations."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.models import Person
from danvan.members.services import branch_create, member_add, organisation_add
from danvan.members.tally import tally_verify

from .conftest import BORN_1975, CCCD_MAN_1975

pytestmark = pytest.mark.django_db


def _form(person, **changes):
    data = {
        "full_name": person.full_name,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "sex": person.sex,
        "cccd": person.cccd,
        "ethnicity": "",
        "religion": "",
        "occupation": "",
        "village_name": "",
        "version": str(person.version),
        TOKEN_FIELD: new_form_token(),
    }
    return data | changes


def test_a_correction_is_audited_with_the_cccd_masked_and_counts_follow(client_for, hnd_officer, hnd_branch):
    m = member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    client = client_for(hnd_officer)
    url = f"/hoi-vien/nguoi/{m.person.public_id}/sua/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form(m.person, full_name="Trần Văn Nam Anh", occupation="Làm vườn"))
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.full_name == "Trần Văn Nam Anh" and person.version == 2
    event = AuditEvent.objects.get(action="member.corrected")
    assert event.before["full_name"] == "Trần Văn Nam" and event.after["cccd"] == "0*******4321"
    # An edit made from a page opened before that save is refused, and what was typed stays.
    stale = client.post(url, _form(m.person, full_name="Trần Nam", version="1"))
    assert stale.status_code == 200 and "vừa được" in stale.content.decode()
    assert Person.objects.get().full_name == "Trần Văn Nam Anh"
    # A CCCD that does not match the year of birth is refused with the field named.
    bad = client.post(url, _form(person, cccd="024090004321"))
    assert bad.status_code == 200 and "Số CCCD" in bad.content.decode()
    assert tally_verify()["differences"] == []


def test_a_member_who_leaves_is_kept_as_history_and_no_longer_counted(client_for, hnd_officer, hnd_branch):
    m = member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    client = client_for(hnd_officer)
    response = client.post(
        f"/hoi-vien/nguoi/{m.person.public_id}/roi/{m.pk}/", {"left_on": "01/06/2026", TOKEN_FIELD: new_form_token()}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.left_on == dt.date(2026, 6, 1)
    assert tally_verify()["differences"] == []
    page = client.get(f"/hoi-vien/chi-hoi/{hnd_branch.code}/").content.decode()
    assert "Trần Văn Nam" not in page


def test_a_province_adds_an_association_whose_branches_stay_in_the_province(admin_a, unit):
    from conftest import make_user

    elderly = organisation_add(
        actor=admin_a,
        province=unit("P24-TU"),
        name="Hội Người cao tuổi tỉnh Bắc Ninh",
        short_name="Hội NCT",
        min_age=60,
    )
    front = make_user("mttq.yenthe", "officer", "C7288-MTTQ")
    branch = branch_create(actor=front, organisation=elderly, owner=unit("C7288-MTTQ"), name="Chi hội NCT thôn Hạ")
    with pytest.raises(ApplicationError, match="60 tuổi"):
        member_add(actor=front, branch=branch, full_name="Lê Văn Cụ", birth_date=dt.date(1980, 1, 1), sex="M")
    member_add(actor=front, branch=branch, full_name="Lê Văn Cụ", birth_date=dt.date(1950, 1, 1), sex="M")
    with pytest.raises(ApplicationError) as exc:
        organisation_add(actor=admin_a, province=unit("P91-TU"), name="Hội Khác")
    assert exc.value.field == "province"
    assert tally_verify()["differences"] == []
