"""Overdue supervision plan items are reminded once each, on the production path: `run_scheduled` enqueues the daily
job, `db_worker` runs it; the notice reaches the commune officer's inbox (not the province's), an item recorded in
time or already reminded is not reminded again, and a correction of another line does not remind a kept line."""

import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from danvan.audit.models import Action, AuditEvent
from danvan.core.inbox import inbox_for_user
from danvan.democracy import services
from danvan.democracy.models import SupervisionPlanItem
from danvan.democracy.services import PlanRow
from danvan.democracy.tests.factories import commune_base
from danvan.reports.models import Notice

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year


def at(month: int, day: int, hour: int = 7, minute: int = 5) -> dt.datetime:
    return dt.datetime(YEAR, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def clock(monkeypatch, settings):
    """The real clock moved by hand: the scheduler, the worker and the job all read django.utils.timezone.now."""
    now = [at(1, 5)]
    monkeypatch.setattr("django.utils.timezone.now", lambda: now[0])
    settings.DANVAN_PERIODIC_JOBS = {
        "supervision_plan_reminders": django_settings.DANVAN_PERIODIC_JOBS["supervision_plan_reminders"]
    }
    return now


@pytest.fixture
def plan(commune_officer_a):
    base = commune_base(commune_officer_a)
    board = services.board_create(actor=commune_officer_a, base=base, kind="ttnd", term_start=dt.date(YEAR - 1, 1, 1))
    return services.supervision_plan_create(
        actor=commune_officer_a,
        board=board,
        year=YEAR,
        title="",
        rows=[
            PlanRow("Giám sát việc thu, chi quỹ đóng góp làm đường", dt.date(YEAR, 3, 15), "UBND xã"),
            PlanRow("Giám sát việc bình xét hộ nghèo", dt.date(YEAR, 9, 30), "Thôn Đồng"),
        ],
        today=dt.date(YEAR, 1, 5),
    )


def _run_scheduled(run_worker, capture) -> None:
    with capture(execute=True):
        call_command("run_scheduled", stdout=io.StringIO())
    run_worker()


def _notices(user) -> list[str]:
    section = next(s for s in inbox_for_user(user=user, today=timezone.localdate()).sections if s.key == "notices")
    return [item.title for item in section.items]


def test_an_overdue_item_is_reminded_once_through_the_scheduler(
    clock,
    plan,
    commune_officer_a,
    officer_a,
    database_tasks,
    run_worker,
    django_capture_on_commit_callbacks,
):
    # Before the item's time: the daily job runs and reminds nothing.
    clock[0] = at(3, 15)
    _run_scheduled(run_worker, django_capture_on_commit_callbacks)
    assert not Notice.objects.exists()

    # The day after: one notice, for the commune's Front (which runs the board), seen by the commune officer.
    clock[0] = at(3, 16)
    _run_scheduled(run_worker, django_capture_on_commit_callbacks)
    notice = Notice.objects.get()
    assert notice.unit.code == "C7288-MTTQ"
    assert "thu, chi quỹ" in notice.text and "15/03" in notice.text and "đồng chí" in notice.text
    first = plan.items.get(number=1)
    assert notice.link.endswith(f"#item-{first.public_id}")
    assert first.reminded_on == dt.date(YEAR, 3, 16)
    assert any("thu, chi quỹ" in title for title in _notices(commune_officer_a))
    assert _notices(officer_a) == []  # the province is not sent every commune's items
    # The inbox lists the item itself as overdue too.
    section = next(
        s
        for s in inbox_for_user(user=commune_officer_a, today=dt.date(YEAR, 3, 16)).sections
        if s.key == "supervision_plans"
    )
    assert section.items[0].overdue
    event = AuditEvent.objects.get(action=Action.SUPERVISION_REMINDED)
    assert event.actor is None and event.details["count"] == 1

    # Runs on the following days (and twice the same day) remind nothing again.
    for moment in (at(3, 16, 9), at(3, 17), at(6, 1)):
        clock[0] = moment
        _run_scheduled(run_worker, django_capture_on_commit_callbacks)
    assert Notice.objects.count() == 1
    assert AuditEvent.objects.filter(action=Action.SUPERVISION_REMINDED).count() == 1

    # A correction of the other line keeps the first one's reminder; the result of the second, recorded in time,
    # means it is never reminded.
    services.supervision_plan_update(
        actor=commune_officer_a,
        plan=plan,
        title=plan.title,
        rows=[
            PlanRow("Giám sát việc thu, chi quỹ đóng góp làm đường", dt.date(YEAR, 3, 15), "UBND xã"),
            PlanRow("Giám sát việc bình xét hộ nghèo và cận nghèo", dt.date(YEAR, 9, 30), "Thôn Đồng"),
        ],
    )
    assert plan.items.get(number=1).reminded_on == dt.date(YEAR, 3, 16)
    services.supervision_result_record(
        actor=commune_officer_a,
        item=plan.items.get(number=2),
        result_on=dt.date(YEAR, 9, 29),
        findings="Bình xét đúng quy trình.",
        today=dt.date(YEAR, 9, 29),
    )
    clock[0] = at(10, 2)
    _run_scheduled(run_worker, django_capture_on_commit_callbacks)
    assert Notice.objects.count() == 1


def test_the_reminder_reaches_each_overdue_item_once_and_skips_old_years(plan):
    SupervisionPlanItem.objects.create(
        plan=plan, number=3, content="Giám sát cũ", due_on=dt.date(YEAR - 2, 5, 1), target="UBND xã"
    )
    assert services.supervision_overdue_remind(today=dt.date(YEAR, 10, 1)) == 2
    assert services.supervision_overdue_remind(today=dt.date(YEAR, 10, 1)) == 0
    assert services.supervision_overdue_remind(today=dt.date(YEAR, 10, 2)) == 0
    assert Notice.objects.count() == 2
    assert SupervisionPlanItem.objects.get(number=3).reminded_on is None
