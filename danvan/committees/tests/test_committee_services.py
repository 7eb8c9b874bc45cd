import datetime as dt

import pytest
from django.http import Http404

from danvan.audit.models import Action, AuditEvent
from danvan.committees import selectors, services
from danvan.committees.models import Committee, Composition, Member, Subject
from danvan.committees.tests.factories import decision, qcdc, rows
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_a_province_sets_up_a_qcdc_committee_with_its_first_membership(officer_a):
    committee = qcdc(officer_a)
    assert committee.code.startswith("BCD-2026-")
    current = Composition.objects.get(committee=committee)
    assert current.number == 1 and current.is_current and current.decision_number == "125-QĐ/TU"
    names = [m.name for m in selectors.current_members(committee)]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    event = AuditEvent.objects.get(action=Action.COMMITTEE_ESTABLISHED)
    assert event.target_id == committee.code


def test_a_member_with_an_account_takes_the_name_from_the_account(officer_a, leader_a):
    committee = qcdc(officer_a, members=rows(("truong-ban", "P24-TU", leader_a)))
    member = Member.objects.get(composition__committee=committee)
    assert member.person == leader_a and member.name == leader_a.get_full_name()


def test_bad_member_rows_are_refused_row_by_row_and_nothing_is_written(officer_a):
    from danvan.committees.services import MemberRow

    bad = [
        MemberRow(name="Không có chức danh"),
        MemberRow(),
        MemberRow(position=rows(("thanh-vien", "P24-TU", "x"))[0].position),
    ]
    with pytest.raises(ApplicationError) as exc:
        qcdc(officer_a, members=bad)
    assert exc.value.field == "members"
    errors = exc.value.extra["errors"]
    assert any(e.startswith("Dòng 1: chọn chức danh") for e in errors)
    assert any(e.startswith("Dòng 2: chọn cơ quan") for e in errors)
    assert not Committee.objects.exists()


def test_an_empty_membership_is_refused(officer_a):
    with pytest.raises(ApplicationError, match="Chưa có thành viên"):
        qcdc(officer_a, members=[])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"number": " "}, "decision_number"),
        ({"date": None}, "decision_date"),
        ({"signer": ""}, "signer"),
    ],
)
def test_a_decision_without_its_number_date_or_signer_is_refused_naming_the_field(officer_a, change, field):
    d = decision()
    for k, v in change.items():
        setattr(d, k, v)
    with pytest.raises(ApplicationError) as exc:
        qcdc(officer_a, decision=d)
    assert exc.value.field == field
    assert not Committee.objects.exists()


def test_a_unit_outside_scope_cannot_set_one_up(officer_b):
    with pytest.raises(ApplicationError) as exc:
        qcdc(officer_b)
    assert exc.value.field == "unit"


def test_reorganising_keeps_the_old_membership_as_read_only_history(officer_a):
    committee = qcdc(officer_a)
    first = Composition.objects.get(committee=committee)
    new = services.committee_reorganise(
        actor=officer_a,
        committee=committee,
        decision=decision(number="210-QĐ/TU", date=dt.date(2026, 9, 1)),
        members=rows(
            ("truong-ban", "P24-TU", "Phạm Văn Dũng"),
            ("pho-truong-ban", "P24-TGDV", "Trần Thị Bình"),
        ),
        expected_version="1",
    )
    first.refresh_from_db()
    assert new.number == 2 and new.is_current
    assert first.ended_on == dt.date(2026, 9, 1) and not first.is_current
    assert [m.name for m in first.members.order_by("order")] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    assert [m.name for m in selectors.current_members(committee)] == ["Phạm Văn Dũng", "Trần Thị Bình"]
    event = AuditEvent.objects.get(action=Action.COMMITTEE_REORGANISED)
    assert event.before["decision"] == "125-QĐ/TU" and event.after["decision"] == "210-QĐ/TU"
    # History is read-only: correcting the closed version is refused.
    with pytest.raises(ApplicationError) as exc:
        services.composition_correct(
            actor=officer_a, composition=first, decision=decision(), members=rows(("truong-ban", "P24-TU", "X"))
        )
    assert exc.value.code == "history"


