"""Writes of the committees app: setting up a committee, correcting it, reorganising it (kiện toàn), correcting the
current membership, giving tasks and linking meetings.

Every function runs in one transaction and writes one audit event. Versions of the membership that a
reorganisation closed are history: no function here changes them.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from danvan.accounts.permissions import assignment_scope, can_assign_to
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.committees import permissions as perms
from danvan.committees.models import Committee, CommitteeMeeting, CommitteeTask, Composition, Member, Position, Subject
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit


@dataclass
class MemberRow:
    """One line of the member table as the person filled it in (None where nothing was chosen)."""

    position: Position | None = None
    body: OrgUnit | None = None
    person: object | None = None  # a user
    name: str = ""
    title: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.position or self.body or self.person or self.name.strip() or self.title.strip())


@dataclass
class Decision:
    number: str
    date: dt.date | None
    signer: str
    file: object | None = None  # an unsaved core.StoredFile (core.files.stored_file_from_upload)
    note: str = ""


def _check_decision(decision: Decision) -> None:
    if not (decision.number or "").strip():
        raise ApplicationError(
            "Số quyết định: bắt buộc, ghi như trên văn bản, ví dụ “125-QĐ/TU”.", field="decision_number"
        )
    if decision.date is None:
        raise ApplicationError("Ngày quyết định: bắt buộc, nhập theo dạng dd/mm/yyyy.", field="decision_date")
    if not (decision.signer or "").strip():
        raise ApplicationError("Người ký: bắt buộc, ví dụ “T/M Ban Thường vụ, Bí thư Nguyễn Văn A”.", field="signer")


def _check_members(rows: list[MemberRow]) -> list[MemberRow]:
    """The filled rows, or one error listing every faulty row and what to fix."""
    rows = [r for r in rows if not r.is_blank]
    errors = []
    for number, row in enumerate(rows, start=1):
        if row.position is None:
            errors.append(f"Dòng {number}: chọn chức danh trong ban (trưởng ban, phó trưởng ban, thành viên …).")
        if row.body is None:
            errors.append(f"Dòng {number}: chọn cơ quan, đơn vị công tác của thành viên trong danh sách.")
        if row.person is None and not row.name.strip():
            errors.append(f"Dòng {number}: chọn người có tài khoản, hoặc ghi họ tên nếu người đó chưa có tài khoản.")
    if not rows:
        errors.append("Chưa có thành viên nào: nhập ít nhất một dòng (chức danh, cơ quan, họ tên).")
    people = [r.person.pk for r in rows if r.person is not None]
    if len(people) != len(set(people)):
        errors.append("Một người được ghi hai lần: mỗi người chỉ giữ một chức danh trong ban.")
    if errors:
        raise ApplicationError(" ".join(errors), field="members", extra={"errors": errors})
    return rows


def _create_members(composition: Composition, rows: list[MemberRow]) -> None:
    Member.objects.bulk_create(
        Member(
            composition=composition,
            order=order,
            position=row.position,
            body=row.body,
            person=row.person,
            name=(row.person.get_full_name() or row.person.get_username()) if row.person else row.name.strip(),
            title=row.title.strip(),
        )
        for order, row in enumerate(rows, start=1)
    )


def _members_snapshot(composition: Composition) -> list[str]:
    return [
        f"{m.position.name}: {m.name} ({m.body.name})"
        for m in composition.members.select_related("position", "body").order_by("order", "id")
    ]


def _check_links(*, subject: Subject, unit: OrgUnit, case, bases) -> None:
    from danvan.organisations.models import OrgUnitClosure

    if case is not None:
        if not subject.links_case:
            raise ApplicationError(
                f"Vụ việc: chủ đề “{subject.name}” không gắn với vụ việc; chọn chủ đề vụ việc phức tạp, kéo dài "
                "hoặc bỏ chọn vụ việc.",
                field="case",
            )
        if not OrgUnitClosure.objects.filter(ancestor=unit, descendant=case.unit).exists():
            raise ApplicationError(
                f"Vụ việc: {case.code} do {case.unit.name} quản lý, không thuộc {unit.name}.", field="case"
            )
    if bases:
        if not subject.links_bases:
            raise ApplicationError(
                f"Cơ sở: chủ đề “{subject.name}” không gắn với cơ sở thực hiện dân chủ; bỏ chọn cơ sở.", field="bases"
            )
        outside = [
            b.name for b in bases if not OrgUnitClosure.objects.filter(ancestor=unit, descendant_id=b.unit_id).exists()
        ]
        if outside:
            raise ApplicationError(f"Cơ sở: {', '.join(outside)} không thuộc {unit.name}.", field="bases")


def _check_committee_fields(*, kind: str, subject, name: str) -> None:
    if kind not in Committee.Kind.values:
        raise ApplicationError("Loại: chọn “Ban chỉ đạo” hoặc “Tổ công tác”.", field="kind")
    if subject is None:
        raise ApplicationError("Chủ đề: chọn trong danh sách.", field="subject")
    if not (name or "").strip():
        raise ApplicationError(
            "Tên: bắt buộc, ví dụ “Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh”.", field="name"
        )


def committee_establish(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    subject: Subject | None,
    name: str,
    duties: str = "",
    case=None,
    bases=(),
    decision: Decision,
    members: list[MemberRow],
) -> Committee:
    """Set up a committee under its decision of establishment, with its first membership (version 1)."""
    if not perms.can_set_up_for(actor, unit):
        raise ApplicationError("Đơn vị thành lập: đồng chí chỉ lập ban cho đơn vị mình hoặc cấp dưới.", field="unit")
    _check_committee_fields(kind=kind, subject=subject, name=name)
    _check_links(subject=subject, unit=unit, case=case, bases=list(bases))
    _check_decision(decision)
    rows = _check_members(members)
    with transaction.atomic():
        committee = Committee.objects.create(
            code=next_in_sequence(prefix="BCD", year=decision.date.year),
            unit=unit,
            kind=kind,
            subject=subject,
            name=name.strip(),
            duties=(duties or "").strip(),
            case=case,
            created_by=actor,
        )
        committee.bases.set(bases)
        composition = _composition_create(actor=actor, committee=committee, number=1, decision=decision)
        _create_members(composition, rows)
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_ESTABLISHED,
            unit=unit,
            target=committee,
            after={
                "name": committee.name,
                "decision": decision.number.strip(),
                "decision_date": decision.date.isoformat(),
                "members": _members_snapshot(composition),
            },
        )
    return committee


def _composition_create(
    *, actor, committee: Committee, number: int, decision: Decision, version: int = 1
) -> Composition:
    stored = decision.file
    if stored is not None:
        stored.save()
    return Composition.objects.create(
        committee=committee,
        number=number,
        decision_number=decision.number.strip(),
        decision_date=decision.date,
        signer=decision.signer.strip(),
        decision_file=stored,
        note=(decision.note or "").strip(),
        created_by=actor,
        version=version,
    )


def committee_update(
    *,
    actor,
    committee: Committee,
    name: str,
    subject: Subject | None,
    duties: str = "",
    status: str = Committee.Status.ACTIVE,
    case=None,
    bases=(),
    expected_version: str | None = None,
) -> Committee:
    """Correct the committee's own fields (name, subject, duties, status, links). Audited with before and after."""
    if not perms.can_manage_committee(actor, committee):
        raise ApplicationError("Đồng chí không có quyền sửa ban này.", code="forbidden")
    _check_committee_fields(kind=committee.kind, subject=subject, name=name)
    if status not in Committee.Status.values:
        raise ApplicationError("Tình trạng: chọn “Đang hoạt động” hoặc “Đã giải thể”.", field="status")
    _check_links(subject=subject, unit=committee.unit, case=case, bases=list(bases))
    with transaction.atomic():
        committee = (
            Committee.objects.select_for_update(of=("self",)).select_related("unit", "updated_by").get(pk=committee.pk)
        )
        check_version(committee, expected_version, what=f"Ban {committee.code}")

        def state():
            return {
                "name": committee.name,
                "subject": committee.subject.name,
                "duties": committee.duties,
                "status": committee.status,
                "case": committee.case.code if committee.case_id else "",
                "bases": sorted(b.name for b in committee.bases.all()),
            }

        before = state()
        committee.name, committee.subject, committee.duties = name.strip(), subject, (duties or "").strip()
        committee.status, committee.case, committee.updated_by = status, case, actor
        committee.save(update_fields=["name", "subject", "duties", "status", "case", "updated_by", *bump(committee)])
        committee.bases.set(bases)
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_CORRECTED,
            unit=committee.unit,
            target=committee,
            before=before,
            after=state(),
        )
    return committee


