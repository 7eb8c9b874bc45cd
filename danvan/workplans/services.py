"""Work plans and tasks: assign down the tree, report progress. One transaction and one audit event each."""

import datetime as dt

from django.db import transaction

from danvan.accounts.permissions import can_edit_unit, can_enter_data
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.files import stored_file_from_upload
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import orgunit_is_within
from danvan.workplans.models import Task, TaskUpdate, WorkPlan


def workplan_create(*, actor, unit: OrgUnit, kind: str, title: str, year: int, reference: str = "") -> WorkPlan:
    title = " ".join((title or "").split())
    if not can_edit_unit(actor, unit):
        raise ApplicationError("Bạn không có quyền lập kế hoạch cho đơn vị này.", code="forbidden")
    if not title:
        raise ApplicationError("Tên chương trình, kế hoạch: bắt buộc.", field="title")
    if kind not in WorkPlan.Kind.values:
        raise ApplicationError("Loại: chọn chương trình công tác hoặc kế hoạch.", field="kind")
    if not 2000 <= year <= 2100:
        raise ApplicationError("Năm: không hợp lệ.", field="year")
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
        raise ApplicationError("Bạn không có quyền giao nhiệm vụ thay đơn vị này.", code="forbidden")
    if not title:
        raise ApplicationError("Nội dung nhiệm vụ: bắt buộc.", field="title")
    if deadline is None:
        raise ApplicationError("Thời hạn: bắt buộc (dd/mm/yyyy).", field="deadline")
    if not orgunit_is_within(assignee, assigned_by):
        raise ApplicationError(
            f"Đơn vị chủ trì: {assignee.name} không thuộc {assigned_by.name}; chỉ giao cho đơn vị cấp dưới.",
            field="assignee",
        )
    outside = [u.name for u in coordinating or [] if not orgunit_is_within(u, assigned_by)]
    if outside:
        raise ApplicationError(
            f"Đơn vị phối hợp: {', '.join(outside)} không thuộc {assigned_by.name}.", field="coordinating"
        )
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


def task_update_progress(*, actor, task: Task, progress: int, status: str, note: str = "", upload=None) -> Task:
    """The assignee reports progress, optionally with a file. 100 % means done; done means 100 %."""
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
        before = {"status": task.status, "progress": task.progress}
        task.status, task.progress, task.last_note = status, progress, (note or "").strip()[:500]
        task.save(update_fields=["status", "progress", "last_note", "updated_at"])
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
