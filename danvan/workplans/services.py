"""Work plans and tasks: assign down the tree, report progress. One transaction and one audit event each."""

import datetime as dt

from django.db import transaction

from danvan.accounts.permissions import assignment_scope, can_assign_to, can_edit_unit, can_enter_data
from danvan.audit.corrections import clean_reason, record_correct
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.files import stored_file_from_upload
from danvan.core.locking import bump, check_version
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task, TaskUpdate, WorkPlan


def _check_plan(*, kind, title, year) -> None:
    if not title:
        raise ApplicationError("Tên chương trình, kế hoạch: bắt buộc.", field="title")
    if kind not in WorkPlan.Kind.values:
        raise ApplicationError("Loại: chọn chương trình công tác hoặc kế hoạch.", field="kind")
    if not 2000 <= year <= 2100:
        raise ApplicationError("Năm: hãy nhập năm có 4 chữ số, từ 2000 đến 2100.", field="year")


def workplan_create(*, actor, unit: OrgUnit, kind: str, title: str, year: int, reference: str = "") -> WorkPlan:
    title = " ".join((title or "").split())
    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền lập kế hoạch cho đơn vị này.", code="forbidden")
    _check_plan(kind=kind, title=title, year=year)
    with transaction.atomic():
        plan = WorkPlan.objects.create(
            unit=unit, kind=kind, title=title, year=year, reference=reference.strip(), created_by=actor
        )
        audit_record(
            actor=actor,
            action=Action.WORKPLAN_CREATED,
            unit=unit,
            target=plan,
            after={"title": title, "year": year, "kind": kind},
        )
    return plan


def workplan_correct(
    *, actor, plan: WorkPlan, reason: str, kind: str, title: str, year: int, reference: str = "", expected_version=None
) -> WorkPlan:
    """Correct a plan's heading (its kind, title, year, number and symbol); its items are revised one by one."""
    if not can_edit_unit(actor, plan.unit):
        raise ApplicationError("Đồng chí không có quyền sửa kế hoạch của đơn vị này.", code="forbidden")
    reason = clean_reason(reason, example="sai số ký hiệu")
    values = {"kind": kind, "title": " ".join((title or "").split()), "year": year, "reference": reference.strip()}
    _check_plan(**{k: values[k] for k in ("kind", "title", "year")})
    return record_correct(
        actor=actor,
        record=plan,
        values=values,
        reason=reason,
        what="Kế hoạch này",
        action=Action.WORKPLAN_CORRECTED,
        unit=plan.unit,
        expected_version=expected_version,
    )


def task_assign(
    *,
    actor,
    assigned_by: OrgUnit,
    assignee: OrgUnit,
    title: str,
    deadline: dt.date,
    expected_output: str = "",
    coordinating: list[OrgUnit] | None = None,
    plan: WorkPlan | None = None,
) -> Task:
    """Give `assignee` a task. The assignee must be the assigning unit or lie below it."""
    title = (title or "").strip()
    if not can_edit_unit(actor, assigned_by):
        raise ApplicationError("Đồng chí không có quyền giao nhiệm vụ thay đơn vị này.", code="forbidden")
    if not title:
        raise ApplicationError("Nội dung nhiệm vụ: bắt buộc.", field="title")
    if deadline is None:
        raise ApplicationError("Thời hạn: bắt buộc (dd/mm/yyyy).", field="deadline")
    scope = assignment_scope(assigned_by)
    if not can_assign_to(assigned_by, assignee):
        raise ApplicationError(
            f"Đơn vị chủ trì: {assignee.name} không thuộc {scope.name}; chỉ giao cho đơn vị cấp dưới.",
            field="assignee",
        )
    outside = [u.name for u in coordinating or [] if not can_assign_to(assigned_by, u)]
    if outside:
        raise ApplicationError(f"Đơn vị phối hợp: {', '.join(outside)} không thuộc {scope.name}.", field="coordinating")
    if plan is not None and plan.unit_id != assigned_by.pk:
        raise ApplicationError("Kế hoạch: không thuộc đơn vị giao nhiệm vụ.", field="plan")
    with transaction.atomic():
        task = Task.objects.create(
            plan=plan,
            title=title,
            expected_output=(expected_output or "").strip(),
            assigned_by=assigned_by,
            assignee=assignee,
            deadline=deadline,
            created_by=actor,
        )
        if coordinating:
            task.coordinating.set(coordinating)
        audit_record(
            actor=actor,
            action=Action.TASK_ASSIGNED,
            unit=assignee,
            target=task,
            after={"title": title[:200], "assignee": assignee.code, "deadline": deadline.isoformat()},
        )
    return task


