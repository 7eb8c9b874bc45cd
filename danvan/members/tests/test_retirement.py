"""Correcting and retiring a branch (chi hội) and a province's association, through the pages: history kept,
members moved or ended, a clear message while members remain and nothing is chosen, counts equal to a recount."""

import datetime as dt

import pytest
from django.db.models import Sum

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.models import Branch, Membership, MemberTally, Organisation
from danvan.members.services import branch_create, member_add, organisation_add
from danvan.members.tally import tally_verify

from .conftest import BORN_1975, BORN_1980

pytestmark = pytest.mark.django_db


def _count(measure: str, scope: str = "C7288") -> int:
    return MemberTally.objects.filter(scope=scope, measure=measure).aggregate(n=Sum("count"))["n"] or 0


@pytest.fixture
def two_members(hnd_officer, hnd_branch):
    return [
        member_add(actor=hnd_officer, branch=hnd_branch, full_name=name, birth_date=born, sex=sex)
        for name, born, sex in (("Trần Văn Nam", BORN_1975, "M"), ("Lê Thị Thu", BORN_1980, "F"))
    ]


@pytest.fixture
def other_branch(hnd_officer, org, unit):
    return branch_create(
        actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Yên Lạc"
    )


def _retire(branch, **extra):
    return {
        "retire-target": "",
        "retire-left_on": "",
        "retire-version": str(branch.version),
        TOKEN_FIELD: new_form_token(),
    } | extra


