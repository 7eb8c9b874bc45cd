"""Supervision plans of the Ban Thanh tra nhân dân and the Ban Giám sát đầu tư của cộng đồng: a yearly plan of
items (content, time, target); an item is locked once its result is recorded, and the result becomes a finding of
the board, where the commune's answer is then recorded (`finding_answer`)."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.models import Board, Finding, SupervisionPlan, SupervisionPlanItem
from danvan.democracy.services.common import _forbidden, locked_edit

MAX_ITEMS = 100


@dataclass(frozen=True)
class PlanRow:
    """One line of the plan's row editor, as the form read it (the date already parsed, or None)."""

    content: str
    due_on: dt.date | None
    target: str


def _clean_rows(rows: list[PlanRow], year: int) -> list[PlanRow]:
    """Check each line, naming the line and the fix; nothing is written when one line is wrong."""
    if len(rows) > MAX_ITEMS:
        raise ApplicationError(f"Nội dung kế hoạch: tối đa {MAX_ITEMS} dòng.", field="items")
    cleaned = []
    for n, row in enumerate(rows, start=1):
        content = " ".join((row.content or "").split())[:500]
        target = " ".join((row.target or "").split())[:255]
        if not content:
            raise ApplicationError(f"Nội dung kế hoạch, dòng {n}: hãy ghi nội dung giám sát.", field="items")
        if row.due_on is None:
            raise ApplicationError(
                f"Nội dung kế hoạch, dòng {n}: hãy ghi thời gian thực hiện (dd/mm/yyyy).", field="items"
            )
        if row.due_on.year != year:
            raise ApplicationError(
                f"Nội dung kế hoạch, dòng {n}: thời gian phải trong năm {year} (đang ghi {row.due_on:%d/%m/%Y}).",
                field="items",
            )
        if not target:
            raise ApplicationError(
                f"Nội dung kế hoạch, dòng {n}: hãy ghi đối tượng giám sát (công trình, cơ quan, người).",
                field="items",
            )
        cleaned.append(PlanRow(content=content, due_on=row.due_on, target=target))
    return cleaned


def _items_snapshot(plan: SupervisionPlan) -> list[dict]:
    return [
        {"number": i.number, "content": i.content, "due_on": i.due_on.isoformat(), "target": i.target}
        for i in plan.items.order_by("number", "id")
    ]


def supervision_plan_create(
    *, actor, board: Board, year: int | None, title: str, rows: list[PlanRow], today=None
) -> SupervisionPlan:
    """Draw up a board's plan for a year (one per board and year), with at least one item."""
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    if year is None or not (2000 <= year <= today.year + 1):
        raise ApplicationError(f"Năm kế hoạch: hãy chọn một năm từ 2000 đến {today.year + 1}.", field="year")
    title = " ".join((title or "").split())[:255] or f"Kế hoạch giám sát năm {year}"
    rows = _clean_rows(rows, year)
    if not rows:
        raise ApplicationError(
            "Nội dung kế hoạch: cần ít nhất một dòng (nội dung, thời gian, đối tượng).", field="items"
        )
    try:
        with transaction.atomic():
            plan = SupervisionPlan.objects.create(board=board, year=year, title=title, created_by=actor)
            SupervisionPlanItem.objects.bulk_create(
                SupervisionPlanItem(plan=plan, number=n, content=r.content, due_on=r.due_on, target=r.target)
                for n, r in enumerate(rows, start=1)
            )
            audit_record(
                actor=actor,
                action=Action.SUPERVISION_PLAN_CREATED,
                unit=board.base.unit,
                target=plan,
                after={"year": year, "title": title, "items": _items_snapshot(plan)},
            )
    except IntegrityError:
        # Two people drawing up the same year's plan at once: the unique constraint keeps one.
        raise ApplicationError(
            f"Năm kế hoạch: ban này đã có kế hoạch giám sát năm {year}; hãy mở và sửa kế hoạch đó.", field="year"
        ) from None
    return plan


def supervision_plan_update(
    *, actor, plan: SupervisionPlan, title: str, rows: list[PlanRow], expected_version=None
) -> SupervisionPlan:
    """Correct the plan's title and its open items. Items with a recorded result are locked and kept as they are;
    `rows` replaces the open ones. The audit keeps the items before and after."""
    if not perms.can_record_for(actor, plan.board.base):
        raise _forbidden()
    title = " ".join((title or "").split())[:255] or plan.title
    locked_count = plan.items.filter(result_on__isnull=False).count()
    # Lines are numbered as the person sees them in the editor, which lists the open items only.
    rows = _clean_rows(rows, plan.year)
    if not rows and not locked_count:
        raise ApplicationError(
            "Nội dung kế hoạch: cần ít nhất một dòng (nội dung, thời gian, đối tượng).", field="items"
        )
    before_items = _items_snapshot(plan)

    def replace_open_items(locked_plan):
        locked_numbers = list(
            locked_plan.items.filter(result_on__isnull=False).order_by("number").values_list("number", flat=True)
        )
        # A line kept as it was keeps its reminder: correcting another line does not remind it a second time.
        reminded = {
            (content, due_on, target): on
            for content, due_on, target, on in locked_plan.items.filter(
                result_on__isnull=True, reminded_on__isnull=False
            ).values_list("content", "due_on", "target", "reminded_on")
        }
        locked_plan.items.filter(result_on__isnull=True).delete()
        start = (max(locked_numbers) if locked_numbers else 0) + 1
        SupervisionPlanItem.objects.bulk_create(
            SupervisionPlanItem(
                plan=locked_plan,
                number=n,
                content=r.content,
                due_on=r.due_on,
                target=r.target,
                reminded_on=reminded.get((r.content, r.due_on, r.target)),
            )
            for n, r in enumerate(rows, start=start)
        )
        return {"items": _items_snapshot(locked_plan), "items_before": before_items}

    return locked_edit(
        actor=actor,
        row=plan,
        fields=["title"],
        changes={"title": title},
        action=Action.SUPERVISION_PLAN_UPDATED,
        unit=plan.board.base.unit,
        what="kế hoạch giám sát",
        expected_version=expected_version,
        then=replace_open_items,
    )


