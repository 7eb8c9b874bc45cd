"""The system's figures offered as evidence, read from the other modules' records for the body and the year."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.assessments.measures import MEASURES, figures_for
from danvan.organisations.models import OrgUnit
from danvan.petitions.models import Dialogue
from danvan.reports.models import ReportForm, Submission
from danvan.reports.periods import period_get_or_create
from danvan.workplans.models import Task, TaskUpdate

TODAY = dt.date(2026, 12, 10)


def _at(day):
    return dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def commune(db):
    return OrgUnit.objects.get(code="C7288-DU")


def test_reports_on_time_count_the_bodys_subtree(commune, officer_a):
    form = ReportForm.objects.get(code="dan-van-quy")
    for number, late in ((1, False), (2, True), (3, False)):
        period = period_get_or_create("quarter", 2026, number)
        due = period.end_date + dt.timedelta(days=2)
        Submission.objects.create(
            form=form,
            period=period,
            unit=OrgUnit.objects.get(code="C7288-KDV"),
            status="submitted",
            due_date=due,
            submitted_at=_at(due + dt.timedelta(days=5 if late else 0)),
        )
    # Another commune's report does not count.
    period = period_get_or_create("quarter", 2026, 1)
    Submission.objects.create(
        form=form,
        period=period,
        unit=OrgUnit.objects.get(code="C7210-KDV"),
        status="submitted",
        due_date=period.end_date,
        submitted_at=_at(period.end_date),
    )
    figure = figures_for(body=commune, year=2026, keys=["reports.on_time"], today=TODAY)["reports.on_time"]
    assert (figure.value, figure.total, figure.rate) == (2, 3, 67)
    assert figure.text == "2/3 báo cáo nộp đúng hạn (67%)"


def test_tasks_completed_on_time(commune, officer_a):
    ban = OrgUnit.objects.get(code="P24-TGDV")
    hnd = OrgUnit.objects.get(code="C7288-HND")
    for title, deadline, done_on in (
        ("A", dt.date(2026, 5, 1), dt.date(2026, 4, 28)),
        ("B", dt.date(2026, 6, 1), dt.date(2026, 6, 9)),
        ("C", dt.date(2026, 7, 1), None),
    ):
        task = Task.objects.create(
            title=title,
            assigned_by=ban,
            assignee=hnd,
            deadline=deadline,
            status="done" if done_on else "todo",
            created_by=officer_a,
        )
        if done_on:
            update = TaskUpdate.objects.create(task=task, actor=officer_a, status="done", progress=100)
            TaskUpdate.objects.filter(pk=update.pk).update(at=_at(done_on))
    figure = figures_for(body=commune, year=2026, keys=["workplans.on_time"], today=TODAY)["workplans.on_time"]
    assert (figure.value, figure.total) == (1, 3)


def test_dialogues_held_in_the_year(commune):
    for day in (dt.date(2026, 3, 1), dt.date(2026, 9, 1), dt.date(2025, 9, 1)):
        Dialogue.objects.create(
            unit=OrgUnit.objects.get(code="C7288-UBND"), held_on=day, place="Hội trường xã", leaders="Chủ tịch UBND xã"
        )
    figure = figures_for(body=commune, year=2026, keys=["petitions.dialogues"], today=TODAY)["petitions.dialogues"]
    assert figure.text == "2 cuộc đối thoại"


def test_petitions_resolved_in_time(commune, officer_a):
    from danvan.petitions.models import Petition
    from danvan.petitions.tests.factories import receive

    first = receive(officer_a, unit_code="C7288-DU", today=dt.date(2026, 3, 2))
    second = receive(officer_a, unit_code="C7288-DU", today=dt.date(2026, 3, 2))
    due = dt.date(2026, 4, 1)
    Petition.objects.filter(pk=first.pk).update(status="resolved", due_on=due, closed_on=due)
    Petition.objects.filter(pk=second.pk).update(status="resolved", due_on=due, closed_on=due + dt.timedelta(days=3))
    figure = figures_for(body=commune, year=2026, keys=["petitions.in_time"], today=TODAY)["petitions.in_time"]
    assert (figure.value, figure.total) == (1, 2)


def test_every_measure_answers_for_a_body_with_no_records(commune):
    figures = figures_for(body=commune, year=2026, keys=list(MEASURES), today=TODAY)
    assert set(figures) == set(MEASURES)
    assert all(f.value == 0 for f in figures.values())
