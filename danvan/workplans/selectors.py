"""Tasks for a user: those given to the units they work for, those those units gave, and completion rates."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.accounts.permissions import can_view_unit, units_around
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task, WorkPlan


def home_units(user) -> list[OrgUnit]:
    """The units a person works for: where their roles are attached, and the units directly below those."""
    return list(units_around(user))


def tasks_assigned_to(*, user, open_only: bool = False) -> QuerySet[Task]:
    qs = Task.objects.filter(assignee__in=home_units(user)).select_related("assignee", "assigned_by")
    return qs.filter(status__in=["todo", "in_progress"]) if open_only else qs


def tasks_assigned_by(*, user, open_only: bool = False) -> QuerySet[Task]:
    qs = Task.objects.filter(assigned_by__in=home_units(user)).select_related("assignee", "assigned_by")
    return qs.filter(status__in=["todo", "in_progress"]) if open_only else qs


def task_get_for_user(*, user, public_id) -> Task:
    task = Task.objects.select_related("assignee", "assigned_by", "plan").filter(public_id=public_id).first()
    if task is None or not (can_view_unit(user, task.assignee) or can_view_unit(user, task.assigned_by)):
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


def workplan_get_for_user(*, user, public_id) -> WorkPlan:
    plan = WorkPlan.objects.select_related("unit").filter(public_id=public_id).first()
    if plan is None or not can_view_unit(user, plan.unit):
        raise Http404("Không tìm thấy kế hoạch.")
    return plan


@dataclass
class CompletionRow:
    unit: OrgUnit
    total: int
    done: int
    overdue: int

    @property
    def rate(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def completion_by_assignee(*, unit: OrgUnit, today: dt.date) -> list[CompletionRow]:
    """For the tasks `unit` gave: per assignee, how many, how many done, how many overdue. One query."""
    rows = (
        Task.objects.filter(assigned_by=unit)
        .exclude(status=Task.Status.CANCELLED)
        .values("assignee")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=Task.Status.DONE)),
            overdue=Count("id", filter=Q(status__in=["todo", "in_progress"], deadline__lt=today)),
        )
    )
    units = OrgUnit.objects.in_bulk([r["assignee"] for r in rows])
    return sorted(
        (CompletionRow(units[r["assignee"]], r["total"], r["done"], r["overdue"]) for r in rows),
        key=lambda r: (r.rate, r.unit.name),
    )
