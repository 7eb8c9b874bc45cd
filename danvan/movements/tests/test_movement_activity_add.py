import datetime

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.models import MovementActivity
from danvan.movements.tests.factories import launched, today, unit
from danvan.workplans.models import Task, WorkPlan
from danvan.workplans.selectors import tasks_assigned_to
from danvan.workplans.services import task_update_progress


def test_an_activity_becomes_a_task_in_the_assignees_list_under_a_plan_made_for_the_movement(
    officer_a, leader_a, commune_officer_a
):
    movement = launched(officer_a, leader_a)
    due = today() + datetime.timedelta(days=10)
    activity = services.movement_activity_add(
        actor=officer_a, movement=movement, title="Ra quân vệ sinh môi trường", due_date=due, assignee=unit("C7288-DU")
    )
    movement.refresh_from_db()
    plan = movement.plan
    assert plan is not None and plan.unit.code == "P24-TU" and plan.kind == WorkPlan.Kind.PLAN
    task = activity.task
    assert task.plan == plan and task.assignee.code == "C7288-DU" and task.assigned_by.code == "P24-TU"
    assert task.deadline == due and movement.code in task.title
    assert task in tasks_assigned_to(user=commune_officer_a)
    # A second activity reuses the plan.
    services.movement_activity_add(
        actor=officer_a, movement=movement, title="Thăm gia đình chính sách", due_date=due, assignee=unit("C7210-DU")
    )
    assert WorkPlan.objects.count() == 1 and Task.objects.count() == 2
    assert AuditEvent.objects.filter(action=Action.MOVEMENT_ACTIVITY_ADDED).count() == 2
    # The commune reports progress on the task; the movement's activity shows it.
    task_update_progress(actor=commune_officer_a, task=task, progress=60, status="in_progress", note="Đã ra quân")
    assert MovementActivity.objects.select_related("task").get(pk=activity.pk).task.progress == 60


def test_an_assignee_outside_the_scope_or_no_title_is_refused_and_nothing_is_written(officer_a, leader_a):
    movement = launched(officer_a, leader_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_activity_add(
            actor=officer_a, movement=movement, title="Việc", due_date=today(), assignee=unit("P91-TU")
        )
    assert e.value.field == "assignee" and "Tỉnh ủy An Giang" in e.value.message
    with pytest.raises(ApplicationError) as e:
        services.movement_activity_add(
            actor=officer_a, movement=movement, title=" ", due_date=today(), assignee=unit("C7288-DU")
        )
    assert e.value.field == "title"
    assert not Task.objects.exists() and not WorkPlan.objects.exists() and not MovementActivity.objects.exists()


def test_a_commune_officer_cannot_add_activities_to_the_provinces_movement(officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_activity_add(
            actor=commune_officer_a, movement=movement, title="Việc", due_date=today(), assignee=unit("C7288-DU")
        )
    assert e.value.code == "forbidden"