def test_a_reorganisation_dated_before_the_current_decision_is_refused(officer_a):
    committee = qcdc(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.committee_reorganise(
            actor=officer_a,
            committee=committee,
            decision=decision(number="99-QĐ/TU", date=dt.date(2026, 1, 1)),
            members=rows(("truong-ban", "P24-TU", "A")),
        )
    assert exc.value.field == "decision_date"
    assert Composition.objects.filter(committee=committee).count() == 1


def test_a_reorganisation_under_the_same_decision_is_refused(officer_a):
    committee = qcdc(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.committee_reorganise(
            actor=officer_a,
            committee=committee,
            decision=decision(number="125-qđ/tu", date=dt.date(2026, 5, 1)),
            members=rows(("truong-ban", "P24-TU", "A")),
        )
    assert exc.value.field == "decision_number"


def test_a_reorganisation_made_on_a_stale_page_is_refused(officer_a, leader_a):
    committee = qcdc(officer_a)
    services.committee_reorganise(
        actor=leader_a,
        committee=committee,
        decision=decision(number="200-QĐ/TU", date=dt.date(2026, 6, 1)),
        members=rows(("truong-ban", "P24-TU", "B")),
        expected_version="1",
    )
    with pytest.raises(ApplicationError) as exc:
        services.committee_reorganise(
            actor=officer_a,
            committee=committee,
            decision=decision(number="201-QĐ/TU", date=dt.date(2026, 7, 1)),
            members=rows(("truong-ban", "P24-TU", "C")),
            expected_version="1",
        )
    assert exc.value.code == "conflict"
    assert Composition.objects.filter(committee=committee).count() == 2


def test_correcting_the_current_membership_is_audited_with_before_and_after(officer_a):
    committee = qcdc(officer_a)
    current = selectors.current_composition(committee)
    services.composition_correct(
        actor=officer_a,
        composition=current,
        decision=decision(number="126-QĐ/TU"),
        members=rows(("truong-ban", "P24-TU", "Nguyễn Văn Ân")),
        expected_version="1",
    )
    current.refresh_from_db()
    assert current.decision_number == "126-QĐ/TU" and current.version == 2
    event = AuditEvent.objects.get(action=Action.COMMITTEE_COMPOSITION_CORRECTED)
    assert (
        event.before["decision"] == "125-QĐ/TU"
        and event.after["members"] == ["Trưởng ban: Nguyễn Văn Ân (Thành ủy Bắc Ninh)"]
        or event.after["members"][0].startswith("Trưởng ban: Nguyễn Văn Ân")
    )


def test_correcting_the_committee_on_a_stale_page_is_refused(officer_a, leader_a):
    committee = qcdc(officer_a)
    subject = committee.subject
    services.committee_update(
        actor=leader_a, committee=committee, name="Tên mới", subject=subject, expected_version="1"
    )
    with pytest.raises(ApplicationError) as exc:
        services.committee_update(
            actor=officer_a, committee=committee, name="Tên khác", subject=subject, expected_version="1"
        )
    assert exc.value.code == "conflict"
    committee.refresh_from_db()
    assert committee.name == "Tên mới"
    event = AuditEvent.objects.get(action=Action.COMMITTEE_CORRECTED)
    assert event.before["name"].startswith("Ban Chỉ đạo") and event.after["name"] == "Tên mới"


def test_a_task_to_a_member_goes_to_their_body_as_a_workplans_task(officer_a):
    from danvan.workplans.models import Task

    committee = qcdc(officer_a)
    member = selectors.current_members(committee).get(name="Lê Văn Cường")
    link = services.committee_task_assign(
        actor=officer_a,
        committee=committee,
        member=member,
        title="Kiểm tra QCDC tại 5 xã",
        deadline=dt.date(2026, 12, 31),
    )
    task = Task.objects.get()
    assert link.task == task and task.assignee.code == "P24-MTTQ" and task.assigned_by.code == "P24-TU"
    assert "Kiểm tra QCDC tại 5 xã" in task.title


def test_a_task_outside_the_committees_level_is_refused(officer_a):
    committee = qcdc(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.committee_task_assign(
            actor=officer_a,
            committee=committee,
            unit=OrgUnit.objects.get(code="P91-TU"),
            title="Việc",
            deadline=dt.date(2026, 12, 31),
        )
    assert exc.value.field == "unit"


def test_a_task_without_a_deadline_is_refused(officer_a):
    committee = qcdc(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.committee_task_assign(
            actor=officer_a, committee=committee, unit=committee.unit, title="Việc", deadline=None
        )
    assert exc.value.field == "deadline"


def test_a_case_working_group_points_at_the_case_and_qcdc_at_bases(officer_a, commune_officer_a):
    from danvan.democracy.services import base_for_commune
    from danvan.petitions.services import case_open

    case = case_open(
        actor=officer_a, unit=OrgUnit.objects.get(code="P24-TU"), title="Tranh chấp đất", opened_on=dt.date(2025, 1, 1)
    )
    group = qcdc(
        officer_a,
        kind="working_group",
        subject=Subject.objects.get(slug="vu-viec-phuc-tap"),
        name="Tổ công tác giải quyết vụ việc",
        case=case,
    )
    assert selectors.committees_for_case(user=officer_a, case=case) == [group]
    base = base_for_commune(actor=commune_officer_a, unit=OrgUnit.objects.get(code="C7288-DU"))
    committee = qcdc(officer_a, bases=[base])
    assert selectors.committees_for_base(user=officer_a, base=base) == [committee]
    with pytest.raises(ApplicationError) as exc:
        qcdc(officer_a, case=case)
    assert exc.value.field == "case"


def test_outside_scope_the_committee_is_missing(officer_a, officer_b):
    committee = qcdc(officer_a)
    with pytest.raises(Http404):
        selectors.committee_get_for_user(user=officer_b, code=committee.code)
    assert selectors.committee_list_for_user(user=officer_b) == []
    assert [c.code for c in selectors.committee_list_for_user(user=officer_a)] == [committee.code]
