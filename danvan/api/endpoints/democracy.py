"""Grassroots democracy: the boards' supervision plans and the disclosure compliance roll-up, read through the same
selectors as their pages (decision 0042)."""

import datetime as dt
import uuid

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from danvan.api.schemas import (
    CODE_PATTERN,
    READ_ERRORS,
    UUID_PATTERN,
    PageParams,
    errors,
    page,
    page_of_queryset,
    page_schema,
)

router = Router(tags=["democracy"])
# The periods the compliance pages offer: a quarter, a half year, nine months or a year (`quarter-2026-1`).
COMPLIANCE_PERIOD = r"^(quarter|half|nine|year)-[0-9]{4}-[0-9]{1,2}$"


class PlanOut(Schema):
    id: uuid.UUID
    year: int
    title: str
    board: uuid.UUID = Field(description="The Ban Thanh tra nhân dân or Ban Giám sát đầu tư của cộng đồng.")
    board_kind: str = Field(description="ttnd or gsdtcd")
    base: uuid.UUID
    base_name: str
    unit: str = Field(description="The code of the base's unit.")
    item_count: int
    done_count: int = Field(description="Items whose result is recorded (locked).")


class PlanItemOut(Schema):
    id: uuid.UUID
    number: int
    content: str
    due_on: dt.date
    target: str
    result_on: dt.date | None = Field(description="Set once the result is recorded; the item is then locked.")
    findings: str
    recommendations: str
    finding: uuid.UUID | None = Field(description="The board's finding the result became, for the commune's answer.")


class PlanDetailOut(PlanOut):
    items: list[PlanItemOut]


PlanPage = page_schema(PlanOut)


def _plan_out(plan, item_count: int, done_count: int) -> dict:
    base = plan.board.base
    return {
        "id": plan.public_id,
        "year": plan.year,
        "title": plan.title,
        "board": plan.board.public_id,
        "board_kind": plan.board.kind,
        "base": base.public_id,
        "base_name": base.name,
        "unit": base.unit.code,
        "item_count": item_count,
        "done_count": done_count,
    }


@router.get("supervision-plans", response={200: PlanPage, **READ_ERRORS}, summary="Kế hoạch giám sát")
def supervision_plans_list(
    request,
    params: Query[PageParams],
    year: int | None = Query(None, ge=2000, le=2100, description="Only this year's plans."),
):
    """The yearly supervision plans of the boards of every base in the caller's scope, newest year first."""
    from danvan.democracy.selectors import supervision_plans_for_user

    result = page_of_queryset(supervision_plans_for_user(user=request.user, year=year), params)
    result["items"] = [_plan_out(p, p.item_count, p.done_count) for p in result["items"]]
    return result


@router.get(
    "supervision-plans/{public_id}", response={200: PlanDetailOut, **READ_ERRORS}, summary="Một kế hoạch giám sát"
)
def supervision_plan_detail(request, public_id: str = Path(..., pattern=UUID_PATTERN)):
    """A plan with its items in order of time; 404 when it is missing or outside the caller's scope."""
    from danvan.democracy.selectors import supervision_plan_get_for_user

    plan = supervision_plan_get_for_user(user=request.user, public_id=uuid.UUID(public_id))
    items = list(plan.items.select_related("finding").order_by("due_on", "number", "id"))
    return {
        **_plan_out(plan, len(items), sum(1 for i in items if i.result_on)),
        "items": [
            {
                "id": i.public_id,
                "number": i.number,
                "content": i.content,
                "due_on": i.due_on,
                "target": i.target,
                "result_on": i.result_on,
                "findings": i.findings,
                "recommendations": i.recommendations,
                "finding": i.finding.public_id if i.finding_id else None,
            }
            for i in items
        ],
    }


class ComplianceRowOut(Schema):
    unit: str = Field(description="The code of the commune's unit (or the base's overseeing unit).")
    base: uuid.UUID | None = Field(description="The base, once the commune has started one.")
    name: str
    province: str
    required: int = Field(description="Required items in the period (quarterly; yearly ones too for a longer one).")
    disclosed: int
    late: int
    missing: int
    short: int = Field(description="Postings that ended before the item's own minimum posting time.")
    behind: bool


class CompliancePageOut(Schema):
    area: str = Field(description="The province, or the centre for the whole country.")
    kind: str
    period: str
    start: dt.date
    end: dt.date
    total: int
    behind: int
    items: list[ComplianceRowOut]
    limit: int
    offset: int
    next_offset: int | None


@router.get("compliance", response={200: CompliancePageOut, **READ_ERRORS, **errors(400)}, summary="Tổng hợp công khai")
def compliance(
    request,
    params: Query[PageParams],
    unit: str | None = Query(
        None, pattern=CODE_PATTERN, description="A province or the centre; by default the caller's highest."
    ),
    kind: str = Query("commune", pattern="^(commune|agency|enterprise)$", description="The kind of base."),
    period: str | None = Query(None, pattern=COMPLIANCE_PERIOD, description="By default this quarter."),
):
    """Each base of the kind under the area with its required items disclosed, late, missing and short-posted; those
    behind first. A fixed number of queries whatever the size of the area. A period the calendar does not have
    (`quarter-2026-5`) answers 400 naming `period`."""
    from danvan.accounts.permissions import can_view_unit, scope_roots
    from danvan.democracy.compliance_store import stored_rollup
    from danvan.democracy.selectors import compliance_rollup
    from danvan.organisations.models import OrgUnit
    from danvan.reports.periods import period_bounds

    levels = (OrgUnit.Level.PROVINCE, OrgUnit.Level.CENTRAL)
    if unit:
        area = OrgUnit.objects.filter(code=unit, level__in=levels).first()
        if area is None or not can_view_unit(request.user, area):
            raise Http404
    else:
        area = next((u for u in scope_roots(request.user).order_by("depth") if u.level in levels), None)
        if area is None:
            raise Http404
    today = timezone.localdate()
    key = period or f"quarter-{today.year}-{(today.month - 1) // 3 + 1}"
    frequency, year, number = key.split("-")
    # Calendar dates, as on the compliance pages; an impossible period is an ApplicationError naming `period`.
    start, end = period_bounds(frequency, int(year), int(number), 0)
    # A calendar quarter is read from its stored table (decision 0047): the same rows, in the same order.
    rows = stored_rollup(area=area, kind=kind, start=start, end=end)
    behind = rows.behind if rows is not None else None
    if rows is None:
        rows = compliance_rollup(area=area, kind=kind, start=start, end=end)
        behind = sum(1 for r in rows if r.behind)
    window = page(rows[params.offset : params.offset + params.limit + 1], params)
    window["items"] = [
        {
            "unit": r.unit.code,
            "base": r.base.public_id if r.base else None,
            "name": r.name,
            "province": r.province_name,
            "required": r.required,
            "disclosed": r.disclosed,
            "late": r.late,
            "missing": r.missing,
            "short": r.short,
            "behind": r.behind,
        }
        for r in window["items"]
    ]
    return {
        "area": area.code,
        "kind": kind,
        "period": key,
        "start": start,
        "end": end,
        "total": len(rows),
        "behind": behind,
        **window,
    }
