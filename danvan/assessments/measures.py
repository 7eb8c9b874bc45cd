"""The figures danvan already holds, offered as evidence next to a criterion so that nobody types them again.

A criterion names a measure (`Criterion.measure`, data). Each measure reads another module's records for the
assessed body and the units below it, over the calendar year, and answers a `Figure`: a count, or "done in time
out of all" with its rate. Each is a few indexed queries; the QCDC one reads each grassroots base of the area.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Min, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from danvan.organisations.models import OrgUnit, OrgUnitClosure


@dataclass(frozen=True)
class Figure:
    value: int
    total: int | None = None  # None: a plain count
    unit_label: str = ""

    @property
    def rate(self) -> int | None:
        if not self.total:
            return None
        return round(100 * self.value / self.total)

    @property
    def text(self) -> str:
        if self.total is None:
            return f"{self.value} {self.unit_label}".strip()
        if not self.total:
            return f"0 {self.unit_label} (không phát sinh)".strip()
        return f"{self.value}/{self.total} {self.unit_label} ({self.rate}%)".strip()


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    compute: Callable[..., Figure]  # (area: queryset of unit ids, start, end, today) -> Figure


def _reports_on_time(*, area, start, end, today) -> Figure:
    from django.utils import timezone

    from danvan.reports.models import Submission

    due = Submission.objects.filter(unit__in=area, due_date__range=(start, min(end, today)))
    total = due.count()
    on_time = sum(
        1
        for submitted_at, due_date in due.exclude(submitted_at=None).values_list("submitted_at", "due_date")
        if timezone.localtime(submitted_at).date() <= due_date
    )
    return Figure(on_time, total, "báo cáo nộp đúng hạn")


def _tasks_on_time(*, area, start, end, today) -> Figure:
    from danvan.workplans.models import Task, TaskUpdate

    done_at = TaskUpdate.objects.filter(task=OuterRef("pk"), status=Task.Status.DONE).values("task")
    tasks = (
        Task.objects.filter(assignee__in=area, deadline__range=(start, min(end, today)))
        .exclude(status=Task.Status.CANCELLED)
        .annotate(done_at=Subquery(done_at.annotate(first=Min("at")).values("first")[:1]))
    )
    total = 0
    on_time = 0
    for status, deadline, done_at in tasks.values_list("status", "deadline", "done_at"):
        total += 1
        if status == Task.Status.DONE and done_at is not None and done_at.date() <= deadline:
            on_time += 1
    return Figure(on_time, total, "nhiệm vụ hoàn thành đúng hạn")


def _petitions_in_time(*, area, start, end, today) -> Figure:
    from django.db.models import F

    from danvan.petitions.models import Petition

    due = Petition.objects.filter(unit__in=area, due_on__range=(start, min(end, today)))
    total = due.count()
    resolved = due.filter(
        status__in=(Petition.Status.RESOLVED, Petition.Status.CLOSED_UNRESOLVED), closed_on__lte=F("due_on")
    ).count()
    return Figure(resolved, total, "đơn thư giải quyết đúng hạn")


def _dialogues(*, area, start, end, today) -> Figure:
    from danvan.petitions.models import Dialogue

    return Figure(Dialogue.objects.filter(unit__in=area, held_on__range=(start, end)).count(), None, "cuộc đối thoại")


def _models_recognised(*, area, start, end, today) -> Figure:
    from danvan.initiatives.selectors import initiatives_recognised_between

    return Figure(initiatives_recognised_between(area=area, start=start, end=end), None, "mô hình được công nhận")


# The QCDC measure reads each base of the area; a province has about a hundred communes.
QCDC_MAX_BASES = 300


def _qcdc(*, area, start, end, today) -> Figure:
    from danvan.democracy.models import Base
    from danvan.democracy.selectors import compliance_for_base

    ok = required = 0
    for base in Base.objects.filter(unit__in=area).order_by("id")[:QCDC_MAX_BASES]:
        for row in compliance_for_base(base=base, start=start, end=min(end, today), today=today):
            if row.required:
                required += 1
                ok += row.state == "ok"
    return Figure(ok, required, "nội dung QCDC công khai đúng hạn")


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("reports.on_time", _("Reports submitted on time"), _reports_on_time),
        Measure("workplans.on_time", _("Tasks completed on time"), _tasks_on_time),
        Measure("petitions.in_time", _("Petitions resolved in time"), _petitions_in_time),
        Measure("petitions.dialogues", _("Dialogues with citizens held"), _dialogues),
        Measure("initiatives.recognised", _("“Dân vận khéo” models recognised"), _models_recognised),
        Measure("democracy.compliance", _("Grassroots democracy (QCDC) disclosures on time"), _qcdc),
    )
}


def measure_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(key, str(m.label)) for key, m in MEASURES.items()]


def body_area(body: OrgUnit):
    """The body and every unit below it: their records count towards its figures."""
    return OrgUnitClosure.objects.filter(ancestor=body).values("descendant_id")


def figures_for(*, body: OrgUnit, year: int, keys, today: dt.date) -> dict[str, Figure]:
    """{measure key: Figure} of `body` for the calendar `year`, computed once per measure named in `keys`."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    area = body_area(body)
    return {
        key: MEASURES[key].compute(area=area, start=start, end=end, today=today)
        for key in dict.fromkeys(keys)
        if key in MEASURES
    }