def task_revise(*, actor, task: Task, title: str, assignee: OrgUnit, deadline: dt.date) -> Task:
    """Correct a task given by the actor's unit (its conclusion was corrected): the wording, the lead unit, the
    deadline. The old values stay in the audit trail; the progress reported so far stays with the task."""
    title = (title or "").strip()
    if not can_edit_unit(actor, task.assigned_by):
        raise ApplicationError("Đồng chí không có quyền sửa nhiệm vụ của đơn vị này.", code="forbidden")
    if not title:
        raise ApplicationError("Nội dung nhiệm vụ: bắt buộc.", field="title")
    if deadline is None:
        raise ApplicationError("Thời hạn: bắt buộc (dd/mm/yyyy).", field="deadline")
    if not can_assign_to(task.assigned_by, assignee):
        raise ApplicationError(
            f"Đơn vị chủ trì: {assignee.name} không thuộc {assignment_scope(task.assigned_by).name}; "
            "chỉ giao cho đơn vị cấp dưới.",
            field="assignee",
        )
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        before = {"title": task.title[:200], "assignee": task.assignee.code, "deadline": task.deadline.isoformat()}
        after = {"title": title[:200], "assignee": assignee.code, "deadline": deadline.isoformat()}
        if before == after and task.title == title:
            return task
        task.title, task.assignee, task.deadline, task.updated_by = title, assignee, deadline, actor
        task.save(update_fields=["title", "assignee", "deadline", "updated_by", *bump(task)])
        audit_record(actor=actor, action=Action.TASK_REVISED, unit=assignee, target=task, before=before, after=after)
    return task


def task_cancel(*, actor, task: Task, reason: str) -> Task:
    """Cancel a task given by the actor's unit; it stays listed as cancelled, with the reason."""
    if not can_edit_unit(actor, task.assigned_by):
        raise ApplicationError("Đồng chí không có quyền hủy nhiệm vụ của đơn vị này.", code="forbidden")
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status == Task.Status.CANCELLED:
            return task
        before = {"status": task.status}
        task.status, task.last_note, task.updated_by = Task.Status.CANCELLED, (reason or "")[:500], actor
        task.save(update_fields=["status", "last_note", "updated_by", *bump(task)])
        audit_record(
            actor=actor,
            action=Action.TASK_CANCELLED,
            unit=task.assignee,
            target=task,
            before=before,
            after={"status": task.status, "reason": task.last_note},
        )
    return task


def task_update_progress(
    *,
    actor,
    task: Task,
    progress: int,
    status: str,
    note: str = "",
    upload=None,
    expected_version: str | int | None = None,
) -> Task:
    """The assignee reports progress, optionally with a file. 100 % means done; done means 100 %.

    `expected_version`: the task's version the page was opened with (core.locking); stale → conflict, nothing
    written."""
    if not can_enter_data(actor, task.assignee):
        raise ApplicationError("Chỉ đơn vị được giao cập nhật tiến độ nhiệm vụ này.", code="forbidden")
    if status not in Task.Status.values or status == Task.Status.CANCELLED:
        raise ApplicationError("Trạng thái: chọn chưa thực hiện, đang thực hiện hoặc hoàn thành.", field="status")
    if not 0 <= progress <= 100:
        raise ApplicationError("Tiến độ: từ 0 đến 100 (%).", field="progress")
    stored = stored_file_from_upload(upload, actor=actor, field="upload") if upload else None
    if status == Task.Status.DONE:
        progress = 100
    elif progress == 100:
        status = Task.Status.DONE
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status == Task.Status.CANCELLED:
            raise ApplicationError("Nhiệm vụ đã bị hủy.", code="cancelled")
        check_version(task, expected_version, what="Nhiệm vụ")
        before = {"status": task.status, "progress": task.progress}
        task.status, task.progress, task.last_note = status, progress, (note or "").strip()[:500]
        task.updated_by = actor
        task.save(update_fields=["status", "progress", "last_note", "updated_by", *bump(task)])
        if stored is not None:
            stored.save()
        TaskUpdate.objects.create(
            task=task, actor=actor, status=status, progress=progress, note=task.last_note, file=stored
        )
        audit_record(
            actor=actor,
            action=Action.TASK_UPDATED,
            unit=task.assignee,
            target=task,
            before=before,
            after={"status": status, "progress": progress, "note": task.last_note},
        )
    return task