def committee_reorganise(
    *,
    actor,
    committee: Committee,
    decision: Decision,
    members: list[MemberRow],
    expected_version: str | None = None,
) -> Composition:
    """Kiện toàn: a new membership under a new decision. The current one ends on the new decision's date and
    stays as read-only history. `expected_version` is the current composition's version the page showed."""
    if not perms.can_manage_committee(actor, committee):
        raise ApplicationError("Đồng chí không có quyền kiện toàn ban này.", code="forbidden")
    _check_decision(decision)
    rows = _check_members(members)
    with transaction.atomic():
        current = (
            Composition.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(committee=committee, ended_on=None)
            .first()
        )
        if current is None:
            raise ApplicationError("Ban chưa có thành phần hiện hành.", code="no_current")
        check_version(current, expected_version, what=f"Thành phần ban {committee.code}")
        if decision.date < current.decision_date:
            raise ApplicationError(
                f"Ngày quyết định: quyết định kiện toàn phải từ ngày {current.decision_date:%d/%m/%Y} "
                f"(ngày của quyết định {current.decision_number}) trở đi.",
                field="decision_date",
            )
        if decision.number.strip().casefold() == current.decision_number.casefold():
            raise ApplicationError(
                f"Số quyết định: {current.decision_number} là quyết định hiện hành; kiện toàn cần quyết định mới. "
                "Để sửa lỗi nhập của thành phần hiện hành, dùng “Sửa thành phần hiện hành”.",
                field="decision_number",
            )
        before = {"number": current.number, "decision": current.decision_number, "members": _members_snapshot(current)}
        current.ended_on = decision.date
        current.updated_by = actor
        current.save(update_fields=["ended_on", "updated_by", *bump(current)])
        try:
            with transaction.atomic():
                # The versions run on across compositions: a page opened before this reorganisation carries an
                # older version than any the new membership will have, so its save is refused as stale.
                composition = _composition_create(
                    actor=actor,
                    committee=committee,
                    number=current.number + 1,
                    decision=decision,
                    version=current.version + 1,
                )
        except IntegrityError:
            raise ApplicationError(
                "Vừa có người kiện toàn ban này. Mở lại trang của ban để xem thành phần mới.", code="conflict"
            ) from None
        _create_members(composition, rows)
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_REORGANISED,
            unit=committee.unit,
            target=committee,
            before=before,
            after={
                "number": composition.number,
                "decision": composition.decision_number,
                "decision_date": composition.decision_date.isoformat(),
                "members": _members_snapshot(composition),
            },
        )
    return composition


