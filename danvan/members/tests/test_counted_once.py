"""The maintained counts equal a recount from scratch, and a person in several organisations is one person."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.members.models import MemberTally, Person
from danvan.members.selectors import member_statistics
from danvan.members.services import member_add, membership_end, person_update
from danvan.members.tally import tally_verify

from .conftest import BORN_1975, BORN_1980, CCCD_MAN_1975, CCCD_WOMAN_1980

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 5)


def _stats(scope):
    return member_statistics(scope=scope, today=TODAY)


def _by_org(stats, code):
    return next(o for o in stats["organisations"] if o["organisation"].code == code)


def test_a_woman_in_two_organisations_is_two_memberships_and_one_person(
    hnd_officer, hpn_officer, hnd_branch, hpn_branch
):
    member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Nguyễn Thị Lan",
        birth_date=BORN_1980,
        sex="F",
        cccd=CCCD_WOMAN_1980,
    )
    member_add(
        actor=hpn_officer,
        branch=hpn_branch,
        full_name="Nguyễn Thị Lan",
        birth_date=BORN_1980,
        sex="F",
        cccd=CCCD_WOMAN_1980,
    )
    member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    assert Person.objects.count() == 2
    for scope in ("C7288", "P24", "VN"):
        stats = _stats(scope)
        assert _by_org(stats, "HND")["total"] == 2
        assert _by_org(stats, "HPN")["total"] == 1
        assert stats["memberships"] == 3
        assert stats["any"]["total"] == 2 and stats["any"]["F"] == 1 and stats["any"]["M"] == 1
        assert stats["multi"]["total"] == 1
        # Born 1975 and 1980: 51 and 46 this year, both in 46–60.
        assert stats["any"]["ages"] == [0, 0, 0, 2, 0]
    assert _stats("P91")["any"]["total"] == 0
    assert tally_verify()["differences"] == []


def test_leaving_and_corrections_keep_the_counts_equal_to_a_recount(hnd_officer, hpn_officer, hnd_branch, hpn_branch):
    lan = member_add(actor=hnd_officer, branch=hnd_branch, full_name="Nguyễn Thị Lan", birth_date=BORN_1980, sex="F")
    member_add(
        actor=hpn_officer,
        branch=hpn_branch,
        full_name="Nguyễn Thị Lan",
        birth_date=BORN_1980,
        sex="F",
        person=lan.person,
    )
    assert _stats("C7288")["multi"]["total"] == 1
    membership_end(actor=hnd_officer, membership=lan, left_on=dt.date(2026, 1, 1))
    stats = _stats("C7288")
    assert stats["multi"]["total"] == 0 and stats["any"]["total"] == 1 and _by_org(stats, "HND")["total"] == 0
    person = Person.objects.get()
    person_update(
        actor=hpn_officer,
        person=person,
        branch=hpn_branch,
        expected_version=person.version,
        birth_date=dt.date(1990, 5, 1),
    )
    stats = _stats("VN")
    assert stats["any"]["ages"] == [0, 0, 1, 0, 0]
    assert tally_verify()["differences"] == []


def test_the_recount_command_finds_and_repairs_a_wrong_count(hnd_officer, hnd_branch):
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    call_command("members_recount")
    MemberTally.objects.filter(scope="P24", measure="any").update(count=7)
    with pytest.raises(CommandError, match="differ"):
        call_command("members_recount")
    call_command("members_recount", "--repair")
    call_command("members_recount")
    assert _stats("P24")["any"]["total"] == 1


def test_the_statistics_of_an_area_are_one_query(hnd_officer, hnd_branch, django_assert_max_num_queries):
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    with django_assert_max_num_queries(2):
        _stats("VN")


def test_people_are_counted_once_by_ethnicity_religion_and_occupation(hnd_officer, hpn_officer, hnd_branch, hpn_branch):
    lan = member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Thạch Thị Lan",
        birth_date=BORN_1980,
        sex="F",
        ethnicity="Khmer",
        religion="Phật giáo",
        occupation="Làm ruộng",
    )
    member_add(
        actor=hpn_officer,
        branch=hpn_branch,
        full_name="Thạch Thị Lan",
        birth_date=BORN_1980,
        sex="F",
        person=lan.person,
    )
    member_add(
        actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M", ethnicity="KINH "
    )
    stats = _stats("P24")
    assert [(r["value"], r["total"], r["F"]) for r in stats["ethnicity"]] == [("Khmer", 1, 1), ("Kinh", 1, 0)]
    assert [(r["value"], r["total"]) for r in stats["religion"]] == [("", 1), ("Phật giáo", 1)]
    person = Person.objects.get(pk=lan.person_id)
    person_update(
        actor=hpn_officer, person=person, branch=hpn_branch, expected_version=person.version, ethnicity="Kinh"
    )
    assert [(r["value"], r["total"]) for r in _stats("VN")["ethnicity"]] == [("Kinh", 2)]
    assert tally_verify()["differences"] == []