def test_a_branch_is_renamed_with_history_and_a_stale_page_is_refused(client_for, hnd_officer, hnd_branch):
    client = client_for(hnd_officer)
    url = f"/hoi-vien/chi-hoi/{hnd_branch.code}/sua/"
    assert url in client.get(f"/hoi-vien/chi-hoi/{hnd_branch.code}/").content.decode()
    data = {"name": "Chi hội Nông dân thôn Đồng Tâm", "place": "", "version": "1", TOKEN_FIELD: new_form_token()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the double click: nothing more
    event = AuditEvent.objects.get(action=Action.MEMBER_BRANCH_CORRECTED)
    assert event.before["name"] == "Chi hội thôn Đồng Tâm" and event.after["name"] == "Chi hội Nông dân thôn Đồng Tâm"
    stale = client.post(url, data | {"name": "Chi hội Đồng Tâm", TOKEN_FIELD: new_form_token()})
    assert stale.status_code == 200 and "vừa được" in stale.content.decode()
    assert Branch.objects.get(pk=hnd_branch.pk).name == "Chi hội Nông dân thôn Đồng Tâm"
    empty = client.post(url, data | {"name": " ", "version": "2", TOKEN_FIELD: new_form_token()})
    assert empty.status_code == 200


def test_retiring_a_branch_with_members_needs_a_target_or_a_date(client_for, hnd_officer, hnd_branch, two_members):
    client = client_for(hnd_officer)
    url = f"/hoi-vien/chi-hoi/{hnd_branch.code}/giai-the/"
    page = client.post(url, _retire(hnd_branch)).content.decode()
    assert "còn 2 hội viên đang sinh hoạt; hãy chọn chi hội nhận họ" in page
    assert Branch.objects.get(pk=hnd_branch.pk).retired_on is None


def test_retiring_a_branch_moves_its_members_and_keeps_the_counts(
    client_for, hnd_officer, hnd_branch, other_branch, two_members
):
    client = client_for(hnd_officer)
    page = client.get(f"/hoi-vien/chi-hoi/{hnd_branch.code}/sua/").content.decode()
    assert "Chi hội thôn Yên Lạc" in page
    response = client.post(
        f"/hoi-vien/chi-hoi/{hnd_branch.code}/giai-the/", _retire(hnd_branch, **{"retire-target": other_branch.code})
    )
    assert response.status_code == 302
    assert Branch.objects.get(pk=hnd_branch.pk).retired_on == dt.date.today()
    assert set(Membership.objects.values_list("branch", flat=True)) == {other_branch.pk}
    event = AuditEvent.objects.get(action=Action.MEMBER_BRANCH_RETIRED)
    assert event.details == {"moved": 2, "ended": 0, "target": other_branch.code}
    assert _count("org:HND") == 2 and tally_verify()["differences"] == []
    # A retired branch takes no new member, and is no longer offered as a target or a destination.
    with pytest.raises(ApplicationError) as caught:
        member_add(
            actor=hnd_officer, branch=Branch.objects.get(pk=hnd_branch.pk), full_name="A", birth_date=BORN_1975, sex="M"
        )
    assert "đã giải thể" in caught.value.message
    m = Membership.objects.first()
    edit = client.get(f"/hoi-vien/nguoi/{m.person.public_id}/sinh-hoat/{m.pk}/sua/").content.decode()
    assert "Chi hội thôn Đồng Tâm" not in edit


def test_retiring_a_branch_on_a_date_ends_its_memberships_and_the_counts_follow(
    client_for, hnd_officer, hnd_branch, two_members
):
    client = client_for(hnd_officer)
    response = client.post(
        f"/hoi-vien/chi-hoi/{hnd_branch.code}/giai-the/", _retire(hnd_branch, **{"retire-left_on": "30/06/2026"})
    )
    assert response.status_code == 302
    assert set(Membership.objects.values_list("left_on", flat=True)) == {dt.date(2026, 6, 30)}
    assert _count("org:HND") == 0 and _count("any", "VN") == 0 and tally_verify()["differences"] == []
    assert AuditEvent.objects.get(action=Action.MEMBER_BRANCH_RETIRED).details["ended"] == 2


@pytest.fixture
def elderly(officer_a, unit):
    return organisation_add(actor=officer_a, province=unit("P24-TU"), name="Hội Người cao tuổi", min_age=60)


def _org_form(o, **extra):
    return {
        "name": o.name,
        "short_name": o.short_name,
        "min_age": "" if o.min_age is None else str(o.min_age),
        "max_age": "",
        "branch_word": o.branch_word,
        "version": str(o.version),
        TOKEN_FIELD: new_form_token(),
    } | extra


def test_the_ban_corrects_an_association_with_history(client_for, officer_a, hnd_officer, elderly):
    client = client_for(officer_a)
    url = f"/hoi-vien/to-chuc/{elderly.code}/sua/"
    assert url in client.get("/hoi-vien/to-chuc/").content.decode()
    response = client.post(url, _org_form(elderly, name="Hội Người cao tuổi tỉnh Bắc Ninh", min_age="55"))
    assert response.status_code == 302
    o = Organisation.objects.get(pk=elderly.pk)
    assert (o.name, o.min_age, o.version) == ("Hội Người cao tuổi tỉnh Bắc Ninh", 55, 2)
    event = AuditEvent.objects.get(action=Action.MEMBER_ORGANISATION_CORRECTED)
    assert event.before["min_age"] == 60 and event.after["min_age"] == 55
    bad = client.post(url, _org_form(o, min_age="70", max_age="65")).content.decode()
    assert "Tuổi tối đa: phải lớn hơn tuổi tối thiểu" in bad
    stale = client.post(url, _org_form(o, name="Hội NCT", version="1")).content.decode()
    assert "vừa được" in stale
    # An organisation's officer, and the five national organisations: not corrected here.
    assert client_for(hnd_officer).get(url).status_code == 404
    assert client.get("/hoi-vien/to-chuc/HND/sua/").status_code == 404


def test_retiring_an_association_with_members_needs_the_date_they_left(
    client_for, officer_a, elderly, unit, hnd_officer, hnd_branch
):
    from conftest import make_user

    front = make_user("mttq.yenthe", "officer", "C7288-MTTQ")
    branch = branch_create(actor=front, organisation=elderly, owner=unit("C7288-MTTQ"), name="Chi hội NCT Đồng Tâm")
    # One person in both: leaving the association keeps them counted once through the Farmers' Union.
    both = member_add(actor=front, branch=branch, full_name="Trần Văn Nam", birth_date=dt.date(1950, 1, 1), sex="M")
    member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=dt.date(1950, 1, 1),
        sex="M",
        person=both.person,
    )
    assert _count("multi") == 1
    client = client_for(officer_a)
    url = f"/hoi-vien/to-chuc/{elderly.code}/thoi-hoat-dong/"
    data = {"retire-left_on": "", "retire-version": "1", TOKEN_FIELD: new_form_token()}
    page = client.post(url, data).content.decode()
    assert "còn 1 hội viên đang sinh hoạt; hãy ghi ngày họ ra khỏi hội" in page
    assert Organisation.objects.get(pk=elderly.pk).is_active
    response = client.post(url, data | {"retire-left_on": "01/07/2026", TOKEN_FIELD: new_form_token()})
    assert response.status_code == 302
    assert not Organisation.objects.get(pk=elderly.pk).is_active
    assert Branch.objects.get(pk=branch.pk).retired_on is not None
    assert _count(f"org:{elderly.code}") == 0 and _count("any") == 1 and _count("multi") == 0
    assert tally_verify()["differences"] == []
    assert AuditEvent.objects.get(action=Action.MEMBER_ORGANISATION_RETIRED).details["ended"] == 1
    assert "/hoi-vien/to-chuc/moi/" in client.get("/hoi-vien/to-chuc/").content.decode()