def composition_correct(
    *,
    actor,
    composition: Composition,
    decision: Decision,
    members: list[MemberRow],
    expected_version: str | None = None,
    keep_file: bool = True,
) -> Composition:
    """Correct a typing mistake in the current membership or its decision (not a reorganisation). A version that
    a reorganisation closed is history and is refused. Audited with before and after."""
    committee = composition.committee
    if not perms.can_manage_committee(actor, committee):
        raise ApplicationError("Đồng chí không có quyền sửa thành phần ban này.", code="forbidden")
    _check_decision(decision)
    rows = _check_members(members)
    with transaction.atomic():
        composition = (
            Composition.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=composition.pk)
        )
        check_version(composition, expected_version, what=f"Thành phần ban {committee.code}")
        if not composition.is_current:
            raise ApplicationError(
                "Thành phần này đã được thay bằng quyết định kiện toàn; đây là lịch sử, không sửa được.",
                code="history",
            )
        previous = composition.committee.compositions.filter(number__lt=composition.number).order_by("-number")
        previous = previous.first()
        if previous is not None and decision.date < previous.decision_date:
            raise ApplicationError(
                f"Ngày quyết định: không được trước ngày {previous.decision_date:%d/%m/%Y} của quyết định trước.",
                field="decision_date",
            )
        before = {
            "decision": composition.decision_number,
            "decision_date": composition.decision_date.isoformat(),
            "signer": composition.signer,
            "members": _members_snapshot(composition),
        }
        composition.decision_number = decision.number.strip()
        composition.decision_date = decision.date
        composition.signer = decision.signer.strip()
        composition.note = (decision.note or "").strip()
        if decision.file is not None:
            decision.file.save()
            composition.decision_file = decision.file
        elif not keep_file:
            composition.decision_file = None
        composition.updated_by = actor
        composition.save(
            update_fields=[
                "decision_number",
                "decision_date",
                "signer",
                "note",
                "decision_file",
                "updated_by",
                *bump(composition),
            ]
        )
        if previous is not None and previous.ended_on != composition.decision_date:
            # The version before ends the day this decision starts: its dates follow the corrected date.
            previous.ended_on = composition.decision_date
            previous.save(update_fields=["ended_on"])
        # Members are rewritten: tasks given to a member keep their task (the link to the row is cleared).
        composition.members.all().delete()
        _create_members(composition, rows)
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_COMPOSITION_CORRECTED,
            unit=committee.unit,
            target=committee,
            before=before,
            after={
                "decision": composition.decision_number,
                "decision_date": composition.decision_date.isoformat(),
                "signer": composition.signer,
                "members": _members_snapshot(composition),
            },
        )
    return composition