def supervision_result_record(
    *,
    actor,
    item: SupervisionPlanItem,
    result_on: dt.date | None,
    findings: str,
    recommendations: str = "",
    publish: bool = False,
    today=None,
) -> SupervisionPlanItem:
    """Record what the supervision of one plan item found and recommended. The item is locked from then on, and
    the result is filed as a finding of the board so the commune's answer can follow."""
    today = today or timezone.localdate()
    board = item.plan.board
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    findings = (findings or "").strip()
    recommendations = (recommendations or "").strip()
    if result_on is None or result_on > today:
        raise ApplicationError("Ngày giám sát: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="result_on")
    if not findings:
        raise ApplicationError("Kết quả giám sát: hãy ghi những gì ban phát hiện.", field="findings")
    if publish and not perms.can_publish_for(actor, board.base):
        publish = False
    with transaction.atomic():
        locked = SupervisionPlanItem.objects.select_for_update().get(pk=item.pk)
        if locked.result_on is not None:
            raise ApplicationError(
                f"Mục {locked.number} đã ghi kết quả ngày {locked.result_on:%d/%m/%Y} và đã khóa; "
                "hãy ghi trả lời của xã ở phần kết quả giám sát.",
                field="findings",
            )
        finding = Finding.objects.create(
            board=board,
            subject=f"{locked.target}: {locked.content}"[:255],
            found_on=result_on,
            finding=findings,
            recommendation=recommendations,
            is_published=publish,
            created_by=actor,
        )
        locked.findings = findings
        locked.recommendations = recommendations
        locked.result_on = result_on
        locked.result_by = actor
        locked.finding = finding
        locked.save(update_fields=["findings", "recommendations", "result_on", "result_by", "finding"])
        audit_record(
            actor=actor,
            action=Action.SUPERVISION_RESULT_RECORDED,
            unit=board.base.unit,
            target=locked.plan,
            after={
                "item": locked.number,
                "result_on": result_on.isoformat(),
                "findings": findings,
                "recommendations": recommendations,
            },
        )
    return locked


# The first run after a deployment would otherwise remind every item ever missed: older ones stay in the inbox.
REMIND_WITHIN_DAYS = 365


def _front_units(unit_ids: set[int]) -> dict:
    """{base unit id: its Ủy ban MTTQ}: a commune's boards are run by the commune's Front (DOMAIN.md §2)."""
    from danvan.organisations.models import OrgUnit

    return {
        u.parent_id: u
        for u in OrgUnit.objects.filter(
            parent_id__in=unit_ids, kind=OrgUnit.Kind.FATHERLAND_FRONT, is_active=True
        ).order_by("-id")
    }


def supervision_overdue_remind(*, today: dt.date) -> int:
    """The daily reminder: each plan item past its time without a result leaves one notice for the commune's Ủy ban
    MTTQ, which runs the boards (a base without one: its own unit). Notices reach the people of that unit and of
    the unit above, so the commune officer who records for the board sees it in the inbox and on the bell, and the
    province is not sent every commune's items. An item is reminded once: its
    `reminded_on` is set in the same transaction, on rows locked against a second runner. Returns the number of
    items reminded."""
    from django.urls import reverse

    from danvan.reports.models import Notice

    with transaction.atomic():
        items = list(
            SupervisionPlanItem.objects.select_for_update(of=("self",))
            .filter(
                result_on__isnull=True,
                reminded_on__isnull=True,
                due_on__lt=today,
                due_on__gte=today - dt.timedelta(days=REMIND_WITHIN_DAYS),
            )
            .select_related("plan__board__base__unit")
            .order_by("due_on", "id")
        )
        if not items:
            return 0
        fronts = _front_units({i.plan.board.base.unit_id for i in items})
        notices = []
        for item in items:
            board = item.plan.board
            text = (
                f"Quá hạn giám sát: mục {item.number} “{item.content[:200]}” ({item.target[:100]}) của {board} "
                f"đến hạn {item.due_on:%d/%m/%Y}, chưa ghi kết quả. Đề nghị đồng chí ghi kết quả hoặc sửa kế hoạch."
            )
            notices.append(
                Notice(
                    unit=fronts.get(board.base.unit_id, board.base.unit),
                    text=text[:500],
                    link=reverse("democracy:supervision_plan", args=[item.plan.public_id]) + f"#item-{item.public_id}",
                )
            )
        Notice.objects.bulk_create(notices)
        SupervisionPlanItem.objects.filter(pk__in=[i.pk for i in items]).update(reminded_on=today)
        audit_record(
            actor=None,
            action=Action.SUPERVISION_REMINDED,
            details={
                "count": len(items),
                "items": [
                    {"plan": str(i.plan.public_id), "number": i.number, "due_on": i.due_on.isoformat()}
                    for i in items[:500]
                ],
                "units": sorted({i.plan.board.base.unit.code for i in items})[:500],
            },
            system_label="nhắc mục kế hoạch giám sát quá hạn hằng ngày",
        )
    return len(items)
