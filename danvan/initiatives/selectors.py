"""Reads of model initiatives for a user. Out of scope answers the same as missing: 404."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from danvan.accounts.permissions import READ_ROLES
from danvan.core.text import fold_tokens
from danvan.initiatives.models import (
    RECOGNISED_STATUSES,
    Evaluation,
    Initiative,
    InitiativePhoto,
    InitiativeResult,
    InitiativeTarget,
    InitiativeUpdate,
    Status,
)
from danvan.initiatives.permissions import can_view_initiative
from danvan.organisations.models import OrgUnitClosure
from danvan.organisations.selectors import orgunit_subtree


def _visible(user) -> Q:
    """Models of units in the user's scope, plus every recognised model (the showcase is open to all staff)."""
    in_scope = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=READ_ROLES,
    )
    return Q(Exists(in_scope)) | Q(status__in=RECOGNISED_STATUSES)


def _latest_update_id():
    return Subquery(
        InitiativeUpdate.objects.filter(initiative=OuterRef("pk")).order_by("-reported_on", "-id").values("id")[:1]
    )


def initiative_list_for_user(
    *,
    user,
    query: str = "",
    field: str = "",
    province: str = "",
    status: str = "",
    level: str = "",
    year: int | None = None,
    new_rural: bool = False,
    limit: int = 100,
) -> list[Initiative]:
    """The library: models the user may see, newest first, filtered; every word of `query` must match.

    Each row carries its unit, province, latest update date, best evaluation total, target count and latest
    photo id (subqueries, no per-row queries).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    qs = Initiative.objects.filter(_visible(user))
    for token in fold_tokens(query)[:8]:
        qs = qs.filter(search_text__contains=" " + token)
    if field:
        qs = qs.filter(field=field)
    if province:
        qs = qs.filter(province__code=province)
    if status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(recognition_level=level)
    if new_rural:
        qs = qs.filter(new_rural=True)
    best = Evaluation.objects.filter(initiative=OuterRef("pk")).order_by("-total").values("total")[:1]
    latest = (
        InitiativeUpdate.objects.filter(initiative=OuterRef("pk")).order_by("-reported_on").values("reported_on")[:1]
    )
    # Scalar subqueries, not JOIN + GROUP BY: PostgreSQL evaluates them for the page's rows only, after the LIMIT.
    targets = (
        InitiativeTarget.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(n=Count("id"))
        .values("n")
    )
    photo = InitiativePhoto.objects.filter(update__initiative=OuterRef("pk")).order_by("-id").values("id")[:1]
    qs = qs.select_related("unit", "province").annotate(
        best_total=Subquery(best),
        latest_update_on=Subquery(latest),
        target_count=Subquery(targets),
        photo_id=Subquery(photo),
    )
    if year:
        return list(qs.filter(year=year).order_by("-id")[:limit])
    # Without a year, read year by year, newest first, until the page is full. One query over all years makes
    # PostgreSQL fetch and sort every match of a common word (55,000 rows, ~350 ms at 500,000 models); one year
    # at a time is ~80 ms and usually fills the page. Bounded by the number of years, not by rows.
    bounds = Initiative.objects.aggregate(lo=Min("year"), hi=Max("year"))
    rows: list[Initiative] = []
    if bounds["hi"] is None:
        return rows
    for y in range(bounds["hi"], bounds["lo"] - 1, -1):
        rows.extend(qs.filter(year=y).order_by("-id")[: limit - len(rows)])
        if len(rows) >= limit:
            break
    return rows


def initiative_get_for_user(*, user, code: str) -> Initiative:
    initiative = (
        Initiative.objects.select_related("unit", "province", "replicated_from__unit", "lineage_root", "decided_by")
        .filter(code=code)
        .first()
    )
    if initiative is None or not can_view_initiative(user, initiative):
        raise Http404("Không tìm thấy mô hình.")
    return initiative


@dataclass
class TargetProgress:
    target: object
    latest: object = None  # Decimal or None

    @property
    def percent(self) -> int | None:
        if self.latest is None or not self.target.target_value:
            return None
        return int(self.latest * 100 / self.target.target_value)


def initiative_detail(*, initiative: Initiative) -> dict:
    """Everything the detail page shows, in a fixed number of queries."""
    updates = list(
        initiative.updates.select_related("created_by").prefetch_related(
            Prefetch("results", queryset=InitiativeResult.objects.select_related("target")), "photos"
        )
    )
    targets = list(initiative.targets.all())
    latest: dict[int, object] = {}
    # Updates come newest first: the first value seen for a target is its latest.
    for update in updates:
        for result in update.results.all():
            latest.setdefault(result.target_id, result.value)
    evaluations = list(
        initiative.evaluations.select_related("evaluator", "scheme").prefetch_related("scores__criterion")
    )
    return {
        "progress": [TargetProgress(t, latest.get(t.pk)) for t in targets],
        "updates": updates,
        "evaluations": evaluations,
        "recognitions": list(initiative.recognitions.select_related("decided_by")),
        "commendations": list(initiative.commendations.all()),
        # Biểu dương conferences that honoured it (meetings app).
        "honoured_at": list(initiative.honoured_at.order_by("starts_at")),
    }


@dataclass
class LineageNode:
    initiative: Initiative
    results: list = field(default_factory=list)  # InitiativeResult of the latest update, with their targets
    latest_update_on: object = None
    children: list = field(default_factory=list)


def initiative_lineage(*, initiative: Initiative) -> LineageNode:
    """The whole lineage tree of `initiative` (from its root), each node with unit and latest results.

    Two queries whatever the size: the members by `lineage_root`, then the results of their latest updates.
    """
    root_id = initiative.lineage_root_id or initiative.pk
    members = list(
        Initiative.objects.filter(Q(pk=root_id) | Q(lineage_root_id=root_id))
        .select_related("unit", "province")
        .annotate(latest_update_id=_latest_update_id())
        .order_by("start_date", "id")
    )
    update_ids = [m.latest_update_id for m in members if m.latest_update_id]
    by_update: dict[int, list] = {}
    dates: dict[int, object] = {}
    for result in InitiativeResult.objects.filter(update_id__in=update_ids).select_related("target", "update"):
        by_update.setdefault(result.update_id, []).append(result)
        dates[result.update_id] = result.update.reported_on
    nodes = {
        m.pk: LineageNode(m, by_update.get(m.latest_update_id, []), dates.get(m.latest_update_id)) for m in members
    }
    for m in members:
        if m.replicated_from_id in nodes and m.pk != root_id:
            nodes[m.replicated_from_id].children.append(nodes[m.pk])
    return nodes[root_id]


def lineage_flat(node: LineageNode, depth: int = 0) -> list[tuple[int, LineageNode]]:
    """The tree as (depth, node) rows in display order, for templates."""
    rows = [(depth, node)]
    for child in node.children:
        rows.extend(lineage_flat(child, depth + 1))
    return rows


def initiative_counts(*, unit, year: int) -> dict[str, int]:
    """Indicators for the reports module: models of `unit`'s subtree in `year` (one query).

    registered = registrations not rejected; recognised = recognised, outstanding or proposed for
    commendation; replicated = registrations that adopt another unit's model.
    """
    qs = Initiative.objects.filter(unit__in=orgunit_subtree(unit), year=year)
    return qs.aggregate(
        registered=Count("id", filter=~Q(status=Status.REJECTED)),
        recognised=Count("id", filter=Q(status__in=RECOGNISED_STATUSES)),
        replicated=Count("id", filter=Q(replicated_from__isnull=False) & ~Q(status=Status.REJECTED)),
    )


def initiatives_registered_between(*, area, start, end) -> int:
    """Report source "initiatives.registered": registrations (not rejected) made by units of `area` in the dates."""
    return (
        Initiative.objects.filter(unit__in=area, created_at__date__range=(start, end))
        .exclude(status=Status.REJECTED)
        .count()
    )


def initiatives_recognised_between(*, area, start, end) -> int:
    """Report source "initiatives.recognised": models of `area` first recognised (any level) in the dates.

    A model recognised by the commune and later by the province counts once, in the period of the first.
    """
    from danvan.initiatives.models import Recognition

    return (
        Recognition.objects.filter(initiative__unit__in=area)
        .values("initiative_id")
        .annotate(first=Min("decided_on"))
        .filter(first__range=(start, end))
        .count()
    )


def initiatives_replicated_between(*, area, start, end) -> int:
    """Report source "initiatives.replicated": adoptions of another unit's model registered by `area` in the dates."""
    return (
        Initiative.objects.filter(unit__in=area, replicated_from__isnull=False, created_at__date__range=(start, end))
        .exclude(status=Status.REJECTED)
        .count()
    )


def pending_for_user(*, user, limit: int = 50) -> QuerySet[Initiative]:
    """Registrations waiting for a decision the user may take (roles on a strict ancestor of the unit)."""
    from danvan.accounts.permissions import APPROVE_ROLES

    above = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        depth__gt=0,
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=APPROVE_ROLES,
    )
    return (
        Initiative.objects.filter(Exists(above), status=Status.REGISTERED)
        .select_related("unit")
        .order_by("year", "id")[:limit]
    )


def schemes_for_user(*, user) -> list:
    """The starter scheme and the schemes of provinces in the user's scope, newest year first."""
    from danvan.accounts.permissions import units_in_scope
    from danvan.initiatives.models import EvaluationScheme

    return list(
        EvaluationScheme.objects.filter(Q(is_starter=True) | Q(unit__in=units_in_scope(user)))
        .select_related("unit")
        .prefetch_related("criteria")
        .order_by("-is_starter", "-year", "unit__name")
    )
