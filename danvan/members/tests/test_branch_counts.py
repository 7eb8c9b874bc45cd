"""Each branch's maintained count of current members (the branch list reads it) and the branch page's order (a page
of 100 read from one index): kept by every write that starts, ends or moves a membership, verified by the recount."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.members.corrections import branch_retire, membership_update
from danvan.members.imports import members_import, read_member_table
from danvan.members.models import Branch, Membership
from danvan.members.services import branch_create, member_add, membership_end, person_update
from danvan.members.tally import tally_verify

from .conftest import BORN_1975, CCCD_MAN_1975

pytestmark = pytest.mark.django_db

HEADER = "Họ tên,Ngày sinh,Giới tính,CCCD,Dân tộc,Tôn giáo,Nghề nghiệp,Địa chỉ thôn,Ngày vào\n"


def _count(branch) -> int:
    return Branch.objects.get(pk=branch.pk).member_count


def _verified() -> None:
    outcome = tally_verify()
    assert outcome["differences"] == [] and outcome["branch_differences"] == []


def test_every_write_keeps_the_branch_count_and_the_recount_agrees(hnd_officer, hnd_branch, org, unit):
    other = branch_create(actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Bãi")
    m = member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    assert (_count(hnd_branch), _count(other)) == (1, 0)
    rows = read_member_table(
        filename="ds.csv",
        content=(
            HEADER
            + "Nguyễn Thị Lan,15/03/1980,Nữ,,Kinh,,Làm ruộng,Thôn Bãi,01/05/2010\n"
            + "Lê Văn Ba,20/10/1970,Nam,,Kinh,,Làm ruộng,Thôn Bãi,\n"
        ).encode(),
    )
    members_import(actor=hnd_officer, branch=other, rows=rows, decisions={})
    assert (_count(hnd_branch), _count(other)) == (1, 2)
    _verified()
    # Moved to the other branch by a correction, then out of the organisation, then back.
    m = membership_update(
        actor=hnd_officer, membership=m, expected_version=m.version, role="", branch=other, joined_on=None, left_on=None
    )
    assert (_count(hnd_branch), _count(other)) == (0, 3)
    m = membership_update(
        actor=hnd_officer,
        membership=m,
        expected_version=m.version,
        role="",
        branch=other,
        joined_on=None,
        left_on=dt.date(2024, 1, 1),
    )
    assert _count(other) == 2
    m = membership_update(
        actor=hnd_officer, membership=m, expected_version=m.version, role="", branch=other, joined_on=None, left_on=None
    )
    assert _count(other) == 3
    membership_end(actor=hnd_officer, membership=Membership.objects.get(pk=m.pk), left_on=dt.date(2025, 1, 1))
    assert _count(other) == 2
    _verified()
    # Retiring a branch moves its members' count to the branch that takes them.
    outcome = branch_retire(actor=hnd_officer, branch=other, expected_version=other.version, target=hnd_branch)
    assert outcome["moved"] == 2 and (_count(hnd_branch), _count(other)) == (2, 0)
    _verified()


def test_the_recount_command_reports_a_wrong_branch_count_and_repair_fixes_it(hnd_officer, hnd_branch, capsys):
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    Branch.objects.filter(pk=hnd_branch.pk).update(member_count=5)
    with pytest.raises(CommandError, match="1 branches' counts"):
        call_command("members_recount")
    assert "kept 5, recounted 1" in capsys.readouterr().out
    call_command("members_recount", "--repair")
    assert _count(hnd_branch) == 1
    call_command("members_recount")
    assert "every branch's count of members match" in capsys.readouterr().out


def test_the_branch_page_lists_by_name_a_page_at_a_time_in_a_fixed_number_of_queries(
    client_for, hnd_officer, hnd_branch, django_assert_max_num_queries
):
    names = [f"Nguyễn Văn {chr(ord('A') + i % 26)}{i:03d}" for i in range(230)]
    for i, name in enumerate(reversed(names)):
        member_add(
            actor=hnd_officer, branch=hnd_branch, full_name=name, birth_date=dt.date(1960 + i % 30, 1, 1), sex="M"
        )
    client = client_for(hnd_officer)
    seen = []
    for page in (1, 2, 3):
        with django_assert_max_num_queries(16):
            response = client.get(f"/hoi-vien/chi-hoi/{hnd_branch.code}/?page={page}")
        assert response.status_code == 200
        seen += [row.person.full_name for row in response.context["members"]]
        assert response.context["members"].paginator.count == 230
    assert len(seen) == 230 and seen == sorted(seen, key=lambda n: n.lower()) and set(seen) == set(names)
    # A name corrected moves the person in the order (the copy on the membership follows the record).
    first = Membership.objects.select_related("person").get(person__full_name=seen[0])
    person_update(
        actor=hnd_officer,
        person=first.person,
        branch=hnd_branch,
        expected_version=first.person.version,
        full_name="Vũ Văn Z",
    )
    last_page = client.get(f"/hoi-vien/chi-hoi/{hnd_branch.code}/?page=3").context["members"]
    assert last_page.object_list[-1].person.full_name == "Vũ Văn Z"


def test_the_recount_reports_a_membership_whose_copy_of_its_person_differs_and_repair_fixes_it(
    hnd_officer, hnd_branch, capsys
):
    m = member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    assert tally_verify()["roster_differences"] == 0
    Membership.objects.filter(pk=m.pk).update(person_name_folded="zzz", person_birth_date=None)
    with pytest.raises(CommandError, match="1 memberships' copies"):
        call_command("members_recount")
    call_command("members_recount", "--repair")
    fixed = Membership.objects.select_related("person").get(pk=m.pk)
    assert (fixed.person_name_folded, fixed.person_birth_date) == (fixed.person.name_folded, BORN_1975)
    assert tally_verify()["roster_differences"] == 0