def committee_task_assign(
    *,
    actor,
    committee: Committee,
    title: str,
    deadline: dt.date | None,
    member: Member | None = None,
    unit: OrgUnit | None = None,
    expected_output: str = "",
) -> CommitteeTask:
    """Give a task in the committee's name: to a current member (the task goes to their body) or to a unit. The task
    is a workplans task given by the body that set the committee up (workplans.services.task_assign)."""
    from danvan.workplans.services import task_assign

    if not perms.can_manage_committee(actor, committee):
        raise ApplicationError("Đồng chí không có quyền giao nhiệm vụ của ban này.", code="forbidden")
    if member is not None and (member.composition.committee_id != committee.pk or not member.composition.is_current):
        raise ApplicationError("Thành viên: chọn một thành viên hiện hành của ban.", field="member")
    if member is None and unit is None:
        raise ApplicationError("Giao cho: chọn một thành viên của ban, hoặc chọn đơn vị nhận nhiệm vụ.", field="member")
    if member is not None and unit is not None and unit.pk != member.body_id:
        raise ApplicationError(
            "Giao cho: chọn thành viên hoặc đơn vị, không chọn cả hai (nhiệm vụ của thành viên giao cho cơ quan của "
            "thành viên đó).",
            field="unit",
        )
    assignee = member.body if member is not None else unit
    if not can_assign_to(committee.unit, assignee):
        raise ApplicationError(
            f"Giao cho: {assignee.name} không thuộc {assignment_scope(committee.unit).name}; ban chỉ giao nhiệm vụ "
            "cho đơn vị thuộc cấp đã lập ban.",
            field="unit" if member is None else "member",
        )
    prefix = f"[{committee.name}] "
    if member is not None:
        prefix += f"({member.position.name} {member.name}) "
    with transaction.atomic():
        task = task_assign(
            actor=actor,
            assigned_by=committee.unit,
            assignee=assignee,
            title=prefix + (title or "").strip() if (title or "").strip() else "",
            deadline=deadline,
            expected_output=expected_output,
        )
        link = CommitteeTask.objects.create(committee=committee, task=task, member=member)
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_TASK_ASSIGNED,
            unit=committee.unit,
            target=committee,
            after={"task": str(task.public_id), "assignee": assignee.code, "member": member.name if member else ""},
        )
    return link


def committee_meeting_link(*, actor, committee: Committee, meeting) -> CommitteeMeeting:
    """List a meeting (meetings.Meeting) among the committee's meetings."""
    from danvan.accounts.permissions import can_view_unit

    if not perms.can_manage_committee(actor, committee):
        raise ApplicationError("Đồng chí không có quyền cập nhật hội nghị của ban này.", code="forbidden")
    if meeting is None or not can_view_unit(actor, meeting.unit):
        raise ApplicationError("Hội nghị: chọn một hội nghị trong danh sách.", field="meeting")
    with transaction.atomic():
        link, created = CommitteeMeeting.objects.get_or_create(
            committee=committee, meeting=meeting, defaults={"linked_by": actor}
        )
        if not created:
            raise ApplicationError(f"Hội nghị: “{meeting.title}” đã có trong danh sách của ban.", field="meeting")
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_MEETING_LINKED,
            unit=committee.unit,
            target=committee,
            after={"meeting": str(meeting.public_id), "title": meeting.title},
        )
    return link


def committee_meeting_unlink(*, actor, link: CommitteeMeeting) -> None:
    """Take a meeting off the committee's list (a wrong pick); the meeting itself stays."""
    committee = link.committee
    if not perms.can_manage_committee(actor, committee):
        raise ApplicationError("Đồng chí không có quyền cập nhật hội nghị của ban này.", code="forbidden")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=Action.COMMITTEE_MEETING_UNLINKED,
            unit=committee.unit,
            target=committee,
            before={"meeting": str(link.meeting.public_id), "title": link.meeting.title},
        )
        link.delete()
